"""The Plan tab over the account the plan's domain tests build (tests/domain/plan)."""

from __future__ import annotations

import pytest

from cs_planner.ui.plan.tab import PlanTab
from tests.domain.plan.conftest import acct, change  # noqa: F401  (fixtures)


@pytest.fixture
def tab(qtbot, ctx, acct) -> PlanTab:  # noqa: F811
    widget = PlanTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_account(acct["account"])
    return widget
