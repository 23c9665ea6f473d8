"""Shared fixtures: a real portfolio file in a temporary folder; Qt offscreen."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6.QtCore  # noqa: F401  (installs the post-import hook skip_source_scan replaces)

from cs_planner.storage import Portfolio, open_portfolio
from cs_planner.ui.common.import_scan import skip_source_scan

skip_source_scan()  # as the app does: Qt need not read every later module's source

TODAY = dt.date(2026, 11, 24)
# matplotlib's own cache (its font list) stays where it was: the user cache folder below is
# made new for every test, and a process that built the font list again would take a
# second and say so on standard error.
MATPLOTLIB_CACHE = os.environ.get("MPLCONFIGDIR") or str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "matplotlib"
)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def portfolio_path(tmp_path: Path) -> Path:
    return tmp_path / "test.csplan"


@pytest.fixture
def portfolio(portfolio_path: Path) -> Iterator[Portfolio]:
    opened = open_portfolio(portfolio_path)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Keep tests away from the real user's data folder and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # the pictures' cache
    monkeypatch.setenv("MPLCONFIGDIR", MATPLOTLIB_CACHE)
