"""Start the desktop app: QApplication, the portfolio, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cs_planner import APP_NAME, __version__


def _message(text: str) -> None:
    print(f"{APP_NAME}: error: {text}", file=sys.stderr)


def _default_target() -> tuple[Path, bool]:
    """The user's own portfolio; True if it must be created (and seeded with the demo)."""
    from cs_planner.paths import default_portfolio

    path = default_portfolio()
    return path, not path.exists()


def run(
    target: str | Path | None,
    *,
    screenshot: Path | None = None,
    account: str | None = None,
    tab: str | None = None,
    size: tuple[int, int] | None = None,
) -> int:
    if screenshot is not None:
        # Render without a screen: the same pixels on a laptop, a server or CI.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from cs_planner.storage import PortfolioError
    from cs_planner.ui import errors, theme
    from cs_planner.ui.context import AppContext
    from cs_planner.ui.main_window import MainWindow
    from cs_planner.ui.opening import open_for_ui

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(theme.icon_path())))
    theme.apply(app)
    errors.install()

    seed_demo = False
    if target is None:
        target, seed_demo = _default_target()
    try:
        # A screenshot reads the file and writes nothing to it or beside it.
        read_only = screenshot is not None and not seed_demo
        portfolio, lock = open_for_ui(
            target, create=seed_demo or screenshot is None, read_only=read_only
        )
    except PortfolioError as exc:
        _message(str(exc))
        if screenshot is None:
            QMessageBox.critical(None, "Cannot open the portfolio", str(exc))
        return 1
    if seed_demo:
        from cs_planner.demo import generate

        generate(portfolio)

    window = MainWindow(AppContext(portfolio), lock, QSettings())
    if size is not None:
        window.resize(*size)
    if screenshot is None:
        window.show()
        return app.exec()
    return _screenshot(app, window, screenshot, account, tab)


def _screenshot(app, window, out: Path, account: str | None, tab: str | None) -> int:
    from cs_planner.domain.errors import ValidationError
    from cs_planner.domain.portfolio import find_account

    if account is not None:
        try:
            account_id = window.ctx.read(lambda s: find_account(s, account))
        except ValidationError as exc:
            _message(exc.message)
            return 1
        window.portfolio_view.select_account(account_id)
    if tab is not None and not window.main_area.set_tab(tab):
        names = ", ".join(window.main_area.tab_names())
        _message(f"There is no tab named '{tab}' (tabs: {names}).")
        return 1
    window.show()
    for _ in range(3):  # let layouts settle before painting
        app.processEvents()
    image = window.grab_view()
    out = out.expanduser()
    if not out.parent.is_dir():
        _message(f"The folder {out.parent} does not exist.")
        return 1
    if not image.save(str(out), "PNG"):
        _message(f"Cannot write {out}.")
        return 1
    window.close()
    print(f"Wrote {out}")
    return 0
