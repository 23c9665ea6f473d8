"""The action plan's table: the one RowsModel made editable in place (each cell hands its
new value to the panel, which performs one undoable edit), and the delegate whose editors
offer the plan's choices: owners in two groups (our team, the customer's people), what
an action serves by kind, a date with a calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from cs_planner import palette
from cs_planner.domain.enums import ActionStatus, Priority
from cs_planner.domain.plan.actions import ActionPlan, ActionRow, Choice, is_open, is_overdue
from cs_planner.ui.common.table_model import Col, RowsModel

Role = Qt.ItemDataRole
Index = QModelIndex | QPersistentModelIndex
FIELDS = ("title", "owner", "due_date", "status", "priority", "serves")
PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
STATUS_ORDER = {s: n for n, s in enumerate(ActionStatus)}
NOTHING = "(nothing)"
FAR = dt.date.max


def columns(today_of: Callable[[], dt.date]) -> list[Col[ActionRow]]:
    def late(row: ActionRow) -> str | None:
        if is_overdue(row, today_of()):
            return palette.BAD
        return None if is_open(row) else palette.MUTED

    def due_tip(row: ActionRow) -> str | None:
        if row.due_date is None:
            return None
        days = (row.due_date - today_of()).days
        if not is_open(row):
            done = row.values.done_on
            return f"Done on {done.isoformat()}" if done else row.status.label
        return f"Overdue by {-days} days" if days < 0 else f"Due in {days} days"

    return [
        Col(
            "Action",
            lambda r: r.title,
            lambda r: r.title.casefold(),
            colour=late,
            tip=lambda r: r.title,
        ),
        Col(
            "Owner",
            lambda r: r.owner_name,
            lambda r: r.owner_name.casefold(),
            colour=late,
            tip=lambda r: r.owner_name or None,
        ),
        Col(
            "Due",
            lambda r: r.due_date.isoformat() if r.due_date else "",
            lambda r: r.due_date or FAR,
            colour=late,
            bold=lambda r: is_overdue(r, today_of()),
            tip=due_tip,
        ),
        Col("Status", lambda r: r.status.label, lambda r: STATUS_ORDER[r.status], colour=late),
        Col(
            "Priority",
            lambda r: r.priority.label,
            lambda r: PRIORITY_ORDER[r.priority],
            colour=lambda r: palette.BAD if r.priority == Priority.HIGH and is_open(r) else None,
        ),
        Col(
            "Serves",
            lambda r: r.serves_text,
            lambda r: r.serves_text.casefold(),
            tip=lambda r: r.serves_text or None,
        ),
    ]


class ActionsModel(RowsModel[ActionRow]):
    """Editable in place: ``on_edit(row, field, value)`` performs the change (and the view
    reloads from what was saved)."""

    def __init__(
        self,
        today_of: Callable[[], dt.date],
        on_edit: Callable[[ActionRow, str, Any], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            columns(today_of),
            parent,
            search=lambda r: f"{r.title} {r.owner_name} {r.serves_text} {r.status.label}",
        )
        self.on_edit = on_edit
        self.plan: ActionPlan | None = None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.isValid() else flags

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if role == Role.EditRole:
            row = self.row_at(index)
            if row is None:
                return None
            field = FIELDS[index.column()]
            return getattr(row.values, field)
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        row = self.row_at(index)
        if role != Role.EditRole or row is None:
            return False
        field = FIELDS[index.column()]
        if getattr(row.values, field) == value:
            return False
        return self.on_edit(row, field, value)


class ValueCombo(QComboBox):
    """A drop-down of Python values (tuples stay tuples: Qt's item data would not keep
    them), with a heading that cannot be chosen over each group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[Any] = []
        self.setMaxVisibleItems(20)

    def add(self, label: str, value: Any) -> None:
        self.values.append(value)
        self.addItem(label)

    def add_heading(self, text: str) -> None:
        self.add(text, HEADING)
        model = self.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(self.count() - 1)
            item.setEnabled(False)
            font = item.font()
            font.setBold(True)
            item.setFont(font)

    def value(self) -> Any:
        at = self.currentIndex()
        return self.values[at] if 0 <= at < len(self.values) else None

    def set_value(self, value: Any) -> None:
        at = next((n for n, v in enumerate(self.values) if v == value and v is not HEADING), 0)
        self.setCurrentIndex(at)


HEADING = object()


def grouped_combo(
    parent: QWidget | None, groups: tuple[tuple[str, tuple[Choice, ...]], ...], none: str | None
) -> ValueCombo:
    combo = ValueCombo(parent)
    if none is not None:
        combo.add(none, None)
    for heading, items in groups:
        if not items:
            continue
        combo.add_heading(heading)
        for choice in items:
            combo.add(f"   {choice.label}", choice.value)
    return combo


class ActionDelegate(QStyledItemDelegate):
    """The editor of each column: text, owner, date, status, priority, what it serves."""

    def __init__(self, model: ActionsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field, plan = FIELDS[index.column()], self._model.plan
        if field == "title" or plan is None:
            return QLineEdit(parent)
        if field == "owner":
            return grouped_combo(parent, plan.owners, "(nobody)")
        if field == "serves":
            return grouped_combo(parent, plan.targets, NOTHING)
        if field == "due_date":
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            return editor
        combo = ValueCombo(parent)
        for member in ActionStatus if field == "status" else Priority:
            combo.add(member.label, member)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Role.EditRole)
        if isinstance(editor, QLineEdit):
            editor.setText(value or "")
        elif isinstance(editor, QDateEdit):
            plan = self._model.plan
            day = value or (plan.today if plan else dt.date.today())
            editor.setDate(QDate(day.year, day.month, day.day))
        elif isinstance(editor, ValueCombo):
            editor.set_value(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            value: Any = editor.text()
        elif isinstance(editor, QDateEdit):
            value = editor.date().toPython()
        elif isinstance(editor, ValueCombo):
            value = editor.value()
            if value is HEADING:
                return
        else:
            return
        model.setData(index, value, Role.EditRole)
