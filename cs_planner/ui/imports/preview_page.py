"""The wizard's preview page: what the import will do, before anything is written. The
counts of accounts and people created, updated, unchanged and skipped; each file's rows
with their reasons (fix a cell in place, untick a row to leave it out: the import is
planned again at once); and the org chart of one account as it will look."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from cs_planner.domain.imports.fields import FIELDS, Kind
from cs_planner.domain.imports.preview import Preview
from cs_planner.domain.imports.rows import PlanRow, Status
from cs_planner.ui.common import theme
from cs_planner.ui.common.columns import compact_rows
from cs_planner.ui.common.empty_state import EmptyState
from cs_planner.ui.common.table_model import table_view
from cs_planner.ui.imports.job import ImportJob
from cs_planner.ui.imports.org_preview import OrgPreview
from cs_planner.ui.imports.preview_model import STATUS_COLOUR, STATUS_TEXT, PreviewModel
from cs_planner.ui.imports.work import WorkStrip, wizard_buttons
from cs_planner.ui.shell.context import AppContext

WHAT = {Kind.ACCOUNTS: "Accounts", Kind.CONTACTS: "People"}
ORDER = (Status.CREATE, Status.UPDATE, Status.UNCHANGED, Status.SKIP)
NAME_FIELDS = ("name", "full_name", "first_name", "last_name")


class RowsPanel(QWidget):
    """One file's rows: a "problems only" filter over the editable table."""

    def __init__(self, page: PreviewPage, kind: Kind) -> None:
        super().__init__()
        self.kind = kind
        self.model = PreviewModel(page.edit_row, self)
        self.view: QTableView = table_view(self.model, fill=True)
        compact_rows(self.view)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.problems = QCheckBox("&Problems only")
        self.problems.setToolTip("Show only the rows skipped or with something left out")
        self.problems.toggled.connect(self.filter)
        hint = QLabel(
            "Double-click a value (or select it and type) to fix it; untick Import to leave a "
            "row out. The import is planned again at once."
        )
        hint.setWordWrap(True)
        hint.setObjectName("emptyHint")
        self.body = EmptyState(self.view, "No rows have a problem.")
        top = QHBoxLayout()
        top.addWidget(self.problems)
        top.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)

    def show_rows(self, rows: list[PlanRow], targets: list[str]) -> None:
        self.model.show(self.kind, rows, targets)
        self.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # the file's order
        self.view.horizontalHeader().setStretchLastSection(True)
        self.filter()

    def refresh(self) -> None:
        problems = self.problems.isChecked()
        self.model.refresh(problems)
        if problems:
            self.filter()

    def filter(self) -> None:
        problems = self.problems.isChecked()
        self.model.set_filter((lambda r: bool(r.reasons)) if problems else None)
        self.body.set_empty(problems and self.model.rowCount() == 0)


class PreviewPage(QWizardPage):
    def __init__(self, ctx: AppContext, job: ImportJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.job = ctx, job
        self.setTitle("Check what will change")
        self.setSubTitle(
            "Nothing is written yet. Fix or leave out the rows with problems, then Import: "
            "the whole import is one step you can undo."
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.counts = QGridLayout()
        self.counts.setHorizontalSpacing(18)
        self.notes = QLabel("")
        self.notes.setWordWrap(True)
        self.notes.setObjectName("emptyHint")
        self.tabs = QTabWidget()
        self.panels = {kind: RowsPanel(self, kind) for kind in Kind}
        self.org = OrgPreview(ctx)
        self.work = WorkStrip()
        layout = QVBoxLayout(self)
        layout.addLayout(self.counts)
        layout.addWidget(self.notes)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.work)
        self._pending: tuple[PlanRow, str | None, object] | None = None

    @property
    def preview(self) -> Preview:
        assert self.job.preview is not None
        return self.job.preview

    def initializePage(self) -> None:
        self.tabs.clear()
        preview = self.preview
        for kind, rows in ((Kind.ACCOUNTS, preview.accounts), (Kind.CONTACTS, preview.contacts)):
            if not rows:
                continue
            mapping = next(f.mapping for f in self.job.files if f.mapping.kind is kind)
            # Who the row is first, then the fields in the order the mapping page lists them.
            order = {t: n for n, t in enumerate(dict.fromkeys((*NAME_FIELDS, *FIELDS[kind])))}
            targets = sorted(mapping.fields, key=lambda t: order.get(t, len(order)))
            self.panels[kind].show_rows(rows, targets)
            self.tabs.addTab(self.panels[kind], "")
        if preview.contacts:
            self.tabs.addTab(self.org, "Org chart")
        self.show_plan()

    def show_plan(self) -> None:
        """The counts, the notes and the tab titles, after planning (again)."""
        preview = self.preview
        while (item := self.counts.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        for column, status in enumerate(ORDER, start=1):
            heading = QLabel(f"<b>{STATUS_TEXT[status]}</b>")
            heading.setToolTip(
                {
                    Status.CREATE: "New in the portfolio",
                    Status.UPDATE: "Already in the portfolio; some of its fields change",
                    Status.UNCHANGED: "Already in the portfolio as the file has it",
                    Status.SKIP: "Left out: see the row's reason",
                }[status]
            )
            self.counts.addWidget(heading, 0, column)
        line = 1
        for kind in Kind:
            counted = preview.counts(kind)
            if not sum(counted.values()):
                continue
            self.counts.addWidget(QLabel(WHAT[kind]), line, 0)
            for column, status in enumerate(ORDER, start=1):
                figure = QLabel(f"{counted[status]:,}")
                if counted[status] and status is not Status.UNCHANGED:
                    figure.setStyleSheet(f"color: {theme.ink(STATUS_COLOUR[status]).name()};")
                self.counts.addWidget(figure, line, column)
            line += 1
        lines = sum(1 for m in preview.writes.managers.values() if m)
        divisions = len(preview.writes.new_divisions)
        extra = QLabel(
            f"Reporting lines to set: {lines:,}"
            + (f"; divisions to create: {divisions:,}" if divisions else "")
        )
        self.counts.addWidget(extra, line, 0, 1, len(ORDER) + 1)
        self.counts.setColumnStretch(len(ORDER) + 1, 1)
        notes = list(dict.fromkeys(preview.notes))
        if preview.writes.empty:
            notes.insert(
                0, "Nothing to import: the portfolio already holds these rows as they are."
            )
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        for at in range(self.tabs.count()):
            panel = self.tabs.widget(at)
            if isinstance(panel, RowsPanel):
                rows = preview.accounts if panel.kind is Kind.ACCOUNTS else preview.contacts
                problems = sum(1 for r in rows if r.reasons)
                title = f"{WHAT[panel.kind]} ({len(rows):,} rows"
                title += f", {problems:,} with problems)" if problems else ")"
                self.tabs.setTabText(at, title)
                self.tabs.setTabToolTip(at, rows[0].file if rows else "")
        if preview.contacts:
            self.org.show_preview(preview)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.job.preview is not None and not self.preview.writes.empty

    # --- fixing a cell or leaving a row out ----------------------------------------------
    def edit_row(self, row: PlanRow, target: str | None, value: object) -> None:
        """From the table: plan again once the view has closed its editor."""
        self._pending = (row, target, value)
        QTimer.singleShot(0, self._replan)

    def _replan(self) -> None:
        if self._pending is None:
            return
        row, target, value = self._pending
        self._pending = None
        blocked = [self.tabs, *wizard_buttons(self.wizard())]
        # No Cancel: a plan stopped half way would leave the rows half planned.
        with self.work.running("Planning again…", blocked, can_cancel=False) as progress:
            if target is None:
                self.preview.exclude(row, bool(value), progress)
            else:
                self.preview.fix(row, target, str(value), progress)
        for panel in self.panels.values():
            panel.refresh()
        self.show_plan()
