"""The account plan's "Renewals" sheet: each renewal a record, the change in ARR as live
formulas, and how long the account has been a customer, counted from the records."""

from __future__ import annotations

import datetime as dt

from openpyxl.formatting.rule import CellIsRule
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.enums import RenewalOutcome
from cs_planner.domain.plan.renewals import customer_life
from cs_planner.domain.plan_context import PlanContext
from cs_planner.reports.colours import band_style
from cs_planner.reports.excel import Column, Formula, Kind
from cs_planner.reports.layout import table
from cs_planner.reports.plan.cells import choose_from, heading
from cs_planner.reports.plan.reads import Renewals, read_renewals

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


def read(session: Session, context: PlanContext) -> Renewals:
    return read_renewals(session, context.account_id)


def customer_for(data: Renewals, today: dt.date) -> str:
    """The Plan tab's sentence, from the same rule (``domain.plan.renewals``)."""
    return customer_life([r.values for r in data.records], data.customer_since, today).sentence


def write(ws: Worksheet, data: Renewals, context: PlanContext) -> None:
    top = heading(ws, "Renewals", context, customer_for(data, context.today))
    rows = [
        (
            r.values.renewed_on,
            r.values.term_months,
            r.values.arr_before,
            r.values.arr_after,
            Formula(f"D{top + n}-C{top + n}"),
            Formula(f'IF(C{top + n}=0,"",E{top + n}/C{top + n})'),
            r.values.outcome.label,
        )
        for n, r in enumerate(data.records, start=1)
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
