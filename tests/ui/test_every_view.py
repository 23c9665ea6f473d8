"""Every tab and portfolio page, on every account of the demo portfolio, opens without an
error and shows content rather than its empty state. pytest-qt fails a test on any
exception raised inside a Qt slot or paint, so a broken view fails here."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QTabWidget

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import list_accounts
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.opening import open_for_ui


@pytest.fixture
def window(qtbot, portfolio_path: Path, tmp_path: Path, today):
    portfolio, lock = open_for_ui(portfolio_path)
    generate(portfolio, today=today)
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ctx, lock, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.close()


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_every_tab_of_every_demo_account_opens(window: MainWindow) -> None:
    accounts = window.ctx.read(list_accounts)
    account_tabs = window.workspace.tab_names()
    assert len(accounts) == 12 and len(account_tabs) >= 4
    for account in accounts:
        window.portfolio_view.select_account(account.id)
        for tab in account_tabs:
            assert window.main_area.set_tab(tab)
            _settle()
            page = window.workspace.current_page()
            assert page.isVisible()
            # Each inner page too (Expansion's six dimensions, opportunities, whitespace...).
            for inner in page.findChildren(QTabWidget):
                for index in range(inner.count()):
                    inner.setCurrentIndex(index)
                    _settle()
                inner.setCurrentIndex(0)
            empty = getattr(page, "empty", None)
            assert empty is None or not empty.isVisible(), f"{tab} of {account.name} is empty"


def test_every_portfolio_page_opens_and_its_inner_pages_too(window: MainWindow) -> None:
    pages = [n for n in window.main_area.tab_names() if n not in window.workspace.tab_names()]
    assert pages
    for name in pages:
        assert window.main_area.set_tab(name)
        _settle()
        page = window.main_area.current_page()
        assert page.isVisible()
        for inner in page.findChildren(QTabWidget):
            for index in range(inner.count()):
                inner.setCurrentIndex(index)
                _settle()
