"""Say what it is: a file locked by another program, a read-only folder, a damaged file
(with what the check found) are three different messages, none of them "not a
portfolio"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cs_planner.domain.model import Account
from cs_planner.storage import DamagedError, PortfolioLockedError, open_portfolio, sqlite_file


def _portfolio(path: Path, *, journal: str = "WAL") -> Path:
    portfolio = open_portfolio(path)
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    portfolio.close()
    if journal != "WAL":
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA journal_mode={journal}")
        conn.close()
    return path


@pytest.mark.parametrize("mode", ["write", "read"])
def test_a_file_locked_by_another_program(tmp_path: Path, monkeypatch, mode: str) -> None:
    monkeypatch.setattr(sqlite_file, "BUSY_SECONDS", 0.2)
    path = _portfolio(tmp_path / "plan.csplan", journal="DELETE")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(PortfolioLockedError, match="locked by another program") as info:
            open_portfolio(path, mode=mode)
        assert "not a cs_planner portfolio" not in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _open(path: Path, mode: str) -> str:
    from cs_planner.storage import PortfolioError

    try:
        open_portfolio(path, mode=mode).close()
    except PortfolioError as exc:
        return f"{type(exc).__name__} {exc}"
    return "opened"


def test_a_read_only_folder_is_called_that(shared_dir: Path, as_user) -> None:
    folder = shared_dir / "ro"
    folder.mkdir()
    path = _portfolio(folder / "plan.csplan")
    folder.chmod(0o555)
    wrote = as_user(_open, path, "write", owned=(folder,))
    assert wrote.startswith("ReadOnlyError The folder"), wrote
    assert "is read-only" in wrote and "not a cs_planner portfolio" not in wrote
    assert as_user(_open, path, "read", owned=(folder,)) == "opened"
    assert sorted(p.name for p in folder.iterdir()) == ["plan.csplan"]


def test_a_read_only_file_is_called_that(shared_dir: Path, as_user) -> None:
    path = _portfolio(shared_dir / "plan.csplan")
    path.chmod(0o400)
    wrote = as_user(_open, path, "write", owned=(shared_dir,))
    assert wrote.startswith("ReadOnlyError plan.csplan is read-only"), wrote


def test_damage_says_what_the_check_found(tmp_path: Path) -> None:
    path = _portfolio(tmp_path / "plan.csplan")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints=ON")
    conn.execute("UPDATE account SET lifecycle_stage = 'bogus'")
    conn.commit()
    conn.close()
    with pytest.raises(DamagedError) as info:
        open_portfolio(path)
    message = str(info.value)
    assert "is damaged: row 1 of the table 'account' has lifecycle_stage not one of" in message
    assert "\n" not in message


CRASH_MID_WRITE = (
    "import os, sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "c.execute('PRAGMA cache_size=1')\n"  # spill: changed pages reach the file before COMMIT
    "c.execute('BEGIN')\n"
    'c.execute("UPDATE account SET notes = hex(randomblob(3000))")\n'
    "c.execute(\"UPDATE account SET name = 'Half written'\")\n"
    "os._exit(0)\n"
)


def test_an_unfinished_write_is_rolled_back_by_the_app_only(tmp_path: Path) -> None:
    import subprocess
    import sys

    from sqlalchemy import select

    from cs_planner.storage import PortfolioError

    path = _portfolio(tmp_path / "plan.csplan", journal="DELETE")
    subprocess.run([sys.executable, "-c", CRASH_MID_WRITE, str(path)], check=True)
    assert Path(f"{path}-journal").exists()
    with pytest.raises(PortfolioError, match="holds an unfinished change"):
        open_portfolio(path, mode="read")
    opened = open_portfolio(path)  # SQLite's recovery: the file as before the crash
    with opened.read() as s:
        assert s.scalars(select(Account.name)).all() == ["Kestrel"]
    opened.close()
