"""Migration 0010 (account snapshots): a new table only; down and up again keeps every row
(after a backup), and a snapshot taken on the upgraded file reads back. (A snapshot from
before a later migration: tests/domain/workshop/test_snapshots.py reads a literal format 1
payload.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select

from cs_planner.demo import generate
from cs_planner.domain.edits import run
from cs_planner.domain.model import Account, Stakeholder
from cs_planner.domain.workshop import snapshots
from cs_planner.storage import open_portfolio
from cs_planner.storage.migrate import config
from tests.storage.downgrading import keys_off


def test_down_and_up_keeps_the_rows_and_adds_snapshots(
    portfolio_path: Path, today: dt.date
) -> None:
    portfolio = open_portfolio(portfolio_path)
    generate(portfolio, accounts=3, today=today)
    with portfolio.read() as session:
        accounts = dict(session.execute(select(Account.id, Account.name)).all())
        people = dict(session.execute(select(Stakeholder.id, Stakeholder.name)).all())
    with keys_off(portfolio) as connection:
        command.downgrade(config(connection), "0009")
        assert "account_snapshot" not in inspect(connection).get_table_names()
    portfolio.close()

    migrated = open_portfolio(portfolio_path)  # upgrades, after a backup
    try:
        first = min(accounts)
        with migrated.session() as session:
            assert dict(session.execute(select(Account.id, Account.name)).all()) == accounts
            assert dict(session.execute(select(Stakeholder.id, Stakeholder.name)).all()) == people
            run(session, snapshots.take_snapshot(first, "After the upgrade"))
        with migrated.read() as session:
            [info] = snapshots.snapshots_of(session, first)
            assert snapshots.read_snapshot(session, info.id) == snapshots.capture(session, first)
    finally:
        migrated.close()
    assert list(portfolio_path.parent.glob("*.0009.bak"))
