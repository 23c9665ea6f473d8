"""Start the desktop app: QApplication, the portfolio, the main window."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from cs_planner import APP_NAME, __version__

if TYPE_CHECKING:  # imported where used: the window must not load Qt before it has to
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cs_planner.ui.shell.main_window import MainWindow


def _message(text: str) -> None:
    print(f"{APP_NAME}: error: {text}", file=sys.stderr)


_throwaway: tempfile.TemporaryDirectory[str] | None = None


def use_throwaway_settings() -> None:
    """Send every QSettings() of this process to a temporary folder, removed at exit: a
    screenshot or a smoke test must not change the user's recent files, last account and
    tab or window geometry, whether it succeeds or fails."""
    global _throwaway
    from PySide6.QtCore import QSettings

    if _throwaway is None:
        _throwaway = tempfile.TemporaryDirectory(prefix="cs-planner-settings-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, _throwaway.name)


def setup_application() -> QApplication:
    """The QApplication with the app's name, icon and theme."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from cs_planner.ui.common.import_scan import skip_source_scan

    skip_source_scan()  # before anything else is imported after Qt
    from cs_planner.ui.common import theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(theme.icon_path())))
    theme.apply(app)
    return app


def run(
    target: str | Path | None,
    *,
    screenshot: Path | None = None,
    account: str | None = None,
    tab: str | None = None,
    size: tuple[int, int] | None = None,
    workshop: bool = False,
) -> int:
    if screenshot is not None:
        if target is None:
            _message("--screenshot needs a portfolio: cs-planner PORTFOLIO --screenshot OUT.png")
            return 1
        # Render without a screen: the same pixels on a laptop, a server or CI.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        use_throwaway_settings()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from cs_planner.storage.errors import PortfolioError
    from cs_planner.ui.shell import errors

    app = setup_application()
    # Nobody can close a dialog in a screenshot run or without a display: errors are lines.
    errors.install(interactive=screenshot is None and not errors.headless())
    settings = QSettings()
    try:
        if screenshot is None:
            from cs_planner.ui.shell.startup import start

            window = start(target, settings)
            if window is None:  # the welcome dialog was closed
                return 0
        else:
            assert target is not None, "checked above"
            window = _opened_to_read(target, settings)
    except PortfolioError as exc:
        _message(str(exc))
        if errors.is_interactive():
            QMessageBox.critical(None, "Cannot open the portfolio", str(exc))
        return 1
    if size is not None:
        window.resize(*size)
    if screenshot is None:
        window.show()
        return app.exec()
    return _screenshot(app, window, screenshot, account, tab, workshop)


def _opened_to_read(target: str | Path, settings: QSettings) -> MainWindow:
    """The window of a screenshot: it reads the file and writes nothing to it or beside it."""
    from cs_planner.ui.shell.context import AppContext
    from cs_planner.ui.shell.main_window import MainWindow
    from cs_planner.ui.shell.opening import open_for_ui

    portfolio, lock = open_for_ui(target, create=False, read_only=True)
    return MainWindow(AppContext(portfolio), lock, settings)


def _screenshot(
    app: QApplication,
    window: MainWindow,
    out: Path,
    account: str | None,
    tab: str | None,
    workshop: bool = False,
) -> int:
    """Render and save; 1 when anything failed (errors.failed: an error in a slot was
    already reported as one line, and the picture would show a broken view)."""
    from cs_planner.domain.accounts.queries import find_account
    from cs_planner.domain.errors import ValidationError
    from cs_planner.ui.shell import errors
    from cs_planner.ui.shell.private_output import save_png

    if account is not None:
        try:
            account_id = window.ctx.read(lambda s: find_account(s, account))
        except ValidationError as exc:
            _message(exc.message)
            return 1
        window.portfolio_view.select_account(account_id)
    if errors.failed():
        return 1
    if tab is not None and not window.main_area.set_tab(tab):
        names = ", ".join(window.main_area.tab_names())
        _message(f"There is no tab named '{tab}' (tabs: {names}).")
        return 1
    window.portfolio_view.scores_now()
    if workshop:
        window.workshop.enter(record=False)  # a picture: no session in the file
    window.show()
    for _ in range(3):  # let layouts settle before painting
        app.processEvents()
    if errors.failed():
        return 1
    image = window.grab_view()
    out = out.expanduser()
    if not out.parent.is_dir():
        _message(f"The folder {out.parent} does not exist.")
        return 1
    if not save_png(image, out):
        _message(f"Cannot write {out}.")
        return 1
    window.close()
    print(f"Wrote {out}")
    return 0
