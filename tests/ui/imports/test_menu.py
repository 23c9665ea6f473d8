"""Portfolio > Import accounts and contacts… (Ctrl+Shift+I) opens the import wizard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cs_planner.ui.imports.wizard import ImportWizard
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow


def test_the_portfolio_menu_opens_the_wizard(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, None, settings)
    qtbot.addWidget(window)
    menu = next(m for m in window.menuBar().actions() if m.text() == "&Portfolio").menu()
    action = next(a for a in menu.actions() if a.text() == "&Import accounts and contacts…")
    assert action.shortcut() == QKeySequence("Ctrl+Shift+I")
    assert action.statusTip()
    opened: list[object] = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        opened.append(type(dialog))
        if dialog is not None:
            dialog.reject()

    QTimer.singleShot(0, close)
    action.trigger()
    assert opened == [ImportWizard]
