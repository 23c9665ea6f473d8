"""The whitespace grids (divisions × products, divisions × geographies): a click or Space
on a cell moves it to its next state (undoable); a legend explains the colours; the last
row and column hold the totals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.enums import WhitespaceState
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.expansion.edits import CellKey, SetCellState
from cs_planner.domain.expansion.rows import Choice, GridTotal, WhitespaceGrid
from cs_planner.domain.expansion.rules import CYCLE, STATE_MEANINGS, next_state
from cs_planner.palette import WHITESPACE
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.editors import ErrorLabel
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.common.text_fit import clipped_texts
from cs_planner.ui.common.widgets import EmptyState
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform

Role = Qt.ItemDataRole
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
SHORT = {
    WhitespaceState.LIVE: "Live",
    WhitespaceState.IN_PROGRESS: "In progress",
    WhitespaceState.OPPORTUNITY: "Opportunity",
    WhitespaceState.NOT_RELEVANT: "–",
}
INK = QColor("#212121")  # dark text on the light state colours, in light and dark themes


def total_text(total: GridTotal, currency: str) -> str:
    text = f"{total.live} of {total.relevant} live"
    if total.uplift:
        text += f" · {fmt.compact_money(total.uplift, currency)}"
    return text


def _cell_text(grid: WhitespaceGrid, key: tuple[int, int], currency: str) -> str:
    """A cell's state, or its open uplift where there is room to expand."""
    state, uplift = grid.state(*key), grid.uplift.get(key, 0.0)
    if uplift and state in (None, WhitespaceState.OPPORTUNITY):
        return fmt.compact_money(uplift, currency)
    return SHORT[state] if state else ""


def _cell_tip(grid: WhitespaceGrid, key: tuple[int, int], currency: str) -> str:
    state, uplift = grid.state(*key), grid.uplift.get(key, 0.0)
    division = next(r.label for r in grid.rows if r.id == key[0])
    column = next(c.label for c in grid.columns if c.id == key[1])
    what = state.label if state else "Not assessed yet"
    text = f"{division} × {column}: {what}"
    if uplift:
        text += f"\nOpen opportunities: {fmt.money(uplift, currency)} ACV uplift"
    return text + f"\nClick or press Space: mark as {next_state(state).label.lower()}"


def _total_tip(total: GridTotal, currency: str) -> str:
    parts = [f"{n} {s.label.lower()}" for s in CYCLE if (n := total.counts.get(s, 0))]
    text = ", ".join(parts) or "nothing assessed yet"
    return f"{text}\nOpen ACV uplift: {fmt.money(total.uplift, currency)}"


@dataclass(frozen=True)
class GridLine:
    """One line of a grid: a division, or the totals under them (``division`` None)."""

    division: Choice | None


def _is_total(line: GridLine) -> bool:
    return line.division is None


def grid_columns(grid: WhitespaceGrid, currency: str) -> list[Col[GridLine]]:
    """One column per product (or geography), its totals in the last line; then the
    division totals. A cell is coloured by its state."""

    def column_of(column: Choice) -> Col[GridLine]:
        def key(line: GridLine) -> tuple[int, int] | None:
            return None if line.division is None else (line.division.id, column.id)

        def text(line: GridLine) -> str:
            k = key(line)
            if k is None:
                return total_text(grid.column_total(column.id), currency)
            return _cell_text(grid, k, currency)

        def fill(line: GridLine) -> str | None:
            k = key(line)
            state = None if k is None else grid.state(*k)
            return None if state is None else WHITESPACE[state]

        def tip(line: GridLine) -> str:
            k = key(line)
            if k is None:
                return _total_tip(grid.column_total(column.id), currency)
            return _cell_tip(grid, k, currency)

        return Col(column.label, text, _is_total, Align.CENTER, background=fill,
                   bold=_is_total, tip=tip, header_tip=column.label)  # fmt: skip

    def line_total(line: GridLine) -> GridTotal:
        return grid.total() if line.division is None else grid.row_total(line.division.id)

    totals = Col(
        "Total", lambda line: total_text(line_total(line), currency), _is_total, Align.CENTER,
        bold=lambda _line: True, tip=lambda line: _total_tip(line_total(line), currency),
        header_tip=TOTAL_TIP,
    )  # fmt: skip
    return [*(column_of(c) for c in grid.columns), totals]


TOTAL_TIP = "Live out of relevant; open uplift"


@clipped_texts
class WhitespaceModel(RowsModel[GridLine]):
    """Rows: divisions, then a totals line. Columns: products or geographies, then totals;
    the divisions are the vertical header."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self.grid: WhitespaceGrid | None = None

    def set_grid(self, grid: WhitespaceGrid, currency: str) -> None:
        self.grid = grid
        if not grid.rows or not grid.columns:
            self.set_rows([], [])
            return
        lines = [GridLine(division) for division in grid.rows] + [GridLine(None)]
        self.set_rows(lines, grid_columns(grid, currency))

    def key_at(self, index: Index) -> tuple[int, int] | None:
        """(division id, product or geography id) of a state cell, None for a total."""
        line = self.row_at(index)
        grid = self.grid
        if line is None or line.division is None or grid is None:
            return None
        if not 0 <= index.column() < len(grid.columns):
            return None
        return line.division.id, grid.columns[index.column()].id

    def is_cell(self, index: Index) -> bool:
        return self.key_at(index) is not None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if role == Role.ForegroundRole:  # dark on the light state colours, in any theme
            key = self.key_at(index)
            assessed = key is not None and self.grid is not None and self.grid.state(*key)
            return QBrush(INK) if assessed else None
        return super().data(index, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)
        line = self.row_at(section)
        if line is None or role not in (Role.DisplayRole, Role.ToolTipRole):
            return None
        if line.division is None:
            return "Total" if role == Role.DisplayRole else TOTAL_TIP
        return line.division.label


class WhitespaceView(QWidget):
    """One grid with its title, its empty state and an error line. The context menu sets
    a state directly or asks for an opportunity in the cell."""

    opportunityRequested = Signal(int, str, int)  # division id, "product"/"geography", id

    def __init__(
        self, ctx: AppContext, title: str, empty: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.account: tuple[int, str] | None = None
        self.model = WhitespaceModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMinimumSectionSize(84)
        self.table.clicked.connect(self.cycle)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self._open_menu: QMenu | None = None
        self.table.installEventFilter(self)
        self.stack = EmptyState(self.table, empty)
        self.error = ErrorLabel()
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)

    def show_grid(self, account_id: int, name: str, grid: WhitespaceGrid, currency: str) -> None:
        kept: tuple[int, int] | None = None
        if self.account is None or self.account[0] != account_id:
            self.error.clear_message()
        elif (current := self.table.currentIndex()).isValid():
            kept = (current.row(), current.column())
        self.account = (account_id, name)
        self.model.set_grid(grid, currency)
        empty = self.model.rowCount() == 0
        self.stack.set_empty(empty)
        # As tall as the grid (the page scrolls), or enough for the empty-state message.
        table = self.table
        height = (
            table.horizontalHeader().sizeHint().height()
            + table.verticalHeader().length()
            + table.horizontalScrollBar().sizeHint().height()
            + 2 * table.frameWidth()
        )
        self.stack.setFixedHeight(120 if empty else height)
        if kept is not None:
            self.table.setCurrentIndex(self.model.index(*kept))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Space
        ):
            self.cycle(self.table.currentIndex())
            return True
        return False

    def cycle(self, index: QModelIndex) -> None:
        """Move a cell to its next state, as one undoable step."""
        grid, key = self.model.grid, self.model.key_at(index)
        if grid is not None and key is not None:
            self.set_state(index, next_state(grid.state(*key)))

    def set_state(self, index: QModelIndex, state: WhitespaceState | None) -> None:
        grid, key = self.model.grid, self.model.key_at(index)
        if grid is None or key is None or self.account is None or grid.state(*key) == state:
            return
        account_id, name = self.account
        column = {"product_id" if grid.by == "product" else "geography_id": key[1]}
        cell = CellKey(account_id, key[0], **column)
        division = grid.rows[index.row()].label
        what = grid.columns[index.column()].label
        mark = f"as {state.label.lower()}" if state else "as not assessed"
        text = f"Mark {division} × {what} {mark} on {name}"
        try:
            perform(self._ctx, SetCellState(text, cell, state))
        except ValidationError as exc:
            self.error.show_message(exc.message)
        else:
            self.error.clear_message()

    def _menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        key = self.model.key_at(index)
        grid = self.model.grid
        if key is None or grid is None:
            return
        menu = QMenu(self)
        add = menu.addAction("Add an opportunity here…")
        add.triggered.connect(lambda: self.opportunityRequested.emit(key[0], grid.by, key[1]))
        menu.addSeparator()
        current = grid.state(*key)
        for state in (*CYCLE, None):
            action = menu.addAction(f"Mark as {state.label.lower() if state else 'not assessed'}")
            action.setEnabled(state != current)
            action.triggered.connect(lambda _c=False, s=state: self.set_state(index, s))
        menu.popup(self.table.viewport().mapToGlobal(position))
        self._open_menu = menu  # kept for tests


class Legend(QWidget):
    """What the colours mean, and how to change a cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Two states a row: in one row the legend alone was wider than a laptop's window.
        swatches = QGridLayout()
        swatches.setContentsMargins(0, 0, 0, 0)
        swatches.setHorizontalSpacing(6)
        for number, state in enumerate(CYCLE):
            swatch = QFrame()
            swatch.setFixedSize(16, 16)
            swatch.setStyleSheet(f"background: {WHITESPACE[state]}; border: 1px solid #9e9e9e;")
            label = QLabel(f"{state.label}: {STATE_MEANINGS[state]}")
            row, pair = divmod(number, 2)
            swatches.addWidget(swatch, row, pair * 3)
            swatches.addWidget(label, row, pair * 3 + 1)
        swatches.setColumnMinimumWidth(2, 12)
        swatches.setColumnStretch(5, 1)
        help_line = QLabel(
            "Blank: not assessed yet. A click (or Space) moves a cell on; right-click to set "
            "a state or add an opportunity there; Ctrl+Z undoes."
        )
        help_line.setObjectName("muted")
        help_line.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(swatches)
        layout.addWidget(help_line)


class WhitespacePanel(QWidget):
    """Both grids and the legend."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.products = WhitespaceView(
            ctx,
            "Divisions × products",
            "Add divisions to the account (Overview tab) and products to the catalogue to "
            "map where each product is live.",
        )
        self.geographies = WhitespaceView(
            ctx,
            "Divisions × geographies",
            "Add divisions and geographies to the account (Overview tab) to map where it operates.",
        )
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.products)
        column.addWidget(self.geographies)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(Legend())
        layout.addWidget(scroll, 1)

    def show_grids(
        self,
        account_id: int,
        name: str,
        grids: tuple[WhitespaceGrid, WhitespaceGrid],
        currency: str,
    ) -> None:
        self.products.show_grid(account_id, name, grids[0], currency)
        self.geographies.show_grid(account_id, name, grids[1], currency)
