"""Opening, creating, migrating and refusing portfolio files."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from cs_planner.domain.model import Account, Settings
from cs_planner.storage import (
    HEAD_REVISION,
    NewerVersionError,
    NotAPortfolioError,
    PortfolioError,
    ReadOnlyError,
    migrate,
    open_portfolio,
    sqlite_file,
)
from tests.conftest import SQLITE_ONLY, url_of


def test_head_revision_constant_matches_alembic() -> None:
    assert migrate.head() == HEAD_REVISION


def test_new_file_is_created_at_head_with_default_settings(portfolio_path: Path) -> None:
    portfolio = open_portfolio(portfolio_path)
    with portfolio.session() as s:
        version = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
        settings = s.get(Settings, 1)
        assert version == HEAD_REVISION
        assert (settings.currency, settings.default_csa_rate) == ("USD", 250.0)
        assert (settings.chargeability_target, settings.stale_contact_days) == (0.7, 90)
        assert settings.relationships_per_month_goal == 3
    portfolio.close()
    assert sqlite3.connect(portfolio_path).execute("PRAGMA application_id").fetchone()[0] == (
        sqlite_file.APPLICATION_ID
    )


@SQLITE_ONLY
def test_connection_pragmas(portfolio) -> None:
    with portfolio.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


@SQLITE_ONLY
def test_files_are_readable_by_owner_only(portfolio, portfolio_path: Path) -> None:
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    for path in (portfolio_path, Path(f"{portfolio_path}-wal"), Path(f"{portfolio_path}-shm")):
        assert path.exists()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_reopening_at_head_makes_no_backup(portfolio_path: Path) -> None:
    open_portfolio(portfolio_path).close()
    reopened = open_portfolio(portfolio_path)
    assert reopened.backup_path is None
    reopened.close()
    assert not list(portfolio_path.parent.glob("*.bak"))


def _downgrade_to_base(path: Path) -> None:
    """Take a portfolio back to before the first migration (an empty, stamped file)."""
    from alembic import command
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(migrate.config(conn), "base")
    engine.dispose()


def test_empty_to_head_migration_backs_up_first_and_keeps_five(portfolio_path: Path) -> None:
    open_portfolio(portfolio_path).close()
    for _ in range(7):
        _downgrade_to_base(portfolio_path)
        portfolio = open_portfolio(portfolio_path)
        assert portfolio.backup_path is not None and portfolio.backup_path.exists()
        assert stat.S_IMODE(portfolio.backup_path.stat().st_mode) == 0o600
        with portfolio.session() as s:
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                HEAD_REVISION
            )
        portfolio.close()
    backups = list(portfolio_path.parent.glob("*.bak"))
    assert len(backups) == 5
    for backup in backups:
        with sqlite3.connect(backup) as conn:  # each backup is the file as it was: at base
            assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 0
        conn.close()


def test_failed_migration_leaves_the_file_as_it_was(portfolio_path: Path, monkeypatch) -> None:
    open_portfolio(portfolio_path).close()
    _downgrade_to_base(portfolio_path)

    def broken_upgrade(connection) -> None:
        connection.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("disk full")

    monkeypatch.setattr(migrate, "upgrade", broken_upgrade)
    with pytest.raises(RuntimeError):
        open_portfolio(portfolio_path)
    with sqlite3.connect(portfolio_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"alembic_version"}


def test_newer_version_is_refused_and_untouched(portfolio_path: Path) -> None:
    open_portfolio(portfolio_path).close()
    conn = sqlite3.connect(portfolio_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = portfolio_path.read_bytes()
    with pytest.raises(NewerVersionError, match="newer version"):
        open_portfolio(portfolio_path)
    assert portfolio_path.read_bytes() == before
    assert not list(portfolio_path.parent.glob("*.bak"))


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(4096),
        b"name,arr\nKestrel,1000\n",
        b"PK\x03\x04" + b"\x00" * 200,  # an .xlsx is a zip file
        b"SQLite format 3\x00" + b"\xff" * 200,  # a damaged database
    ],
    ids=["random-bytes", "text", "xlsx", "damaged"],
)
def test_non_portfolio_file_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "plan.csplan"
    path.write_bytes(content)
    with pytest.raises(NotAPortfolioError, match="not"):
        open_portfolio(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csplan"]


def test_foreign_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.csplan"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
        conn.execute("INSERT INTO songs VALUES ('x')")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAPortfolioError, match="not a cs_planner portfolio"):
        open_portfolio(path)
    assert path.read_bytes() == before


def test_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(PortfolioError, match="no portfolio"):
        open_portfolio(tmp_path / "missing.csplan", create=False)
    assert not (tmp_path / "missing.csplan").exists()


def test_read_only_file_is_refused(portfolio_path: Path) -> None:
    open_portfolio(portfolio_path).close()
    portfolio_path.chmod(0o400)
    if os.access(portfolio_path, os.W_OK):
        pytest.skip("running as root: permissions do not stop writes")
    with pytest.raises(ReadOnlyError):
        open_portfolio(portfolio_path)


@SQLITE_ONLY
def test_save_copy_is_a_consistent_portfolio(portfolio, tmp_path: Path) -> None:
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    copy = portfolio.save_copy(tmp_path / "copy.csplan")
    reopened = open_portfolio(copy)
    with reopened.session() as s:
        assert s.scalars(select(Account.name)).all() == ["Kestrel"]
    reopened.close()


def test_failed_transaction_changes_nothing(portfolio) -> None:
    with pytest.raises(RuntimeError), portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
        s.flush()
        raise RuntimeError("boom")
    with portfolio.session() as s:
        assert s.scalars(select(Account)).all() == []


def test_database_enforces_checks_too(portfolio) -> None:
    """The CHECK constraints hold even for writes that bypass the models."""
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), portfolio.session() as s:
        s.execute(
            text(
                "INSERT INTO account (name, industry, size_band, hq_geography, "
                "growth_rate, main_challenge, strategic, lifecycle_stage, "
                "initial_deal_value, arr, licensed_seats, active_users, renewal_owner, "
                "expansion_owner, reference_status, notes) VALUES ('X', '', '', '', '', "
                "'', false, 'land', -5, 0, 0, 0, 'csm', 'csm', 'none', '')"
            )
        )


def test_migration_from_0001_keeps_the_data_and_dates_relationships(
    portfolio_path: Path,
) -> None:
    """A file written by the first release opens with every row kept; a stakeholder's
    relationship is dated from the first activity logged with them."""
    import datetime as dt

    from sqlalchemy import create_engine

    from cs_planner.domain.model import Stakeholder

    engine = create_engine(f"sqlite:///{portfolio_path}")
    with engine.begin() as conn:
        migrate.command.upgrade(migrate.config(conn), "0001")
    with engine.connect() as conn:
        sqlite_file.mark_as_ours(conn.connection.dbapi_connection)

    def insert(conn, table: str, **values) -> None:
        columns = ", ".join(values)
        conn.execute(
            text(f"INSERT INTO {table} ({columns}) VALUES (:{', :'.join(values)})"), values
        )

    with engine.begin() as conn:
        insert(conn, "settings", id=1, owner_name="Me", currency="USD",
               fiscal_year_start_month=1, default_csa_rate=250, chargeability_target=0.7,
               relationships_per_month_goal=3, stale_contact_days=90,
               presales_share_limit=0.3)  # fmt: skip
        insert(conn, "account", id=1, name="Old Co", industry="", size_band="",
               hq_geography="", growth_rate="", main_challenge="", strategic=0,
               lifecycle_stage="land", initial_deal_value=1000, arr=1000, licensed_seats=0,
               active_users=0, renewal_owner="csm", expansion_owner="csm",
               reference_status="none", notes="")  # fmt: skip
        for sid, name in ((1, "Met Twice"), (2, "Never Met")):
            insert(conn, "stakeholder", id=sid, account_id=1, name=name, title="",
                   level="manager", stance="neutral", influence=3, email="",
                   status="active", notes="")  # fmt: skip
        for aid, day in ((1, "2026-03-02"), (2, "2025-07-15")):
            insert(conn, "activity", id=aid, account_id=1, date=day, kind="call", note="")
            insert(conn, "activity_stakeholder", activity_id=aid, stakeholder_id=1)
    engine.dispose()

    portfolio = open_portfolio(portfolio_path)
    try:
        assert portfolio.backup_path is not None and portfolio.backup_path.exists()
        with portfolio.session() as s:
            since = dict(s.execute(select(Stakeholder.name, Stakeholder.since)).all())
            assert s.scalar(select(Account.name)) == "Old Co"
        assert since == {"Met Twice": dt.date(2025, 7, 15), "Never Met": None}
    finally:
        portfolio.close()


def _at_revision(path: Path, revision: str):
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate.command.upgrade(migrate.config(conn), revision)
    with engine.connect() as conn:
        sqlite_file.mark_as_ours(conn.connection.dbapi_connection)
    return engine


def test_migration_0003_keeps_everyone_and_what_refers_to_them(portfolio_path: Path) -> None:
    """0003 rebuilds team_member (new roles in its CHECK, a retirement date). With foreign
    keys on, SQLite's DROP TABLE in that rebuild would empty the accounts' CSMs and delete
    every CSA allocation: the migration runs with them off and checks them before commit."""
    from cs_planner.domain.enums import TeamRole
    from cs_planner.domain.model import CsaAllocation, TeamMember

    engine = _at_revision(portfolio_path, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO team_member (id, name, role, email, capacity_hours_per_week) "
                "VALUES (1, 'Lena Ortiz', 'csm', '', 40), (2, 'Ada Brennan', 'csa', '', 40)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO account (id, name, industry, size_band, hq_geography, growth_rate, "
                "main_challenge, strategic, lifecycle_stage, initial_deal_value, arr, "
                "licensed_seats, active_users, renewal_owner, expansion_owner, "
                "reference_status, notes, csm_id) VALUES (1, 'Kestrel', '', '', '', '', '', 0, "
                "'land', 1000, 5000, 0, 0, 'csm', 'csm', 'none', '', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO csa_allocation (id, csa_id, account_id, fraction, phase, funding, "
                "requested_by, start_date, end_date, notes) VALUES (1, 2, 1, 0.5, 'adoption', "
                "'chargeable', 'sales', '2026-01-05', '2026-03-27', '')"
            )
        )
    engine.dispose()

    portfolio = open_portfolio(portfolio_path)
    try:
        with portfolio.session() as s:
            assert s.scalar(select(Account.csm_id)) == 1
            assert s.scalar(select(CsaAllocation.csa_id)) == 2
            assert s.get(TeamMember, 1).retired_on is None
            s.add(TeamMember(name="Ines Moreau", role=TeamRole.SUPPORT_LEAD))
            s.add(TeamMember(name="Mo Okafor", role=TeamRole.MANAGER))
        # The database itself still refuses a role it does not know.
        with portfolio.engine.begin() as conn, pytest.raises(IntegrityError):
            conn.execute(
                text(
                    "INSERT INTO team_member (name, role, email, capacity_hours_per_week) "
                    "VALUES ('X', 'boss', '', 40)"
                )
            )
    finally:
        portfolio.close()


def test_downgrading_0003_refuses_to_lose_the_new_roles(portfolio) -> None:
    from sqlalchemy import create_engine

    from cs_planner.domain.enums import TeamRole
    from cs_planner.domain.model import TeamMember

    with portfolio.session() as s:
        s.add(TeamMember(name="Mo Okafor", role=TeamRole.MANAGER))
    portfolio.close()
    engine = create_engine(url_of(portfolio))
    with pytest.raises(RuntimeError, match="support leads or managers"), engine.begin() as conn:
        migrate.command.downgrade(migrate.config(conn), "0002")
    with engine.connect() as conn:
        # The whole downgrade rolled back: the file is still at the newest revision.
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            HEAD_REVISION
        )
    engine.dispose()
