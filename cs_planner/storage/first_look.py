"""A first look at a portfolio file: its account list and currency, read with the standard
library's sqlite3 before SQLAlchemy is loaded, so that the window paints the list first.
The full open (checks, migration, engines) follows at once. A first look gives up (None)
wherever the full open has something to decide: another revision, an unfinished write, a
-wal with content, anything that is not plainly one of our files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cs_planner.domain.accounts import listing
from cs_planner.domain.accounts.listing import AccountRow
from cs_planner.domain.gc_pause import no_cycle_collection
from cs_planner.storage import files, inspection, sqlite_file
from cs_planner.storage.errors import PortfolioError


@dataclass(frozen=True)
class FirstLook:
    accounts: list[AccountRow]
    currency: str


def first_look(path: Path, today: dt.date) -> FirstLook | None:
    """The list as ``queries.list_accounts`` reads it, or None (see the module)."""
    try:
        if files.check_kind(path) is None:
            return None
        header = files.read_header(path)
        inspection.check_header(path, header)
        wal, _shm, journal = sqlite_file.companions(path)
        if files.size(journal) is not None or (
            sqlite_file.is_wal_header(header) and files.size(wal)
        ):
            return None
        # Immutable: reads the main file alone and creates nothing beside it.
        uri = sqlite_file.file_uri(path, mode="ro", immutable="1")
        connection = sqlite_file.connect_uri(uri)
        try:
            return _read(connection, today)
        finally:
            connection.close()
    except (PortfolioError, sqlite3.Error, LookupError, TypeError, ValueError):
        return None


def _read(connection: sqlite3.Connection, today: dt.date) -> FirstLook | None:
    if connection.execute("PRAGMA application_id").fetchone()[0] != sqlite_file.APPLICATION_ID:
        return None
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != inspection.HEAD_REVISION:
        return None
    with no_cycle_collection():
        accounts = listing.account_rows(
            connection.execute(listing.ACCOUNTS_SQL).fetchall(),
            connection.execute(listing.CSMS_SQL).fetchall(),
            connection.execute(listing.CSAS_SQL, {"today": today.isoformat()}).fetchall(),
            today,
            listing.tier_hours(connection.execute(listing.CAPACITY_SQL).fetchone()),
        )
    currency = connection.execute(listing.CURRENCY_SQL).fetchone()
    return FirstLook(accounts, currency[0] if currency else listing.DEFAULT_CURRENCY)
