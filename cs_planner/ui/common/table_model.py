"""The one table model: rows of read models (frozen dataclasses or tuples) shown through a
list of column specs. It sorts and filters its own Python list (measured: far faster than a
QSortFilterProxyModel over a Python model), searches each row's text in one pass, and
``table_view`` makes the read-only sortable table most lists use."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import compress
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from cs_planner.ui.common import theme
from cs_planner.ui.common.columns import SIZE_SAMPLE_ROWS, WrappingHeader, wrap_headers
from cs_planner.ui.common.text_fit import TEXT_MAX, clip

T = TypeVar("T")
Role = Qt.ItemDataRole
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
DOT_SIZE = 10  # px, a ``Col.mark``
CELL_PADDING = 14  # a fixed column's room beyond its longest value (the portfolio list)
Reader = Callable[[Any], Any]  # what one role of one cell reads of its row


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
    mark: Callable[[T], str | None] | None = None  # a dot of this colour before the text


class RowsModel(QAbstractTableModel, Generic[T]):
    """``rows`` shown through ``columns``; sorted by ``sort`` (the view's header), shown
    through ``set_filter``'s predicate and search text. ``row_at`` hands the row back, never
    an ORM object. The text handed to a view is cut (``text_fit``): a cell or a header to
    LABEL_MAX, a tooltip to TEXT_MAX."""

    def __init__(
        self,
        columns: Sequence[Col[T]],
        parent: QObject | None = None,
        *,
        then_by: Callable[[T], Any] | None = None,
        search: Callable[[T], str] | None = None,
    ) -> None:
        """``then_by``: a key applied after the column's sort, keeping its order within
        equal keys (e.g. ended allocations last whatever the sort). ``search``: the text of
        a row that ``set_filter``'s ``text`` is looked for in (any case)."""
        super().__init__(parent)
        self._column_specs: list[Col[T]] = []
        self._role_readers: list[dict[int, Reader]] = []
        self.columns = list(columns)
        self._all: list[T] = []
        self._rows: list[T] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._keep: Callable[[T], bool] | None = None
        self._then_by = then_by
        self._search = search
        self._text = ""
        self._keys: list[str] | None = None  # each row's search text, casefolded, as _all

    @property
    def columns(self) -> list[Col[T]]:
        return self._column_specs

    @columns.setter
    def columns(self, columns: list[Col[T]]) -> None:
        """New columns (``set_rows`` takes them too, and reads a list changed in place)."""
        self._column_specs = columns
        self._role_readers = [_readers(column) for column in columns]

    # --- content -----------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T], columns: Sequence[Col[T]] | None = None) -> None:
        """New rows (and columns: the sort column stays when columns come and go)."""
        self.beginResetModel()
        self.columns = list(self.columns if columns is None else columns)
        self._all = list(rows)
        self._keys = None
        self._order(self._all)
        self._refilter()
        self.endResetModel()

    def replace_rows(self, rows: Sequence[T]) -> None:
        """The rows as they are now, shown in this order, without a reset: for a model
        that edits its own rows inside its own begin/end insert, remove or move signals
        (the view keeps its selection)."""
        self._all, self._rows = list(rows), list(rows)
        self._keys = None

    def set_filter(self, keep: Callable[[T], bool] | None, *, text: str = "") -> None:
        """Show only the rows ``keep`` accepts (None: every row) whose ``search`` text
        holds ``text`` (any case; "" or blank: every row)."""
        self.beginResetModel()
        self._keep = keep
        self._text = text.strip().casefold() if self._search is not None else ""
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        # Every row is kept in the shown order, so a filter (a keystroke in a search box)
        # keeps that order without sorting again; the search text is looked for in every
        # row's text, made once, in one pass (20,000 rows: under a millisecond).
        rows, keep, text = self._all, self._keep, self._text
        if text:
            rows = list(compress(rows, [text in key for key in self._search_keys()]))
        if keep is not None:
            rows = [r for r in rows if keep(r)]
        self._rows = rows[:] if rows is self._all else rows

    def _search_keys(self) -> list[str]:
        """Each row's search text, casefolded, in the order of every row: made at the
        first search after the rows change, kept for the keystrokes after."""
        if self._keys is None:
            search = self._search
            assert search is not None
            self._keys = [search(row).casefold() for row in self._all]
        return self._keys

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

    def position(self, row: T) -> int | None:
        """Where ``row`` (or the first row equal to it) is shown; None when it is not."""
        try:
            return self._rows.index(row)
        except ValueError:
            return None

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
        keys = self._keys and dict(zip(map(id, self._all), self._keys, strict=True))
        self._sort = (column, order)
        self._order(self._all)
        self._order(self._rows)  # stable sorts: still the shown subset of every row, in order
        if keys:  # the search texts follow their rows
            self._keys = [keys[id(row)] for row in self._all]
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
        # A view asks seven roles of every cell it paints: one look-up of what this
        # column's role reads, none for a role the column does not set.
        row = index.row()
        if row < 0:
            return None
        reader = self._role_readers[index.column()].get(role)
        return None if reader is None else reader(self._rows[row])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Role.DisplayRole:
            return clip(self.columns[section].header)
        if role == Role.ToolTipRole:
            return clip(self.columns[section].header_tip, TEXT_MAX) or None
        return None


def _readers(column: Col[Any]) -> dict[int, Reader]:
    """What each role of ``column``'s cells reads of a row (``RowsModel.data``)."""
    text, colour, background, bold, tip, mark = (
        column.text,
        column.colour,
        column.background,
        column.bold,
        column.tip,
        column.mark,
    )
    alignment = column.align.value
    readers: dict[int, Reader] = {
        Role.DisplayRole.value: lambda row: clip(text(row)),
        Role.TextAlignmentRole.value: lambda _row: alignment,
    }
    if colour is not None:
        readers[Role.ForegroundRole.value] = lambda row: (
            theme.ink(found) if (found := colour(row)) else None
        )
    if background is not None:
        readers[Role.BackgroundRole.value] = lambda row: (
            QBrush(QColor(fill)) if (fill := background(row)) else None
        )
    if bold is not None:
        readers[Role.FontRole.value] = lambda row: _bold_font() if bold(row) else None
    if tip is not None:
        readers[Role.ToolTipRole.value] = lambda row: (
            clip(found, TEXT_MAX) if (found := tip(row)) is not None else None
        )
    if mark is not None:
        readers[Role.DecorationRole.value] = lambda row: (
            _dot(found) if (found := mark(row)) else None
        )
    return readers


@functools.cache
def _dot(colour: str) -> QPixmap:
    """A small filled circle of ``colour``: a row's status at a glance, beside its name."""
    size = DOT_SIZE
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return pixmap


def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


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
    def __init__(self, view: QTableView, model: RowsModel[Any], hidden: bool = False) -> None:
        super().__init__(view)
        self._view, self._model = view, model
        self._sample: list[Any] = []
        self._when_shown = hidden  # fit a hidden view when it is next shown, not before
        self._stale = False
        if hidden:
            view.installEventFilter(self)
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
        from PySide6.QtWidgets import QStyle  # its hundreds of enum members cost 11 ms

        view, metric = self._view, QStyle.PixelMetric.PM_FocusFrameHMargin
        return 2 * (view.style().pixelMetric(metric, None, view) + 1) + int(view.showGrid())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._stale and event.type() == QEvent.Type.Show and watched is self._view:
            self.fit()
        return False

    def fit(self) -> None:
        self._sample = []
        self._stale = self._when_shown and not self._view.isVisible()
        if self._stale:
            return
        header = self._view.horizontalHeader()
        for number in range(len(self._model.columns)):
            stretched = header.sectionResizeMode(number) == QHeaderView.ResizeMode.Stretch
            if not stretched and not header.isSectionHidden(number):
                width = max(self.figures(number), header.sectionSizeHint(number))
                header.resizeSection(number, width)


def refit_columns(view: QTableView) -> None:
    """Measure a fitted view's columns again (its type changed: workshop mode)."""
    for fitter in view.findChildren(_ColumnFitter):
        fitter.fit()


def fit_columns(view: QTableView, model: RowsModel[Any], *, when_shown: bool = False) -> None:
    """Each column as wide as its title and its text, measured on up to SIZE_SAMPLE_ROWS
    rows spread over the list, again whenever the rows change; the user may still drag a
    column wider. (Qt's ResizeToContents re-read the cells at every layout: 1.2 million
    reads to show the CSAs page of a 5,000-account portfolio.) ``when_shown``: a view
    usually hidden behind another (the map's table) is measured when it is shown, not on
    every reload while it is out of sight."""
    _ColumnFitter(view, model, when_shown).fit()
