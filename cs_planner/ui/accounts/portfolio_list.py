"""The portfolio list: every account with ARR, multiple, renewal, tier, stage, CSM and CSAs,
searched and filtered by the one table model (no proxy model: over 100k rows a proxy took
seconds where the list takes milliseconds)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.accounts.listing import AccountRow
from cs_planner.domain.changes import Changes
from cs_planner.domain.enums import HealthBand, LifecycleStage, Tier
from cs_planner.ui.accounts.portfolio_columns import (
    COLUMN_WIDTHS,
    NO_HEALTH,
    Column,
    PortfolioModel,
)
from cs_planner.ui.common.empty_state import EmptyState
from cs_planner.ui.common.table_model import CELL_PADDING
from cs_planner.ui.common.text_fit import clip
from cs_planner.ui.shell.context import AppContext

if TYPE_CHECKING:
    from cs_planner.ui.value.list_health import HealthScores

FILTER_MAX = 24  # characters of a CSM name in the filter box
FILTER_MIN = 5  # characters a filter box keeps when the list is narrow
TOOLTIP = Qt.ItemDataRole.ToolTipRole
NO_ACCOUNTS = "No accounts yet.\n\nAdd the first with Portfolio > Add account (Ctrl+Shift+N)."
NO_MATCH = "No account matches the search and filters.\n\nEsc in the search box clears the search."


class PortfolioView(QWidget):
    """Search, filters and the account table. Emits the selected account's id (or None)."""

    accountSelected = Signal(object)
    selectionChanged = Signal()  # the set of selected accounts (Delete acts on all of them)
    deleteRequested = Signal()

    def __init__(self, ctx: AppContext | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.model = PortfolioModel(self)

        self.search = QLineEdit(placeholderText="Find an account, industry or CSM (Ctrl+F)")
        self.search.setToolTip(
            "Type to filter the list; Down moves to the matching accounts, Esc clears"
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._filter(text=text))
        self.search.installEventFilter(self)
        self.tier_filter = self._combo("All tiers", [(t.label, t) for t in Tier])
        self.tier_filter.setToolTip("Show only the accounts of one tier")
        self.tier_filter.currentIndexChanged.connect(
            lambda: self._filter(tier=self.tier_filter.currentData())
        )
        self.stage_filter = self._combo("All stages", [(s.label, s) for s in LifecycleStage])
        self.stage_filter.setToolTip("Show only the accounts in one lifecycle stage")
        self.stage_filter.currentIndexChanged.connect(
            lambda: self._filter(stage=self.stage_filter.currentData())
        )
        self.health_filter = self._combo(
            "All health", [*((b.label, b) for b in HealthBand), ("No data yet", NO_HEALTH)]
        )
        self.health_filter.setToolTip("Show only the accounts in one health band")
        self.health_filter.currentIndexChanged.connect(
            lambda: self._filter(band=self.health_filter.currentData())
        )
        self.health: HealthScores | None = None
        self.csm_filter = self._combo("All CSMs", [])
        self.csm_filter.setToolTip("Show only the accounts of one CSM")
        self.csm_filter.currentIndexChanged.connect(
            lambda: self._filter(csm=self.csm_filter.currentData())
        )

        self.table = self._account_table()
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda: self.selectionChanged.emit())
        delete = QAction("Delete the selected accounts", self.table)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(lambda: self.deleteRequested.emit())
        self.table.addAction(delete)
        self.count = QLabel()
        self.count.setObjectName("muted")

        filters = QHBoxLayout()
        for combo in (self.tier_filter, self.stage_filter, self.health_filter, self.csm_filter):
            filters.addWidget(combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        # In the list's place when it shows nothing: what to do about it.
        self.table_stack = EmptyState(self.table, NO_ACCOUNTS)
        layout.addWidget(self.table_stack, 1)
        layout.addWidget(self.count)
        if ctx is not None:
            self.set_context(ctx)

    def set_context(self, ctx: AppContext) -> None:
        """Show another portfolio's accounts (or the first look's, read again in full),
        from the top: no selection, search or filters carried over from the last."""
        if self.ctx is not None:
            self.select_account(None, notify=False)
            self.search.clear()
            for combo in (self.tier_filter, self.stage_filter, self.health_filter, self.csm_filter):
                combo.setCurrentIndex(0)
        self.ctx = ctx
        ctx.changed.connect(self._changed)
        self.reload()
        self._score(ctx)

    def _score(self, ctx: AppContext) -> None:
        """The health column fills in once the scores are worked out (off the GUI thread,
        after the window shows the portfolio)."""
        from cs_planner.ui.value.list_health import HealthScores

        self.stop_background()
        if self.health is not None:
            self.health.deleteLater()
        self.model.set_health({})
        self.health = HealthScores(ctx, self)
        ctx.list_scores = self.health.current
        self.health.ready.connect(self._scored)
        self.health.start_later()

    def stop_background(self) -> None:
        """Before the portfolio closes: the health pass stops and its thread ends."""
        if self.health is not None:
            self.health.stop()

    def scores_now(self) -> None:
        """Work the health scores out and show them before returning (a screenshot shows
        the finished list)."""
        if self.health is not None:
            self.health.refresh(None)
            self.health.wait()
            QCoreApplication.sendPostedEvents(self.health)

    def _scored(self) -> None:
        health = self.health
        if health is not None:  # a health sort or filter applies to the new scores
            self._keeping_selection(lambda: self.model.set_health(health.scores))

    def _account_table(self) -> QTableView:
        """The sortable table; the columns a CSM scans first as wide as their values."""
        table = QTableView()
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.ACCOUNT, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several accounts at once (Shift/Ctrl+click) for Portfolio > Delete accounts.
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(24)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = table.fontMetrics()
        for column, width in COLUMN_WIDTHS.items():
            if isinstance(width, str):
                width = metrics.horizontalAdvance(width) + CELL_PADDING
            header.resizeSection(column, width)
        return table

    @staticmethod
    def _combo(everything: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        # Sized by a short text, not by measuring every item: a manager's portfolio has a
        # thousand CSMs, and the four filters share the list's width (its columns decide
        # it), which shows "All ..." in full.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(FILTER_MIN)
        combo.addItem(everything, None)
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def _changed(self, changes: Changes) -> None:
        """The list shows names, the settings' currency and our people's names."""
        if changes.account_list or changes.settings or changes.team:
            self.reload()

    def reload(self) -> None:
        """Read the list again, keeping the selection."""
        from cs_planner.domain.accounts.queries import get_settings, list_accounts

        assert self.ctx is not None, "a list reads once it has a portfolio"
        today = self.ctx.today()
        rows, currency = self.ctx.read(
            lambda s: (list_accounts(s, today), get_settings(s).currency)
        )
        self.show_accounts(rows, currency)

    def show_accounts(self, rows: list[AccountRow], currency: str, *, csms: bool = True) -> None:
        """Show these rows (a reload, or the first look before the portfolio is open,
        with ``csms`` False: the CSM filter, a thousand names in a manager's portfolio, is
        filled after the first paint)."""
        selected = self.selected_id()
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.model.set_accounts(rows, currency)
        selection.blockSignals(False)
        if csms:
            self._refresh_csms()
        self._update_count()
        if selected is not None:
            # Re-select silently; if the account is gone (deleted), the workspace is told.
            self.select_account(selected, notify=self.model.row_of(selected) is None)

    def _refresh_csms(self) -> None:
        current = self.csm_filter.currentData()
        self.csm_filter.blockSignals(True)
        self.csm_filter.clear()
        self.csm_filter.addItem("All CSMs", None)
        for name in self.model.csms():
            # Short: the filter row shares the list's width (the tooltip has the name).
            self.csm_filter.addItem(clip(name, FILTER_MAX), name)
            self.csm_filter.setItemData(self.csm_filter.count() - 1, clip(name), TOOLTIP)
        found = self.csm_filter.findData(current)
        self.csm_filter.setCurrentIndex(max(found, 0))
        self.csm_filter.blockSignals(False)
        if found < 0 and current is not None:
            self._filter(csm=None)

    def _filter(self, **change: Any) -> None:
        """Filter without telling the workspace: the account on show stays on show."""
        self._keeping_selection(lambda: self.model.filter_by(**change))

    def _keeping_selection(self, step: Callable[[], None]) -> None:
        """Every selected account stays selected (Delete acts on them all), the current one
        current, across a filter or the health scores arriving."""
        selected, together = self.selected_id(), self.selected_ids()
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        step()
        selection.blockSignals(False)
        self._update_count()
        if selected is not None:
            self.select_account(selected, notify=False)
        rows = {self.model.row_of(i) for i in together if i != selected} - {None}
        for row in sorted(r for r in rows if r is not None):
            selection.select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.table_stack.message.setText(NO_ACCOUNTS if total == 0 else NO_MATCH)
        self.table_stack.set_empty(shown == 0)
        if total == 0:
            self.count.setText("No accounts yet: Portfolio > Add account (Ctrl+Shift+N)")
        elif shown == total:
            self.count.setText(f"{total:,} accounts")
        else:
            self.count.setText(f"{shown:,} of {total:,} accounts match")

    def selected_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        row = self.model.row_at(index.row())
        return row.id if row is not None else None

    def selected_ids(self) -> list[int]:
        """Every selected account, in list order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [r.id for r in map(self.model.row_at, rows) if r is not None]

    def reveal_account(self, account_id: int) -> None:
        """Select an account, clearing the search and filters if they hide it."""
        if self.model.row_of(account_id) is None:
            self.search.clear()
            for combo in (self.tier_filter, self.stage_filter, self.csm_filter):
                combo.setCurrentIndex(0)
        self.select_account(account_id)

    def select_account(self, account_id: int | None, notify: bool = True) -> None:
        row = None if account_id is None else self.model.row_of(account_id)
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            if notify:
                self.accountSelected.emit(None)
            return
        index = self.model.index(row, 0)
        selection.blockSignals(not notify)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.table.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.accountSelected.emit(
            row.id if (row := self.model.row_at(current)) is not None else None
        )

    def preferred_width(self) -> int:
        """The width that shows the columns up to Renewal, the ones a CSM scans first."""
        header = self.table.horizontalHeader()
        columns = sum(header.sectionSize(c) for c in Column if c <= Column.RENEWAL)
        scrollbar = self.table.verticalScrollBar().sizeHint().width()
        return columns + scrollbar + 2 * self.table.frameWidth()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box, Down goes to the list (on the first match if none is
        selected) and Esc clears the search."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event).key()
            if key == Qt.Key.Key_Down and self.model.rowCount():
                if self.selected_id() is None:
                    first = self.model.row_at(0)
                    self.select_account(first.id if first is not None else None)
                self.table.setFocus()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
