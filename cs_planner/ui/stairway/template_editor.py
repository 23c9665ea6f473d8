"""Editing a template: its persona and its use cases, the use cases in a table edited in
place (the step typed as its number 1-4 or its name)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.enums import StairStep
from cs_planner.domain.stairway.rows import STEPS, TemplateUseCaseData, TemplateValues
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.editors import ErrorLabel, text_box
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.common.widgets import CheckedFormDialog, button

Role = Qt.ItemDataRole
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
STEP, TITLE, PROBLEM, METRIC, VALUE = range(5)

CASE_COLUMNS: list[Col[TemplateUseCaseData]] = [
    Col("Step", lambda r: r.step.label, lambda r: STEPS.index(r.step)),
    Col("Use case", lambda r: r.title, lambda r: r.title.casefold()),
    Col(
        "Problem solved",
        lambda r: r.problem,
        lambda r: r.problem.casefold(),
        tip=lambda r: r.problem or None,
    ),
    Col("Usage metric", lambda r: r.usage_metric, lambda r: r.usage_metric.casefold()),
    Col(
        "Typical value",
        lambda r: fmt.amount(r.typical_value),
        lambda r: r.typical_value,
        Align.RIGHT,
    ),
]


def _parse_step(text: str) -> StairStep:
    wanted = text.strip().lower()
    if wanted.isdigit() and 1 <= int(wanted) <= len(STEPS):
        return STEPS[int(wanted) - 1]
    for step in STEPS:
        if wanted in (step.value, step.label.lower()):
            return step
    raise ValueError(text)


def _amount(text: str) -> float:
    amount = float(text.replace(",", "") or 0)
    if amount < 0:
        raise ValueError(text)
    return amount


def _title(text: str) -> str:
    if not text:
        raise ValueError(text)
    return text


# Per column: the field it edits and how the typed text becomes its value.
PARSERS: dict[int, tuple[str, Callable[[str], Any]]] = {
    STEP: ("step", _parse_step),
    TITLE: ("title", _title),
    PROBLEM: ("problem", str),
    METRIC: ("usage_metric", str),
    VALUE: ("typical_value", _amount),
}


class TemplateCasesModel(RowsModel[TemplateUseCaseData]):
    """A template's use cases, in their order (never sorted), each cell edited in place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(CASE_COLUMNS, parent)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        return super().data(index, Role.DisplayRole if role == Role.EditRole else role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        row = self.row_at(index)
        if row is None or role != Role.EditRole:
            return False
        name, parse = PARSERS[index.column()]
        try:
            new = dataclasses.replace(row, **{name: parse(str(value).strip())})
        except ValueError:
            return False
        self.replace_rows([*self.rows()[: index.row()], new, *self.rows()[index.row() + 1 :]])
        self.dataChanged.emit(index, index, [Role.DisplayRole, Role.EditRole])
        return True

    def add(self, step: StairStep) -> int:
        row = self.rowCount()
        self.beginInsertRows(ROOT, row, row)
        self.replace_rows([*self.rows(), TemplateUseCaseData(step, f"New use case {row + 1}")])
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        rows = self.rows()
        if 0 <= row < len(rows):
            self.beginRemoveRows(ROOT, row, row)
            self.replace_rows(rows[:row] + rows[row + 1 :])
            self.endRemoveRows()

    def move(self, row: int, delta: int) -> int:
        rows, target = self.rows(), row + delta
        if not (0 <= row < len(rows) and 0 <= target < len(rows)):
            return row
        self.beginMoveRows(ROOT, row, row, ROOT, target + (1 if delta > 0 else 0))
        rows[row], rows[target] = rows[target], rows[row]
        self.replace_rows(rows)
        self.endMoveRows()
        return target


class TemplateEditDialog(CheckedFormDialog):
    """A template's persona and its use cases (double-click a cell to edit it)."""

    def __init__(self, parent: QWidget | None, values: TemplateValues) -> None:
        super().__init__(parent, f"Edit template: {values.name}")
        self.resize(960, 620)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in (
            ("name", "Name"),
            ("industry", "Industry"),
            ("size_band", "Size band"),
            ("geography", "Geography"),
            ("growth_rate", "Growth rate"),
            ("main_challenge", "Main challenge"),
        ):
            self.edits[key] = QLineEdit(getattr(values, key))
            self.add_row(key, label, self.edits[key])
        self.description = text_box(values.description)
        self.add_row("description", "How to climb it", self.description)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.cases = TemplateCasesModel(self)
        self.cases.set_rows(list(values.use_cases))
        self.form.addRow("Use cases", self._cases_box())

    def _cases_box(self) -> QWidget:
        """The use cases' table with its buttons and error line."""
        self.table = QTableView()
        self.table.setMinimumHeight(300)
        self.table.setModel(self.cases)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for number, width in ((STEP, 110), (TITLE, 240), (METRIC, 180), (VALUE, 100)):
            header.resizeSection(number, width)
        header.setSectionResizeMode(PROBLEM, QHeaderView.ResizeMode.Stretch)
        tools = QWidget()
        line = QHBoxLayout(tools)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(button("Add use case", self._add, "Add a use case on the selected step"))
        line.addWidget(button("Remove", self._remove, "Remove the selected use case"))
        line.addWidget(button("Move up", lambda: self._move(-1), "Earlier on its step"))
        line.addWidget(button("Move down", lambda: self._move(1), "Later on its step"))
        line.addStretch(1)
        hint = QLabel("Double-click a cell to edit; type the step as 1-4 or its name.")
        hint.setObjectName("muted")
        line.addWidget(hint)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(tools)
        column.addWidget(self.table, 1)
        self.errors["use_cases"] = ErrorLabel()
        column.addWidget(self.errors["use_cases"])
        return box

    def _selected_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _add(self) -> None:
        current = self._selected_row()
        step = self.cases.rows()[current].step if current >= 0 else StairStep.REMEDIATION
        row = self.cases.add(step)
        self.table.setCurrentIndex(self.cases.index(row, TITLE))
        self.table.edit(self.table.currentIndex())

    def _remove(self) -> None:
        self.cases.remove(self._selected_row())

    def _move(self, delta: int) -> None:
        row = self.cases.move(self._selected_row(), delta)
        if row >= 0:
            self.table.setCurrentIndex(self.cases.index(row, 0))

    def values(self) -> TemplateValues:  # its own values
        return TemplateValues(
            description=self.description.toPlainText().strip(),
            use_cases=tuple(self.cases.rows()),
            **{k: e.text().strip() for k, e in self.edits.items()},
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        values: TemplateValues,
        validate: Callable[[Any], None] | None = None,
    ) -> TemplateValues | None:
        answer: TemplateValues | None = cls(parent, values).run(validate)
        return answer
