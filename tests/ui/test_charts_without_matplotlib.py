"""The window draws its charts itself: showing every tab and page of the demo imports
neither matplotlib nor numpy (50 MB and a second of imports; the workbooks' pictures
still use matplotlib, imported by an export)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from cs_planner.demo import generate
from cs_planner.storage import open_portfolio
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow

app = QApplication([])
portfolio = open_portfolio(sys.argv[1])
generate(portfolio)
window = MainWindow(AppContext(portfolio), None, QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.resize(1366, 768)
window.show()
listing = window.portfolio_view
for row in range(listing.model.rowCount()):
    listing.select_account(listing.model.row_at(row).id)
    for name in window.main_area.tab_names():
        window.main_area.set_tab(name)
        for _ in range(3):
            app.processEvents()
        window.grab()  # every chart on screen painted
    if row == 2:
        break
print(sorted(m for m in ("matplotlib", "numpy") if m in sys.modules))
window.close()
portfolio.close()
"""


def test_every_tab_and_page_draws_without_matplotlib(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "demo.csplan"), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
