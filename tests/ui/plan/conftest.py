"""The Plan tab on the 12-account demo (seed 7, as of TODAY) on its showcase account, and
over the account the plan's domain tests build (tests/domain/plan)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from cs_planner.demo import generate
from cs_planner.domain.model import ActionItem
from cs_planner.storage import open_portfolio
from cs_planner.ui.plan.tab import PlanTab
from cs_planner.ui.shell.context import AppContext
from tests.domain.plan.conftest import acct, change  # noqa: F401  (fixtures)

TODAY = dt.date(2026, 11, 24)
SHOWCASE_ACTION = "Book the executive business review"


@pytest.fixture
def demo_ctx(tmp_path: Path):
    portfolio = open_portfolio(tmp_path / "demo.csplan")
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    context = AppContext(portfolio)
    context.today = lambda: TODAY
    yield context
    portfolio.close()


@pytest.fixture
def showcase(demo_ctx: AppContext) -> int:
    found = demo_ctx.read(
        lambda s: s.scalar(select(ActionItem.account_id).where(ActionItem.title == SHOWCASE_ACTION))
    )
    assert found is not None
    return found


@pytest.fixture
def plan_tab(qtbot, demo_ctx: AppContext, showcase: int) -> PlanTab:
    tab = PlanTab(demo_ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    tab.activateWindow()  # its shortcuts act in the active window only
    qtbot.waitExposed(tab)
    tab.set_account(showcase)
    return tab


@pytest.fixture
def tab(qtbot, ctx, acct) -> PlanTab:  # noqa: F811
    widget = PlanTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_account(acct["account"])
    return widget
