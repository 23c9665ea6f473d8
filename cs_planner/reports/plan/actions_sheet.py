"""The account plan's "Action Plan" sheet: who does what by when. Status, priority and
owner are drop-downs; an open action past its due date turns red the day it is late (a
formula on TODAY(), so the sheet stays right after the day it was written)."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.enums import ActionStatus, Priority
from cs_planner.domain.plan_context import PlanContext
from cs_planner.reports.colours import band_style
from cs_planner.reports.excel import Column, Formula, Kind
from cs_planner.reports.layout import table
from cs_planner.reports.plan.cells import choose_from, heading
from cs_planner.reports.plan.reads import PlanActions, read_actions
from cs_planner.reports.record_ids import write_ids

COLUMNS = (
    Column("Action", wrap=True, width=44),
    Column("Owner", width=24),
    Column("Due", Kind.DATE),
    Column("Status", width=12),
    Column("Priority", width=10),
    Column("Serves", wrap=True, width=40),
    Column("Done on", Kind.DATE),
)
ROOM = 20
SPARE_COL = 12  # the owners' list, hidden, beyond the printed table


def read(session: Session, context: PlanContext) -> PlanActions:
    return read_actions(session, context.account_id, context.today)


def write(ws: Worksheet, data: PlanActions, context: PlanContext) -> None:
    top = 4  # under the title and the live count (below, once the table's rows are known)
    rows = [
        (
            a.title,
            a.owner_name,
            a.due_date,
            a.status.label,
            a.priority.label,
            a.serves_text,
            a.values.done_on,
        )
        for a in data.rows
    ]
    bottom = table(ws, top, COLUMNS, rows) - 1
    write_ids(ws, top, len(COLUMNS) + 1, [a.id for a in data.rows])
    first, last = top + 1, max(bottom, top + 1)
    room = last + ROOM  # drop-downs and colours also for the rows a manager adds
    done, dropped = ActionStatus.DONE.label, ActionStatus.CANCELLED.label
    # The line under the title counts open and overdue actions live, like the colours.
    status, due = f"D{first}:D{room}", f"C{first}:C{room}"
    heading(
        ws,
        "Action plan",
        context,
        Formula(
            f'COUNTA({status})-COUNTIF({status},"{done}")-COUNTIF({status},"{dropped}")'
            f'&" open, "&COUNTIFS({due},"<"&TODAY(),{status},"<>{done}",{status},"<>{dropped}")'
            f'&" overdue as of "&TEXT(TODAY(),"yyyy-mm-dd")'
        ),
    )
    late = f'AND($C{first}<>"",$C{first}<TODAY(),$D{first}<>"{done}",$D{first}<>"{dropped}")'
    ws.conditional_formatting.add(
        f"A{first}:G{room}", FormulaRule(formula=[late], **band_style(True))
    )
    choose_from(
        ws, status, [s.label for s in ActionStatus], spare_col=SPARE_COL + 1, title="Status"
    )
    choose_from(
        ws,
        f"E{first}:E{room}",
        [p.label for p in Priority],
        spare_col=SPARE_COL + 2,
        title="Priority",
    )
    choose_from(ws, f"B{first}:B{room}", data.owners, spare_col=SPARE_COL, title="Owner")
