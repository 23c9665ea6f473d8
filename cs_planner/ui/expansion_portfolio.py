"""The portfolio's expansion page: expected expansion ARR by dimension across all accounts,
and the accounts ranked by the multiple they are projected to reach in 8 quarters."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.accounts.rules import NO_ARR_YET
from cs_planner.domain.expansion import HORIZON, REFERENCE_MULTIPLES, PortfolioExpansion
from cs_planner.domain.expansion_queries import portfolio_expansion
from cs_planner.ui.charts import PLAN, ChartCanvas
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.columns import StretchWhenRoom, compact_rows, wrap_headers
from cs_planner.ui.common.text_fit import clipped_texts
from cs_planner.ui.common.theme import GOOD, MUTED, ink
from cs_planner.ui.common.widgets import EmptyState, KpiTile
from cs_planner.ui.shell.context import AppContext

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Role = Qt.ItemDataRole
ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class DimensionColumn(IntEnum):
    DIMENSION = 0
    COUNT = 1
    EXPECTED = 2
    BEST = 3


@clipped_texts
class DimensionTotalsModel(QAbstractTableModel):
    """One line per dimension, then the total."""

    HEADERS = ("Dimension", "Open", "Expected ARR", "Best case")
    HEADER_TIPS = (
        None,
        "Open opportunities",
        "ACV uplift of the open opportunities, weighted by confidence",
        "ACV uplift if every open opportunity is won",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_: PortfolioExpansion | None = None

    def set_data(self, data: PortfolioExpansion) -> None:
        self.beginResetModel()
        self.data_ = data
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        if parent.isValid() or self.data_ is None:
            return 0
        return len(self.data_.by_dimension) + 1

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or self.data_ is None:
            return None
        lines = self.data_.by_dimension
        total = index.row() == len(lines)
        if total:
            values = ("Total", sum(n for *_, n in lines), sum(w for _, w, _b, _n in lines),
                      sum(b for _, _w, b, _n in lines))  # fmt: skip
        else:
            dimension, weighted, best, count = lines[index.row()]
            values = (dimension.label, count, weighted, best)
        column = DimensionColumn(index.column())
        if role == Role.DisplayRole:
            value = values[column]
            if column in (DimensionColumn.EXPECTED, DimensionColumn.BEST):
                return fmt.money(value, self.data_.currency)
            return fmt.count(value) if column == DimensionColumn.COUNT else value
        if role == Role.TextAlignmentRole and column != DimensionColumn.DIMENSION:
            return RIGHT
        if role == Role.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Role.DisplayRole:
            return self.HEADERS[section]
        if role == Role.ToolTipRole:
            return self.HEADER_TIPS[section]
        return None


class RankColumn(IntEnum):
    RANK = 0
    ACCOUNT = 1
    ARR = 2
    MULTIPLE = 3
    PROJECTED = 4
    BEST = 5
    UPLIFT = 6


# Short headers (the page title says "projected multiple"), spelt out in tooltips: long
# ones made the table scroll sideways on a laptop.
RANK_HEADERS = (
    "#",
    "Account",
    "ARR",
    "Today",
    f"In {HORIZON} quarters",
    "Best case",
    "Expected uplift",
)
RANK_HEADER_TIPS = {
    RankColumn.MULTIPLE: "Expansion multiple today: ARR ÷ the initial deal",
    RankColumn.PROJECTED: f"Projected multiple {HORIZON} quarters from today, open "
    "opportunities weighted by confidence (the Expansion tab counts quarters 6 and 8 from "
    "the first deal)",
    RankColumn.BEST: f"Multiple {HORIZON} quarters from today if every open opportunity is won",
    RankColumn.UPLIFT: "ACV uplift of the open opportunities, weighted by confidence",
}


@clipped_texts
class RankedAccountsModel(QAbstractTableModel):
    """Accounts by projected multiple; sorts its own list by any column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, Any]] = []  # (rank, AccountProjection)
        self.currency = "USD"

    def set_data(self, data: PortfolioExpansion) -> None:
        self.beginResetModel()
        self.currency = data.currency
        self._rows = list(enumerate(data.accounts, start=1))
        self.endResetModel()

    def names(self) -> list[str]:
        return [a.name for _rank, a in self._rows]

    def account_id(self, row: int) -> int | None:
        return self._rows[row][1].account_id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(RANK_HEADERS)

    @staticmethod
    def _values(rank: int, a: Any) -> tuple:
        return (rank, a.name, a.arr, a.multiple_today, a.projected_multiple, a.best_multiple,
                a.expected_uplift)  # fmt: skip

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(RANK_HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()][1].account_id for i in before]

        def key(item: tuple[int, Any]) -> Any:
            value = self._values(*item)[column]
            if column in _MULTIPLE_COLUMNS:  # no multiple (no ARR) sorts below any
                return (value is not None, value or 0.0)
            return value.lower() if isinstance(value, str) else value

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        positions = {a.account_id: n for n, (_r, a) in enumerate(self._rows)}
        after = [self.index(positions[i], idx.column()) for i, idx in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rank, a = self._rows[index.row()]
        column = RankColumn(index.column())
        if role == Role.DisplayRole:
            value = self._values(rank, a)[column]
            if column in (RankColumn.ARR, RankColumn.UPLIFT):
                return fmt.money(value, self.currency)
            if column in (RankColumn.MULTIPLE, RankColumn.PROJECTED, RankColumn.BEST):
                return fmt.multiple(value)
            return value
        if role == Role.TextAlignmentRole and column not in (RankColumn.ACCOUNT,):
            return RIGHT
        no_arr = a.multiple_today is None
        if role == Role.ForegroundRole and column in _MULTIPLE_COLUMNS and no_arr:
            return ink(MUTED)
        if role == Role.ForegroundRole and column == RankColumn.PROJECTED:
            reached = [m for m in REFERENCE_MULTIPLES if a.projected_multiple >= m]
            return ink(GOOD) if reached else None
        if role == Role.ToolTipRole and column in _MULTIPLE_COLUMNS and no_arr:
            return NO_ARR_YET
        if role == Role.ToolTipRole and column == RankColumn.PROJECTED:
            return (
                f"ARR {HORIZON} quarters from today with the open opportunities weighted by "
                "confidence, "
                f"÷ the initial deal ({fmt.money(a.initial_deal_value, self.currency)})"
            )
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(RANK_HEADERS):
            return None
        if role == Role.DisplayRole:
            return RANK_HEADERS[section]
        if role == Role.ToolTipRole:
            return RANK_HEADER_TIPS.get(RankColumn(section))
        return None


_MULTIPLE_COLUMNS = (RankColumn.MULTIPLE, RankColumn.PROJECTED, RankColumn.BEST)


def _table(model: QAbstractTableModel, stretch: int) -> QTableView:
    view = QTableView()
    wrap_headers(view)
    view.setModel(model)
    view.verticalHeader().hide()
    compact_rows(view)
    view.setWordWrap(False)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # The names are never squeezed to "…": a narrow window scrolls the figures sideways
    # instead, and a wide one gives the room left to the name column.
    StretchWhenRoom(view, stretch)
    return view


class ExpansionPortfolioPage(QWidget):
    """A portfolio page (see ``ui.workspace.MainArea``): read on ``refresh``."""

    title = "Expansion outlook"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.data: PortfolioExpansion | None = None
        self.expected = KpiTile(
            "Expected expansion ARR",
            "ACV uplift × confidence of every open opportunity, whatever its quarter",
        )
        self.best = KpiTile("Best case", "Every open opportunity won")
        self.at_five = KpiTile(
            "Accounts at 5x or more", f"Today, and projected in {HORIZON} quarters"
        )
        kpis = QHBoxLayout()
        for tile in (self.expected, self.best, self.at_five):
            kpis.addWidget(tile, 1)
        kpis.addStretch(1)
        self.dimensions = DimensionTotalsModel(self)
        self.ranking = RankedAccountsModel(self)
        self.dimension_view = _table(self.dimensions, DimensionColumn.DIMENSION)
        self.ranking_view = _table(self.ranking, RankColumn.ACCOUNT)
        self.ranking_view.setSortingEnabled(True)
        self.ranking_view.setToolTip("Double-click an account to open its plan")
        self.ranking_view.doubleClicked.connect(self._open_account)
        self.ranking_view.horizontalHeader().setSortIndicator(
            RankColumn.RANK, Qt.SortOrder.AscendingOrder
        )
        self.ranking_stack = EmptyState(
            self.ranking_view, "No accounts yet: add one with Portfolio > Add account."
        )
        totals = QWidget()
        totals_layout = QVBoxLayout(totals)
        totals_layout.setContentsMargins(0, 0, 0, 0)
        totals_layout.addWidget(_title("Expected expansion ARR by dimension"))
        totals_layout.addWidget(self.dimension_view)
        totals_layout.addStretch(1)
        self.chart = ChartCanvas(min_height=220)
        # The totals above their chart beside the ranking on a wide page; on a laptop the
        # ranking takes the whole width (every column shown) and the totals sit below it,
        # beside their chart.
        left = QWidget()
        self._left_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, left)
        self._left_layout.setContentsMargins(0, 0, 0, 0)
        self._left_layout.addWidget(totals)
        self._left_layout.addWidget(self.chart, 1)
        self._totals, self._left = totals, left
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(_title(f"Accounts by projected multiple in {HORIZON} quarters"))
        right_layout.addWidget(self.ranking_stack)
        self._right = right
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setChildrenCollapsible(False)
        self.body = body
        self._arrange(side_by_side=True)
        layout = QVBoxLayout(self)
        layout.addLayout(kpis)
        layout.addWidget(body, 1)
        ctx.accountsChanged.connect(self._changed)
        ctx.accountChanged.connect(lambda _id: self._changed())
        ctx.settingsChanged.connect(self._changed)

    def refresh(self) -> None:
        data = self._ctx.read(lambda s: portfolio_expansion(s, self._ctx.today()))
        self.data = data
        self.dimensions.set_data(data)
        self.ranking.set_data(data)
        self.ranking_view.horizontalHeader().setSortIndicator(
            RankColumn.RANK, Qt.SortOrder.AscendingOrder
        )
        self.ranking_stack.set_empty(not data.accounts)
        view = self.dimension_view  # as tall and wide as its rows: the chart takes the rest
        view.setMinimumWidth(self._full_width(view, False))
        view.setFixedHeight(
            view.horizontalHeader().sizeHint().height()
            + view.verticalHeader().length()
            + 2 * view.frameWidth()
        )
        self.chart.draw(lambda figure: draw_by_dimension(figure, data))
        self._fit()  # names and figures may be wider now
        money = lambda v: fmt.compact_money(v, data.currency)  # noqa: E731
        self.expected.show_value(money(sum(w for _d, w, _b, _n in data.by_dimension)))
        self.best.show_value(money(sum(b for _d, _w, b, _n in data.by_dimension)))
        today = sum((a.multiple_today or 0) >= 5 for a in data.accounts)
        projected = sum((a.projected_multiple or 0) >= 5 for a in data.accounts)
        self.at_five.show_value(
            f"{today} of {len(data.accounts)}", f"{projected} projected in {HORIZON} quarters"
        )

    def side_by_side(self) -> bool:
        return self.body.orientation() == Qt.Orientation.Horizontal

    @staticmethod
    def _full_width(view: QTableView, scroll_bar: bool) -> int:
        """A table's width with every column and the names in full."""
        header = view.horizontalHeader()
        columns = sum(
            max(header.sectionSizeHint(c), view.sizeHintForColumn(c)) for c in range(header.count())
        )
        bar = view.verticalScrollBar().sizeHint().width() if scroll_bar else 0
        return columns + bar + 2 * view.frameWidth()

    def _fit(self) -> None:
        """Side by side only when the ranking keeps every column beside the totals."""
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right() - self.body.handleWidth()
        needed = self._full_width(self.dimension_view, False) + self._full_width(
            self.ranking_view, True
        )
        wide = room >= needed
        if wide != self.side_by_side():
            self._arrange(wide)

    def _arrange(self, side_by_side: bool) -> None:
        body, left, right = self.body, self._left, self._right
        if side_by_side:
            body.setOrientation(Qt.Orientation.Horizontal)
            body.insertWidget(0, left)
            self._left_layout.setDirection(QBoxLayout.Direction.TopToBottom)
            body.setStretchFactor(0, 2)
            body.setStretchFactor(1, 3)
            return
        body.setOrientation(Qt.Orientation.Vertical)
        body.insertWidget(0, right)
        self._left_layout.setDirection(QBoxLayout.Direction.LeftToRight)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 0)
        total = sum(body.sizes())
        below = self._totals.sizeHint().height()
        if total > below:
            body.setSizes([total - below, below])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _open_account(self, index: QModelIndex) -> None:
        account_id = self.ranking.account_id(index.row())
        if account_id is not None:
            self._ctx.openAccount.emit(account_id)

    def _changed(self) -> None:
        if self.isVisible():  # hidden: MainArea refreshes the page when it is shown
            self.refresh()


NO_PIPELINE = "No open opportunity yet:\nadd them on an account's\nExpansion tab."


def draw_by_dimension(figure: Figure, data: PortfolioExpansion) -> None:
    """Expected and best-case expansion ARR by dimension, as horizontal bars."""
    from matplotlib.ticker import FuncFormatter

    ax = figure.add_subplot()
    labels = [d.label for d, *_ in data.by_dimension][::-1]
    expected = [w for _d, w, _b, _n in data.by_dimension][::-1]
    best = [b for _d, _w, b, _n in data.by_dimension][::-1]
    ax.barh(labels, best, color=PLAN, alpha=0.18, label="Best case")
    ax.barh(labels, expected, color=PLAN, label="Expected (weighted)")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt.compact_money(v, data.currency)))
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if not any(best):
        ax.text(0.5, 0.5, NO_PIPELINE, transform=ax.transAxes, ha="center", va="center",
                fontsize=9, color=MUTED, wrap=True)  # fmt: skip
        ax.set_xticks([])
        return
    # Above the plot (the figure's, so a narrow page never clips it): inside the axes it
    # covered whichever bar was longest at its corner.
    figure.legend(fontsize=8, frameon=False, loc="outside upper center", ncol=2)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label
