"""SQLite specifics, kept here so the rest of the code stays dialect-neutral: connecting
(never by formatting a path into a URL: '?', '#' and '%' are file-name characters),
the pragmas, reading a file without changing it, backups with SQLite's backup API,
file permissions, and turning SQLite's errors into messages."""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cs_planner.private_files import OWNER_ONLY, make_private_folder
from cs_planner.storage import files
from cs_planner.storage.errors import (
    UNCHANGED,
    DamagedError,
    PortfolioError,
    PortfolioLockedError,
    ReadOnlyError,
    UnfinishedWriteError,
    shown,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id marks a file as ours ("CSPL" in ASCII).
APPLICATION_ID = 0x4353504C
BACKUPS_KEPT = 5

BUSY_SECONDS = 5.0

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={int(BUSY_SECONDS * 1000)}",
    # Laptops lose power: an acknowledged commit must be on disk.
    "PRAGMA synchronous=FULL",
)
READ_PRAGMAS = ("PRAGMA query_only=ON",)
NEW_FILE_ID = "lower(hex(randomblob(16)))"


def apply_pragmas(dbapi_connection: sqlite3.Connection, _record: Any = None) -> None:
    _run(dbapi_connection, PRAGMAS)


def apply_read_pragmas(dbapi_connection: sqlite3.Connection, _record: Any = None) -> None:
    _run(dbapi_connection, READ_PRAGMAS)


def _run(dbapi_connection: sqlite3.Connection, pragmas: tuple[str, ...]) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in pragmas:
            cursor.execute(pragma)
    finally:
        cursor.close()


def connect_file(path: Path) -> sqlite3.Connection:
    """A read-write connection to exactly this path (uri=False: no character in the name
    means anything to SQLite). Transactions are begun by the caller (isolation_level=None)."""
    return sqlite3.connect(
        os.fspath(path),
        uri=False,
        timeout=BUSY_SECONDS,
        isolation_level=None,
        check_same_thread=False,
    )


def file_uri(path: Path, **params: str) -> str:
    """A file: URI with the path percent-encoded (as_uri quotes '?', '#', '%' and spaces)."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{path.absolute().as_uri()}?{query}"


def connect_uri(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(
        uri, uri=True, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
    )


def companions(path: Path) -> tuple[Path, Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")


def is_wal_header(header: bytes) -> bool:
    return len(header) >= 20 and header[18] == 2 and header[19] == 2


@dataclass
class ReadSource:
    """How to read a file without adding a byte beside it. A read-only connection to a WAL
    file creates -wal and -shm when they are missing (and leaves them), so:
    - no WAL content: the main file alone, opened immutable (nothing created);
    - a WAL with its index (-shm): a live or crashed writer's; read through it (mode=ro);
    - a WAL without an index: read a private copy of the two files.
    ``watched`` files must not change while a read runs (checked by ``changed``)."""

    uri: str
    watched: tuple[Path, ...] = ()
    before: tuple[tuple[int, int, int] | None, ...] = ()
    folder: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)

    def connect(self) -> sqlite3.Connection:
        return connect_uri(self.uri)

    def changed(self) -> bool:
        return bool(self.watched) and files.signature(*self.watched) != self.before

    def close(self) -> None:
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None


def read_source(path: Path, header: bytes) -> ReadSource:
    if not is_wal_header(header):  # rollback journal: SQLite's locks guard the read
        return ReadSource(file_uri(path, mode="ro"))
    wal, shm, _ = companions(path)
    if not files.size(wal):
        return ReadSource(file_uri(path, mode="ro", immutable="1"), (path,), files.signature(path))
    if files.size(shm) is not None:
        return ReadSource(file_uri(path, mode="ro"))
    before = files.signature(path, wal)
    folder = tempfile.TemporaryDirectory(prefix="cs-planner-read-")
    copy = Path(folder.name) / "portfolio.csplan"
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, f"{copy}-wal")
    except OSError as exc:
        folder.cleanup()
        raise PortfolioError(f"{shown(path.name)} cannot be read: {exc.strerror}.") from None
    return ReadSource(file_uri(copy, mode="ro"), (path, wal), before, folder)


def explain(exc: sqlite3.Error, path: Path) -> PortfolioError:
    """SQLite's error as something the user can act on."""
    name = shown(path.name)
    code = getattr(exc, "sqlite_errorcode", None) or 0
    primary = code & 0xFF
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc):
        return PortfolioLockedError(
            f"{name} is locked by another program that is writing to it. "
            "Let it finish (or close it) and try again."
        )
    if code == getattr(sqlite3, "SQLITE_READONLY_ROLLBACK", 776):
        return UnfinishedWriteError(
            f"{name} holds an unfinished change from a program that stopped while writing "
            f"({name}-journal). Open it in the cs_planner app once to roll that change back."
        )
    if primary == sqlite3.SQLITE_CANTOPEN:
        if not os.access(path.parent, os.W_OK):
            return ReadOnlyError(
                f"{name} cannot be read here: its folder is read-only and SQLite needs to "
                "keep its index file beside it. Copy the file (with its -wal) somewhere "
                "writable."
            )
        return PortfolioError(f"{name} cannot be opened ({exc}).")
    damaged = primary in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)
    if damaged or "malformed" in str(exc):
        return DamagedError(f"{name} is damaged ({exc}). {UNCHANGED}")
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
        return ReadOnlyError(f"{name} cannot be written: {exc}.")
    if primary == sqlite3.SQLITE_IOERR:
        return PortfolioError(f"{name} cannot be read: disk error ({exc}).")
    return PortfolioError(f"{name} cannot be opened: {exc}.")


def roll_back_unfinished_write(path: Path) -> None:
    """SQLite's own crash recovery: the first read on a writable connection rolls a hot
    journal back, leaving the file as it was before the interrupted transaction."""
    connection = connect_file(path)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()


def create_private_file(path: Path) -> None:
    """Create an empty file only the owner can read (a new folder for it too); SQLite
    gives its -wal and -shm files the same permissions as the database."""
    make_private_folder(path.parent)
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY)
    os.close(descriptor)


def restrict_permissions(path: Path) -> None:
    for candidate in (path, *companions(path)[:2]):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.chmod(candidate, OWNER_ONLY)


def mark_as_ours(dbapi_connection: sqlite3.Connection) -> None:
    dbapi_connection.execute(f"PRAGMA application_id={APPLICATION_ID}")


def backup(source: Path, destination: Path) -> Path:
    """Copy a live database consistently (SQLite backup API), readable by the owner only.
    The copy gets a file id of its own, so it is never taken for the original's companion
    files' owner (see checks.foreign_wal)."""
    if destination.exists():
        destination.unlink()
    create_private_file(destination)
    src = connect_uri(file_uri(source, mode="ro"))
    try:
        dst = connect_file(destination)
        try:
            src.backup(dst)
            # A copy is a standalone file: no -wal beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
            with contextlib.suppress(sqlite3.OperationalError):  # older files: no file_id
                dst.execute(f"UPDATE settings SET file_id = {NEW_FILE_ID}")
        finally:
            dst.close()
    finally:
        src.close()
    os.chmod(destination, OWNER_ONLY)
    return destination


def backup_before_migration(path: Path, revision: str | None) -> Path:
    """Back up next to the file before a migration, keeping the newest BACKUPS_KEPT."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    destination = path.with_name(f"{path.name}.{stamp}.{revision or 'new'}.bak")
    backup(path, destination)
    pattern = f"{glob.escape(path.name)}.*.bak"  # '?' and '[' are file-name characters too
    old = sorted(path.parent.glob(pattern), key=lambda p: p.name, reverse=True)
    for stale in old[BACKUPS_KEPT:]:
        stale.unlink(missing_ok=True)
    return destination
