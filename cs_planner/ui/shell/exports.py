"""Portfolio > Export account plan and Export portfolio roll-up: ask where, write with a
wait cursor (and progress in the status bar for the roll-up), then say where it went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

if TYPE_CHECKING:
    from cs_planner.ui.shell.main_window import MainWindow


def export_plan(window: MainWindow) -> None:
    account_id = window.workspace.account_id
    if account_id is None:
        return
    from cs_planner.domain.accounts.queries import account_names
    from cs_planner.reports import ReportError
    from cs_planner.reports.account_plan import account_plan_path_default, write_account_plan

    name = window.ctx.read(lambda s: account_names(s, [account_id])).get(account_id)
    if name is None:  # deleted meanwhile
        return
    path, _ = QFileDialog.getSaveFileName(
        window, "Export account plan", str(account_plan_path_default(name)), "Excel (*.xlsx)"
    )
    if not path:
        return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    notes: list[str] = []
    try:
        written = write_account_plan(window.ctx.portfolio, account_id, Path(path), notes=notes)
    except ReportError as exc:
        QMessageBox.warning(window, "Export account plan", str(exc))
        return
    finally:
        QApplication.restoreOverrideCursor()
    report_export(window, written, notes)


def export_rollup(window: MainWindow) -> None:
    from cs_planner.reports import ReportError
    from cs_planner.reports.rollup.workbook import rollup_path_default, write_rollup_workbook

    today = window.ctx.today()
    path, _ = QFileDialog.getSaveFileName(
        window, "Export portfolio roll-up", str(rollup_path_default(today)), "Excel (*.xlsx)"
    )
    if not path:
        return

    def progress(text: str) -> None:  # seconds on a large portfolio: say what is going on
        window.statusBar().showMessage(text)
        # Repaint only: a click now must not start another edit or export mid-way.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    notes: list[str] = []
    try:
        written = write_rollup_workbook(
            window.ctx.portfolio, Path(path), today=today, progress=progress, notes=notes
        )
    except ReportError as exc:
        window.statusBar().clearMessage()
        QMessageBox.warning(window, "Export portfolio roll-up", str(exc))
        return
    finally:
        QApplication.restoreOverrideCursor()
    report_export(window, written, notes)


def report_export(window: MainWindow, written: Path, notes: list[str]) -> None:
    """Say where the workbook went and, if a text had to be cut to fit a cell, that it
    was (the cells say so too: an ellipsis and a comment)."""
    if not notes:
        window.statusBar().showMessage(f"Wrote {written}", 5000)
        return
    texts = "1 text was" if len(notes) == 1 else f"{len(notes)} texts were"
    window.statusBar().showMessage(
        f"Wrote {written}; {texts} cut to Excel's 32,767-character limit for a cell "
        f"({notes[0].split(':')[0]}{', ...' if len(notes) > 1 else ''}).",
        15000,
    )
