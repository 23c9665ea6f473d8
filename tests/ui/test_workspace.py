"""The workspace's registry of tabs and pages: each title names its class, and nothing is
built or imported before it is shown (with no account selected, not even the Overview)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.workspace import ACCOUNT_TABS, PORTFOLIO_PAGES, LazyPage


def test_every_registered_page_loads_under_its_title() -> None:
    titles = [page.title for page in (*ACCOUNT_TABS, *PORTFOLIO_PAGES)]
    assert len(set(titles)) == len(titles)
    for page in (*ACCOUNT_TABS, *PORTFOLIO_PAGES):
        assert page.load().title == page.title


def test_nothing_is_built_until_an_account_is_shown(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, None, settings)
    qtbot.addWidget(window)
    window.show()
    holders = window.workspace.holders
    assert all(holder.page is None for holder in holders)
    assert window.main_area.tab_names()[: len(ACCOUNT_TABS)] == [tab.title for tab in ACCOUNT_TABS]
    pages = [window.main_area.widget(i) for i in range(1, window.main_area.count())]
    assert all(isinstance(p, LazyPage) and p.page is None for p in pages)
    window.close()
