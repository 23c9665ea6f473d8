"""The account plan's "CSA Allocation" sheet: the account's allocations with the hours they
represent, what that time costs at the CSA's rate, and the part billed to the customer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.csa import load, queries
from cs_planner.domain.csa.rows import AllocationRow, CsaData
from cs_planner.domain.enums import Funding
from cs_planner.reports.excel import Column, Formula, Kind, write_cell
from cs_planner.reports.layout import table, write_heading

if TYPE_CHECKING:
    from cs_planner.reports.account_plan import PlanContext

BASIS = (
    "Hours: the CSA's weekly hours × share of time × weekdays in the period ÷ 5. "
    "Cost: every hour at the CSA's bill rate. Billable revenue: chargeable hours only; "
    "vendor-underwritten time is not billed."
)
COLUMNS = (
    Column("CSA"),
    Column("Use case"),
    Column("Phase"),
    Column("Funding"),
    Column("Requested by"),
    Column("Time", Kind.PERCENT),
    Column("Start", Kind.DATE),
    Column("End", Kind.DATE),
    Column("Hours", Kind.INT),
    Column("Rate", Kind.MONEY),
    Column("Cost", Kind.MONEY),
    Column("Billable revenue", Kind.MONEY),
)
SUMMED = ("Hours", "Cost", "Billable revenue")


@dataclass(frozen=True)
class SheetRow:
    allocation: AllocationRow
    hours: float
    rate: float

    @property
    def cost(self) -> float:
        return self.hours * self.rate

    @property
    def billable(self) -> float:
        return self.cost if self.allocation.funding == Funding.CHARGEABLE else 0.0

    def values(self) -> tuple[Any, ...]:
        a = self.allocation
        return (
            a.csa,
            a.use_case,
            a.phase,
            a.funding,
            a.requested_by,
            a.fraction,
            a.start,
            a.end,
            round(self.hours),
            self.rate,
            round(self.cost, 2),
            round(self.billable, 2),
        )


def allocation_rows(data: CsaData) -> list[SheetRow]:
    """Each allocation over its whole span, at its CSA's capacity and rate."""
    rows = []
    for allocation in data.allocations:
        person = data.csa(allocation.csa_id)
        if person is None:
            continue
        hours = load.span_hours(allocation, person.capacity, allocation.start, allocation.end)
        rows.append(SheetRow(allocation, hours, person.rate))
    return rows


def read(session: Session, context: PlanContext) -> list[SheetRow]:
    return allocation_rows(queries.read_csa_data(session, context.account_id))


def write(ws: Worksheet, rows: list[SheetRow], context: PlanContext) -> None:
    write_cell(ws, 1, 1, f"CSA allocation · {context.account_name}", bold=True, size=14)
    write_cell(ws, 2, 1, BASIS, italic=True)
    write_heading(ws, 4, 1, "Allocations")
    if not rows:
        write_cell(ws, 5, 1, "No CSA is allocated to this account.", italic=True)
        return
    end = table(ws, 5, COLUMNS, [r.values() for r in rows], currency=context.currency)
    write_cell(ws, end, 1, "Total", bold=True)
    headers = [c.header for c in COLUMNS]
    for name in SUMMED:
        col = headers.index(name) + 1
        letter = get_column_letter(col)
        column = COLUMNS[col - 1]
        write_cell(
            ws,
            end,
            col,
            Formula(f"SUM({letter}6:{letter}{end - 1})"),
            kind=column.kind,
            currency=context.currency,
            bold=True,
        )
