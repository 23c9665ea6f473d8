"""The first look at a file (start-up paints it before SQLAlchemy loads): the same rows as
the full read, nothing written or created, and None wherever the full open must decide."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import get_settings, list_accounts
from cs_planner.storage import Portfolio, open_portfolio
from cs_planner.storage.first_look import first_look
from tests.conftest import SQLITE_ONLY


def _demo(path: Path, today: dt.date) -> None:
    portfolio = open_portfolio(path)
    generate(portfolio, accounts=12, today=today)
    portfolio.close()


def test_the_first_look_is_what_the_full_read_shows(portfolio_path: Path, today: dt.date) -> None:
    _demo(portfolio_path, today)
    before = sorted(os.listdir(portfolio_path.parent))
    stamp = portfolio_path.stat().st_mtime_ns
    look = first_look(portfolio_path, today)
    assert look is not None
    assert sorted(os.listdir(portfolio_path.parent)) == before  # nothing created beside it
    assert portfolio_path.stat().st_mtime_ns == stamp
    portfolio = open_portfolio(portfolio_path, mode="read")
    with portfolio.read() as session:
        assert look.accounts == list_accounts(session, today)
        assert look.currency == get_settings(session).currency
    portfolio.close()
    assert len(look.accounts) == 12
    assert any(row.csas for row in look.accounts)  # the CSAs allocated today are read too


@SQLITE_ONLY
def test_no_first_look_where_the_full_open_decides(
    portfolio: Portfolio, portfolio_path: Path, tmp_path: Path, today: dt.date
) -> None:
    portfolio.close()
    assert first_look(portfolio_path, today) is not None
    assert first_look(tmp_path / "missing.csplan", today) is None
    other = tmp_path / "other.csplan"
    other.write_bytes(b"not a database at all" * 10)
    assert first_look(other, today) is None
    assert first_look(tmp_path, today) is None  # a folder
    journal = Path(f"{portfolio_path}-journal")
    journal.write_bytes(b"x")  # an unfinished write: the full open rolls it back first
    assert first_look(portfolio_path, today) is None
    journal.unlink()
    with sqlite3.connect(portfolio_path) as connection:  # an older revision: a migration
        connection.execute("UPDATE alembic_version SET version_num = '0003'")
    connection.close()
    assert first_look(portfolio_path, today) is None
