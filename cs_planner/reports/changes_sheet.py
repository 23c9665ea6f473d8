"""The account plan's "Changes" sheet: what changed since a snapshot (the latest by default,
``--since NAME`` on the command line), each change in words with its area and the date it
was first seen. Written only when the account has a snapshot; the customer copy lists the
shared changes only (no stance, buying roles or influence)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.plan_context import PlanContext
from cs_planner.domain.workshop.history import changes_since, find_snapshot
from cs_planner.reports.excel import Column, Kind
from cs_planner.reports.layout import table
from cs_planner.reports.plan.cells import heading

TITLE = "Changes"  # the tab: a snapshot's name would not fit Excel's 31 characters
COLUMNS = (
    Column("Area", width=14),
    Column("What changed", width=80, wrap=True),
    Column("Date", Kind.DATE, width=12),
)


@dataclass(frozen=True)
class ChangesData:
    snapshot: str
    taken_on: dt.date
    rows: list[tuple[str, str, dt.date]]  # area, the sentence, first seen on


def read_changes(
    session: Session, context: PlanContext, since: str | None, customer: bool
) -> ChangesData | None:
    """None when the account has no snapshot (no sheet); a ValidationError for a name
    the account has no snapshot of."""
    found = find_snapshot(session, context.account_id, since)
    if found is None:
        return None
    dated = changes_since(session, context.account_id, found, context.today)
    rows = [
        (d.change.area.value, d.change.text, d.seen_on)
        for d in dated
        if not (customer and d.change.private)
    ]
    return ChangesData(found.name, found.taken_at.date(), rows)


def unread(_session: Session, _context: PlanContext) -> ChangesData:
    """The sheet is read with its snapshot (``read_changes``), never as the others are."""
    raise TypeError("read the Changes sheet with read_changes(..., since, customer)")


def write_changes(ws: Worksheet, data: ChangesData, context: PlanContext) -> None:
    count = len(data.rows)
    line = (
        f"{count} change{'s' if count != 1 else ''} since the snapshot {data.snapshot} of "
        f"{data.taken_on.isoformat()}, each dated by the first snapshot that shows it "
        "(today's date: since the latest)."
        if count
        else f"Nothing changed since the snapshot {data.snapshot} of {data.taken_on.isoformat()}."
    )
    top = heading(ws, f"Changes since {data.snapshot}", context, line)
    table(ws, top, COLUMNS, data.rows)
