"""A Relationships tab on a real file: an account with four people (a stale detractor, a
champion who left), shown at 1400x900."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance, TeamRole
from cs_planner.domain.model import Stakeholder, TeamMember
from cs_planner.ui.relationships.tab import RelationshipsTab
from cs_planner.ui.shell.context import AppContext

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def ids(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        lena = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        s.add(lena)
        s.flush()
        account = create_account(s, "Harbor Lane", 10_000, csm_id=lena.id)
        rui = Stakeholder(
            account_id=account,
            name="Rui Santos",
            level=Level.EXECUTIVE,
            stance=Stance.SUPPORTER,
            last_contact=dt.date(2026, 11, 1),
        )
        rui.roles = {BuyingRole.ECONOMIC_BUYER}
        s.add(rui)
        s.flush()
        ada = Stakeholder(
            account_id=account,
            name="Ada Brennan",
            reports_to=rui,
            level=Level.DIRECTOR_VP,
            stance=Stance.CHAMPION,
            notes="Wants the EU rollout first",
            last_contact=dt.date(2026, 11, 20),
            owner=lena,
        )
        ada.roles = {BuyingRole.CHAMPION}
        s.add(ada)
        s.flush()
        bo = Stakeholder(
            account_id=account,
            name="Bo Ng",
            reports_to=ada,
            level=Level.MANAGER,
            stance=Stance.DETRACTOR,
            last_contact=dt.date(2026, 3, 1),  # stale
        )
        cy = Stakeholder(
            account_id=account,
            name="Cy Ortiz",
            level=Level.END_USER,
            status=StakeholderStatus.LEFT_COMPANY,
            stance=Stance.CHAMPION,
        )
        s.add_all([bo, cy])
        s.flush()
        return {"account": account, "rui": rui.id, "ada": ada.id, "bo": bo.id, "cy": cy.id}


@pytest.fixture
def tab(qtbot, portfolio, ids) -> RelationshipsTab:
    ctx = AppContext(portfolio)
    ctx.today = lambda: TODAY
    widget = RelationshipsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.set_account(ids["account"])
    widget.show()
    qtbot.waitExposed(widget)
    return widget
