"""``cs-planner copy SOURCE DEST``: a whole portfolio from one file or database to another
(a CSM's file to the team's PostgreSQL database, or a server's portfolio to a file)."""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Copy a whole portfolio between files and databases (SQLite to PostgreSQL and "
        "back). The destination must be new or empty; it is written in one transaction "
        "and its rows are counted against the source's before the commit."
    )
    parser.add_argument("source", help="portfolio file or SQLAlchemy URL to copy")
    parser.add_argument("destination", help="new portfolio file, or the URL of an empty database")


def cmd_copy(args: argparse.Namespace) -> int:
    from cs_planner.cli import UserError
    from cs_planner.storage import PortfolioError
    from cs_planner.storage.copying import copy_portfolio, describe

    def shown(table: str, rows: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{table}: {rows:,} rows\033[K", end="", file=sys.stderr, flush=True)

    try:
        counts = copy_portfolio(args.source, args.destination, shown)
    except PortfolioError as exc:
        raise UserError(str(exc)) from exc
    finally:
        if sys.stderr.isatty():
            print("\r\033[K", end="", file=sys.stderr)
    print(
        f"Copied {sum(counts.values()):,} rows in {sum(1 for n in counts.values() if n)} "
        f"tables from {describe(args.source)} to {describe(args.destination)}."
    )
    return 0
