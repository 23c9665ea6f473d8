"""The window's side of a workshop session: entering workshop mode starts one (the account
as it stands, kept in memory and as a workshop snapshot in the file); leaving sums up what
was captured, and the summary dialog names the session, exports the meeting notes and
logs it in the account's activity log (one undoable insert)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cs_planner.ui.shell.undo import perform

if TYPE_CHECKING:  # the domain loads after the first paint
    from cs_planner.domain.workshop.session import SessionSummary
    from cs_planner.domain.workshop.state import AccountState
    from cs_planner.ui.shell.context import AppContext


@dataclass
class Session:
    account_id: int
    name: str
    start: AccountState
    snapshot_id: int | None  # None on a read-only portfolio: the start is kept in memory

    def summary(self, ctx: AppContext) -> SessionSummary:
        from cs_planner.domain.workshop import snapshots
        from cs_planner.domain.workshop.session import summarize

        now = ctx.read(lambda s: snapshots.capture(s, self.account_id))
        return summarize(self.name, self.start, now, ctx.today())


def start_session(ctx: AppContext, account_id: int, record: bool = True) -> Session:
    """The account as it stands now, and (``record``) a workshop snapshot of it in the
    file: not on the undo stack, as undoing the first edit of the workshop must not take
    the start away. A file that cannot be written keeps the start in memory only."""
    from sqlalchemy.exc import SQLAlchemyError

    from cs_planner.domain.edits import run
    from cs_planner.domain.enums import SnapshotKind
    from cs_planner.domain.errors import ValidationError
    from cs_planner.domain.workshop import snapshots
    from cs_planner.domain.workshop.session import session_name
    from cs_planner.storage.errors import PortfolioError

    start = ctx.read(lambda s: snapshots.capture(s, account_id))
    name = session_name(start.account_name, ctx.today())
    snapshot_id = None
    if record and not ctx.portfolio.read_only:
        edit = snapshots.take_snapshot(account_id, name, SnapshotKind.WORKSHOP)
        try:
            with ctx.write() as session:
                run(session, edit)
            snapshot_id = edit.row_id
        except (ValidationError, PortfolioError, SQLAlchemyError, OSError):
            snapshot_id = None  # the session still sums up from the start kept here
    return Session(account_id, name, start, snapshot_id)


class SummaryDialog(QDialog):
    """What changed during the session; the name can be changed before it is logged."""

    def __init__(self, summary: SessionSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setWindowTitle("Workshop summary")
        self.name = QLineEdit(summary.name)
        self.name.setAccessibleName("Name of the session")
        form = QFormLayout()
        form.addRow("&Session:", self.name)
        self.text = QTextBrowser()
        self.text.setMarkdown(summary.markdown().split("\n", 1)[1])  # the name is above
        self.text.setAccessibleName("What changed during the session")
        buttons = QDialogButtonBox()
        self.log = buttons.addButton(
            "&Log in the activity log", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.notes = QPushButton("Export meeting &notes…")
        buttons.addButton(self.notes, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("&Don't log", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.notes.clicked.connect(self.export_notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 520)

    def named(self) -> SessionSummary:
        from dataclasses import replace

        return replace(self.summary, name=self.name.text().strip() or self.summary.name)

    def export_notes(self) -> Path | None:
        from cs_planner.reports import ReportError
        from cs_planner.reports.meeting_notes import write_meeting_notes

        summary = self.named()
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export meeting notes",
            f"{summary.name}.xlsx".replace("/", "-"),
            "Excel (*.xlsx);;Markdown (*.md);;Text (*.txt)",
        )
        if not path:
            return None
        try:
            return write_meeting_notes(summary, path)
        except ReportError as error:
            QMessageBox.warning(self, "Export meeting notes", str(error))
            return None


def ask_to_log(summary: SessionSummary, parent: QWidget) -> SessionSummary | None:
    """The summary with its name as the person left it, to log; None not to log (tests
    patch this module attribute instead of driving the dialog)."""
    dialog = SummaryDialog(summary, parent)
    return dialog.named() if dialog.exec() == QDialog.DialogCode.Accepted else None


def end_session(
    ctx: AppContext, session: Session, summary: SessionSummary, parent: QWidget
) -> None:
    """Show the summary; log the session as a workshop in the activity log if asked."""
    from cs_planner.domain.errors import ValidationError
    from cs_planner.domain.workshop.session import log_session

    chosen = ask_to_log(summary, parent)
    if chosen is None or ctx.portfolio.read_only:
        return
    try:
        perform(ctx, log_session(session.account_id, chosen, session.snapshot_id))
    except ValidationError as error:
        QMessageBox.warning(parent, "Workshop summary", error.message)
