"""The portfolio's expansion page: expected expansion ARR by dimension across all accounts,
and the accounts ranked by the multiple they are projected to reach in 8 quarters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import partial

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.accounts.rules import NO_ARR_YET
from cs_planner.domain.changes import Changes
from cs_planner.domain.expansion.queries import portfolio_expansion
from cs_planner.domain.expansion.rows import (
    REFERENCE_MULTIPLES,
    AccountProjection,
    PortfolioExpansion,
)
from cs_planner.domain.expansion.rules import HORIZON
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.account_tab import PortfolioPage
from cs_planner.ui.common.columns import (
    SIZE_SAMPLE_ROWS,
    StretchWhenRoom,
    compact_rows,
    wrap_headers,
)
from cs_planner.ui.common.plot import ChartView
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.common.theme import GOOD, MUTED
from cs_planner.ui.common.widgets import EmptyState, KpiTile
from cs_planner.ui.expansion.charts import DimensionBars
from cs_planner.ui.shell.context import AppContext


class DimensionColumn(IntEnum):
    DIMENSION = 0
    COUNT = 1
    EXPECTED = 2
    BEST = 3


@dataclass(frozen=True)
class DimensionLine:
    """One line of the totals table: a dimension, or the total under them."""

    label: str
    count: int
    weighted: float
    best: float
    total: bool = False


def dimension_lines(data: PortfolioExpansion) -> list[DimensionLine]:
    lines = [DimensionLine(d.label, n, w, b) for d, w, b, n in data.by_dimension]
    return [
        *lines,
        DimensionLine(
            "Total",
            sum(line.count for line in lines),
            sum(line.weighted for line in lines),
            sum(line.best for line in lines),
            total=True,
        ),
    ]


def _is_total(line: DimensionLine) -> bool:
    return line.total


def dimension_columns(currency: str) -> list[Col[DimensionLine]]:
    """One line per dimension, then the total (in bold)."""
    return [
        Col("Dimension", lambda line: line.label, lambda line: line.total, bold=_is_total),
        Col("Open", lambda line: fmt.count(line.count), lambda line: line.count, Align.RIGHT,
            bold=_is_total, header_tip="Open opportunities"),
        Col("Expected ARR", lambda line: fmt.money(line.weighted, currency),
            lambda line: line.weighted, Align.RIGHT, bold=_is_total,
            header_tip="ACV uplift of the open opportunities, weighted by confidence"),
        Col("Best case", lambda line: fmt.money(line.best, currency), lambda line: line.best,
            Align.RIGHT, bold=_is_total, header_tip="ACV uplift if every open opportunity is won"),
    ]  # fmt: skip


class DimensionTotalsModel(RowsModel[DimensionLine]):
    """Expected expansion ARR by dimension, and the total."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(dimension_columns("USD"), parent)

    def set_data(self, data: PortfolioExpansion) -> None:
        self.set_rows(dimension_lines(data), dimension_columns(data.currency))


class RankColumn(IntEnum):
    RANK = 0
    ACCOUNT = 1
    ARR = 2
    MULTIPLE = 3
    PROJECTED = 4
    BEST = 5
    UPLIFT = 6


@dataclass(frozen=True, slots=True)  # one per account
class Ranked:
    """An account and its place by projected multiple."""

    rank: int
    account: AccountProjection


def _multiple_key(value: float | None) -> tuple[bool, float]:
    """No multiple (no ARR) sorts below any."""
    return value is not None, value or 0.0


def rank_columns(currency: str) -> list[Col[Ranked]]:
    """Short headers (the page title says "projected multiple"), spelt out in tooltips: long
    ones made the table scroll sideways on a laptop."""

    def no_arr(r: Ranked) -> bool:
        return r.account.multiple_today is None

    def muted(r: Ranked) -> str | None:
        return MUTED if no_arr(r) else None

    def no_arr_tip(r: Ranked) -> str | None:
        return NO_ARR_YET if no_arr(r) else None

    def projected_colour(r: Ranked) -> str | None:
        if no_arr(r):
            return MUTED
        reached = r.account.projected_multiple or 0.0
        return GOOD if any(reached >= m for m in REFERENCE_MULTIPLES) else None

    def projected_tip(r: Ranked) -> str:
        if no_arr(r):
            return NO_ARR_YET
        return (
            f"ARR {HORIZON} quarters from today with the open opportunities weighted by "
            "confidence, "
            f"÷ the initial deal ({fmt.money(r.account.initial_deal_value, currency)})"
        )

    return [
        Col("#", lambda r: str(r.rank), lambda r: r.rank, Align.RIGHT),
        Col("Account", lambda r: r.account.name, lambda r: r.account.name.lower()),
        Col("ARR", lambda r: fmt.money(r.account.arr, currency), lambda r: r.account.arr,
            Align.RIGHT),
        Col("Today", lambda r: fmt.multiple(r.account.multiple_today),
            lambda r: _multiple_key(r.account.multiple_today), Align.RIGHT, colour=muted,
            tip=no_arr_tip, header_tip="Expansion multiple today: ARR ÷ the initial deal"),
        Col(f"In {HORIZON} quarters", lambda r: fmt.multiple(r.account.projected_multiple),
            lambda r: _multiple_key(r.account.projected_multiple), Align.RIGHT,
            colour=projected_colour, tip=projected_tip,
            header_tip=f"Projected multiple {HORIZON} quarters from today, open "
            "opportunities weighted by confidence (the Expansion tab counts quarters 6 and 8 "
            "from the first deal)"),
        Col("Best case", lambda r: fmt.multiple(r.account.best_multiple),
            lambda r: _multiple_key(r.account.best_multiple), Align.RIGHT, colour=muted,
            tip=no_arr_tip, header_tip=f"Multiple {HORIZON} quarters from today if every "
            "open opportunity is won"),
        Col("Expected uplift", lambda r: fmt.money(r.account.expected_uplift, currency),
            lambda r: r.account.expected_uplift, Align.RIGHT,
            header_tip="ACV uplift of the open opportunities, weighted by confidence"),
    ]  # fmt: skip


class RankedAccountsModel(RowsModel[Ranked]):
    """Accounts by projected multiple; sorts by any column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(rank_columns("USD"), parent)

    def set_data(self, data: PortfolioExpansion) -> None:
        ranked = [Ranked(n, a) for n, a in enumerate(data.accounts, start=1)]
        self.set_rows(ranked, rank_columns(data.currency))

    def names(self) -> list[str]:
        return [r.account.name for r in self.rows()]

    def account_id(self, row: int) -> int | None:
        found = self.row_at(row)
        return None if found is None else found.account.account_id


def _table(model: QAbstractTableModel, stretch: int) -> QTableView:
    view = QTableView()
    wrap_headers(view)
    view.setModel(model)
    view.verticalHeader().hide()
    compact_rows(view)
    view.setWordWrap(False)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    # Widths measured once per reload on a sample of rows (``_size_columns``): sized to
    # their contents at every layout, a 5,000-account ranking read 600,000 cells per show.
    view.verticalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
    # The names are never squeezed to "…": a narrow window scrolls the figures sideways
    # instead, and a wide one gives the room left to the name column.
    StretchWhenRoom(view, stretch)
    return view


class ExpansionPage(PortfolioPage):
    """A portfolio page (see ``ui.shell.workspace.MainArea``): read when shown, and again
    after an action that changes what it shows (``PortfolioPage``)."""

    title = "Expansion outlook"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: PortfolioExpansion | None = None
        self._widths = (0, 0)  # the two tables' widths in full, set by _size_columns
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
        self.chart = ChartView(min_height=220)
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

    def touched_by(self, changes: Changes) -> bool:
        """Any account's figures or opportunities, the list, or the settings; not the team
        or the templates."""
        return bool(changes.accounts) or changes.account_list or changes.settings

    def reload(self) -> None:
        self.stale = False
        data = self.ctx.read(lambda s: portfolio_expansion(s, self.ctx.today()))
        self.data = data
        self.dimensions.set_data(data)
        self.ranking.set_data(data)
        self.ranking_view.horizontalHeader().setSortIndicator(
            RankColumn.RANK, Qt.SortOrder.AscendingOrder
        )
        self.ranking_stack.set_empty(not data.accounts)
        self._size_columns()
        view = self.dimension_view  # as tall and wide as its rows: the chart takes the rest
        view.setMinimumWidth(self._widths[0])
        view.setFixedHeight(
            view.horizontalHeader().sizeHint().height()
            + view.verticalHeader().length()
            + 2 * view.frameWidth()
        )
        self.chart.show_chart(DimensionBars(data))
        self._fit()  # names and figures may be wider now
        money = partial(fmt.compact_money, currency=data.currency)
        self.expected.show_value(money(sum(w for _d, w, _b, _n in data.by_dimension)))
        self.best.show_value(money(sum(b for _d, _w, b, _n in data.by_dimension)))
        today = sum((a.multiple_today or 0) >= 5 for a in data.accounts)
        projected = sum((a.projected_multiple or 0) >= 5 for a in data.accounts)
        self.at_five.show_value(
            f"{today} of {len(data.accounts)}", f"{projected} projected in {HORIZON} quarters"
        )

    def side_by_side(self) -> bool:
        return self.body.orientation() == Qt.Orientation.Horizontal

    def _size_columns(self) -> None:
        """Each column as wide as its title and figures, and each table's width with
        every column in full (what ``_fit`` compares with the room on every resize)."""
        widths = []
        for view, scroll_bar in ((self.dimension_view, False), (self.ranking_view, True)):
            header = view.horizontalHeader()
            full = [
                max(header.sectionSizeHint(c), view.sizeHintForColumn(c))
                for c in range(header.count())
            ]
            for column, width in enumerate(full):
                header.resizeSection(column, width)
            bar = view.verticalScrollBar().sizeHint().width() if scroll_bar else 0
            widths.append(sum(full) + bar + 2 * view.frameWidth())
        self._widths = (widths[0], widths[1])

    def _fit(self) -> None:
        """Side by side only when the ranking keeps every column beside the totals."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        room = self.width() - margins.left() - margins.right() - self.body.handleWidth()
        wide = room >= sum(self._widths)
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
            self.ctx.openAccount.emit(account_id)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label
