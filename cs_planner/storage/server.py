"""Opening a portfolio kept on a database server (a URL other than a SQLite file's)."""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from cs_planner.storage.database import (
    Mode,
    Portfolio,
    ensure_settings,
    migrate_to_head,
)
from cs_planner.storage.engines import server_engine
from cs_planner.storage.errors import NewerVersionError, OlderVersionError, PortfolioError
from cs_planner.storage.inspection import HEAD_REVISION


def open_server(url: str, mode: Mode) -> Portfolio:
    """A portfolio on a database server, migrated to the head when opened for writing."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise PortfolioError(f"'{url}' is not a database URL: {exc}.") from exc
    try:
        engine = server_engine(parsed)
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
            if mode == "read":
                raise OlderVersionError(
                    "This database is not up to date: open it in the cs_planner app once."
                )
            migrate_to_head(engine, None)
    except OperationalError as exc:
        raise PortfolioError(f"Cannot connect to {url}: {exc.orig}.") from exc
    portfolio = Portfolio(engine, None, read_only=mode == "read")
    if mode == "write":
        ensure_settings(portfolio)
    return portfolio
