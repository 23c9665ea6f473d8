"""The read commands and storage: a file that turns out bad (or changes) while it is read
is one line on stderr, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cs_planner import cli
from cs_planner.domain.accounts import queries
from cs_planner.domain.model import Account
from cs_planner.storage import open_portfolio


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.csplan"
    portfolio = open_portfolio(path)
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    portfolio.close()
    return path


def test_damage_found_mid_read_is_one_line(plan: Path, monkeypatch, capsys) -> None:
    def malformed(_session):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(queries, "list_accounts", malformed)
    assert cli.main(["accounts", str(plan)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "could not be read (database disk image is malformed)" in err


def test_a_file_changed_mid_read_is_one_line(plan: Path, monkeypatch, capsys) -> None:
    real = queries.list_accounts

    def then_write(session):
        rows = real(session)
        writer = open_portfolio(plan)
        with writer.session() as s:
            s.add(Account(name="Osprey", initial_deal_value=1000))
        writer.close()
        return rows

    monkeypatch.setattr(queries, "list_accounts", then_write)
    assert cli.main(["accounts", str(plan)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "changed by another program" in captured.err
