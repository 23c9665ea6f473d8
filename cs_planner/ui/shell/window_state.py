"""What the main window remembers between starts (its QSettings): size and layout, and the
portfolio, account and tab it showed last."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter

if TYPE_CHECKING:
    from cs_planner.ui.shell.main_window import MainWindow


def absolute(path: Path | None) -> str:
    """How a portfolio file is remembered: its full path ("" for a server)."""
    return str(Path(path).resolve()) if path is not None else ""


def default_size(window: QMainWindow) -> None:
    """1600x960, or 90% of a smaller screen (a first start has no saved geometry)."""
    screen = QApplication.primaryScreen()
    free = screen.availableGeometry() if screen else None
    width, height = 1600, 960
    if free is not None and free.width() > 400:
        width, height = (
            min(width, int(free.width() * 0.9)),
            min(height, int(free.height() * 0.9)),
        )
    window.resize(width, height)


def restore_geometry(window: MainWindow, splitter: QSplitter) -> None:
    settings = window.settings
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = settings.value("window/state")
    if state is not None:
        window.restoreState(state)
    sizes = settings.value("window/splitter")
    if sizes is not None:
        splitter.restoreState(sizes)


def restore_last_view(window: MainWindow) -> None:
    """The account and tab shown when this portfolio was last closed."""
    settings = window.settings
    if settings.value("last/portfolio") == absolute(window.ctx.portfolio.path):
        account = settings.value("last/account")
        if account is not None:
            window.portfolio_view.select_account(int(account))
        tab = settings.value("last/tab")
        if tab:
            window.main_area.set_tab(str(tab))


def save_state(window: MainWindow) -> None:
    settings = window.settings
    if not window.workshop.on:  # full screen without the list is not the window to keep
        settings.setValue("window/geometry", window.saveGeometry())
        settings.setValue("window/state", window.saveState())
        settings.setValue("window/splitter", window.splitter.saveState())
    settings.setValue("last/portfolio", absolute(window.ctx.portfolio.path))
    account = window.workspace.account_id
    if account is None:
        settings.remove("last/account")
    else:
        settings.setValue("last/account", account)
    settings.setValue("last/tab", window.main_area.current_tab())
    settings.sync()
