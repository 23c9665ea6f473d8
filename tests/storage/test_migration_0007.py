"""Migration 0007 (import): record ids on accounts and stakeholders and the remembered
mappings; down and up again keeps every account and stakeholder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select

from cs_planner.demo import generate
from cs_planner.domain.model import Account, ImportMapping, Stakeholder
from cs_planner.storage import open_portfolio
from cs_planner.storage.migrate import config
from tests.storage.downgrading import keys_off


def test_down_and_up_keeps_the_rows_and_adds_the_ids(portfolio_path: Path, today: dt.date) -> None:
    portfolio = open_portfolio(portfolio_path)
    generate(portfolio, accounts=3, today=today)
    with portfolio.read() as session:
        accounts = dict(session.execute(select(Account.id, Account.name)).all())
        people = dict(session.execute(select(Stakeholder.id, Stakeholder.name)).all())
    with keys_off(portfolio) as connection:
        command.downgrade(config(connection), "0006")
        inspector = inspect(connection)
        assert "import_mapping" not in inspector.get_table_names()
        assert "external_id" not in {c["name"] for c in inspector.get_columns("account")}
    portfolio.close()

    migrated = open_portfolio(portfolio_path)  # upgrades, after a backup
    try:
        with migrated.session() as session:
            assert dict(session.execute(select(Account.id, Account.name)).all()) == accounts
            assert dict(session.execute(select(Stakeholder.id, Stakeholder.name)).all()) == people
            first = session.get(Account, min(accounts))
            assert first is not None and first.external_id is None
            first.external_source, first.external_id = "salesforce", "001A"
            session.add(ImportMapping(header_key="k" * 64, headers="Id", mapping=""))
        with migrated.read() as session:
            assert session.scalar(select(Account.external_id).where(Account.id == first.id)) == (
                "001A"
            )
    finally:
        migrated.close()
    assert list(portfolio_path.parent.glob("*.0006.bak"))
