"""The one table model: rows of read models (frozen dataclasses or tuples) shown through a
list of column specs. It sorts and filters its own Python list (measured: far faster than a
QSortFilterProxyModel over a Python model), and ``table_view`` makes the read-only sortable
table most lists use."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

from cs_planner.ui.common import theme
from cs_planner.ui.common.columns import SIZE_SAMPLE_ROWS, WrappingHeader, wrap_headers
from cs_planner.ui.common.text_fit import clip, clipped_texts

T = TypeVar("T")
Role = Qt.ItemDataRole
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
CELL_PADDING = 14  # a fixed column's room beyond its longest value (the portfolio list)


class Align(Enum):
    LEFT = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value
    RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
    CENTER = Qt.AlignmentFlag.AlignCenter.value


@dataclass(frozen=True)
class Col(Generic[T]):
    """A column: its header, the text a row shows in it, the key it sorts by, and
    optionally alignment, a text colour (a palette hex, made readable on dark palettes),
    a background, bold text and a tooltip."""

    header: str
    text: Callable[[T], str]
    key: Callable[[T], Any]
    align: Align = Align.LEFT
    colour: Callable[[T], str | None] | None = None
    background: Callable[[T], str | None] | None = None
    bold: Callable[[T], bool] | None = None
    tip: Callable[[T], str | None] | None = None
    header_tip: str = ""


@clipped_texts
class RowsModel(QAbstractTableModel, Generic[T]):
    """``rows`` shown through ``columns``; sorted by ``sort`` (the view's header), shown
    through ``set_filter``'s predicate. ``row_at`` hands the row back, never an ORM object."""

    def __init__(
        self,
        columns: Sequence[Col[T]],
        parent: QObject | None = None,
        *,
        then_by: Callable[[T], Any] | None = None,
    ) -> None:
        """``then_by``: a key applied after the column's sort, keeping its order within
        equal keys (e.g. ended allocations last whatever the sort)."""
        super().__init__(parent)
        self.columns = list(columns)
        self._all: list[T] = []
        self._rows: list[T] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._keep: Callable[[T], bool] | None = None
        self._then_by = then_by

    # --- content -----------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T], columns: Sequence[Col[T]] | None = None) -> None:
        """New rows (and columns: the sort column stays when columns come and go)."""
        self.beginResetModel()
        if columns is not None:
            self.columns = list(columns)
        self._all = list(rows)
        self._order(self._all)
        self._refilter()
        self.endResetModel()

    def replace_rows(self, rows: Sequence[T]) -> None:
        """The rows as they are now, shown in this order, without a reset: for a model
        that edits its own rows inside its own begin/end insert, remove or move signals
        (the view keeps its selection)."""
        self._all, self._rows = list(rows), list(rows)

    def set_filter(self, keep: Callable[[T], bool] | None) -> None:
        """Show only the rows ``keep`` accepts (None: every row)."""
        self.beginResetModel()
        self._keep = keep
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        # Every row is kept in the shown order, so a filter (a keystroke in a search box)
        # keeps that order without sorting again.
        keep = self._keep
        self._rows = self._all[:] if keep is None else [r for r in self._all if keep(r)]

    def rows(self) -> list[T]:
        """The rows shown, in their order."""
        return list(self._rows)

    def every_row(self) -> list[T]:
        """Every row, shown or filtered out."""
        return list(self._all)

    @property
    def total(self) -> int:
        """Every row, shown or filtered out."""
        return len(self._all)

    def row_at(self, index: Index | int) -> T | None:
        number = index if isinstance(index, int) else (index.row() if index.isValid() else -1)
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def find(self, match: Callable[[T], bool]) -> int | None:
        """The position of the first row shown that ``match`` accepts."""
        return next((i for i, row in enumerate(self._rows) if match(row)), None)

    def index_of(self, row_id: object) -> QModelIndex:
        """The first cell of the row shown whose ``id`` is ``row_id`` (how ``ListPanel``
        selects a row); invalid when none is shown."""
        number = self.find(lambda row: getattr(row, "id", None) == row_id)
        return ROOT if number is None else self.index(number, 0)

    # --- sorting -----------------------------------------------------------------------
    def _order(self, rows: list[T]) -> None:
        if self._sort is not None and self._sort[0] < len(self.columns):
            column, order = self._sort
            key = self.columns[column].key
            rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        if self._then_by is not None:
            rows.sort(key=self._then_by)  # stable: the column's order within equal keys

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()  # the selection follows its rows
        kept = [self._rows[index.row()] for index in before]
        self._sort = (column, order)
        self._order(self._all)
        self._order(self._rows)  # stable sorts: still the shown subset of every row, in order
        position = {id(row): number for number, row in enumerate(self._rows)}
        after = [
            self.index(position[id(row)], index.column())
            for row, index in zip(kept, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # --- the model's interface ---------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Role.DisplayRole:
            return column.text(row)
        if role == Role.TextAlignmentRole:
            return column.align.value
        if role == Role.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            return theme.ink(colour) if colour else None
        if role == Role.BackgroundRole and column.background is not None:
            fill = column.background(row)
            return QBrush(QColor(fill)) if fill else None
        if role == Role.FontRole and column.bold is not None and column.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.ToolTipRole and column.tip is not None:
            return column.tip(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Role.DisplayRole:
            return self.columns[section].header
        if role == Role.ToolTipRole:
            return self.columns[section].header_tip or None
        return None


def table_view(
    model: QAbstractTableModel, stretch: int | None = None, *, fill: bool = True
) -> QTableView:
    """A read-only sortable table; ``stretch`` (or the last column when ``fill``) takes the
    spare width."""
    view = QTableView()
    wrap_headers(view)  # "Business users per use case" over a column of short figures
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt's default indicator is descending
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(fill)
    if isinstance(model, RowsModel):
        fit_columns(view, model)
    return view


class _ColumnFitter(QObject):
    def __init__(self, view: QTableView, model: RowsModel[Any]) -> None:
        super().__init__(view)
        self._view, self._model = view, model
        self._sample: list[Any] = []
        header = view.horizontalHeader()
        if isinstance(header, WrappingHeader):
            header.measure = self.figures  # whether a title wraps: measured the same way
        model.modelReset.connect(self.fit)

    def figures(self, number: int) -> int:
        """The width of column ``number``'s text over the sample, with the cell margins."""
        if not self._sample:
            rows = self._model.rows()
            self._sample = rows[:: max(1, len(rows) // SIZE_SAMPLE_ROWS)]
        column = self._model.columns[number]
        self._view.ensurePolished()  # the style sheet's font, not the default one
        font = QFont(self._view.font())
        font.setBold(column.bold is not None)
        metrics = QFontMetricsF(font)  # fractional widths, rounded up as Qt's cells do
        texts = (clip(column.text(row)) for row in self._sample)
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0.0)
        return math.ceil(widest) + self._margins

    @property
    def _margins(self) -> int:
        """The item delegate's text margins and the grid line, as Qt adds them to a
        cell's size hint."""
        view, metric = self._view, QStyle.PixelMetric.PM_FocusFrameHMargin
        return 2 * (view.style().pixelMetric(metric, None, view) + 1) + int(view.showGrid())

    def fit(self) -> None:
        self._sample = []
        header = self._view.horizontalHeader()
        for number in range(len(self._model.columns)):
            stretched = header.sectionResizeMode(number) == QHeaderView.ResizeMode.Stretch
            if not stretched and not header.isSectionHidden(number):
                width = max(self.figures(number), header.sectionSizeHint(number))
                header.resizeSection(number, width)


def fit_columns(view: QTableView, model: RowsModel[Any]) -> None:
    """Each column as wide as its title and its text, measured on up to SIZE_SAMPLE_ROWS
    rows spread over the list, again whenever the rows change; the user may still drag a
    column wider. (Qt's ResizeToContents re-read the cells at every layout: 1.2 million
    reads to show the CSAs page of a 5,000-account portfolio.)"""
    _ColumnFitter(view, model).fit()
