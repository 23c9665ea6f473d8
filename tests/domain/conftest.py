"""The domain suite runs on both engines: a SQLite file and a PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cs_planner.storage import Portfolio
from tests.conftest import ENGINES, open_on_engine


@pytest.fixture(params=ENGINES)
def portfolio(request: pytest.FixtureRequest, portfolio_path: Path) -> Iterator[Portfolio]:
    opened = open_on_engine(request, portfolio_path)
    yield opened
    opened.close()
