"""Whose file is this, and at which revision? Read through a read-only connection before
anything writes a byte: the header, PRAGMA application_id (we stamp our own, "CSPL") and
the Alembic revision."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cs_planner.storage.errors import (
    UNCHANGED,
    DamagedError,
    NewerVersionError,
    NotAPortfolioError,
    shown,
)
from cs_planner.storage.files import HEADER_SIZE
from cs_planner.storage.sqlite_file import APPLICATION_ID, SQLITE_MAGIC

# The newest migration; tests/storage/test_database.py keeps it equal to Alembic's head.
HEAD_REVISION = "0009"


@dataclass(frozen=True)
class FileState:
    empty: bool  # zero bytes, or a SQLite database with no tables
    revision: str | None


EMPTY = FileState(empty=True, revision=None)


def check_header(path: Path, header: bytes) -> None:
    if not header.startswith(SQLITE_MAGIC[: len(header)]):
        raise NotAPortfolioError(
            f"{shown(path.name)} is not a cs_planner portfolio (it is not a database file). "
            + UNCHANGED
        )
    if len(header) < HEADER_SIZE:
        raise DamagedError(
            f"{shown(path.name)} is damaged: the file ends inside its header "
            f"({len(header)} bytes). {UNCHANGED}"
        )


def identify(path: Path, connection: sqlite3.Connection, head: str) -> FileState:
    """Tell a portfolio from anything else; raise NotAPortfolioError for anything else and
    NewerVersionError for a portfolio from a newer release."""
    name = shown(path.name)
    app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if app_id not in (0, APPLICATION_ID):
        raise NotAPortfolioError(
            f"{name} is a database of another application, not a cs_planner portfolio. " + UNCHANGED
        )
    if not tables:
        return EMPTY
    revision = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    known = revision == head or (revision is not None and revision in _known_revisions())
    if app_id == 0 and not known:
        # Stamped since the first release: an unstamped file is ours only at a revision
        # of ours (another Alembic-managed application has an alembic_version too).
        raise NotAPortfolioError(
            f"{name} is a database, but not a cs_planner portfolio. {UNCHANGED}"
        )
    if revision is None and app_id == APPLICATION_ID and tables == {"alembic_version"}:
        return FileState(empty=False, revision=None)  # ours, at the base revision
    if revision is None:
        raise DamagedError(f"{name} is damaged: it records no schema revision. {UNCHANGED}")
    if not known:
        raise NewerVersionError(
            f"{name} was written by a newer version of cs_planner. "
            f"Update the app to open it. {UNCHANGED}"
        )
    return FileState(empty=False, revision=revision)


def _known_revisions() -> set[str]:
    from cs_planner.storage import migrate  # Alembic: only for files not at the head

    return migrate.known_revisions()
