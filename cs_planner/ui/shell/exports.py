"""Portfolio > Export account plan (Excel or PDF) and Export portfolio roll-up: ask where,
write with a wait cursor (and progress in the status bar for the PDF and the roll-up),
then say where it went."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

if TYPE_CHECKING:
    from cs_planner.ui.shell.main_window import MainWindow


def _shown_account(window: MainWindow) -> tuple[int, str] | None:
    """The account on show and its name; None without one (or deleted meanwhile)."""
    account_id = window.workspace.account_id
    if account_id is None:
        return None
    from cs_planner.domain.accounts.queries import account_names

    name = window.ctx.read(lambda s: account_names(s, [account_id])).get(account_id)
    return None if name is None else (account_id, name)


def export_plan(window: MainWindow) -> None:
    shown = _shown_account(window)
    if shown is None:
        return
    account_id, name = shown
    from cs_planner.reports import ReportError
    from cs_planner.reports.account_plan import account_plan_path_default, write_account_plan

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


def export_plan_pdf(window: MainWindow) -> None:
    """Portfolio > Export plan as PDF: the selected account's plan, drawn by Qt."""
    shown = _shown_account(window)
    if shown is None:
        return
    account_id, name = shown
    from cs_planner.domain.accounts.queries import get_settings
    from cs_planner.ui.pdf.plan import plan_pdf_path_default, write_plan_pdf

    path, _ = QFileDialog.getSaveFileName(
        window, "Export plan as PDF", str(plan_pdf_path_default(name)), "PDF (*.pdf)"
    )
    if not path:
        return
    paper = window.ctx.read(get_settings).paper_size.value  # Settings: A4 or Letter
    written = _writing(
        window,
        "Export plan as PDF",
        lambda: write_plan_pdf(
            window.ctx.portfolio,
            account_id,
            Path(path),
            paper=paper,
            today=window.ctx.today(),
            progress=_status(window),
        ),
    )
    if written is not None:
        window.statusBar().showMessage(f"Wrote {written}", 5000)


def _writing(window: MainWindow, title: str, write: Callable[[], Path]) -> Path | None:
    """``write()`` under a wait cursor; a ReportError is said in a message box (None)."""
    from cs_planner.reports import ReportError

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return write()
    except ReportError as exc:
        window.statusBar().clearMessage()
        QMessageBox.warning(window, title, str(exc))
        return None
    finally:
        QApplication.restoreOverrideCursor()


def export_customer_copy(window: MainWindow) -> None:
    """Portfolio > Export customer copy: the plan without the private layer, as a
    workbook or a PDF by the name chosen (reports/customer_copy.py)."""
    shown = _shown_account(window)
    if shown is None:
        return
    account_id, name = shown
    from cs_planner.domain.accounts.queries import get_settings
    from cs_planner.reports.account_plan import account_plan_path_default, write_account_plan
    from cs_planner.ui.pdf.plan import write_plan_pdf

    default = account_plan_path_default(name)
    default = default.with_name(default.name.replace("Account plan", "Customer copy", 1))
    path, _ = QFileDialog.getSaveFileName(
        window, "Export customer copy", str(default), "Excel (*.xlsx);;PDF (*.pdf)"
    )
    if not path:
        return
    target = Path(path)
    paper = window.ctx.read(get_settings).paper_size.value

    def write() -> Path:
        if target.suffix.lower() == ".pdf":
            return write_plan_pdf(
                window.ctx.portfolio, account_id, target, paper=paper,
                today=window.ctx.today(), progress=_status(window), customer_copy=True,
            )  # fmt: skip
        return write_account_plan(
            window.ctx.portfolio, account_id, target, today=window.ctx.today(),
            customer_copy=True,
        )  # fmt: skip

    written = _writing(window, "Export customer copy", write)
    if written is not None:
        window.statusBar().showMessage(f"Wrote {written} (customer copy)", 5000)


def _status(window: MainWindow) -> Callable[[str], None]:
    def progress(text: str) -> None:  # seconds on a large account: say what is going on
        window.statusBar().showMessage(text)
        # Repaint only: a click now must not start another edit or export mid-way.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    return progress


def export_rollup(window: MainWindow) -> None:
    from cs_planner.reports import ReportError
    from cs_planner.reports.rollup.workbook import rollup_path_default, write_rollup_workbook

    today = window.ctx.today()
    path, _ = QFileDialog.getSaveFileName(
        window, "Export portfolio roll-up", str(rollup_path_default(today)), "Excel (*.xlsx)"
    )
    if not path:
        return

    progress = _status(window)
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
