"""SQLite specifics, kept here so the rest of the code stays dialect-neutral: the connection
pragmas, inspecting a file without changing it, backups with SQLite's backup API, and file
permissions."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cs_planner.storage.errors import NotAPortfolioError, ReadOnlyError

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id marks a file as ours ("CSPL" in ASCII).
APPLICATION_ID = 0x4353504C
BACKUPS_KEPT = 5
OWNER_ONLY = 0o600

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    # Laptops lose power: an acknowledged commit must be on disk.
    "PRAGMA synchronous=FULL",
)


def apply_pragmas(dbapi_connection: sqlite3.Connection, _record: Any = None) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


@dataclass(frozen=True)
class FileState:
    """What an existing file holds, read without writing a byte to it."""

    empty: bool  # zero bytes, or a SQLite database with no tables
    ours: bool
    revision: str | None


def inspect_file(path: Path) -> FileState:
    """Tell a portfolio from anything else; raise NotAPortfolioError for anything else."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except PermissionError as exc:
        raise ReadOnlyError(f"{path} cannot be read: permission denied.") from exc
    except IsADirectoryError as exc:
        raise NotAPortfolioError(f"{path} is a folder, not a portfolio file.") from exc
    if not header:
        return FileState(empty=True, ours=True, revision=None)
    if header != SQLITE_MAGIC:
        raise NotAPortfolioError(
            f"{path.name} is not a cs_planner portfolio (it is not a database file). "
            "The file was not changed."
        )
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotAPortfolioError(f"{path.name} cannot be opened: {exc}.") from exc
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise NotAPortfolioError(
            f"{path.name} is not a cs_planner portfolio (the database is damaged: {exc}). "
            "The file was not changed."
        ) from exc
    finally:
        connection.close()
    if not tables:
        return FileState(empty=True, ours=True, revision=None)
    if app_id != APPLICATION_ID and "alembic_version" not in tables:
        raise NotAPortfolioError(
            f"{path.name} is a database, but not a cs_planner portfolio. The file was not changed."
        )
    return FileState(empty=False, ours=True, revision=revision)


def create_private_file(path: Path) -> None:
    """Create an empty file only the owner can read; SQLite gives its -wal and -shm files the
    same permissions as the database."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY)
    os.close(descriptor)


def restrict_permissions(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.chmod(candidate, OWNER_ONLY)


def mark_as_ours(dbapi_connection: sqlite3.Connection) -> None:
    dbapi_connection.execute(f"PRAGMA application_id={APPLICATION_ID}")


def backup(source: Path, destination: Path) -> Path:
    """Copy a live database consistently (SQLite backup API), readable by the owner only."""
    if destination.exists():
        destination.unlink()
    create_private_file(destination)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
            # A copy is a standalone file: no -wal beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
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
    old = sorted(path.parent.glob(f"{path.name}.*.bak"), key=lambda p: p.name, reverse=True)
    for stale in old[BACKUPS_KEPT:]:
        stale.unlink(missing_ok=True)
    return destination


def is_writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
