"""The 12-account demo (seed 7, as of TODAY), shared by the plan's domain tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from cs_planner.demo import generate
from cs_planner.domain.model import ActionItem
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
