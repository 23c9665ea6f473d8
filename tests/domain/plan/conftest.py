"""Plan domain fixtures: the 12-account demo (seed 7, as of TODAY) and its showcase
account, and a small account built for the plan's rules (each test changes what it needs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from cs_planner.demo import generate
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance, TeamRole
from cs_planner.domain.model import ActionItem, Stakeholder, StakeholderRole, TeamMember
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)
SHOWCASE_ACTION = "Book the executive business review"


@pytest.fixture
def demo(portfolio: Portfolio) -> Iterator[Portfolio]:
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    yield portfolio


@pytest.fixture
def showcase(demo: Portfolio) -> int:
    """The showcase account's id: the one whose plan its CSM wrote (demo/account_plan.py)."""
    with demo.read() as s:
        found = s.scalar(select(ActionItem.account_id).where(ActionItem.title == SHOWCASE_ACTION))
    assert found is not None
    return found


def add_person(
    portfolio: Portfolio,
    account_id: int,
    name: str,
    level: Level = Level.MANAGER,
    *,
    champion: bool = False,
    status: StakeholderStatus = StakeholderStatus.ACTIVE,
    contact_days: int = 10,
) -> int:
    with portfolio.session() as s:
        person = Stakeholder(
            account_id=account_id,
            name=name,
            level=level,
            status=status,
            stance=Stance.CHAMPION if champion else Stance.NEUTRAL,
            last_contact=TODAY - dt.timedelta(days=contact_days),
        )
        s.add(person)
        s.flush()
        if champion:
            s.add(StakeholderRole(stakeholder_id=person.id, role=BuyingRole.CHAMPION))
        return person.id


@pytest.fixture
def acct(portfolio: Portfolio) -> dict[str, int]:
    """Harbor: healthy usage, renewal far away, three live people at three levels."""
    with portfolio.session() as s:
        csm = TeamMember(name="Cleo Marsh", role=TeamRole.CSM)
        csa = TeamMember(name="Arun Patel", role=TeamRole.CSA)
        s.add_all([csm, csa])
        s.flush()
        a = create_account(
            s,
            "Harbor",
            10_000,
            arr=100_000,
            customer_since=dt.date(2022, 6, 1),
            renewal_date=TODAY + dt.timedelta(days=200),
            licensed_seats=100,
            active_users=64,
            csm_id=csm.id,
        )
        ids = {"account": a, "csm": csm.id, "csa": csa.id}
    ids["exec"] = add_person(portfolio, a, "Eve Exec", Level.EXECUTIVE, champion=True)
    ids["manager"] = add_person(portfolio, a, "Max Manager", Level.MANAGER)
    ids["user"] = add_person(portfolio, a, "Uma User", Level.END_USER)
    return ids


@pytest.fixture
def change(portfolio: Portfolio) -> Callable[..., None]:
    """Set fields of a row: change(Model, row_id, field=value...)."""

    def apply(model: type[Any], row_id: int, **values: Any) -> None:
        with portfolio.session() as s:
            row = s.get(model, row_id)
            for key, value in values.items():
                setattr(row, key, value)

    return apply
