"""The account's expansion opportunities: a sortable, filterable table with an add/edit
dialog. Adding or editing an opportunity as won moves the ARR history forward; undo puts
it back exactly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)
from sqlalchemy.orm import Session

from cs_planner.domain.enums import Dimension, OpportunityStatus
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
from cs_planner.ui.common.editors import ChoiceBox
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.common.theme import GOOD, MUTED, WARN
from cs_planner.ui.common.widgets import ListPanel
from cs_planner.ui.expansion.dialogs import OpportunityDialog
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

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


STATUS_COLOURS = {OpportunityStatus.WON: GOOD, OpportunityStatus.LOST: MUTED}
OVERDUE = "Overdue: still open after its target quarter"


def opportunity_columns(data: ExpansionData | None) -> list[Col[OpportunityRow]]:
    """The table's columns (in ``OppColumn`` order), in the account's currency and fiscal
    quarters; a quarter still open after its target is marked overdue."""
    currency = data.currency if data else "USD"
    current = add_quarters(data.projection.quarters[0], -1) if data else None
    dimensions, statuses = list(Dimension), list(OpportunityStatus)

    def quarter(row: OpportunityRow) -> str:
        q = row.values.target_quarter
        if q is None:
            return "—"
        return data.label(q) if data else q.isoformat()

    def overdue(row: OpportunityRow) -> bool:
        v = row.values
        return bool(
            v.status == OpportunityStatus.OPEN
            and v.target_quarter
            and current
            and v.target_quarter < current
        )

    def expected(row: OpportunityRow) -> str:
        if row.values.status != OpportunityStatus.OPEN:
            return "—"
        return fmt.money(row.weighted, currency)

    def status(row: OpportunityRow) -> str:
        closed = row.values.closed_on
        return row.values.status.label + (f" {closed.isoformat()}" if closed else "")

    return [
        Col("Dimension", lambda r: r.values.dimension.label,
            lambda r: dimensions.index(r.values.dimension)),
        Col("Opportunity", lambda r: r.values.title, lambda r: r.values.title.lower(),
            tip=lambda r: r.values.notes or None),
        Col("Target quarter", quarter, lambda r: r.values.target_quarter or dt.date.max,
            colour=lambda r: WARN if overdue(r) else None,
            tip=lambda r: OVERDUE if overdue(r) else None),
        Col("ACV uplift", lambda r: fmt.money(r.values.acv_uplift, currency),
            lambda r: r.values.acv_uplift, Align.RIGHT),
        Col("Confidence", lambda r: f"{r.values.confidence}%", lambda r: r.values.confidence,
            Align.RIGHT, header_tip="How likely the opportunity closes, 0 to 100%"),
        Col("Expected", expected, lambda r: r.weighted, Align.RIGHT,
            header_tip="ACV uplift × confidence, for open opportunities"),
        Col("Status", status, lambda r: statuses.index(r.values.status),
            colour=lambda r: STATUS_COLOURS.get(r.values.status)),
        Col("Linked to", lambda r: r.linked, lambda r: r.linked.lower(),
            tip=lambda r: r.linked.replace(" · ", "\n") if r.linked else None),
    ]  # fmt: skip


class OpportunityModel(RowsModel[OpportunityRow]):
    """All of an account's opportunities (``opportunity_columns``)."""


# --- the panel ---------------------------------------------------------------------------------


class OpportunitiesPanel(ListPanel):
    """The table with filters, totals under it, and add (Insert), edit (Enter), delete (Del)."""

    def __init__(self, ctx: AppContext) -> None:
        self.model = OpportunityModel(opportunity_columns(None))
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
        assert isinstance(layout, QVBoxLayout)  # ListPanel's column
        layout.insertLayout(1, filters)
        layout.insertWidget(3, self.totals)

    def show_data(self, data: ExpansionData) -> None:
        self.data = data
        self.set_rows(
            data.account_id,
            data.account_name,
            lambda: self.model.set_rows(list(data.opportunities), opportunity_columns(data)),
        )
        self._show_totals()

    def _filter(self, *_args: object) -> None:
        dimension, status = self.dimension_filter.value(), self.status_filter.value()
        self.model.set_filter(
            None
            if dimension is None and status is None
            else lambda r: (
                (dimension is None or r.values.dimension == dimension)
                and (status is None or r.values.status == status)
            )
        )
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

    def _ask(
        self,
        title: str,
        initial: OpportunityValues,
        validate: Callable[[Session, OpportunityValues], object],
    ) -> OpportunityValues | None:
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
        if self.perform(edit):
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
        self.perform(EditOpportunity(text, account_id, row.id, values, today))

    def delete(self) -> None:
        row = self.selected()
        if row is None or self.account is None:
            return
        account_id, account_name = self.account
        text = f"Delete opportunity '{row.values.title}' from {account_name}"
        self.perform(delete_opportunity(text, account_id, row.id))
