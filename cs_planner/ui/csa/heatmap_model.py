"""The heatmap's model: CSAs by week, each cell the week's load as a share of the CSA's
capacity, coloured by ``palette.LOAD_BANDS``. A grid of loads rather than a list of rows, so
not the common ``RowsModel``: its cells carry their own background and text colours, its
rows a header (the CSA), and its columns are weeks."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cs_planner.domain.csa import load
from cs_planner.domain.csa.rows import AllocationRow, CsaData, CsaRow
from cs_planner.domain.csa.rules import HEATMAP_WEEKS
from cs_planner.palette import LoadBand, load_band
from cs_planner.ui.common.text_fit import clipped_texts

Role = Qt.ItemDataRole
ROOT = QModelIndex()
ROLES = frozenset(
    {
        Role.DisplayRole,
        Role.UserRole,
        Role.BackgroundRole,
        Role.ForegroundRole,
        Role.TextAlignmentRole,
        Role.ToolTipRole,
    }
)
CENTRED = int(Qt.AlignmentFlag.AlignCenter)
Index = QModelIndex | QPersistentModelIndex


class _Cell(NamedTuple):
    """What a view asks of a cell, worked out once per row in view: it asks for each of
    them at every paint, several times over."""

    value: float
    text: str
    background: QColor
    foreground: QColor
    brush: QBrush  # the background's, as the delegate paints it


@clipped_texts
class HeatmapModel(QAbstractTableModel):
    """CSAs by week; ``loads[(csa_id, monday)]`` from ``CsaData.loads_between``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roster: list[CsaRow] = []
        self._weeks: list[dt.date] = []
        self._loads = load.WeeklyLoads([])
        self._data: CsaData | None = None  # the page's read, not a copy of its lists
        self._this_week: dt.date | None = None
        self._rows: dict[int, list[_Cell]] = {}  # the rows painted so far
        self._colours: dict[LoadBand, tuple[QColor, QColor, QBrush]] = {}

    def set_data(self, data: CsaData, first: dt.date, today: dt.date) -> None:
        self.beginResetModel()
        self._data = data
        self._roster = data.roster_for(first)
        self._weeks = [first + load.WEEK * n for n in range(HEATMAP_WEEKS)]
        self._loads = data.loads_between(first, self._weeks[-1] + dt.timedelta(days=6))
        self._this_week = load.monday(today)
        self._rows = {}
        self.endResetModel()

    def cell(self, row: int, column: int) -> _Cell:
        """What a cell shows (its load, text and colours)."""
        return self._cells(row)[column]

    def _cells(self, row: int) -> list[_Cell]:
        cells = self._rows.get(row)
        if cells is None:
            cells = self._rows[row] = [self._cell(row, c) for c in range(len(self._weeks))]
        return cells

    def _cell(self, row: int, column: int) -> _Cell:
        value = self.load_at(row, column)
        band = load_band(value)
        colours = self._colours.get(band)
        if colours is None:
            background = QColor(band.background)
            colours = (background, QColor(band.text), QBrush(background))
            self._colours[band] = colours
        return _Cell(value, f"{value * 100:.0f}", *colours)

    def csa_at(self, row: int) -> CsaRow:
        return self._roster[row]

    def week_at(self, column: int) -> dt.date:
        return self._weeks[column]

    def load_at(self, row: int, column: int) -> float:
        return self._loads.get((self._roster[row].id, self._weeks[column]), 0.0)

    def allocations_at(self, row: int, column: int) -> list[AllocationRow]:
        """The allocations behind a cell: the CSA's, on a weekday of that week."""
        if self._data is None:
            return []
        csa_id, week = self._roster[row].id, self._weeks[column]
        friday = week + dt.timedelta(days=4)
        return [a for a in self._data.of_csa(csa_id) if load.overlap_weekdays(a, week, friday)]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._roster)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._weeks)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or role not in ROLES:
            return None
        if role == Role.TextAlignmentRole:
            return CENTRED
        cell = self._cells(index.row())[index.column()]
        if role == Role.DisplayRole:
            return cell.text
        if role == Role.BackgroundRole:
            return cell.background
        if role == Role.ForegroundRole:
            return cell.foreground
        if role == Role.UserRole:
            return cell.value
        return self._tooltip(index.row(), index.column(), cell.value)

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
