"""The account plan's "Renewals" sheet: each renewal a record, the change in ARR as live
formulas, and how long the account has been a customer, counted from the records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.formatting.rule import CellIsRule
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.enums import RenewalOutcome
from cs_planner.domain.plan.renewals import RenewalValues, customer_life
from cs_planner.domain.plan_context import PlanContext
from cs_planner.reports.colours import band_style
from cs_planner.reports.excel import Column, Formula, Kind
from cs_planner.reports.layout import table
from cs_planner.reports.plan.cells import choose_from, heading
from cs_planner.reports.plan.reads import RenewalLine, read_customer_since, read_renewals

COLUMNS = (
    Column("Renewed on", Kind.DATE, width=12),
    Column("Term (months)", Kind.INT, width=14, centre=True),
    Column("ARR before", Kind.MONEY),
    Column("ARR after", Kind.MONEY),
    Column("Change", Kind.MONEY),
    Column("Change %", Kind.PERCENT_1),
    Column("Outcome", width=12),
)
ROOM = 20
SPARE_COL = 10


@dataclass(frozen=True)
class RenewalsData:
    renewals: list[RenewalLine]
    customer_since: dt.date | None


def read(session: Session, context: PlanContext) -> RenewalsData:
    return RenewalsData(
        read_renewals(session, context.account_id),
        read_customer_since(session, context.account_id),
    )


def customer_for(data: RenewalsData, today: dt.date) -> str:
    """The Plan tab's sentence, from the same rule (``domain.plan.renewals``)."""
    records = [
        RenewalValues(r.renewed_on, r.term_months, r.arr_before, r.arr_after, r.outcome)
        for r in data.renewals
    ]
    return customer_life(records, data.customer_since, today).sentence


def write(ws: Worksheet, data: RenewalsData, context: PlanContext) -> None:
    top = heading(ws, "Renewals", context, customer_for(data, context.today))
    rows = [
        (
            r.renewed_on,
            r.term_months,
            r.arr_before,
            r.arr_after,
            Formula(f"D{top + n}-C{top + n}"),
            Formula(f'IF(C{top + n}=0,"",E{top + n}/C{top + n})'),
            r.outcome.label,
        )
        for n, r in enumerate(data.renewals, start=1)
    ]
    bottom = table(ws, top, COLUMNS, rows, currency=context.currency) - 1
    first, last = top + 1, max(bottom, top + 1)
    room = last + ROOM  # drop-downs and colours also for the rows a manager adds
    change = f"E{first}:F{room}"
    ws.conditional_formatting.add(
        change, CellIsRule(operator="lessThan", formula=["0"], **band_style(True))
    )
    ws.conditional_formatting.add(
        change, CellIsRule(operator="greaterThan", formula=["0"], **band_style(None))
    )
    choose_from(
        ws,
        f"G{first}:G{room}",
        [o.label for o in RenewalOutcome],
        spare_col=SPARE_COL,
        title="Outcome",
    )
