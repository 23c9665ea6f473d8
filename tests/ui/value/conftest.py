"""Fixtures of the value and health views."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cs_planner.demo import generate
from cs_planner.storage import open_portfolio
from cs_planner.ui.shell.context import AppContext

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def demo_ctx(tmp_path: Path):
    """The 12-account demo (seed 7, as of TODAY) open in an app context."""
    portfolio = open_portfolio(tmp_path / "demo.csplan")
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    context = AppContext(portfolio)
    context.today = lambda: TODAY
    yield context
    portfolio.close()
