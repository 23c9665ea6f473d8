"""The template library (edit and delete templates) and the CSA metrics read off every
roadmap in the portfolio."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.csa_review import SERVED_RULE
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import StairwayTemplate
from cs_planner.domain.stairway import CsaMetrics, csa_metrics
from cs_planner.domain.stairway_templates import (
    TemplateData,
    library,
    new_template,
    update_template,
)
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import widgets
from cs_planner.ui.common.text_fit import clipped_texts
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import DbCommand, DeleteRows, InsertRow, UpdateVia, dry_run, perform
from cs_planner.ui.template_dialogs import (
    TemplateEditDialog,
    TemplateModel,
    describe,
    preview_area,
    template_table,
)

Role = Qt.ItemDataRole
ROOT = QModelIndex()


class TemplateLibraryDialog(QDialog):
    """Every template: edit one (a shipped one is copied into the portfolio first) or delete
    a portfolio template (a shipped one then comes back in its original form)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None, account_id: int | None) -> None:
        super().__init__(parent)
        self._ctx, self._account_id = ctx, account_id
        self.setWindowTitle("Stairway templates")
        self.resize(1120, 620)
        self.model = TemplateModel(self)
        self.table = template_table(self.model)
        scroll, self.preview = preview_area()
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(scroll)
        split.setSizes([640, 460])
        self.error = widgets.ErrorLabel()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.edit_button = widgets.button("Edit…", self.edit, "Edit the selected template (Enter)")
        self.delete_button = widgets.button("Delete", self.delete, "")
        close = widgets.button("Close", self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        widgets.ViewKeys(self.table, self.delete, self.edit, lambda: None)
        self.table.selectionModel().selectionChanged.connect(self._show)
        self.currency = "USD"
        self.reload()

    def reload(self, select: str | None = None) -> None:
        current = self.selected()
        lib, self.currency = self._ctx.read(lambda s: (library(s), get_settings(s).currency))
        self.model.set_rows(lib.templates)
        self.problems.setVisible(bool(lib.problems))
        self.problems.setText("Not loaded: " + "; ".join(str(p) for p in lib.problems))
        key = select or (current.key if current else None)
        index = self.model.index_of(key) if key else QModelIndex()
        self.table.setCurrentIndex(index if index.isValid() else self.model.index(0, 0))
        self._show()

    def selected(self) -> TemplateData | None:
        return self.model.row_at(self.table.currentIndex())

    def _show(self, *_args: object) -> None:
        template = self.selected()
        self.preview.setText(describe(template, None, self.currency) if template else "")
        self.edit_button.setEnabled(template is not None)
        deletable = template is not None and template.template_id is not None
        self.delete_button.setEnabled(deletable)
        if template is not None and template.template_id is None:
            tip = "A shipped template stays in the library; edit it to adapt a copy"
        elif template is not None and template.source:
            tip = "Delete this portfolio's copy; the shipped version comes back"
        else:
            tip = "Delete the selected template (Del); Ctrl+Z brings it back"
        self.delete_button.setToolTip(tip)

    def _perform(self, command: DbCommand) -> bool:
        try:
            perform(command)
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return False
        self.error.clear_message()
        return True

    def edit(self) -> None:
        template = self.selected()
        if template is None:
            return
        if template.template_id is None:
            check = lambda s, v: new_template(s, v, template.source)  # noqa: E731
        else:
            check = lambda s, v: update_template(s, template.template_id, v)  # noqa: E731
        values = TemplateEditDialog.ask(
            self, template.values, validate=lambda v: dry_run(self._ctx, lambda s: check(s, v))
        )
        if values is None or values == template.values:
            return
        text = f"Edit the template {template.name}"
        if template.template_id is None:
            command: DbCommand = InsertRow(
                self._ctx,
                text,
                lambda s: new_template(s, values, template.source),
                self._account_id,
            )
        else:
            command = UpdateVia(
                self._ctx, text, update_template, template.template_id, values, self._account_id
            )
        if self._perform(command):
            row_id = getattr(command, "row_id", None) or template.template_id
            self.reload(f"db:{row_id}")

    def delete(self) -> None:
        template = self.selected()
        if template is None or template.template_id is None:
            return
        if not widgets.confirm(
            self,
            "Delete template",
            f"Delete the template {template.name}? Accounts using it keep their use cases.",
        ):
            return
        command = DeleteRows(
            self._ctx,
            f"Delete the template {template.name}",
            StairwayTemplate,
            [template.template_id],
            self._account_id,
        )
        if self._perform(command):
            self.reload()


class CsaColumn(IntEnum):
    NAME = 0
    ACCOUNTS = 1
    USE_CASES = 2
    LIVE = 3
    ADOPTED = 4
    USERS = 5
    VALUE = 6


CSA_HEADERS = (
    "CSA",
    "Accounts",
    "Use cases",
    "Live",
    "Adopted",
    "Users per adopted use case",
    "Value realised",
)


@clipped_texts
class CsaMetricsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CsaMetrics] = []
        self.currency = "USD"

    def set_rows(self, rows: list[CsaMetrics], currency: str) -> None:
        self.beginResetModel()
        self._rows, self.currency = list(rows), currency
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(CSA_HEADERS)

    @staticmethod
    def value(row: CsaMetrics, column: CsaColumn) -> Any:
        m = row.metrics
        return {
            CsaColumn.NAME: row.name,
            CsaColumn.ACCOUNTS: row.accounts,
            CsaColumn.USE_CASES: m.use_cases,
            CsaColumn.LIVE: m.live,
            CsaColumn.ADOPTED: m.adopted,
            CsaColumn.USERS: m.users_per_use_case,
            CsaColumn.VALUE: m.value_realized,
        }[column]

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = CsaColumn(index.column())
        value = self.value(self._rows[index.row()], column)
        if role == Role.DisplayRole:
            if column == CsaColumn.NAME:
                return value
            if column == CsaColumn.VALUE:
                return fmt.money(value, self.currency)
            return "—" if value is None else fmt.count(round(value))
        if role == Role.TextAlignmentRole and column != CsaColumn.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return CSA_HEADERS[section] if 0 <= section < len(CSA_HEADERS) else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(CSA_HEADERS):
            return
        self.layoutAboutToBeChanged.emit()

        def key(row: CsaMetrics) -> Any:
            value = self.value(row, CsaColumn(column))
            if isinstance(value, str):
                return (0, value.casefold())
            return (0, value) if value is not None else (1, 0)

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


class CsaMetricsDialog(QDialog):
    """Per CSA: successful (adopted) use cases, business users per use case, value realised."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("CSA metrics")
        self.resize(860, 420)
        rows, currency = ctx.read(lambda s: (csa_metrics(s), get_settings(s).currency))
        self.model = CsaMetricsModel(self)
        self.model.set_rows(rows, currency)
        table = QTableView()
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(CsaColumn.VALUE, Qt.SortOrder.DescendingOrder)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(
            CsaColumn.NAME, QHeaderView.ResizeMode.Stretch
        )
        table.resizeColumnsToContents()
        intro = QLabel(
            "Read off every account's roadmap: a use case counts as a success once it is "
            "adopted (live is a milestone). Use cases are credited to the CSA named on them. "
            f"Accounts: {SERVED_RULE}, as on the CSAs page's scorecard."
        )
        intro.setWordWrap(True)
        empty = widgets.EmptyState(table, "No CSAs in the team yet (Portfolio > Team).")
        empty.set_empty(not rows)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(empty, 1)
        layout.addWidget(widgets.button("Close", self.accept), 0, Qt.AlignmentFlag.AlignRight)
        self.table = table
