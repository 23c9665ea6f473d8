"""The heatmap's model: CSAs by week, each cell the week's load as a share of the CSA's
capacity, coloured by ``palette.LOAD_BANDS``. A grid of loads rather than a list of rows, so
not the common ``RowsModel``: its cells carry their own background and text colours, its
rows a header (the CSA), and its columns are weeks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from cs_planner.domain.csa import load
from cs_planner.domain.csa.rows import AllocationRow, CsaData, CsaRow
from cs_planner.domain.csa.rules import HEATMAP_WEEKS
from cs_planner.palette import load_band
from cs_planner.ui.common.text_fit import clipped_texts

Role = Qt.ItemDataRole
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


def load_colours(value: float) -> tuple[str, str]:
    """Background and text colour for a load (1.0 = fully booked)."""
    band = load_band(value)
    return band.background, band.text


@clipped_texts
class HeatmapModel(QAbstractTableModel):
    """CSAs by week; ``loads[(csa_id, monday)]`` from ``load.weekly_loads``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roster: list[CsaRow] = []
        self._weeks: list[dt.date] = []
        self._loads = load.WeeklyLoads([])
        self._allocations: list[AllocationRow] = []
        self._this_week: dt.date | None = None

    def set_data(self, data: CsaData, first: dt.date, today: dt.date) -> None:
        self.beginResetModel()
        self._roster = data.roster_for(first)
        self._allocations = list(data.allocations)
        self._weeks = [first + load.WEEK * n for n in range(HEATMAP_WEEKS)]
        self._loads = data.weekly_loads
        self._this_week = load.monday(today)
        self.endResetModel()

    def csa_at(self, row: int) -> CsaRow:
        return self._roster[row]

    def week_at(self, column: int) -> dt.date:
        return self._weeks[column]

    def load_at(self, row: int, column: int) -> float:
        return self._loads.get((self._roster[row].id, self._weeks[column]), 0.0)

    def allocations_at(self, row: int, column: int) -> list[AllocationRow]:
        """The allocations behind a cell: the CSA's, on a weekday of that week."""
        csa_id, week = self._roster[row].id, self._weeks[column]
        friday = week + dt.timedelta(days=4)
        return [
            a
            for a in self._allocations
            if a.csa_id == csa_id and load.overlap_weekdays(a, week, friday)
        ]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._roster)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._weeks)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.load_at(index.row(), index.column())
        if role == Role.DisplayRole:
            return f"{value * 100:.0f}"
        if role == Role.UserRole:
            return value
        if role == Role.BackgroundRole:
            return QColor(load_colours(value)[0])
        if role == Role.ForegroundRole:
            return QColor(load_colours(value)[1])
        if role == Role.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Role.ToolTipRole:
            return self._tooltip(index.row(), index.column(), value)
        return None

    def _tooltip(self, row: int, column: int, value: float) -> str:
        person, week = self._roster[row], self._weeks[column]
        hours = person.capacity * value
        lines = [
            f"{person.name}, week of {week.isoformat()}: {value:.0%} "
            f"({hours:,.0f} of {person.capacity:,.0f} hours)"
        ]
        lines += [f"• {describe_load(a, week)}" for a in self.allocations_at(row, column)]
        if len(lines) == 1:
            lines.append("Nothing allocated this week.")
        return "\n".join(lines)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._roster):
                return None
            if role == Role.DisplayRole:
                return self._roster[section].name
            if role == Role.ToolTipRole:
                person = self._roster[section]
                return f"{person.name}: {person.capacity:,.0f} hours a week"
            return None
        if not 0 <= section < len(self._weeks):
            return None
        week = self._weeks[section]
        if role == Role.DisplayRole:
            # The month's name on its first week only, so the header reads like a calendar.
            first_of_month = section == 0 or week.month != self._weeks[section - 1].month
            return f"{week:%b}\n{week.day}" if first_of_month else f"\n{week.day}"
        if role == Role.ToolTipRole:
            this = " (this week)" if week == self._this_week else ""
            return f"Week of Monday {week.isoformat()}{this}"
        if role == Role.FontRole and week == self._this_week:
            font = QFont()
            font.setBold(True)
            return font
        return None


def describe_load(allocation: AllocationRow, week: dt.date) -> str:
    days = load.overlap_weekdays(allocation, week, week + dt.timedelta(days=4))
    part = "" if days == 5 else f", {days} of 5 days"
    use_case = f" · {allocation.use_case}" if allocation.use_case else ""
    return (
        f"{allocation.account}{use_case}: {allocation.fraction:.0%}{part} · "
        f"{allocation.phase.label} · {allocation.funding.label}"
    )
