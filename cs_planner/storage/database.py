"""Opening a portfolio: checks, backup, migration, connection settings and sessions.

Two ways to open a file:
- ``mode="write"`` (the app, ``demo``): may create a missing file, start a portfolio in an
  empty one (only when asked: ``allow_empty``), back up and migrate an older one.
- ``mode="read"`` (``accounts``, ``export``, ``--screenshot``): never writes a byte to the
  file or beside it; a file that needs a migration is refused.
Either way the file is checked first (storage/checks.py) and a problem is one
PortfolioError with a message for the user; the file is then left exactly as it was."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from cs_planner.domain import validation
from cs_planner.domain.errors import StaleRowError
from cs_planner.domain.model import Settings
from cs_planner.private_files import OWNER_ONLY
from cs_planner.storage import checks, files, inspection, sqlite_file
from cs_planner.storage.engines import driver_connection, read_engine, write_engine
from cs_planner.storage.errors import (
    DamagedError,
    EmptyFileError,
    OlderVersionError,
    PortfolioError,
    UnfinishedWriteError,
    shown,
)
from cs_planner.storage.files import is_url, portfolio_path
from cs_planner.storage.inspection import EMPTY, HEAD_REVISION, FileState

Mode = Literal["write", "read"]
READ = {"cs_read": True}  # execution option: a deferred (read) transaction


@dataclass
class Portfolio:
    """An open portfolio database. ``path`` is None for a server database (a URL)."""

    engine: Engine
    path: Path | None
    backup_path: Path | None = None
    read_only: bool = False
    source: sqlite_file.ReadSource | None = field(default=None, repr=False)
    _writes: sessionmaker[Session] = field(init=False, repr=False)
    _reads: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._writes = sessionmaker(self.engine, expire_on_commit=False)
        self._reads = sessionmaker(self.engine.execution_options(**READ), expire_on_commit=False)
        validation.install(self._writes)
        validation.install(self._reads)

    @property
    def name(self) -> str:
        return self.path.stem if self.path else self.engine.url.render_as_string()

    def session(self) -> contextlib.AbstractContextManager[Session]:
        """One write transaction: committed when the block ends, rolled back if it raises.
        On a file it begins IMMEDIATE, so a second writer waits for the lock (busy_timeout)
        instead of failing at its first write after a read. A read-only portfolio gives a
        read transaction."""
        return self._transaction(self._reads if self.read_only else self._writes)

    def read(self) -> contextlib.AbstractContextManager[Session]:
        """One read transaction (deferred: it takes no write lock)."""
        return self._transaction(self._reads)

    @contextlib.contextmanager
    def _transaction(self, factory: sessionmaker[Session]) -> Iterator[Session]:
        session = factory()
        try:
            yield session
            session.commit()
        except StaleDataError as exc:  # a row's version moved on since it was read
            session.rollback()
            table = re.search(r"table '(\w+)'", str(exc))
            raise StaleRowError(table[1] if table else "record") from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        if self.source is not None and self.source.changed():
            named = self.path.name if self.path else self.name
            raise PortfolioError(
                f"{shown(named)} was changed by another program while it was being "
                "read. Run the command again."
            )

    def check(self) -> list[str]:
        """A full check of the file (PRAGMA integrity_check, the schema, every row);
        empty when it is sound."""
        if self.engine.dialect.name != "sqlite":
            raise PortfolioError("A database server checks its own files; this is not a file.")
        try:
            with self.engine.execution_options(**READ).connect() as conn:
                problems = checks.report(driver_connection(conn))
        except (sqlite3.DatabaseError, DBAPIError) as exc:
            problems = [f"SQLite cannot read it ({getattr(exc, 'orig', exc)})"]
        if problems and self.path is not None:
            checks.forget_checked(self.path)  # the next open checks it and says why
        return problems

    def save_copy(self, destination: Path) -> Path:
        """Write a consistent copy of the portfolio (SQLite backup API) to ``destination``."""
        if self.path is None:
            raise PortfolioError("Only a portfolio file can be saved as a copy.")
        if destination.resolve() == self.path.resolve():
            raise PortfolioError("Choose another file name than the open portfolio's.")
        return sqlite_file.backup(self.path, destination)

    def close(self) -> None:
        self.engine.dispose()
        if self.source is not None:
            self.source.close()


def open_portfolio(
    target: str | Path, *, create: bool = True, mode: Mode = "write", allow_empty: bool = False
) -> Portfolio:
    """Open a portfolio file or database URL (see the module's docstring for the modes).

    Raises PortfolioError (or a subclass) with a message for the user; the file is then
    left exactly as it was. EmptyFileError: an empty file, which only ``allow_empty`` (the
    app, after asking) turns into a portfolio."""
    if is_url(target):
        file = _sqlite_file(str(target))
        if file is None:
            from cs_planner.storage.server import open_server

            return open_server(str(target), mode)
        target, create = file, mode == "write"
    path = portfolio_path(target)
    files.check_name(path, for_writing=mode == "write")
    if files.check_kind(path) is None:
        if mode == "read" or not create:
            raise PortfolioError(f"There is no portfolio at {shown(path)}.")
        return _create(path)
    return _open_existing(path, mode, allow_empty)


def _sqlite_file(url: str) -> Path | None:
    """The file a ``sqlite:///`` URL names; None for a server's URL."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise PortfolioError(f"'{url}' is not a database URL: {exc}.") from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(parsed.database)
    return None


def _refuse_leftovers(path: Path) -> None:
    """SQLite would take a dead file's journal for a new file's own and replay it."""
    leftovers = [p.name for p in sqlite_file.companions(path) if files.size(p) is not None]
    if leftovers:
        raise PortfolioError(
            f"{shown(', '.join(leftovers))} is left from an earlier file named "
            f"{shown(path.name)}; move it out of the folder, or choose another name."
        )


def _create(path: Path) -> Portfolio:
    _refuse_leftovers(path)
    try:
        sqlite_file.create_private_file(path)
    except OSError as exc:
        raise PortfolioError(f"Cannot create {shown(path)}: {exc.strerror}.") from None
    try:
        return _initialise(path, EMPTY)
    except BaseException:
        for created in (path, *sqlite_file.companions(path)):
            created.unlink(missing_ok=True)
        raise


def _open_existing(path: Path, mode: Mode, allow_empty: bool) -> Portfolio:
    name = shown(path.name)
    header = files.read_header(path)
    state = EMPTY
    source = None
    if header:
        inspection.check_header(path, header)
        source = sqlite_file.read_source(path, header)
        try:
            try:
                state = _inspect(path, source, header, mode)
            except UnfinishedWriteError:
                if mode == "read":
                    raise
                files.check_writable(path)
                sqlite_file.roll_back_unfinished_write(path)  # as any writer would
                state = _inspect(path, source, header, mode)
        except BaseException:
            source.close()
            raise
    if state.empty and (mode == "read" or not allow_empty):
        if source is not None:
            source.close()
        what = f"{name} is {'an empty database' if header else 'empty'}: it holds no portfolio yet."
        raise EmptyFileError(
            f"{what} Open it in the cs_planner app to start a portfolio in it.", what
        )
    if mode == "read":
        assert source is not None, "a read opens its source first"
        return Portfolio(read_engine(path, source), path, read_only=True, source=source)
    if source is not None:
        source.close()
    if not header:
        _refuse_leftovers(path)
    files.check_writable(path)
    return _initialise(path, state)


def _inspect(path: Path, source: sqlite_file.ReadSource, header: bytes, mode: Mode) -> FileState:
    try:
        connection = source.connect()
    except sqlite3.Error as exc:
        raise sqlite_file.explain(exc, path) from None
    try:
        state = inspection.identify(path, connection, HEAD_REVISION)
        if state.empty:
            return state
        if sqlite_file.is_wal_header(header) and files.size(sqlite_file.companions(path)[0]):
            main_only = sqlite_file.file_uri(path, mode="ro", immutable="1")
            checks.foreign_wal(path, connection, main_only)
        if state.revision == HEAD_REVISION:
            checks.verify_unless_known(connection, path)
            return state
        problems = checks.pages(connection, full=False)
        if problems:
            raise DamagedError(checks.damaged(path, problems))
        if mode == "read":
            raise OlderVersionError(
                f"{shown(path.name)} was written by an earlier version of cs_planner. Open it "
                "in the cs_planner app once to bring it up to date (a backup is kept beside "
                "it), then run this again."
            )
        return state
    except sqlite3.Error as exc:
        raise sqlite_file.explain(exc, path) from None
    finally:
        connection.close()


def _initialise(path: Path, state: FileState) -> Portfolio:
    """The writable engine; a migration (after a backup) when the file is not at the head."""
    engine, stamp = write_engine(path)
    backup_path = None
    try:
        with engine.connect():  # the pragmas (WAL) apply on connect
            pass
        if state.revision != HEAD_REVISION:
            if not state.empty:
                backup_path = sqlite_file.backup_before_migration(path, state.revision)
            migrate_to_head(engine, path)
        stamp.on = True
        portfolio = Portfolio(engine, path, backup_path)
        ensure_settings(portfolio)
    except DBAPIError as exc:
        _abandon(engine, backup_path)
        if isinstance(exc.orig, sqlite3.Error):
            raise sqlite_file.explain(exc.orig, path) from None
        raise PortfolioError(f"{shown(path.name)} cannot be opened: {exc.orig}.") from None
    except BaseException:
        _abandon(engine, backup_path)
        raise
    _restrict_permissions(path)
    return portfolio


def _restrict_permissions(path: Path) -> None:
    """sqlite_file.restrict_permissions, only where a file is not owner-only yet: a chmod
    changes the file's change time, so an open that writes nothing would make the next
    open check the whole file again (checks.signature)."""
    try:
        if stat.S_IMODE(os.stat(path).st_mode) == OWNER_ONLY:
            companions = sqlite_file.companions(path)[:2]
            if all(
                not p.exists() or stat.S_IMODE(p.stat().st_mode) == OWNER_ONLY for p in companions
            ):
                return
    except OSError:
        pass
    sqlite_file.restrict_permissions(path)


def _abandon(engine: Engine, backup_path: Path | None) -> None:
    engine.dispose()
    if backup_path is not None:  # the file is as it was: the backup would only pile up
        backup_path.unlink(missing_ok=True)


def migrate_to_head(engine: Engine, path: Path | None) -> None:
    """Upgrade to the head in one transaction, which the checks of the result are part
    of: a file that migrates into a damaged state is rolled back, not left half-done."""
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
        raw = driver_connection(conn)
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                migrate.upgrade(conn)
                sqlite_file.mark_as_ours(raw)
                problems = checks.schema(raw) or checks.rows(raw) or checks.foreign_keys(raw)
                if problems:
                    raise DamagedError(checks.damaged(path or Path("portfolio"), problems))
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def ensure_settings(portfolio: Portfolio) -> None:
    with portfolio.session() as session:
        settings = session.get(Settings, 1)
        if settings is None:
            session.add(Settings(id=1))
        elif not settings.file_id:
            settings.file_id = secrets.token_hex(16)
