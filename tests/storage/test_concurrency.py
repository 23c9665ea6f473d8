"""Two processes editing one portfolio: a write transaction begins IMMEDIATE on a file (on
a server it takes the writers' advisory lock), so the second writer waits for the first
instead of failing with "database is locked", or, on a server, instead of reading the value
the first is about to change and losing that change.

The normal run edits for a few seconds; CS_PLANNER_SOAK_SECONDS=20 runs the soak of
issue 11 (docs/DEVELOPING.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from cs_planner.domain.model import Account
from cs_planner.storage import open_portfolio

SECONDS = float(os.environ.get("CS_PLANNER_SOAK_SECONDS", "3"))

EDITOR = textwrap.dedent(
    """
    import json, sys, time
    from cs_planner.domain.model import Account
    from cs_planner.storage import open_portfolio

    path, account_id, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    portfolio = open_portfolio(path)
    edits, errors = 0, []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with portfolio.session() as session:  # read, then write: what an edit does
                account = session.get(Account, account_id)
                account.licensed_seats = account.licensed_seats + 1
            edits += 1
        except Exception as exc:  # what would reach the user
            errors.append(str(exc).splitlines()[0])
    portfolio.close()
    print(json.dumps({"edits": edits, "errors": errors[:5], "failed": len(errors)}))
    """
)


@pytest.fixture(params=["sqlite", "postgresql"])
def shared(request, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return str(tmp_path / "shared.csplan")


def test_two_processes_editing_one_portfolio_lose_nothing(shared: str, tmp_path: Path) -> None:
    path = shared
    portfolio = open_portfolio(path)
    with portfolio.session() as s:
        account = Account(name="Kestrel", initial_deal_value=1000, licensed_seats=0)
        s.add(account)
        s.flush()
        account_id = account.id
    portfolio.close()
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    editors = [
        subprocess.Popen(
            [sys.executable, str(script), path, str(account_id), str(SECONDS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    reports = []
    for editor in editors:
        out, err = editor.communicate(timeout=SECONDS + 120)
        assert editor.returncode == 0, err
        reports.append(json.loads(out))
    assert [r["failed"] for r in reports] == [0, 0], reports
    assert all(r["edits"] > 0 for r in reports), reports
    reader = open_portfolio(path, mode="read")
    with reader.read() as s:  # every acknowledged edit is there: none lost, none doubled
        seats = s.scalar(select(Account.licensed_seats).where(Account.id == account_id))
    reader.close()
    assert seats == sum(r["edits"] for r in reports)


def test_a_read_takes_no_write_lock(tmp_path: Path) -> None:
    """While one connection is inside a write transaction, another still reads at once."""
    path = tmp_path / "shared.csplan"
    writer = open_portfolio(path)
    other = open_portfolio(path)
    try:
        with writer.session() as s:
            s.add(Account(name="Pending", initial_deal_value=1000))
            s.flush()
            with other.read() as r:
                assert r.scalars(select(Account.name)).all() == []
        with other.read() as r:
            assert r.scalars(select(Account.name)).all() == ["Pending"]
    finally:
        writer.close()
        other.close()
