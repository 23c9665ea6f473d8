"""Taking a portfolio back to an older revision in a test, as the app migrates one up: with
SQLite's foreign keys off, so that copying a table (a batch migration) cascades nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from cs_planner.storage import Portfolio
from cs_planner.storage.engines import driver_connection


@contextmanager
def keys_off(portfolio: Portfolio) -> Iterator[Connection]:
    """A transaction on the portfolio's file with foreign keys off (only settable outside
    a transaction), for ``command.downgrade(config(connection), ...)``."""
    with portfolio.engine.connect() as connection:
        raw = driver_connection(connection)
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
