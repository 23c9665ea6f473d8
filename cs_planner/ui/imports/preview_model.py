"""The preview's table: the one RowsModel over a file's plan rows, made editable in place.
Ticking "Import" off leaves a row out; typing in a field's cell fixes the file's text for
that row. Either hands the change to the page, which plans the import again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from cs_planner import palette
from cs_planner.domain.imports.fields import FIELDS, Kind
from cs_planner.domain.imports.rows import PlanRow, Status
from cs_planner.ui.common.table_model import Align, Col, RowsModel

Role = Qt.ItemDataRole
Index = QModelIndex | QPersistentModelIndex
STATUS_TEXT = {
    Status.CREATE: "Create",
    Status.UPDATE: "Update",
    Status.UNCHANGED: "Unchanged",
    Status.SKIP: "Skip",
}
STATUS_ORDER = {Status.SKIP: 0, Status.CREATE: 1, Status.UPDATE: 2, Status.UNCHANGED: 3}
STATUS_COLOUR = {
    Status.CREATE: palette.GOOD,
    Status.UPDATE: palette.WARN,
    Status.SKIP: palette.BAD,
    Status.UNCHANGED: palette.MUTED,
}
FIXED = 4  # the columns before the fields: Import, Row, Status, Why
OnEdit = Callable[[PlanRow, str | None, Any], None]  # field (None: Import), value


def _reason(row: PlanRow) -> str:
    return "; ".join(row.reasons)


def columns(kind: Kind, targets: list[str]) -> list[Col[PlanRow]]:
    fixed: list[Col[PlanRow]] = [
        Col(
            "Import",
            lambda r: "",
            lambda r: r.excluded,
            align=Align.CENTER,
            header_tip="Untick to leave the row out of the import",
        ),
        Col(
            "Row",
            lambda r: str(r.row),
            lambda r: r.row,
            align=Align.RIGHT,
            header_tip="The row's number in the file, as a spreadsheet shows it",
        ),
        Col(
            "Status",
            lambda r: STATUS_TEXT[r.status],
            lambda r: STATUS_ORDER[r.status],
            mark=lambda r: STATUS_COLOUR[r.status],
            header_tip="What the import does with the row",
        ),
    ]
    labels = FIELDS[kind]

    def field(target: str) -> Col[PlanRow]:
        return Col(
            labels[target],
            lambda r: r.values.get(target, ""),
            lambda r: r.values.get(target, "").casefold(),
            tip=lambda r: r.values.get(target) or None,
            header_tip=f"{labels[target]}: double-click a cell to fix the file's text",
        )

    reason = Col(
        "Why",
        _reason,
        lambda r: _reason(r).casefold(),
        colour=lambda r: palette.BAD if r.status is Status.SKIP else palette.WARN,
        tip=lambda r: _reason(r) or None,
        header_tip="Why a row is skipped, or what of it is left out",
    )
    return [*fixed, reason, *(field(t) for t in targets)]


class PreviewModel(RowsModel[PlanRow]):
    def __init__(self, on_edit: OnEdit, parent: QObject | None = None) -> None:
        super().__init__([], parent, search=lambda r: f"{r.name} {_reason(r)}")
        self.on_edit = on_edit
        self.targets: list[str] = []

    def show(self, kind: Kind, rows: list[PlanRow], targets: list[str]) -> None:
        self.targets = targets
        self.set_rows(rows, columns(kind, targets))

    def refresh(self, filtered: bool) -> None:
        """The same rows planned again: new statuses and reasons. Unfiltered, the rows stay
        where they are (and the view its scroll and current cell); a filter is applied
        again by the caller (a fixed row leaves "problems only")."""
        if filtered:
            self.set_rows(self.every_row())
        elif self.rowCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _target(self, index: Index) -> str | None:
        at = index.column() - FIXED
        return self.targets[at] if 0 <= at < len(self.targets) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        if index.column() == 0:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if self._target(index) is not None:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is not None and index.column() == 0 and role == Role.CheckStateRole:
            return Qt.CheckState.Unchecked if row.excluded else Qt.CheckState.Checked
        if row is not None and role == Role.EditRole and (target := self._target(index)):
            return row.values.get(target, "")
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        row = self.row_at(index)
        if row is None:
            return False
        if index.column() == 0 and role == Role.CheckStateRole:
            excluded = Qt.CheckState(value) != Qt.CheckState.Checked
            if excluded != row.excluded:
                self.on_edit(row, None, excluded)
            return True
        target = self._target(index)
        if role != Role.EditRole or target is None:
            return False
        text = " ".join(str(value).split())  # as the file's cells are read
        if text == row.values.get(target, ""):
            return False
        self.on_edit(row, target, text)
        return True
