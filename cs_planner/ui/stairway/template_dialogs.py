"""Dialogs around stairway templates: pick one to apply, save a roadmap as a template, and
edit a template's persona and use cases. Each has ``ask(...)`` so tests patch it."""

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
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.enums import StairStep
from cs_planner.domain.stairway.rows import (
    STEPS,
    TemplateData,
    TemplateUseCaseData,
    TemplateValues,
    UseCaseRow,
)
from cs_planner.domain.stairway.rules import missing_use_cases
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.text_fit import LABEL_MAX, TEXT_MAX, clipped_texts, rich
from cs_planner.ui.common.widgets import CheckedFormDialog, ErrorLabel, button, text_box

Role = Qt.ItemDataRole
ROOT = QModelIndex()


class TemplateColumn(IntEnum):
    NAME = 0
    PERSONA = 1
    USE_CASES = 2
    ORIGIN = 3


TEMPLATE_HEADERS = ("Template", "Persona", "Use cases", "Origin")


@clipped_texts
class TemplateModel(QAbstractTableModel):
    """The template library, sortable by any column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TemplateData] = []
        self._marks: dict[str, str] = {}  # key -> "current" / "suggested"

    def set_rows(self, rows: list[TemplateData], marks: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._marks = dict(marks or {})
        self.endResetModel()

    def row_at(self, index: QModelIndex) -> TemplateData | None:
        return self._rows[index.row()] if index.isValid() else None

    def index_of(self, key: str) -> QModelIndex:
        n = next((n for n, r in enumerate(self._rows) if r.key == key), None)
        return QModelIndex() if n is None else self.index(n, 0)

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(TEMPLATE_HEADERS)

    def _value(self, row: TemplateData, column: TemplateColumn) -> Any:
        if column == TemplateColumn.NAME:
            mark = self._marks.get(row.key)
            return f"{row.name} ({mark})" if mark else row.name
        if column == TemplateColumn.PERSONA:
            return row.persona
        if column == TemplateColumn.USE_CASES:
            return len(row.use_cases)
        return row.origin

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = TemplateColumn(index.column())
        if role == Role.DisplayRole:
            return str(self._value(row, column))
        if role == Role.ToolTipRole:
            v = row.values
            return v.main_challenge or v.description or None
        if role == Role.TextAlignmentRole and column == TemplateColumn.USE_CASES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return TEMPLATE_HEADERS[section] if 0 <= section < len(TEMPLATE_HEADERS) else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(TEMPLATE_HEADERS):
            return
        self.layoutAboutToBeChanged.emit()

        def key(row: TemplateData) -> Any:
            value = self._value(row, TemplateColumn(column))
            return value.casefold() if isinstance(value, str) else value

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


def template_table(model: TemplateModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(TemplateColumn.NAME, Qt.SortOrder.AscendingOrder)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(TemplateColumn.NAME, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(TemplateColumn.PERSONA, QHeaderView.ResizeMode.Stretch)
    header.resizeSection(TemplateColumn.USE_CASES, 74)
    header.setSectionResizeMode(TemplateColumn.ORIGIN, QHeaderView.ResizeMode.ResizeToContents)
    return view


def preview_area() -> tuple[QScrollArea, QLabel]:
    """A rich-text label in a scroll area, for a template's description."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setMargin(6)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(label)
    scroll.setMinimumWidth(360)
    return scroll, label


def describe(template: TemplateData, rows: list[UseCaseRow] | None, currency: str) -> str:
    """A template as rich text: persona, approach, its use cases by step, and (given the
    account's roadmap) what applying it would add."""
    v = template.values
    parts = [f"<h3>{_esc(v.name)}</h3>"]
    missing = {c.title for c in missing_use_cases(template, rows)} if rows is not None else set()
    if rows is not None:
        parts.append(
            f"<p>Applying adds <b>{len(missing)}</b> use case{'s' if len(missing) != 1 else ''} "
            "the roadmap does not have yet (matched by title, marked <b>new</b> below), as "
            "identified ideas.</p>"
        )
    persona = [
        ("Industry", v.industry),
        ("Size", v.size_band),
        ("Geography", v.geography),
        ("Growth", v.growth_rate),
        ("Main challenge", v.main_challenge),
    ]
    parts.append("<br>".join(f"<b>{k}:</b> {_esc(x)}" for k, x in persona if x))
    if v.description:
        parts.append(f"<p><i>{_esc(' '.join(v.description.split()), TEXT_MAX)}</i></p>")
    for step in STEPS:
        cases = [c for c in v.use_cases if c.step == step]
        if not cases:
            continue
        items = "".join(
            f"<li>{_esc(c.title)} <span style='color:gray'>"
            f"{fmt.compact_money(c.typical_value, currency)}</span>"
            + (" <b>(new)</b>" if c.title in missing else "")
            + "</li>"
            for c in cases
        )
        parts.append(f"<b>{step.label}</b><ul style='margin-top:0'>{items}</ul>")
    return "".join(parts)


def _esc(text: str, limit: int = LABEL_MAX) -> str:
    """User text in rich text: escaped, cut and breakable (``text_fit``)."""
    return rich(text, limit)


class ApplyTemplateDialog(QDialog):
    """Choose a template from the library, with a preview of what applying it adds."""

    def __init__(
        self,
        parent: QWidget | None,
        templates: list[TemplateData],
        marks: dict[str, str],
        preselect: str | None,
        rows: list[UseCaseRow],
        currency: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Apply a stairway template")
        self.resize(1120, 620)
        self._rows, self._currency = rows, currency
        self.model = TemplateModel(self)
        self.model.set_rows(templates, marks)
        self.table = template_table(self.model)
        scroll, self.preview = preview_area()
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(scroll)
        split.setSizes([640, 460])
        self.apply_button = button("Apply", self.accept, "Add the missing use cases (Enter)")
        self.apply_button.setDefault(True)
        cancel = button("Cancel", self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A template is the climb that worked at customers like this one. Applying it adds "
            "its use cases the roadmap lacks and measures the account's progress against it."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._show)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        index = self.model.index_of(preselect) if preselect else QModelIndex()
        self.table.setCurrentIndex(index if index.isValid() else self.model.index(0, 0))
        self._show()

    def chosen(self) -> TemplateData | None:
        return self.model.row_at(self.table.currentIndex())

    def _show(self, *_args: object) -> None:
        template = self.chosen()
        self.apply_button.setEnabled(template is not None)
        self.preview.setText(describe(template, self._rows, self._currency) if template else "")

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        templates: list[TemplateData],
        marks: dict[str, str],
        preselect: str | None,
        rows: list[UseCaseRow],
        currency: str,
    ) -> TemplateData | None:
        dialog = cls(parent, templates, marks, preselect, rows, currency)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class SaveTemplateDialog(CheckedFormDialog):
    """Name (and describe) a template made from the account's roadmap."""

    def __init__(self, parent: QWidget | None, name: str) -> None:
        super().__init__(parent, "Save roadmap as template")
        self.name = self.add_row("name", "Template name", QLineEdit(name))
        self.description = self.add_row(
            "description",
            "How to climb it",
            QPlainTextEdit(),
            "Advice for the next CSM: where to start, who sponsors what",
        )
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(90)

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), self.description.toPlainText().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, validate=None) -> tuple[str, str] | None:
        return cls(parent, name).run(validate)


# --- editing a template -------------------------------------------------------------------


class CaseColumn(IntEnum):
    STEP = 0
    TITLE = 1
    PROBLEM = 2
    METRIC = 3
    VALUE = 4


CASE_HEADERS = ("Step", "Use case", "Problem solved", "Usage metric", "Typical value")


@clipped_texts
class TemplateCasesModel(QAbstractTableModel):
    """A template's use cases, edited in place (step as its number 1-4 or its name)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TemplateUseCaseData] = []

    def set_rows(self, rows: list[TemplateUseCaseData]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[TemplateUseCaseData]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(CASE_HEADERS)

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = CaseColumn(index.column())
        if role in (Role.DisplayRole, Role.EditRole):
            return {
                CaseColumn.STEP: row.step.label,
                CaseColumn.TITLE: row.title,
                CaseColumn.PROBLEM: row.problem,
                CaseColumn.METRIC: row.usage_metric,
                CaseColumn.VALUE: fmt.amount(row.typical_value),
            }[column]
        if role == Role.ToolTipRole and column == CaseColumn.PROBLEM and row.problem:
            return row.problem
        if role == Role.TextAlignmentRole and column == CaseColumn.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: QModelIndex, value: Any, role: int = Role.EditRole) -> bool:
        if not index.isValid() or role != Role.EditRole:
            return False
        row = self._rows[index.row()]
        text = str(value).strip()
        column = CaseColumn(index.column())
        try:
            if column == CaseColumn.STEP:
                new = _replace(row, step=_parse_step(text))
            elif column == CaseColumn.TITLE:
                if not text:
                    return False
                new = _replace(row, title=text)
            elif column == CaseColumn.PROBLEM:
                new = _replace(row, problem=text)
            elif column == CaseColumn.METRIC:
                new = _replace(row, usage_metric=text)
            else:
                amount = float(text.replace(",", "") or 0)
                if amount < 0:
                    return False
                new = _replace(row, typical_value=amount)
        except ValueError:
            return False
        self._rows[index.row()] = new
        self.dataChanged.emit(index, index, [Role.DisplayRole, Role.EditRole])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return CASE_HEADERS[section] if 0 <= section < len(CASE_HEADERS) else None
        return None

    def add(self, step: StairStep) -> int:
        row = len(self._rows)
        self.beginInsertRows(ROOT, row, row)
        self._rows.append(TemplateUseCaseData(step, f"New use case {row + 1}"))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(ROOT, row, row)
            del self._rows[row]
            self.endRemoveRows()

    def move(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return row
        self.beginMoveRows(ROOT, row, row, ROOT, target + (1 if delta > 0 else 0))
        self._rows[row], self._rows[target] = self._rows[target], self._rows[row]
        self.endMoveRows()
        return target


def _replace(row: TemplateUseCaseData, **changes: Any) -> TemplateUseCaseData:
    import dataclasses

    return dataclasses.replace(row, **changes)


def _parse_step(text: str) -> StairStep:
    wanted = text.strip().lower()
    if wanted.isdigit() and 1 <= int(wanted) <= len(STEPS):
        return STEPS[int(wanted) - 1]
    for step in STEPS:
        if wanted in (step.value, step.label.lower()):
            return step
    raise ValueError(text)


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
            self.edits[key] = self.add_row(key, label, QLineEdit(getattr(values, key)))
        self.description = self.add_row(
            "description", "How to climb it", text_box(values.description)
        )
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.cases = TemplateCasesModel(self)
        self.cases.set_rows(list(values.use_cases))
        self.table = QTableView()
        self.table.setMinimumHeight(300)
        self.table.setModel(self.cases)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column, width in ((0, 110), (1, 240), (3, 180), (4, 100)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(CaseColumn.PROBLEM, QHeaderView.ResizeMode.Stretch)
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
        self.form.addRow("Use cases", box)

    def _selected_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _add(self) -> None:
        current = self._selected_row()
        step = self.cases.rows()[current].step if current >= 0 else StairStep.REMEDIATION
        row = self.cases.add(step)
        self.table.setCurrentIndex(self.cases.index(row, CaseColumn.TITLE))
        self.table.edit(self.table.currentIndex())

    def _remove(self) -> None:
        self.cases.remove(self._selected_row())

    def _move(self, delta: int) -> None:
        row = self.cases.move(self._selected_row(), delta)
        if row >= 0:
            self.table.setCurrentIndex(self.cases.index(row, 0))

    def values(self) -> TemplateValues:
        return TemplateValues(
            description=self.description.toPlainText().strip(),
            use_cases=tuple(self.cases.rows()),
            **{k: e.text().strip() for k, e in self.edits.items()},
        )

    @classmethod
    def ask(cls, parent: QWidget | None, values: TemplateValues, validate=None):
        return cls(parent, values).run(validate)
