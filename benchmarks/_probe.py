"""Run by startup.py in a fresh process: show a window, print the wall-clock time of its
first paint (time.time()), then the timings asked for, and exit."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def first_paint(app, window) -> float:
    from PySide6.QtCore import QEvent, QObject

    painted: list[float] = []

    class Watch(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.time())
            return False

    watch = Watch()
    window.installEventFilter(watch)
    window.show()
    while not painted:
        app.processEvents()
    window.removeEventFilter(watch)
    return painted[0]


def bare() -> None:
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([])
    view = QTableView()
    view.setModel(QStandardItemModel(0, 7))
    view.resize(1500, 920)
    print(f"painted {first_paint(app, view)}")


def planner(path: str) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cs_planner.ui.common import theme
    from cs_planner.ui.shell.context import AppContext
    from cs_planner.ui.shell.main_window import MainWindow
    from cs_planner.ui.shell.opening import open_for_ui

    app = QApplication([])
    theme.apply(app)
    portfolio, lock = open_for_ui(path, create=False)
    settings = QSettings(os.path.join(os.path.dirname(path), "bench.ini"), QSettings.IniFormat)
    window = MainWindow(AppContext(portfolio), lock, settings)
    print(f"painted {first_paint(app, window)}")

    view = window.portfolio_view
    rows = [view.model.row_at(i).id for i in range(min(view.model.rowCount(), 20))]
    start = time.perf_counter()
    for account_id in rows:
        view.select_account(account_id)
        app.processEvents()
    print(f"open_account {(time.perf_counter() - start) / max(len(rows), 1)}")

    start = time.perf_counter()
    for text in ("a", "an", "and", "", "k", "ke", ""):
        view.search.setText(text)
        app.processEvents()
    print(f"filter {(time.perf_counter() - start) / 7}")
    print(f"matplotlib_loaded {int('matplotlib' in sys.modules)}")
    print(f"openpyxl_loaded {int('openpyxl' in sys.modules)}")
    window.close()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        planner(sys.argv[2])
