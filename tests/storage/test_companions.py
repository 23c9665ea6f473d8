"""A -wal beside a portfolio must be its own: SQLite would merge another file's pages
silently. Every file has a random id in its settings row, and every write transaction
rewrites that row, so the id the main file holds and the one seen through the -wal agree,
or the file is refused untouched. Also: permissions of what storage creates."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from cs_planner.domain.model import Account, Settings
from cs_planner.storage import ForeignCompanionError, PortfolioError, open_portfolio
from tests.conftest import SQLITE_ONLY

CRASH = (
    "import os, sys\n"
    "from cs_planner.domain.model import Account\n"
    "from cs_planner.storage import open_portfolio\n"
    "portfolio = open_portfolio(sys.argv[1])\n"
    "with portfolio.session() as session:\n"
    "    session.add(Account(name=sys.argv[2], initial_deal_value=1000))\n"
    "os._exit(0)\n"  # killed: the commit stays in -wal, -shm stays too
)


def _portfolio(path: Path, name: str) -> Path:
    portfolio = open_portfolio(path)
    with portfolio.session() as s:
        s.add(Account(name=name, initial_deal_value=1000))
    portfolio.close()
    return path


def _file_id(path: Path) -> str:
    reader = open_portfolio(path, mode="read")
    with reader.read() as s:
        found = s.get(Settings, 1).file_id
    reader.close()
    return found


def _crash_after_an_edit(path: Path, name: str) -> None:
    subprocess.run([sys.executable, "-c", CRASH, str(path), name], check=True, timeout=120)


@pytest.mark.parametrize("keep_shm", [True, False], ids=["with-shm", "wal-alone"])
def test_a_portfolio_copied_over_another_ones_wal_is_refused(
    tmp_path: Path, keep_shm: bool
) -> None:
    ours = _portfolio(tmp_path / "ours.csplan", "Kestrel")
    theirs = _portfolio(tmp_path / "theirs.csplan", "Osprey")
    _crash_after_an_edit(theirs, "Unsaved")
    shutil.copyfile(ours, theirs)  # copied over, the other file's -wal still beside it
    if not keep_shm:
        Path(f"{theirs}-shm").unlink()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.endswith("shm")}
    for mode in ("read", "write"):
        with pytest.raises(ForeignCompanionError, match=r"theirs\.csplan-wal beside"):
            open_portfolio(theirs, mode=mode)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if not p.name.endswith("shm")}
    assert after == before


def test_its_own_wal_after_a_crash_is_kept(tmp_path: Path) -> None:
    path = _portfolio(tmp_path / "plan.csplan", "Kestrel")
    _crash_after_an_edit(path, "Osprey")
    reopened = open_portfolio(path)
    with reopened.read() as s:
        assert sorted(s.scalars(select(Account.name))) == ["Kestrel", "Osprey"]
    reopened.close()


def test_every_write_transaction_rewrites_the_settings_row(portfolio) -> None:
    def count() -> int:
        with portfolio.read() as s:
            return s.get(Settings, 1).write_count

    first = count()
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    assert count() == first + 1
    with portfolio.session() as s:  # a transaction that wrote nothing: no write
        s.scalars(select(Account)).all()
    assert count() == first + 1


@SQLITE_ONLY
def test_files_get_their_own_id_and_copies_a_new_one(portfolio, tmp_path: Path) -> None:
    other = _portfolio(tmp_path / "other.csplan", "Osprey")
    copy = portfolio.save_copy(tmp_path / "copy.csplan")
    ids = {_file_id(portfolio.path), _file_id(other), _file_id(copy)}
    assert len(ids) == 3 and all(len(i) == 32 for i in ids)


def test_a_new_file_beside_a_dead_files_journal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.csplan"
    Path(f"{path}-wal").write_bytes(b"left from a deleted file")
    with pytest.raises(PortfolioError, match=r"plan.csplan-wal is left from an earlier file"):
        open_portfolio(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csplan-wal"]


def test_an_empty_file_beside_a_dead_files_journal_is_not_started(tmp_path: Path) -> None:
    path = tmp_path / "plan.csplan"
    path.touch()
    Path(f"{path}-wal").write_bytes(b"left from a deleted file")
    with pytest.raises(PortfolioError, match=r"plan.csplan-wal is left from an earlier file"):
        open_portfolio(path, allow_empty=True)
    assert path.stat().st_size == 0


def test_new_folders_and_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        path = tmp_path / "new" / "plan.csplan"
        _portfolio(path, "Kestrel")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
