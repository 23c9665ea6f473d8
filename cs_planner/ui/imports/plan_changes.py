"""Portfolio > Import changes from an account plan…: the customer's edits to an exported
plan, per sheet, each row with a checkbox; a row with a problem is shown and cannot be
chosen, a field with a problem is shown and never written. The chosen rows are applied
as one undo step through ``perform``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cs_planner import palette
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.plan_apply import PlanChangesEdit
from cs_planner.domain.imports.plan_changes import PlanChanges, RowChange, read_plan_changes
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform

TITLE = "Import changes from an account plan"
KIND_WORDS = {"changed": "Changed", "new": "New row", "deleted": "Deleted in the sheet"}


class PlanChangesDialog(QDialog):
    """The diff of one plan; ``chosen()`` the rows ticked when it is accepted."""

    def __init__(self, changes: PlanChanges, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.changes = changes
        self.items: list[tuple[QTreeWidgetItem, RowChange]] = []  # the rows that can be chosen
        layout = QVBoxLayout(self)
        count = len(changes.rows)
        intro = QLabel(
            f"<b>{count} change{'s' if count != 1 else ''} to the plan of "
            f"{changes.account_name}</b>. Untick what you do not want; rows in red "
            "cannot be imported as they are."
            if count
            else f"<b>Nothing changed in the plan of {changes.account_name}.</b>"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Change", "In the portfolio", "In the sheet"])
        self.tree.setAlternatingRowColors(True)
        layout.addWidget(self.tree, 1)
        for sheet in changes.sheets:
            top = QTreeWidgetItem(self.tree, [f"{sheet.sheet} ({len(sheet.rows)})"])
            top.setFirstColumnSpanned(True)
            for row in sheet.rows:
                self._add_row(top, row)
            top.setExpanded(True)
        # Long titles are cut (the whole text is the cell's tooltip), so the sheet's new
        # values stay in sight without scrolling sideways.
        for column, most in ((0, 440), (1, 340)):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), most))
        self.tree.header().setStretchLastSection(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        if changes.notes:
            notes = QLabel("\n".join(changes.notes))
            notes.setWordWrap(True)
            notes.setStyleSheet("font-style: italic;")
            layout.addWidget(notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText("Apply")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tree.itemChanged.connect(lambda *_: self._count())
        self._count()

    def _add_row(self, parent: QTreeWidgetItem, row: RowChange) -> None:
        where = f" (row {row.row})" if row.row else ""
        item = QTreeWidgetItem(parent, [f"{KIND_WORDS[row.kind]}: {row.label}{where}"])
        item.setToolTip(0, item.text(0))
        if row.applicable:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            self.items.append((item, row))
        else:  # shown, never chosen
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            _problem(item)
        if row.problem:
            item.setToolTip(0, row.problem)
            _problem(QTreeWidgetItem(item, [row.problem]))
        for change in row.fields:
            child = QTreeWidgetItem(item, [change.label, change.old, change.new])
            for column in (1, 2):
                child.setToolTip(column, child.text(column))
            if change.problem:
                child.setText(2, change.problem)  # it quotes what the sheet holds
                child.setToolTip(2, change.problem)
                _problem(child)
        item.setExpanded(True)

    def chosen(self) -> list[RowChange]:
        return [row for item, row in self.items if item.checkState(0) == Qt.CheckState.Checked]

    def _count(self) -> None:
        n = len(self.chosen())
        self.apply_button.setEnabled(n > 0)
        self.apply_button.setText(f"Apply {n} change{'s' if n != 1 else ''}")


def _problem(item: QTreeWidgetItem) -> None:
    for column in range(3):
        item.setForeground(column, QBrush(QColor(palette.SHEET_RED_TEXT)))


def import_plan_changes(ctx: AppContext, parent: QWidget | None, path: str = "") -> bool:
    """Ask for the workbook (unless ``path``), show its changes, apply the chosen ones as
    one undo step. True when something was applied."""
    if not path:
        path, _ = QFileDialog.getOpenFileName(parent, TITLE, "", "Excel workbook (*.xlsx)")
        if not path:
            return False
    today = ctx.today()
    try:
        changes = ctx.read(lambda session: read_plan_changes(session, path, today))
    except ValidationError as refused:
        QMessageBox.warning(parent, TITLE, refused.message)
        return False
    dialog = PlanChangesDialog(changes, parent)
    dialog.resize(1000, 640)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
        return False
    edit = PlanChangesEdit(changes.account_id, changes.account_name, dialog.chosen(), today)
    try:
        perform(ctx, edit)
    except ValidationError as refused:  # nothing was written
        QMessageBox.warning(parent, TITLE, refused.message)
        return False
    return True
