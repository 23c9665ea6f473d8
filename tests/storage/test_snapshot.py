"""Deleting a row with everything under it, and putting all of it back with the same ids."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from cs_planner.domain import snapshot
from cs_planner.domain.enums import BuyingRole, TeamRole
from cs_planner.domain.model import (
    Account,
    Activity,
    Base,
    Division,
    InfluenceLink,
    Stakeholder,
    TeamMember,
    UseCase,
)


def _dump(session) -> dict[str, list[tuple]]:
    """Every row of every table, but the settings row's count of write transactions
    (storage bumps it on every commit)."""
    return {
        table.name: sorted(
            tuple(r)
            for r in session.execute(select(*(c for c in table.c if c.name != "write_count")))
        )
        for table in Base.metadata.sorted_tables
    }


def _build(portfolio) -> tuple[int, int]:
    with portfolio.session() as s:
        csm = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        account = Account(name="Kestrel", initial_deal_value=1000, csm=csm)
        other = Account(name="Other", initial_deal_value=5)
        ops = Division(account=account, name="Operations")
        fleet = Division(account=account, name="Fleet", parent=ops)
        boss = Stakeholder(account=account, name="Ada Brennan", division=ops)
        boss.roles = {BuyingRole.ECONOMIC_BUYER, BuyingRole.EXECUTIVE_SPONSOR}
        report = Stakeholder(account=account, name="Rui Santos", reports_to=boss, division=fleet)
        s.add_all([other, InfluenceLink(account=account, source=report, target=boss)])
        s.add(UseCase(account=account, title="Route planning", champion=report, division=fleet))
        activity = Activity(account=account, date=dt.date(2026, 11, 2), note="QBR")
        activity.stakeholders = [boss, report]
        s.add(activity)
        s.flush()
        return account.id, csm.id


def test_delete_account_and_restore_everything(portfolio) -> None:
    account_id, _ = _build(portfolio)
    with portfolio.session() as s:
        before = _dump(s)
    with portfolio.session() as s:
        taken = snapshot.delete_row(s, Account, account_id)
    with portfolio.session() as s:
        assert s.scalars(select(Account.name)).all() == ["Other"]
        assert s.scalars(select(Stakeholder)).all() == []
    assert taken.count("stakeholder") == 2 and taken.count("stakeholder_role") == 2
    assert taken.count("activity_stakeholder") == 2
    with portfolio.session() as s:
        snapshot.restore(s, taken)
    with portfolio.session() as s:
        assert _dump(s) == before


def test_delete_referenced_row_restores_the_nulled_references(portfolio) -> None:
    account_id, csm_id = _build(portfolio)
    with portfolio.session() as s:
        before = _dump(s)
        boss = s.scalar(select(Stakeholder).where(Stakeholder.name == "Ada Brennan"))
        boss_id = boss.id
    with portfolio.session() as s:
        taken = snapshot.delete_row(s, TeamMember, csm_id)
        snapshot_boss = snapshot.delete_row(s, Stakeholder, boss_id)
    with portfolio.session() as s:
        assert s.get(Account, account_id).csm_id is None
        report = s.scalar(select(Stakeholder).where(Stakeholder.name == "Rui Santos"))
        assert report.reports_to_id is None
    with portfolio.session() as s:
        snapshot.restore(s, snapshot_boss)
        snapshot.restore(s, taken)
    with portfolio.session() as s:
        assert _dump(s) == before
