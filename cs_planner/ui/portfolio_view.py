"""The portfolio list: every account with ARR, multiple, renewal, tier, stage, CSM and CSAs.

The model sorts and filters its own Python list (ARCHITECTURE.md: a proxy model over 100k
rows took seconds where the list takes milliseconds)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
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

from cs_planner.domain.accounts.queries import get_settings, list_accounts
from cs_planner.domain.accounts.rows import AccountRow
from cs_planner.domain.accounts.rules import NO_ARR_YET
from cs_planner.domain.enums import LifecycleStage, Tier
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.common.text_fit import clip, clipped_texts
from cs_planner.ui.common.widgets import EmptyState
from cs_planner.ui.shell.context import AppContext

RENEWAL_WARNING_DAYS = 90
FILTER_MAX = 24  # characters of a CSM name in the filter box
TOOLTIP = Qt.ItemDataRole.ToolTipRole
NO_ACCOUNTS = "No accounts yet.\n\nAdd the first with Portfolio > Add account (Ctrl+Shift+N)."
NO_MATCH = "No account matches the search and filters.\n\nEsc in the search box clears the search."
_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    """The list's columns in display order: what a CSM scans first (ARR, multiple,
    renewal) sits beside the name, so a laptop-width list shows it without scrolling."""

    ACCOUNT = 0
    ARR = 1
    MULTIPLE = 2
    RENEWAL = 3
    TIER = 4
    STAGE = 5
    CSM = 6
    CSA = 7


HEADERS = {
    Column.ACCOUNT: "Account",
    Column.ARR: "ARR",
    Column.MULTIPLE: "Multiple",
    Column.RENEWAL: "Renewal",
    Column.TIER: "Tier",
    Column.STAGE: "Stage",
    Column.CSM: "CSM",
    Column.CSA: "CSA",
}

TOOLTIPS = {
    Column.TIER: "Top, leveraged or scalable: the manual override if set, else the suggestion "
    "from ARR rank (top 10%) and the strategic flag",
    Column.MULTIPLE: "Expansion multiple: current ARR divided by the initial deal X",
    Column.RENEWAL: "Renewal date and the days left until it",
    Column.CSA: "The CSAs allocated to the account today",
}

# Default widths: a fixed width for names, else the width of a long value in the
# table's font (so a larger system font clips nothing); the list's default width
# (main_window) shows Account to Renewal.
COLUMN_WIDTHS: dict[Column, int | str] = {
    Column.ACCOUNT: 176,
    Column.ARR: "$10,000,000",
    Column.MULTIPLE: "Multiple ▾",
    Column.RENEWAL: "2027-10-24 · in 365 d",
    Column.TIER: "Leveraged ★",
    Column.STAGE: "Expand",
    Column.CSM: 130,
}
CELL_PADDING = 14

_SORT_KEYS = {
    Column.ACCOUNT: lambda r: r.name.lower(),
    Column.TIER: lambda r: list(Tier).index(r.tier),
    Column.STAGE: lambda r: list(LifecycleStage).index(r.stage),
    Column.ARR: lambda r: r.arr,
    Column.MULTIPLE: lambda r: (r.multiple is not None, r.multiple or 0.0),  # none: lowest
    Column.RENEWAL: lambda r: (r.renewal_date is None, r.renewal_date),
    Column.CSM: lambda r: (r.csm == "", r.csm.lower()),
    Column.CSA: lambda r: (r.csas == "", r.csas.lower()),
}


@clipped_texts
class PortfolioModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[AccountRow] = []
        self._rows: list[AccountRow] = []
        self.currency = "USD"
        self._text = ""
        self._tier: Tier | None = None
        self._stage: LifecycleStage | None = None
        self._csm: str | None = None
        self._sort: tuple[Column, Qt.SortOrder] = (Column.ACCOUNT, Qt.SortOrder.AscendingOrder)

    # --- data ---------------------------------------------------------------------------
    def set_rows(self, rows: list[AccountRow], currency: str = "USD") -> None:
        self.currency = currency
        self._all = rows
        self._apply()

    def row_at(self, row: int) -> AccountRow:
        return self._rows[row]

    def row_of(self, account_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == account_id:
                return number
        return None

    @property
    def total(self) -> int:
        return len(self._all)

    def csms(self) -> list[str]:
        return sorted({r.csm for r in self._all if r.csm}, key=str.lower)

    # --- filtering and sorting ----------------------------------------------------------
    def set_filter(self, **changes: Any) -> None:
        """Change some of the filters: ``text``, ``tier``, ``stage``, ``csm`` (None clears)."""
        for key, value in changes.items():
            if key not in ("text", "tier", "stage", "csm"):
                raise TypeError(f"unknown filter {key}")
            setattr(self, f"_{key}", value.strip().lower() if key == "text" else value)
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        text, tier, stage, csm = self._text, self._tier, self._stage, self._csm
        rows = [
            r
            for r in self._all
            if (
                not text
                or text in r.name.lower()
                or text in r.industry.lower()
                or text in r.csm.lower()
            )
            and (tier is None or r.tier == tier)
            and (stage is None or r.stage == stage)
            and (csm is None or r.csm == csm)
        ]
        column, order = self._sort
        rows.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = rows
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (Column(column), order)
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(
            key=_SORT_KEYS[Column(column)], reverse=order == Qt.SortOrder.DescendingOrder
        )
        self.layoutChanged.emit()

    # --- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return TOOLTIPS.get(Column(section))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.ARR,
            Column.MULTIPLE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == Column.RENEWAL
            and row.days_to_renewal is not None
            and row.days_to_renewal < RENEWAL_WARNING_DAYS
        ):
            return theme.ink(theme.BAD)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.MULTIPLE:
            return theme.ink(theme.MUTED) if row.multiple is None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _display(self, row: AccountRow, column: Column) -> str:
        match column:
            case Column.ACCOUNT:
                return row.name
            case Column.TIER:
                return row.tier.label + (" ★" if row.strategic else "")
            case Column.STAGE:
                return row.stage.label
            case Column.ARR:
                return fmt.money(row.arr, self.currency)
            case Column.MULTIPLE:
                return fmt.multiple(row.multiple)
            case Column.RENEWAL:
                if row.renewal_date is None:
                    return ""
                return f"{fmt.date(row.renewal_date)} · {fmt.days(row.days_to_renewal)}"
            case Column.CSM:
                return row.csm
            case Column.CSA:
                return row.csas

    def _tooltip(self, row: AccountRow, column: Column) -> str | None:
        if column == Column.TIER:
            note = "strategic account; " if row.strategic else ""
            if row.tier != row.suggested_tier:
                return f"{note}set by hand (suggested: {row.suggested_tier.label})"
            return f"{note}suggested from ARR rank"
        if column == Column.ACCOUNT and row.industry:
            return f"{row.name} — {row.industry}"
        if column == Column.MULTIPLE and row.multiple is None:
            return NO_ARR_YET
        if column == Column.MULTIPLE:
            return (
                f"{fmt.money(row.arr, self.currency)} ARR over an initial deal of "
                f"{fmt.money(row.initial_deal_value, self.currency)}"
            )
        return None


class PortfolioView(QWidget):
    """Search, filters and the account table. Emits the selected account's id (or None)."""

    accountSelected = Signal(object)
    selectionChanged = Signal()  # the set of selected accounts (Delete acts on all of them)
    deleteRequested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
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
        self.csm_filter = self._combo("All CSMs", [])
        self.csm_filter.setToolTip("Show only the accounts of one CSM")
        self.csm_filter.currentIndexChanged.connect(
            lambda: self._filter(csm=self.csm_filter.currentData())
        )

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.ACCOUNT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several accounts at once (Shift/Ctrl+click) for Portfolio > Delete accounts.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        for column, width in COLUMN_WIDTHS.items():
            if isinstance(width, str):
                width = metrics.horizontalAdvance(width) + CELL_PADDING
            header.resizeSection(column, width)
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
        for combo in (self.tier_filter, self.stage_filter, self.csm_filter):
            filters.addWidget(combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        # In the list's place when it shows nothing: what to do about it.
        self.table_stack = EmptyState(self.table, NO_ACCOUNTS)
        layout.addWidget(self.table_stack, 1)
        layout.addWidget(self.count)

        ctx.accountsChanged.connect(self.reload)
        ctx.settingsChanged.connect(self.reload)
        ctx.teamChanged.connect(self.reload)

    @staticmethod
    def _combo(everything: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def reload(self) -> None:
        """Read the list again, keeping the selection."""
        selected = self.selected_id()
        rows, currency = self.ctx.read(
            lambda s: (list_accounts(s, self.ctx.today()), get_settings(s).currency)
        )
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.model.set_rows(rows, currency)
        selection.blockSignals(False)
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
        selected = self.selected_id()
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.model.set_filter(**change)
        selection.blockSignals(False)
        self._update_count()
        if selected is not None:
            self.select_account(selected, notify=False)

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
        return self.model.row_at(index.row()).id

    def selected_ids(self) -> list[int]:
        """Every selected account, in list order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row).id for row in rows]

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
            self.model.row_at(current.row()).id if current.isValid() else None
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
            key = event.key()
            if key == Qt.Key.Key_Down and self.model.rowCount():
                if self.selected_id() is None:
                    self.select_account(self.model.row_at(0).id)
                self.table.setFocus()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
