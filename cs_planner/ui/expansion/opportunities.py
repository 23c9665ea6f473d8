"""The account's expansion opportunities: a sortable, filterable table with an add/edit
dialog. Adding or editing an opportunity as won moves the ARR history forward; undo puts
it back exactly."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
)

from cs_planner.domain.edits import Edit
from cs_planner.domain.enums import Dimension, OpportunityStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.expansion.edits import (
    AddOpportunity,
    EditOpportunity,
    add_opportunity,
    delete_opportunity,
    update_opportunity,
)
from cs_planner.domain.expansion.rows import ExpansionData, OpportunityRow, OpportunityValues
from cs_planner.domain.quarters import add_quarters
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.columns import wrap_headers
from cs_planner.ui.common.text_fit import clipped_texts
from cs_planner.ui.common.theme import GOOD, MUTED, WARN, ink
from cs_planner.ui.common.widgets import ChoiceBox, ListPanel
from cs_planner.ui.expansion.opportunity_dialog import OpportunityDialog
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run, perform

Role = Qt.ItemDataRole
ROOT = QModelIndex()
NO_OPPORTUNITIES = (
    "No expansion opportunities yet — add the concrete deals behind each dimension's target "
    "(Insert)."
)
NONE_MATCH = "No opportunity matches the filter."


class OppColumn(IntEnum):
    DIMENSION = 0
    TITLE = 1
    QUARTER = 2
    UPLIFT = 3
    CONFIDENCE = 4
    EXPECTED = 5
    STATUS = 6
    LINKED = 7


HEADERS = (
    "Dimension",
    "Opportunity",
    "Target quarter",
    "ACV uplift",
    "Confidence",
    "Expected",
    "Status",
    "Linked to",
)
HEADER_TIPS = {
    OppColumn.EXPECTED: "ACV uplift × confidence, for open opportunities",
    OppColumn.CONFIDENCE: "How likely the opportunity closes, 0 to 100%",
}
STATUS_COLOURS = {OpportunityStatus.WON: GOOD, OpportunityStatus.LOST: MUTED}


@clipped_texts
class OpportunityModel(QAbstractTableModel):
    """All of an account's opportunities; sorts and filters its own list."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[OpportunityRow] = []
        self._rows: list[OpportunityRow] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.dimension: Dimension | None = None
        self.status: OpportunityStatus | None = None
        self.currency = "USD"
        self.label = lambda q: q.isoformat() if q else ""
        self.current_quarter: dt.date | None = None

    def set_rows(self, rows: list[OpportunityRow], data: ExpansionData | None = None) -> None:
        if data is not None:
            self.currency = data.currency
            self.label = data.label
            self.current_quarter = add_quarters(data.projection.quarters[0], -1)
        self.beginResetModel()
        self._all = list(rows)
        self._rows = self._visible()
        self.endResetModel()

    def set_filter(self, dimension: Dimension | None, status: OpportunityStatus | None) -> None:
        self.dimension, self.status = dimension, status
        self.set_rows(self._all)

    def _visible(self) -> list[OpportunityRow]:
        rows = [
            r
            for r in self._all
            if (self.dimension is None or r.values.dimension == self.dimension)
            and (self.status is None or r.values.status == self.status)
        ]
        if self._sort is not None:
            column, order = self._sort
            rows.sort(key=lambda r: self._key(r, column))
            if order == Qt.SortOrder.DescendingOrder:
                rows.reverse()
        return rows

    @staticmethod
    def _key(row: OpportunityRow, column: int) -> Any:
        v = row.values
        order = list(Dimension)
        return {
            OppColumn.DIMENSION: order.index(v.dimension),
            OppColumn.TITLE: v.title.lower(),
            OppColumn.QUARTER: v.target_quarter or dt.date.max,
            OppColumn.UPLIFT: v.acv_uplift,
            OppColumn.CONFIDENCE: v.confidence,
            OppColumn.EXPECTED: row.weighted,
            OppColumn.STATUS: list(OpportunityStatus).index(v.status),
            OppColumn.LINKED: row.linked.lower(),
        }[OppColumn(column)]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._sort = (column, order)
        self._rows = self._visible()
        positions = {r.id: n for n, r in enumerate(self._rows)}
        after = [self.index(positions[i], idx.column()) for i, idx in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def row_at(self, index: QModelIndex) -> OpportunityRow | None:
        return self._rows[index.row()] if index.isValid() else None

    def index_of(self, opportunity_id: int | None) -> QModelIndex:
        position = next((n for n, r in enumerate(self._rows) if r.id == opportunity_id), None)
        return QModelIndex() if position is None else self.index(position, 0)

    def rows(self) -> list[OpportunityRow]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        v = row.values
        column = OppColumn(index.column())
        if role == Role.DisplayRole:
            return {
                OppColumn.DIMENSION: v.dimension.label,
                OppColumn.TITLE: v.title,
                OppColumn.QUARTER: self.label(v.target_quarter) if v.target_quarter else "—",
                OppColumn.UPLIFT: fmt.money(v.acv_uplift, self.currency),
                OppColumn.CONFIDENCE: f"{v.confidence}%",
                OppColumn.EXPECTED: fmt.money(row.weighted, self.currency)
                if v.status == OpportunityStatus.OPEN
                else "—",
                OppColumn.STATUS: v.status.label
                + (f" {v.closed_on.isoformat()}" if v.closed_on else ""),
                OppColumn.LINKED: row.linked,
            }[column]
        if role == Role.TextAlignmentRole and column in (
            OppColumn.UPLIFT,
            OppColumn.CONFIDENCE,
            OppColumn.EXPECTED,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.ForegroundRole:
            if column == OppColumn.STATUS and v.status in STATUS_COLOURS:
                return ink(STATUS_COLOURS[v.status])
            if column == OppColumn.QUARTER and self._overdue(row):
                return ink(WARN)
        if role == Role.ToolTipRole:
            if column == OppColumn.QUARTER and self._overdue(row):
                return "Overdue: still open after its target quarter"
            if column == OppColumn.TITLE and v.notes:
                return v.notes
            if column == OppColumn.LINKED and row.linked:
                return row.linked.replace(" · ", "\n")
        return None

    def _overdue(self, row: OpportunityRow) -> bool:
        v = row.values
        return bool(
            v.status == OpportunityStatus.OPEN
            and v.target_quarter
            and self.current_quarter
            and v.target_quarter < self.current_quarter
        )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Role.DisplayRole:
            return HEADERS[section]
        if role == Role.ToolTipRole:
            return HEADER_TIPS.get(OppColumn(section))
        return None


# --- the panel ---------------------------------------------------------------------------------


class OpportunitiesPanel(ListPanel):
    """The table with filters, totals under it, and add (Insert), edit (Enter), delete (Del)."""

    def __init__(self, ctx: AppContext) -> None:
        self.model = OpportunityModel()
        self.table = QTableView()
        wrap_headers(self.table)  # "Target quarter" over "2027 Q1"
        self.table.setModel(self.model)
        super().__init__(ctx, "Opportunities", self.table, NO_OPPORTUNITIES, "Add opportunity")
        self.model.setParent(self)
        self.data: ExpansionData | None = None
        self.add_button.setToolTip("Add an expansion opportunity (Insert)")
        self.delete_button.setToolTip(
            "Delete the selected opportunity (Del); Ctrl+Z undoes it. Deleting a won "
            "opportunity keeps the ARR it brought."
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(OppColumn.QUARTER, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Figures, quarters and statuses as wide as they are; the title keeps a readable
        # width and the links take the room left, in full in their tooltip: on a laptop
        # the links are what is cut short.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OppColumn.TITLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(OppColumn.LINKED, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(OppColumn.TITLE, 230)
        header.setStretchLastSection(True)
        self.dimension_filter = ChoiceBox()
        self.dimension_filter.set_items(
            [("All dimensions", None)] + [(d.label, d) for d in Dimension]
        )
        self.dimension_filter.setToolTip("Show one dimension's opportunities")
        self.status_filter = ChoiceBox()
        self.status_filter.set_items(
            [("All statuses", None)] + [(s.label, s) for s in OpportunityStatus]
        )
        self.status_filter.setToolTip("Show open, won or lost opportunities")
        for box in (self.dimension_filter, self.status_filter):
            box.currentIndexChanged.connect(self._filter)
        self.totals = QLabel()
        self.totals.setObjectName("muted")
        self.totals.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show"))
        filters.addWidget(self.dimension_filter)
        filters.addWidget(self.status_filter)
        filters.addStretch(1)
        layout = self.layout()
        layout.insertLayout(1, filters)
        layout.insertWidget(3, self.totals)

    def show_data(self, data: ExpansionData) -> None:
        self.data = data
        self.set_rows(
            data.account_id,
            data.account_name,
            lambda: self.model.set_rows(list(data.opportunities), data),
        )
        self._show_totals()

    def _filter(self, *_args: object) -> None:
        self.model.set_filter(self.dimension_filter.value(), self.status_filter.value())
        filtered = bool(self.data and self.data.opportunities)
        self.stack.message.setText(NONE_MATCH if filtered else NO_OPPORTUNITIES)
        self.stack.set_empty(self.model.rowCount() == 0)
        self._show_totals()
        self.update_buttons()

    def _show_totals(self) -> None:
        rows = self.model.rows()
        currency = self.data.currency if self.data else "USD"
        open_rows = [r for r in rows if r.values.status == OpportunityStatus.OPEN]
        won = sum(r.values.acv_uplift for r in rows if r.values.status == OpportunityStatus.WON)
        uplift = sum(r.values.acv_uplift for r in open_rows)
        expected = sum(r.weighted for r in open_rows)
        self.totals.setText(
            f"Shown: {len(open_rows)} open with {fmt.money(uplift, currency)} ACV uplift, "
            f"{fmt.money(expected, currency)} expected (confidence-weighted); "
            f"won {fmt.money(won, currency)}."
        )

    def _ask(self, title: str, initial: OpportunityValues, validate) -> OpportunityValues | None:
        assert self.data is not None
        return OpportunityDialog.ask(
            self,
            title=title,
            initial=initial,
            data=self.data,
            validate=lambda v: dry_run(self._ctx, lambda s: validate(s, v)),
        )

    def add(self, initial: OpportunityValues | None = None) -> None:
        """Add an opportunity, starting from ``initial`` (e.g. a whitespace cell's links)."""
        if self.account is None or self.data is None:
            return
        account_id, account_name = self.account
        today = self._ctx.today()
        initial = initial or OpportunityValues(
            dimension=self.dimension_filter.value() or Dimension.USE_CASES,
            title="",
            target_quarter=self.data.projection.quarters[1],
        )
        values = self._ask(
            "Add opportunity",
            initial,
            lambda s, v: add_opportunity(s, account_id, v, today),
        )
        if values is None:
            return
        edit = AddOpportunity(
            f"Add opportunity '{values.title}' to {account_name}", account_id, values, today
        )
        if self.perform_edit(edit):
            self.select(edit.row_id)

    def add_in_cell(self, division_id: int, by: str, column_id: int) -> None:
        """An opportunity for one whitespace cell: the division and the product (a
        functionality opportunity) or the geography (a geographies one)."""
        if self.data is None:
            return
        product = by == "product"
        self.add(
            OpportunityValues(
                dimension=Dimension.FUNCTIONALITY if product else Dimension.GEOGRAPHIES,
                title="",
                target_quarter=self.data.projection.quarters[1],
                division_id=division_id,
                product_id=column_id if product else None,
                geography_id=None if product else column_id,
            )
        )

    def edit(self) -> None:
        row = self.selected()
        if row is None or self.account is None:
            return
        account_id, account_name = self.account
        today = self._ctx.today()
        values = self._ask(
            f"Edit '{row.values.title}'",
            row.values,
            lambda s, v: update_opportunity(s, row.id, v, today),
        )
        if values is None or values == row.values:
            return
        winning = values.status == OpportunityStatus.WON and row.values.status != values.status
        verb = "Win" if winning else "Edit"
        text = f"{verb} opportunity '{values.title}' on {account_name}"
        self.perform_edit(EditOpportunity(text, account_id, row.id, values, today))

    def delete(self) -> None:
        row = self.selected()
        if row is None or self.account is None:
            return
        account_id, account_name = self.account
        text = f"Delete opportunity '{row.values.title}' from {account_name}"
        self.perform_edit(delete_opportunity(text, account_id, row.id))

    def perform_edit(self, edit: Edit) -> bool:
        """Apply an edit; a rejection (rare once a dialog validated the values) shows under
        the list rather than in a modal box."""
        try:
            perform(self._ctx, edit)
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return False
        self.error.clear_message()
        return True
