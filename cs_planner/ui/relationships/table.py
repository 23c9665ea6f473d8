"""The stakeholder table: the map's people as rows, sortable and filterable, for bulk edits
(several rows selected, one change for all of them as one undo step)."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from cs_planner.domain.enums import BuyingRole
from cs_planner.domain.relationships.rows import LEVEL_RANK, StakeholderRow
from cs_planner.ui.common import theme
from cs_planner.ui.common.text_fit import clipped_texts
from cs_planner.ui.relationships.cards import STANCE_COLOURS, role_badges, tint

Role = Qt.ItemDataRole
ROOT = QModelIndex()


class Col(IntEnum):
    NAME = 0
    TITLE = 1
    DIVISION = 2
    LEVEL = 3
    ROLES = 4
    STANCE = 5
    INFLUENCE = 6
    REPORTS_TO = 7
    OWNER = 8
    LAST_CONTACT = 9
    DAYS = 10
    STATUS = 11
    NOTES = 12


HEADERS = (
    "Name",
    "Title",
    "Division",
    "Level",
    "Buying roles",
    "Stance",
    "Influence",
    "Reports to",
    "Ours",
    "Last contact",
    "Days",
    "Status",
    "Notes",
)
# Hidden in presentation mode, like on the map.
PRIVATE_COLUMNS = (Col.STANCE, Col.NOTES, Col.DAYS, Col.STATUS)


@clipped_texts
class StakeholderModel(QAbstractTableModel):
    """Rows over a Python list that sorts and filters itself."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[StakeholderRow] = []
        self._rows: list[StakeholderRow] = []
        self._names: dict[int, str] = {}
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] = (Col.LEVEL, Qt.SortOrder.AscendingOrder)
        self.today = dt.date.today()
        self.stale_days = 90
        self.presentation = False

    # --- contents -----------------------------------------------------------------------
    def set_rows(self, rows: list[StakeholderRow], today: dt.date, stale_days: int) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._names = {r.id: r.name for r in rows}
        self.today, self.stale_days = today, stale_days
        self._rows = self._arranged()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip().lower()
        self._rows = self._arranged()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._rows = self._arranged()
        self.layoutChanged.emit()

    def _matches(self, row: StakeholderRow) -> bool:
        if not self._filter:
            return True
        fields = [row.name, row.title, row.division, row.owner, row.level.label]
        fields += [r.label for r in row.roles]
        if not self.presentation:
            fields += [row.stance.label, row.status.label, row.notes]
        return any(self._filter in f.lower() for f in fields)

    def _arranged(self) -> list[StakeholderRow]:
        rows = [r for r in self._all if self._matches(r)]
        column, order = self._sort
        rows.sort(key=lambda r: (self._key(r, column), r.name.lower()))
        if order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        return rows

    def _key(self, row: StakeholderRow, column: int) -> Any:
        col = Col(column)
        if col == Col.LEVEL:
            return LEVEL_RANK[row.level]
        if col == Col.INFLUENCE:
            return row.influence
        if col == Col.STANCE:
            return list(STANCE_COLOURS).index(row.stance)
        if col in (Col.LAST_CONTACT, Col.DAYS):
            days = row.days_since_contact(self.today)
            return 10**9 if days is None else days
        value = self._text(row, col)
        return value.lower()

    def row_at(self, index: QModelIndex) -> StakeholderRow | None:
        return self._rows[index.row()] if index.isValid() else None

    def index_of(self, person_id: int) -> QModelIndex:
        position = next((n for n, r in enumerate(self._rows) if r.id == person_id), None)
        return QModelIndex() if position is None else self.index(position, 0)

    # --- Qt model -----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def _text(self, row: StakeholderRow, col: Col) -> str:
        if col == Col.NAME:
            return row.name
        if col == Col.TITLE:
            return row.title
        if col == Col.DIVISION:
            return row.division
        if col == Col.LEVEL:
            return row.level.label
        if col == Col.ROLES:
            return ", ".join(role_badges(row, self.presentation))
        if col == Col.STANCE:
            return row.stance.label
        if col == Col.INFLUENCE:
            return str(row.influence)
        if col == Col.REPORTS_TO:
            return self._names.get(row.reports_to_id, "") if row.reports_to_id else ""
        if col == Col.OWNER:
            return row.owner
        if col == Col.LAST_CONTACT:
            return row.last_contact.isoformat() if row.last_contact else ""
        if col == Col.DAYS:
            days = row.days_since_contact(self.today)
            return "" if days is None else f"{days:,}"
        if col == Col.STATUS:
            return row.status.label
        return row.notes.splitlines()[0] if row.notes else ""

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = Col(index.column())
        if role == Role.DisplayRole:
            return self._text(row, col)
        if role == Role.ToolTipRole:
            if col == Col.NOTES and row.notes:
                return row.notes
            if col == Col.ROLES and row.roles:
                return ", ".join(r.label for r in BuyingRole if r in row.roles)
            return None
        if role == Role.TextAlignmentRole and col in (Col.INFLUENCE, Col.DAYS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.BackgroundRole and col == Col.STANCE and not self.presentation:
            return tint(STANCE_COLOURS[row.stance], 0.7)
        if role == Role.ForegroundRole and not self.presentation:
            if not row.active:
                return theme.ink(theme.MUTED)
            if col == Col.DAYS and row.is_stale(self.today, self.stale_days):
                return theme.ink(theme.WARN)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None
