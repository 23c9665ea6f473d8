"""The wizard's last page: a backup of the portfolio (as before a migration), then the
import in one transaction as one undo step, with a progress bar whose Cancel rolls it all
back; then what was done, or why nothing was."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget, QWizard, QWizardPage

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.apply import ImportWithMappings
from cs_planner.domain.imports.fields import Kind
from cs_planner.domain.imports.preview import ImportCancelled
from cs_planner.domain.imports.rows import Status
from cs_planner.storage.errors import PortfolioError
from cs_planner.storage.sqlite_file import backup_before_migration
from cs_planner.ui.imports.job import ImportJob
from cs_planner.ui.imports.work import WorkStrip, wizard_buttons
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform


class ApplyPage(QWizardPage):
    def __init__(self, ctx: AppContext, job: ImportJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.job = ctx, job
        self.setTitle("Import")
        self.setSubTitle(
            "A copy of the portfolio is made beside it first; then everything is written in "
            "one go, or nothing is."
        )
        self.report = QLabel("")
        self.report.setWordWrap(True)
        self.report.setTextFormat(self.report.textFormat().RichText)
        self.again = QPushButton("&Try again")
        self.again.setToolTip("Run the same import again")
        self.again.clicked.connect(self.start)
        self.again.hide()
        self.work = WorkStrip()
        layout = QVBoxLayout(self)
        layout.addWidget(self.report)
        layout.addWidget(self.again)
        layout.addStretch(1)
        layout.addWidget(self.work)
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.report.setText("")
        QTimer.singleShot(0, self.start)  # once the page is on screen

    def isComplete(self) -> bool:
        return not self.work.busy

    def start(self) -> None:
        preview = self.job.preview
        if preview is None or self.work.busy or self.done:
            return
        self.again.hide()
        wizard = self.wizard()
        blocked = [self.again, *wizard_buttons(wizard)]
        edit = ImportWithMappings(
            preview.writes, [(f.table.headers, f.mapping) for f in self.job.files], self.job.title
        )
        self.completeChanged.emit()
        try:
            with self.work.running("Backing up the portfolio…", blocked) as progress:
                path = self.ctx.portfolio.path
                if path is not None:  # a database server keeps its own backups
                    self.job.backup = backup_before_migration(path, "import")
                self.work.what.setText("Importing…")
                self.report.setText(escape(_what(preview.summary())))
                edit.progress = progress
                try:
                    perform(self.ctx, edit)
                finally:
                    edit.progress = None  # undo and redo run without this page
        except ImportCancelled:
            self._failed("You cancelled the import.")
            return
        except (ValidationError, PortfolioError, OSError) as exc:
            self._failed(f"The import stopped: {getattr(exc, 'message', None) or exc}")
            return
        finally:
            self.completeChanged.emit()
        self.done = True
        self.job.edit = edit
        self._report()
        wizard.button(QWizard.WizardButton.FinishButton).setFocus()

    def _failed(self, why: str) -> None:
        self.report.setText(
            f"<p><b>{escape(why)}</b></p><p>The portfolio was not changed: nothing of this "
            "import was written.</p>"
        )
        self.again.show()

    def _report(self) -> None:
        preview = self.job.preview
        assert preview is not None
        lines = []
        for kind, what in ((Kind.ACCOUNTS, "accounts"), (Kind.CONTACTS, "people")):
            c = preview.counts(kind)
            if sum(c.values()):
                lines.append(
                    f"{what.capitalize()}: {c[Status.CREATE]:,} created, {c[Status.UPDATE]:,} "
                    f"updated, {c[Status.UNCHANGED]:,} unchanged, {c[Status.SKIP]:,} skipped"
                )
        reporting = sum(1 for m in preview.writes.managers.values() if m)
        lines.append(f"Reporting lines set: {reporting:,}")
        if preview.writes.new_divisions:
            lines.append(f"Divisions created: {len(preview.writes.new_divisions):,}")
        backup = (
            f"A copy of the portfolio as it was is beside it: {self.job.backup.name}."
            if self.job.backup
            else ""
        )
        self.report.setText(
            "<p><b>Imported.</b></p><ul>"
            + "".join(f"<li>{escape(line)}</li>" for line in lines)
            + "</ul><p>Edit &gt; Undo (Ctrl+Z) takes the whole import back in one step. "
            + escape(backup)
            + "</p><p>The columns you matched are remembered for the next file with the "
            "same columns.</p>"
        )


def _what(summary: list[str]) -> str:
    """'Accounts: 2 to create, …' lines as one sentence of what is being written."""
    return "Writing: " + "; ".join(line.casefold() for line in summary) + "."
