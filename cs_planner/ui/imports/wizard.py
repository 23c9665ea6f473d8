"""Portfolio > Import accounts and contacts…: a wizard of four pages (files, columns,
preview, import) sized for a laptop's 1366x768 screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from cs_planner.domain.imports.planned_map import chart_accounts
from cs_planner.ui.imports.apply_page import ApplyPage
from cs_planner.ui.imports.files_page import FilesPage
from cs_planner.ui.imports.job import ImportJob
from cs_planner.ui.imports.mapping_page import MappingPage
from cs_planner.ui.imports.preview_page import PreviewPage
from cs_planner.ui.imports.work import WorkStrip
from cs_planner.ui.shell.context import AppContext


class ImportWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import accounts and contacts")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.job = ImportJob()
        self.files = FilesPage(ctx, self.job)
        self.mapping = MappingPage(ctx, self.job)
        self.preview = PreviewPage(ctx, self.job)
        self.apply = ApplyPage(ctx, self.job)
        for page in (self.files, self.mapping, self.preview, self.apply):
            self.addPage(page)
        # Fits a laptop's screen with the window's frame; wider screens may grow it.
        self.setMinimumSize(900, 560)
        self.resize(1180, 680)

    def _strips(self) -> list[WorkStrip]:
        return [self.mapping.work, self.preview.work, self.apply.work]

    def reject(self) -> None:
        """Escape or closing the window while work runs cancels the work, not the window."""
        for strip in self._strips():
            if strip.busy:
                if strip.cancel_button.isVisible():
                    strip.cancel()
                return
        super().reject()


def import_accounts(ctx: AppContext, parent: QWidget | None) -> int | None:
    """Portfolio > Import accounts and contacts…; the account to show afterwards (the one
    that received most people, else the first account imported), None when nothing was."""
    wizard = ImportWizard(ctx, parent)
    wizard.exec()
    return imported_account(wizard.job)


def imported_account(job: ImportJob) -> int | None:
    preview, edit = job.preview, job.edit
    if preview is None or edit is None:
        return None
    keys = [a.key for a in chart_accounts(preview)]
    keys += [row.key for row in preview.accounts if row.key]
    for key in keys:
        found = int(key[2:]) if key.startswith("e:") else edit.ids.get(key)
        if found is not None:
            return found
    return None
