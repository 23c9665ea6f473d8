"""Remake the README's screenshots from a fresh demo portfolio, offscreen.

    python docs/make_screenshots.py [--size 1500x900]

Each picture is the main window on the showcase account, on one tab (or an inner page of
a tab), exactly as `cs-planner PORTFOLIO --screenshot` renders it."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

OUT = Path(__file__).with_name("screenshots")
ACCOUNT = "Meridian Freight Group"
# file name -> (tab, inner page of that tab or None)
SHOTS = {
    "overview": ("Overview", None),
    "relationships": ("Relationships", None),
    "stairway": ("Stairway", None),
    "expansion": ("Expansion", None),
    "zero-to-50x": ("Expansion", "Zero to 50x"),
    "csas": ("CSAs", None),
    "value": ("Value", None),
    "health": ("Health", None),
    "plan": ("Plan", "Objectives and actions"),
    "plan-risks": ("Plan", "Risks"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="1500x900")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QTabWidget

    from cs_planner.demo import generate
    from cs_planner.domain.accounts.queries import find_account
    from cs_planner.storage import open_portfolio
    from cs_planner.ui.common import theme
    from cs_planner.ui.shell.context import AppContext
    from cs_planner.ui.shell.main_window import MainWindow

    app = QApplication([])
    theme.apply(app)
    with tempfile.TemporaryDirectory() as folder:
        portfolio = open_portfolio(Path(folder, "demo.csplan"))
        generate(portfolio)
        settings = QSettings(str(Path(folder, "s.ini")), QSettings.Format.IniFormat)
        window = MainWindow(AppContext(portfolio), None, settings)
        window.resize(width, height)
        window.path_label.setText("demo.csplan")  # not this machine's temporary folder
        window.show()
        account = window.ctx.read(lambda s: find_account(s, ACCOUNT))
        window.portfolio_view.select_account(account)
        window.portfolio_view.scores_now()  # the list's health dots
        for name, (tab, inner) in SHOTS.items():
            if not window.main_area.set_tab(tab):
                raise SystemExit(f"no tab {tab}")
            if inner is not None:
                tabs = window.main_area.current_page()
                page = tabs if tab in ("CSAs",) else window.workspace.current_page()
                for widget in page.findChildren(QTabWidget):
                    titles = [widget.tabText(i).replace("&", "") for i in range(widget.count())]
                    if inner in titles:
                        widget.setCurrentIndex(titles.index(inner))
                        break
                else:
                    raise SystemExit(f"no page {inner} on {tab}")
            for _ in range(5):
                app.processEvents()
            window.grab_view().save(str(OUT / f"{name}.png"), "PNG")
            print(f"wrote {OUT / name}.png")
        window.close()
        portfolio.close()


if __name__ == "__main__":
    main()
