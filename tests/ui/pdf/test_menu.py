"""Portfolio > Export plan as PDF...: enabled with an account, the file dialog, the PDF,
the status bar, and an error that says why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import find_account
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.opening import open_for_ui
from tests.ui.pdf.conftest import page_sizes, page_texts

ACCOUNT = "Meridian Freight Group"


def _window(qtbot, portfolio_path: Path, tmp_path: Path, today) -> MainWindow:
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
    return next(a for a in menu.actions() if a.text() == "Export plan as P&DF...")


def test_the_menu_writes_the_selected_accounts_plan_as_pdf(
    qtbot, portfolio_path, tmp_path, today, monkeypatch
) -> None:
    win = _window(qtbot, portfolio_path, tmp_path, today)
    action = _action(win)
    assert action.toolTip() and not action.isEnabled()  # no account chosen yet
    account = win.ctx.read(lambda s: find_account(s, ACCOUNT))
    win._open_account(account)
    assert action.isEnabled()
    # The portfolio's paper is Letter: the PDF follows the setting.
    from cs_planner.domain.enums import PaperSize
    from cs_planner.domain.model import Settings

    with win.ctx.portfolio.session() as session:
        session.get(Settings, 1).paper_size = PaperSize.LETTER
    target = tmp_path / "out" / "plan.pdf"
    target.parent.mkdir()
    offered = []

    def save_name(parent, title, default, filters):
        offered.append((default, filters))
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    action.trigger()
    assert offered == [(f"Account plan - {ACCOUNT}.pdf", "PDF (*.pdf)")]
    texts = page_texts(target)
    assert texts[0].startswith(ACCOUNT) and "Executive summary" in texts[0]
    assert page_sizes(target)[0] == (612.0, 792.0)
    assert str(target) in win.statusBar().currentMessage()
    win.close()


def test_a_failed_pdf_export_says_why_and_cancel_writes_nothing(
    qtbot, portfolio_path, tmp_path, today, monkeypatch
) -> None:
    win = _window(qtbot, portfolio_path, tmp_path, today)
    win._open_account(win.ctx.read(lambda s: find_account(s, ACCOUNT)))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    _action(win).trigger()
    assert warnings == [] and not list(tmp_path.rglob("*.pdf"))
    folder = tmp_path / "plan.pdf"
    folder.mkdir()  # a folder where the file would go
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(folder), ""))
    _action(win).trigger()
    assert len(warnings) == 1 and "is a folder" in warnings[0]
    assert folder.is_dir()
    win.close()
