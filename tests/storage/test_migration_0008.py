"""Migration 0008 (change log): a new table only; down and up again keeps every row, and
the log works on the file afterwards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select

from cs_planner.demo import generate
from cs_planner.domain import change_log
from cs_planner.domain.changes import Changes
from cs_planner.domain.model import Account, Stakeholder
from cs_planner.storage import open_portfolio
from cs_planner.storage.migrate import config
from tests.storage.downgrading import keys_off


def test_down_and_up_keeps_the_rows_and_adds_the_log(portfolio_path: Path, today: dt.date) -> None:
    portfolio = open_portfolio(portfolio_path)
    generate(portfolio, accounts=3, today=today)
    with portfolio.read() as session:
        accounts = dict(session.execute(select(Account.id, Account.name)).all())
        people = dict(session.execute(select(Stakeholder.id, Stakeholder.name)).all())
    with keys_off(portfolio) as connection:
        command.downgrade(config(connection), "0007")
        assert "change_log" not in inspect(connection).get_table_names()
    portfolio.close()

    migrated = open_portfolio(portfolio_path)  # upgrades, after a backup
    try:
        with migrated.session() as session:
            assert dict(session.execute(select(Account.id, Account.name)).all()) == accounts
            assert dict(session.execute(select(Stakeholder.id, Stakeholder.name)).all()) == people
            change_log.record(session, "Add a risk", Changes(), client="c", author_id=None)
        with migrated.read() as session:
            assert [e.text for e in change_log.since(session, 0, "other")[1]] == ["Add a risk"]
    finally:
        migrated.close()
    assert list(portfolio_path.parent.glob("*.0007.bak"))
