"""Fixtures every ui test shares: the app's context over the test portfolio, with the
injectable date of tests/conftest.py."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.storage import Portfolio
from cs_planner.ui.shell.context import AppContext


@pytest.fixture
def ctx(portfolio: Portfolio, today: dt.date) -> AppContext:
    context = AppContext(portfolio)
    context.today = lambda: today
    return context
