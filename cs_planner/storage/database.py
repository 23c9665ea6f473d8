"""Opening a portfolio: checks, backup, migration, connection settings and sessions."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from cs_planner.domain import validation
from cs_planner.domain.model import Settings
from cs_planner.storage import sqlite_file
from cs_planner.storage.errors import (
    NewerVersionError,
    PortfolioError,
    PortfolioLockedError,
    ReadOnlyError,
)

# The newest migration; tests/storage/test_migrations.py keeps it equal to Alembic's head.
HEAD_REVISION = "0003"


@dataclass
class Portfolio:
    """An open portfolio database. ``path`` is None for a server database (a URL)."""

    engine: Engine
    path: Path | None
    backup_path: Path | None = None
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        validation.install(self._sessions)

    @property
    def name(self) -> str:
        return self.path.stem if self.path else self.engine.url.render_as_string()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def save_copy(self, destination: Path) -> Path:
        """Write a consistent copy of the portfolio (SQLite backup API) to ``destination``."""
        if self.path is None:
            raise PortfolioError("Only a portfolio file can be saved as a copy.")
        if destination.resolve() == self.path.resolve():
            raise PortfolioError("Choose another file name than the open portfolio's.")
        return sqlite_file.backup(self.path, destination)

    def close(self) -> None:
        self.engine.dispose()


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def open_portfolio(target: str | Path, *, create: bool = True) -> Portfolio:
    """Open (and if needed create or migrate) a portfolio file or database URL.

    Raises PortfolioError (or a subclass) with a message for the user; the file is then
    left exactly as it was."""
    if is_url(target):
        return _open_url(str(target))
    path = Path(target).expanduser()
    if path.suffix == "":
        path = path.with_suffix(".csplan")
    if path.is_dir():
        raise PortfolioError(f"{path} is a folder, not a portfolio file.")
    created = False
    if not path.exists():
        if not create:
            raise PortfolioError(f"There is no portfolio at {path}.")
        try:
            sqlite_file.create_private_file(path)
        except OSError as exc:
            raise PortfolioError(f"Cannot create {path}: {exc.strerror}.") from exc
        created = True
    try:
        return _open_file(path)
    except BaseException:
        if created:
            path.unlink(missing_ok=True)
        raise


def _open_file(path: Path) -> Portfolio:
    state = sqlite_file.inspect_file(path)
    if not sqlite_file.is_writable(path):
        raise ReadOnlyError(
            f"{path.name} is read-only (or its folder is). Copy it somewhere writable to edit it."
        )
    backup_path = None
    if state.revision != HEAD_REVISION:
        if state.revision is not None:
            from cs_planner.storage import migrate

            if state.revision not in migrate.known_revisions():
                raise NewerVersionError(
                    f"{path.name} was written by a newer version of cs_planner. "
                    "Update the app to open it; the file was not changed."
                )
        if not state.empty:
            backup_path = sqlite_file.backup_before_migration(path, state.revision)
    engine = _sqlite_engine(path)
    try:
        with engine.connect() as probe:
            probe.execute(text("SELECT 1"))
        if state.revision != HEAD_REVISION:
            _migrate(engine, mark=True)
    except OperationalError as exc:
        engine.dispose()
        if "locked" in str(exc).lower():
            raise PortfolioLockedError(
                f"{path.name} is in use by another program. Close it there and try again."
            ) from exc
        raise PortfolioError(f"{path.name} cannot be opened: {exc.orig}.") from exc
    except BaseException:
        engine.dispose()
        raise
    sqlite_file.restrict_permissions(path)
    portfolio = Portfolio(engine, path, backup_path)
    _ensure_settings(portfolio)
    return portfolio


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so a
        # whole user action (and a migration's DDL) is one transaction.
        connect_args={"isolation_level": None, "timeout": 5, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, record) -> None:
        sqlite_file.apply_pragmas(dbapi_connection, record)

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def _migrate(engine: Engine, *, mark: bool) -> None:
    from cs_planner.storage import migrate

    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            migrate.upgrade(conn)
        return
    with engine.connect() as conn:
        # A batch migration copies a table and drops the old one; with foreign keys on,
        # SQLite's DROP TABLE deletes every row first and fires ON DELETE CASCADE / SET NULL
        # in the tables that refer to it. So: keys off (only possible outside a
        # transaction), migrate, and check every reference before the commit.
        raw = conn.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                migrate.upgrade(conn)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise PortfolioError(
                        f"Updating the file would break {len(broken)} reference(s) "
                        f"(first in table {broken[0][0]}); the file was not changed."
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
    if mark:
        with engine.connect() as conn:
            sqlite_file.mark_as_ours(conn.connection.dbapi_connection)


def _open_url(url: str) -> Portfolio:
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise PortfolioError(f"'{url}' is not a database URL: {exc}.") from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return open_portfolio(Path(parsed.database))
    try:
        engine = create_engine(parsed)
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if tables and "alembic_version" not in tables:
            raise PortfolioError(f"The database at {url} is not a cs_planner portfolio.")
        if revision != HEAD_REVISION:
            from cs_planner.storage import migrate

            if revision is not None and revision not in migrate.known_revisions():
                raise NewerVersionError(
                    "This database was written by a newer version of cs_planner."
                )
            _migrate(engine, mark=False)
    except OperationalError as exc:
        raise PortfolioError(f"Cannot connect to {url}: {exc.orig}.") from exc
    portfolio = Portfolio(engine, None)
    _ensure_settings(portfolio)
    return portfolio


def _ensure_settings(portfolio: Portfolio) -> None:
    with portfolio.session() as session:
        if session.scalar(select(Settings.id)) is None:
            session.add(Settings(id=1))
