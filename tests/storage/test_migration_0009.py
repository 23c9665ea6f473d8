"""Migration 0009 (imported fields): a stakeholder's phone and country, an account's parent
and employees; down and up again keeps every row, and the new fields work afterwards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select

from cs_planner.demo import generate
from cs_planner.domain.model import Account, Division, Stakeholder
from cs_planner.storage import open_portfolio
from cs_planner.storage.migrate import config
from tests.storage.downgrading import keys_off


def test_down_and_up_keeps_the_rows_and_adds_the_fields(
    portfolio_path: Path, today: dt.date
) -> None:
    portfolio = open_portfolio(portfolio_path)
    generate(portfolio, accounts=3, today=today)
    with portfolio.read() as session:
        accounts = dict(session.execute(select(Account.id, Account.name)).all())
        people = dict(session.execute(select(Stakeholder.id, Stakeholder.name)).all())
        divisions = dict(session.execute(select(Division.id, Division.account_id)).all())
    with keys_off(portfolio) as connection:
        command.downgrade(config(connection), "0008")
        inspector = inspect(connection)
        assert "parent_id" not in {c["name"] for c in inspector.get_columns("account")}
        assert "phone" not in {c["name"] for c in inspector.get_columns("stakeholder")}
    portfolio.close()

    migrated = open_portfolio(portfolio_path)  # upgrades, after a backup
    try:
        with migrated.session() as session:
            assert dict(session.execute(select(Account.id, Account.name)).all()) == accounts
            assert dict(session.execute(select(Stakeholder.id, Stakeholder.name)).all()) == people
            assert dict(session.execute(select(Division.id, Division.account_id)).all()) == (
                divisions
            )
            first, second = sorted(accounts)[:2]
            child = session.get(Account, second)
            assert child is not None and child.parent_id is None and child.employees is None
            child.parent_id, child.employees = first, 1200
            person = session.get(Stakeholder, min(people))
            assert person is not None and person.phone == "" and person.country == ""
            person.phone, person.country = "+44 20 7946 0958", "United Kingdom"
        with migrated.read() as session:
            assert session.scalar(select(Account.parent_id).where(Account.id == second)) == first
            assert session.scalar(select(Stakeholder.phone).where(Stakeholder.id == min(people)))
        # The parent's reference is a real foreign key: deleting the parent clears it.
        with migrated.session() as session:
            parent = session.get(Account, first)
            session.delete(parent)
        with migrated.read() as session:
            assert session.scalar(select(Account.parent_id).where(Account.id == second)) is None
    finally:
        migrated.close()
    assert list(portfolio_path.parent.glob("*.0008.bak"))


def test_the_downgrade_refuses_to_copy_account_with_foreign_keys_on(portfolio_path: Path) -> None:
    portfolio = open_portfolio(portfolio_path)
    try:
        with (
            pytest.raises(RuntimeError, match="foreign keys off"),
            portfolio.engine.begin() as connection,
        ):
            command.downgrade(config(connection), "0008")
    finally:
        portfolio.close()
