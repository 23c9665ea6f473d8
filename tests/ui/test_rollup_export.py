"""Portfolio > Export portfolio roll-up...: the file dialog, the workbook, an error."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cs_planner.demo import generate
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.opening import open_for_ui


def _window(qtbot, portfolio_path: Path, tmp_path: Path, today) -> MainWindow:
    from PySide6.QtCore import QSettings

    portfolio, lock = open_for_ui(portfolio_path)
    generate(portfolio, accounts=6, seed=7, today=today)
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ctx, lock, settings)
    qtbot.addWidget(win)
    return win


def _action(win: MainWindow):
    menu = win.menuBar().actions()[0].menu()
    return next(a for a in menu.actions() if a.text() == "Export portfolio &roll-up...")


def test_the_menu_writes_the_rollup_where_the_dialog_says(
    qtbot, portfolio_path, tmp_path, today, monkeypatch
) -> None:
    win = _window(qtbot, portfolio_path, tmp_path, today)
    target = tmp_path / "out.xlsx"
    offered = []

    def save_name(parent, title, default, filters):
        offered.append(default)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    action = _action(win)
    assert action.shortcut().toString() == "Ctrl+Shift+E" and action.toolTip()
    action.trigger()
    assert offered == [f"Portfolio roll-up {today.isoformat()}.xlsx"]
    assert load_workbook(target).sheetnames == ["Accounts", "Segments", "Attention", "Health"]
    assert str(target) in win.statusBar().currentMessage()
    win.close()


def test_a_failed_export_shows_the_reason_and_cancel_writes_nothing(
    qtbot, portfolio_path, tmp_path, today, monkeypatch
) -> None:
    win = _window(qtbot, portfolio_path, tmp_path, today)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    _action(win).trigger()
    assert warnings == [] and not list(tmp_path.glob("*.xlsx"))
    missing = tmp_path / "missing" / "r.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(missing), ""))
    _action(win).trigger()
    assert len(warnings) == 1 and "does not exist" in warnings[0]
    assert not missing.parent.exists()
    win.close()
