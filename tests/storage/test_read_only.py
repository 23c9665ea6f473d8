"""accounts, export and --screenshot open read-only: they never create, convert, migrate,
switch the journal, insert a settings row or add -wal/-shm (the corpus checks every bad
file's folder too). Only the app and demo create or upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from cs_planner.domain.model import Account, Settings
from cs_planner.storage import (
    EmptyFileError,
    OlderVersionError,
    PortfolioError,
    migrate,
    open_portfolio,
)


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _filled(path: Path) -> Path:
    portfolio = open_portfolio(path)
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    portfolio.close()
    return path


@pytest.mark.parametrize("kind", ["zero-bytes", "empty-database"])
def test_an_empty_file_is_not_turned_into_a_portfolio(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "plan.csplan"
    if kind == "zero-bytes":
        path.touch()
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")
        conn.execute("DROP TABLE t")
        conn.close()
    before = _listing(tmp_path)
    with pytest.raises(EmptyFileError, match="holds no portfolio yet"):
        open_portfolio(path, mode="read")
    with pytest.raises(EmptyFileError, match="holds no portfolio yet"):
        open_portfolio(path)  # the app too, unless the user says so (ui/opening.py asks)
    assert _listing(tmp_path) == before
    opened = open_portfolio(path, allow_empty=True)
    with opened.read() as s:
        assert s.get(Settings, 1) is not None
    opened.close()


def test_reading_leaves_a_checkpointed_file_alone(tmp_path: Path) -> None:
    path = _filled(tmp_path / "plan.csplan")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("DELETE FROM settings")
    conn.commit()
    conn.close()
    before = _listing(tmp_path)
    reader = open_portfolio(path, mode="read")
    with reader.read() as s:
        assert s.scalars(select(Account.name)).all() == ["Kestrel"]
        assert s.get(Settings, 1) is None  # not inserted
    with reader.session() as s:  # a read-only portfolio's session is a read too
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "delete"
    reader.close()
    assert _listing(tmp_path) == before


def test_reading_a_wal_file_adds_no_companions(tmp_path: Path) -> None:
    path = _filled(tmp_path / "plan.csplan")
    before = _listing(tmp_path)
    assert list(before) == ["plan.csplan"]
    reader = open_portfolio(path, mode="read")
    with reader.read() as s:
        assert s.scalars(select(Account.name)).all() == ["Kestrel"]
    reader.close()
    assert _listing(tmp_path) == before


def test_a_read_only_portfolio_cannot_write(tmp_path: Path) -> None:
    path = _filled(tmp_path / "plan.csplan")
    reader = open_portfolio(path, mode="read")
    with (
        pytest.raises(OperationalError, match=r"readonly|read-only|query_only"),
        reader.session() as s,
    ):
        s.add(Account(name="Sneaky", initial_deal_value=1000))
    reader.close()


def test_reading_sees_what_a_live_window_committed(tmp_path: Path) -> None:
    path = _filled(tmp_path / "plan.csplan")
    window = open_portfolio(path)
    with window.session() as s:
        s.add(Account(name="Osprey", initial_deal_value=1000))
    before = _listing(tmp_path)  # the window's -wal and -shm are there
    reader = open_portfolio(path, mode="read")
    with reader.read() as s:
        assert sorted(s.scalars(select(Account.name))) == ["Kestrel", "Osprey"]
    reader.close()
    window.close()
    assert set(before) == {"plan.csplan", "plan.csplan-wal", "plan.csplan-shm"}


def test_a_crashed_writers_wal_is_read_from_a_private_copy(tmp_path: Path) -> None:
    path = _filled(tmp_path / "plan.csplan")
    window = open_portfolio(path)
    with window.session() as s:
        s.add(Account(name="Osprey", initial_deal_value=1000))
    wal = Path(f"{path}-wal").read_bytes()
    main = path.read_bytes()
    window.close()
    path.write_bytes(main)  # as a crash leaves it: the commit only in the -wal, no -shm
    Path(f"{path}-wal").write_bytes(wal)
    before = _listing(tmp_path)
    reader = open_portfolio(path, mode="read")
    with reader.read() as s:
        assert sorted(s.scalars(select(Account.name))) == ["Kestrel", "Osprey"]
    reader.close()
    assert _listing(tmp_path) == before


def test_a_file_changed_while_being_read_is_reported(tmp_path: Path) -> None:
    path = _filled(tmp_path / "plan.csplan")
    reader = open_portfolio(path, mode="read")
    with (
        pytest.raises(PortfolioError, match="changed by another program while"),
        reader.read() as s,
    ):
        s.scalars(select(Account.name)).all()
        writer = open_portfolio(path)
        with writer.session() as w:
            w.add(Account(name="Osprey", initial_deal_value=1000))
        writer.close()  # the last connection checkpoints into the main file
    reader.close()


def _at_revision(path: Path, revision: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate.command.downgrade(migrate.config(conn), revision)
    engine.dispose()


def test_an_older_file_is_refused_by_reads_and_upgraded_by_the_app(tmp_path: Path) -> None:
    path = _filled(tmp_path / "plan.csplan")
    _at_revision(path, "0002")
    before = _listing(tmp_path)
    with pytest.raises(OlderVersionError, match="Open it in the cs_planner app once"):
        open_portfolio(path, mode="read")
    assert _listing(tmp_path) == before
    upgraded = open_portfolio(path)
    assert upgraded.backup_path is not None
    upgraded.close()
    reader = open_portfolio(path, mode="read")
    with reader.read() as s:
        assert s.scalars(select(Account.name)).all() == ["Kestrel"]
        assert len(s.get(Settings, 1).file_id) == 32
    reader.close()


def test_a_failed_migration_leaves_no_backup_behind(tmp_path: Path, monkeypatch) -> None:
    path = _filled(tmp_path / "plan.csplan")
    _at_revision(path, "0002")

    def broken(connection) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(migrate, "upgrade", broken)
    for _ in range(3):
        with pytest.raises(RuntimeError):
            open_portfolio(path)
    assert not list(tmp_path.glob("*.bak"))
