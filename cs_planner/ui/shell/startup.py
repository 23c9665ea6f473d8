"""Start-up, paint first: when a file allows a first look (storage/first_look.py), the
window is shown with the account list read by the standard library's sqlite3 while
SQLAlchemy, the checks and the workspace are not even imported; right after the first
paint the portfolio is opened in full and the last account and tab are restored. A file
that allows no first look (new, older, unfinished, a URL) is opened before the window is
shown, as any open is."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cs_planner.storage.errors import PortfolioError
from cs_planner.storage.files import is_url, portfolio_path
from cs_planner.storage.first_look import first_look
from cs_planner.ui.shell import errors
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.opening import PortfolioLock, lock_file, open_for_ui
from cs_planner.ui.shell.recent import last_portfolio

# Opens anyway when no paint comes (a window shown minimised is not painted).
OPEN_WITHOUT_PAINT_MS = 500


def start(target: str | Path | None, settings: QSettings) -> MainWindow | None:
    """The main window to show on ``target`` (None: the portfolio used last, else the
    welcome dialog's choice); None when the user closed the welcome dialog. Raises
    PortfolioError, before anything is shown, when ``target`` cannot be opened."""
    last = target is None
    if last:
        target = last_portfolio(settings)
    window = _painted_first(target, settings, last) if target is not None else None
    if window is not None:
        return window
    from cs_planner.ui.shell import welcome  # only when the window is not painted first

    if last:
        opened = welcome.open_at_start(settings)
        if opened is None:
            return None
        portfolio, lock = opened
    else:
        assert target is not None
        portfolio, lock = open_for_ui(target)
    return MainWindow(AppContext(portfolio), lock, settings)


def _painted_first(target: str | Path, settings: QSettings, last: bool) -> MainWindow | None:
    """The window over a first look at ``target``, opening it after its first paint; None
    when the file allows no first look (or, for the last portfolio, when it is locked:
    the welcome dialog says so)."""
    if is_url(target):
        return None
    path = portfolio_path(target).resolve()
    look = first_look(path, dt.date.today())
    if look is None:
        return None
    try:
        lock = lock_file(path)
    except PortfolioError:
        if last:
            return None
        raise
    window = MainWindow(None, None, settings, first_look=(path, look))
    _after_first_paint(window, lambda: _open(window, path, lock, last))
    return window


def _open(window: MainWindow, path: Path, lock: PortfolioLock, last: bool) -> None:
    try:
        portfolio, held = open_for_ui(path, create=False, parent=window, locks=lock)
    except PortfolioError as exc:
        _failed(window, exc, last)
        return
    window.open_context(AppContext(portfolio), held)


def _failed(window: MainWindow, exc: PortfolioError, last: bool) -> None:
    """The full open refused what the first look showed (a damaged file, say): as if
    it had been refused before the window was shown."""
    from cs_planner.ui.shell import welcome

    window.hide()
    if last:  # the welcome dialog, saying why, as when the last portfolio fails at once
        opened = welcome.ask_until_opened(welcome.last_failed(exc))
        if opened is not None:
            window.open_context(AppContext(opened[0]), opened[1])
            window.show()
            return
        window.close()
        QApplication.exit(0)
        return
    print(f"cs-planner: error: {exc}", file=sys.stderr)
    if errors.is_interactive():
        QMessageBox.critical(None, "Cannot open the portfolio", str(exc))
    window.close()
    QApplication.exit(1)


def _after_first_paint(window: MainWindow, then: Callable[[], None]) -> None:
    """Run ``then`` once, in the event loop's next turn after the list's first paint
    (after it, so the paint reaches the screen first)."""
    viewport = window.portfolio_view.table.viewport()
    done: list[bool] = []

    def run() -> None:
        if not done:
            done.append(True)
            viewport.removeEventFilter(watch)
            then()

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, run)
            return False

    watch = Watch(window)
    viewport.installEventFilter(watch)
    QTimer.singleShot(OPEN_WITHOUT_PAINT_MS, run)
