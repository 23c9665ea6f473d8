"""The Team page's list model: everyone on our side as rows, filtered by role, text and
retirement and sorted by any column by the model itself (no proxy model)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from cs_planner.domain.accounts.rows import MemberRow
from cs_planner.domain.enums import TeamRole
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.common.text_fit import clipped_texts

Role = Qt.ItemDataRole
ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NO_PEOPLE = (
    "No one on the team yet. Add the people on our side: CSMs, CSAs, account executives, "
    "executive sponsors, a support lead, a manager."
)
NO_CSAS = "No CSAs yet. Add the architects you plan: their hours, rate and target."
NO_MATCH = "No one matches the search and filters."
EMAIL_WIDTH = 280
DEFAULT_TIP = "The portfolio default (File > Settings); set one for this CSA with Edit"


class TeamColumn(IntEnum):
    """Display order: who and whether active first, the e-mail last (it scrolls out of
    view first on a laptop)."""

    NAME = 0
    ROLE = 1
    STATUS = 2
    CAPACITY = 3
    RATE = 4
    TARGET = 5
    ACCOUNTS = 6
    EMAIL = 7


HEADERS = {
    TeamColumn.NAME: "Name",
    TeamColumn.ROLE: "Role",
    TeamColumn.STATUS: "Status",
    TeamColumn.CAPACITY: "Hours a week",
    TeamColumn.RATE: "Bill rate",
    TeamColumn.TARGET: "Target",
    TeamColumn.ACCOUNTS: "Accounts",
    TeamColumn.EMAIL: "E-mail",
}
HEADER_TIPS = {
    TeamColumn.RATE: "CSAs only: their own hourly rate, or the portfolio default (grey)",
    TeamColumn.TARGET: "CSAs only: chargeability target, the share of time on customer-funded "
    "work, or the portfolio default (grey)",
    TeamColumn.ACCOUNTS: "The accounts they own: as CSM or executive sponsor, or (CSAs) "
    "allocated to today",
    TeamColumn.STATUS: "Retired people stay where the plan refers to them but are no longer "
    "offered for new choices",
}
_SORT_KEYS: dict[TeamColumn, Callable[[MemberRow], Any]] = {
    TeamColumn.NAME: lambda r: r.name.lower(),
    TeamColumn.ROLE: lambda r: (list(TeamRole).index(r.role), r.name.lower()),
    TeamColumn.EMAIL: lambda r: (r.email == "", r.email.lower()),
    TeamColumn.CAPACITY: lambda r: r.capacity,
    TeamColumn.RATE: lambda r: (r.rate is None, r.rate or 0.0),
    TeamColumn.TARGET: lambda r: (r.target is None, r.target or 0.0),
    TeamColumn.ACCOUNTS: lambda r: (len(r.accounts), r.name.lower()),
    TeamColumn.STATUS: lambda r: (r.retired_on or dt.date.max, r.name.lower()),
}


def role_count(n: int, role: TeamRole) -> str:
    label = role.short_label if role in (TeamRole.CSM, TeamRole.CSA) else role.label.lower()
    return f"{n} {label}{'' if n == 1 else 's'}"


@clipped_texts
class TeamModel(QAbstractTableModel):
    """Everyone, filtered by role, text and retirement, sorted by any column (the model
    sorts and filters its own list)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[MemberRow] = []
        self._rows: list[MemberRow] = []
        self.currency = "USD"
        self.role: TeamRole | None = None
        self.text = ""
        self.show_retired = False
        self._sort = (TeamColumn.NAME, Qt.SortOrder.AscendingOrder)

    # --- data ----------------------------------------------------------------------------
    def set_rows(self, rows: list[MemberRow], currency: str) -> None:
        self.beginResetModel()
        self._all, self.currency = list(rows), currency
        self._rows = self._visible()
        self.endResetModel()

    def set_filter(self, **changes: Any) -> None:
        """Change ``role`` (None: every role), ``text`` or ``show_retired``."""
        for key, value in changes.items():
            if key not in ("role", "text", "show_retired"):
                raise ValueError(f"unknown filter {key}")
            setattr(self, key, value)
        self.beginResetModel()
        self._rows = self._visible()
        self.endResetModel()

    def _visible(self) -> list[MemberRow]:
        text = self.text.strip().lower()
        rows = [
            r
            for r in self._all
            if (self.role is None or r.role == self.role)
            and (self.show_retired or not r.retired)
            and (
                not text
                or text in r.name.lower()
                or text in r.email.lower()
                or text in r.role.label.lower()
                or any(text in a.lower() for a in r.accounts)
            )
        ]
        column, order = self._sort
        rows.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        return rows

    def all_rows(self) -> list[MemberRow]:
        return list(self._all)

    def rows(self) -> list[MemberRow]:
        return list(self._rows)

    def row_at(self, index: QModelIndex) -> MemberRow | None:
        return self._rows[index.row()] if index.isValid() else None

    def index_of(self, member_id: int) -> QModelIndex:
        position = next((n for n, r in enumerate(self._rows) if r.id == member_id), None)
        return QModelIndex() if position is None else self.index(position, 0)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._sort = (TeamColumn(column), order)
        self._rows.sort(
            key=_SORT_KEYS[TeamColumn(column)], reverse=order == Qt.SortOrder.DescendingOrder
        )
        positions = {r.id: n for n, r in enumerate(self._rows)}
        after = [self.index(positions[i], idx.column()) for i, idx in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # --- Qt -----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = TeamColumn(index.column())
        if role == Role.DisplayRole:
            return self._display(row, column)
        defaulted = (
            column == TeamColumn.RATE and row.rate is not None and row.own_rate is None
        ) or (column == TeamColumn.TARGET and row.target is not None and row.own_target is None)
        if role == Role.ForegroundRole and (row.retired or defaulted):
            return theme.ink(theme.MUTED)
        if role == Role.ToolTipRole:
            return self._tooltip(row, column, defaulted)
        if role == Role.TextAlignmentRole and column in (
            TeamColumn.CAPACITY,
            TeamColumn.RATE,
            TeamColumn.TARGET,
        ):
            return RIGHT
        return None

    def _display(self, row: MemberRow, column: TeamColumn) -> str:
        match column:
            case TeamColumn.NAME:
                return row.name
            case TeamColumn.ROLE:
                return row.role.label
            case TeamColumn.EMAIL:
                return row.email
            case TeamColumn.CAPACITY:
                return fmt.amount(row.capacity)
            case TeamColumn.RATE:
                return fmt.money(row.rate, self.currency)
            case TeamColumn.TARGET:
                return fmt.percent(row.target)
            case TeamColumn.ACCOUNTS:
                return ", ".join(row.accounts)
            case TeamColumn.STATUS:
                return f"Retired {row.retired_on.isoformat()}" if row.retired_on else "Active"

    @staticmethod
    def _tooltip(row: MemberRow, column: TeamColumn, defaulted: bool) -> str | None:
        if defaulted:
            return DEFAULT_TIP
        if column in (TeamColumn.RATE, TeamColumn.TARGET) and row.rate is None:
            return "Applies to CSAs only"
        if column == TeamColumn.ACCOUNTS and row.accounts:
            return f"{len(row.accounts)} account{'s' * (len(row.accounts) != 1)}:\n" + "\n".join(
                row.accounts
            )
        if column == TeamColumn.NAME:
            refs = row.references.describe()
            return f"{row.name}, {row.role.label}" + (f": {refs}" if refs else "")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Role.DisplayRole:
            return HEADERS[TeamColumn(section)]
        if role == Role.ToolTipRole:
            return HEADER_TIPS.get(TeamColumn(section))
        return None
