"""A demo portfolio in a window, and what its accounts hold privately (read through
domain/workshop/privacy.py, never listed by hand)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.workshop.private_values import PrivateValues, private_values
from cs_planner.storage import Portfolio, open_portfolio
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.opening import open_for_ui

ACCOUNT = "Cedarline Medical Group"  # a top account: every private field filled


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.csplan"
    portfolio = open_portfolio(path)
    generate(portfolio, accounts=4, seed=7, today=dt.date(2026, 11, 24))
    portfolio.close()
    return path


def account_and_secrets(portfolio: Portfolio) -> tuple[int, PrivateValues]:
    with portfolio.read() as session:
        account_id = find_account(session, ACCOUNT)
        return account_id, private_values(session, account_id)


@pytest.fixture
def window(qtbot, demo_path: Path, tmp_path: Path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    portfolio, lock = open_for_ui(demo_path, create=False, read_only=True)
    win = MainWindow(AppContext(portfolio), lock, settings)
    qtbot.addWidget(win)
    yield win
    win.close()


@pytest.fixture
def writable(qtbot, demo_path: Path, tmp_path: Path):
    """A window on a writable copy of the demo, the account on show; (window, its id)."""
    copy = tmp_path / "copy.csplan"
    source = open_portfolio(demo_path, mode="read")
    source.save_copy(copy)
    source.close()
    portfolio = open_portfolio(copy)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(portfolio), None, settings)
    qtbot.addWidget(window)
    account_id, _ = account_and_secrets(portfolio)
    window.portfolio_view.select_account(account_id)
    window.show()
    yield window, account_id
    window.close()
    portfolio.close()
