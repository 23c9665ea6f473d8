"""The account plan's "Value" sheet (issue 14): where the account stands on the portfolio's
maturity model, its metrics against plan, and its health score with the reasons behind it
and a year of history.

The score is live, as in the app: each share is the indicator's weight over the weight of
the indicators with data, its points the share times the sub-score, the score their sum;
the value metrics' sub-score averages the metrics' attainments, themselves formulas over
the baselines, targets and measurements. A manager who changes a weight, a threshold or a
measurement in Excel sees the score, its colours and today's point of the chart move."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.model import Account, MaturityChange, MaturityLevel
from cs_planner.domain.money import money_text
from cs_planner.domain.plan_context import PlanContext
from cs_planner.domain.value.facts import MetricSeries
from cs_planner.domain.value.health import AccountHealth, account_health
from cs_planner.domain.value.messages import MessageRow, load_messages
from cs_planner.domain.value.metrics import load_metrics
from cs_planner.domain.value.reads import read_facts
from cs_planner.reports.excel import WRAP_TOP, Align, Column, Entry, Formula, Kind, write_cell
from cs_planner.reports.layout import fit_row_heights, table, write_entries, write_heading
from cs_planner.reports.value.cells import (
    LAST_COL,
    band_formula,
    header_row,
    merged_text,
    score_colours,
    set_widths,
)
from cs_planner.reports.value.health import write_health, write_history
from cs_planner.reports.value.metrics import plan_metrics, write_summary, write_timeline

TOP = Align(vertical="top")  # a level's cells line up with its wrapped behaviours
CHANGE_COLUMNS = (Column("From", Kind.DATE), Column("Level"), Column("Name"))


@dataclass(frozen=True)
class Level:
    level: int
    name: str
    behaviours: str
    marks: str


@dataclass(frozen=True)
class ValueData:
    levels: tuple[Level, ...]
    current: int | None
    target: int | None
    target_date: dt.date | None
    changes: tuple[tuple[dt.date, int], ...]  # the level from each date on, oldest first
    metrics: tuple[MetricSeries, ...]
    health: AccountHealth
    messages: tuple[MessageRow, ...]


def read(session: Session, context: PlanContext) -> ValueData:
    aid = context.account_id
    a = Account
    current, target, target_date = session.execute(
        select(a.maturity_current, a.maturity_target, a.maturity_target_date).where(a.id == aid)
    ).one()
    m = MaturityLevel
    levels = session.execute(select(m.level, m.name, m.behaviours, m.marks).order_by(m.level)).all()
    c = MaturityChange
    changes = session.execute(
        select(c.changed_on, c.level).where(c.account_id == aid).order_by(c.changed_on)
    ).all()
    facts = read_facts(session, context.today, [aid])[aid]
    return ValueData(
        levels=tuple(Level(*row) for row in levels),
        current=current,
        target=target,
        target_date=target_date,
        changes=tuple((on, level) for on, level in changes),
        metrics=facts.metrics,
        health=account_health(session, aid, context.today, facts),
        messages=load_messages(
            session,
            aid,
            context.account_name,
            load_metrics(session, aid),
            partial(money_text, currency=context.settings.currency),
        ),
    )


def write(ws: Worksheet, data: ValueData, context: PlanContext) -> None:
    set_widths(ws)
    write_cell(ws, 1, 1, f"Value and health - {context.account_name}", bold=True, size=14)
    write_cell(ws, 2, 1, f"As of {context.today:%Y-%m-%d}", italic=True)
    fy = context.settings.fiscal_year_start_month
    # The key figures (rows 4-8) refer to cells further down: the blocks are written first.
    row = _write_maturity(ws, 10, data)
    metrics = plan_metrics(row, data.metrics)
    row, score = write_health(ws, metrics.end, data.health, metrics)
    row = write_history(ws, row, data.health, score)
    row = _write_messages(ws, row, data.messages)
    # The long list of targets and measurements last, the summary that reads it above.
    _, found = write_timeline(ws, row, metrics, data.metrics, context.today, fy)
    write_summary(ws, metrics, data.metrics, found, context.today, fy)
    write_heading(ws, 3, 1, "Key figures")
    write_entries(
        ws,
        4,
        [
            Entry("Health score", Formula(score), Kind.NUMBER),
            Entry("Band", Formula(band_formula(score))),
            Entry("Maturity level", _level_text(data, data.current)),
            Entry("Target level", _target_text(data)),
            Entry("Metrics on plan", metrics.on_plan_text() if metrics.any else "none tracked"),
        ],
    )
    score_colours(ws, "B4", "B4")
    # The blocks widen the grid for their formulas (guessed long); back to the grid, so it
    # prints one page wide without narrowing A (``make_print_ready`` wraps what needs it).
    set_widths(ws)


def _write_messages(ws: Worksheet, top: int, messages: tuple[MessageRow, ...]) -> int:
    """The value statement for each audience, as edited on the Value tab (or its draft)."""
    write_heading(ws, top, 1, "Value messages")
    header_row(ws, top + 1, [(1, 2, "Audience"), (3, LAST_COL, "Message")])
    row = top + 2
    for m in messages:
        said = m.audience.label + ("" if m.saved is not None else " (draft)")
        write_cell(ws, row, 1, said, bold=True, align=TOP)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        merged_text(ws, row, 3, LAST_COL, m.text)
        row += 1
    return row + 1


def _name(data: ValueData, level: int | None) -> str:
    return next((lv.name for lv in data.levels if lv.level == level), "")


def _level_text(data: ValueData, level: int | None) -> str:
    if level is None:
        return "not set"
    name = _name(data, level)
    of = f" of {len(data.levels)}" if data.levels else ""
    return f"{level}{of}: {name}" if name else f"{level}{of}"


def _target_text(data: ValueData) -> str:
    text = _level_text(data, data.target)
    if data.target is not None and data.target_date is not None:
        text += f", by {data.target_date:%Y-%m-%d}"
    return text


def _marks(data: ValueData, level: int) -> str:
    """Where the account is on ``level``: day one, now, the target."""
    said = []
    if data.changes and data.changes[0][1] == level:
        said.append(f"Day one ({data.changes[0][0]:%Y-%m-%d})")
    if data.current == level:
        said.append("Current")
    if data.target == level and data.target != data.current:
        by = f" (by {data.target_date:%Y-%m-%d})" if data.target_date else ""
        said.append(f"Target{by}")
    return "; ".join(said)


def _write_maturity(ws: Worksheet, top: int, data: ValueData) -> int:
    """The levels with the account's marked, then the history of its level changes."""
    write_heading(ws, top, 1, "Maturity position")
    if not data.levels:
        text = "This portfolio has no maturity model yet: define its levels on the Value tab."
        write_cell(ws, top + 1, 1, text, italic=True)
        row = top + 3
    else:
        head = top + 1
        header_row(ws, head, [(1, 1, "Level"), (2, 2, "Name"), (3, 3, "This account"),
                              (4, 8, "Behaviours"), (9, LAST_COL, "Marked by")])  # fmt: skip
        for r, lv in enumerate(data.levels, start=head + 1):
            here = _marks(data, lv.level)
            write_cell(ws, r, 1, f"Level {lv.level}", bold=bool(here), align=TOP)
            merged_text(ws, r, 4, 8, lv.behaviours)
            merged_text(ws, r, 9, LAST_COL, lv.marks)
            # A long name or mark wraps in its column rather than hide behind the next.
            cells = [
                write_cell(ws, r, 2, lv.name, bold=bool(here), align=WRAP_TOP),
                write_cell(ws, r, 3, here, bold=True, align=WRAP_TOP),
            ]
            fit_row_heights(ws, cells)
        row = head + len(data.levels) + 2
    write_heading(ws, row, 1, "Level changes", size=11)
    if not data.changes:
        write_cell(ws, row + 1, 1, "No level changes recorded.", italic=True)
        return row + 3
    rows = [(on, f"Level {level}", _name(data, level)) for on, level in data.changes]
    return table(ws, row + 1, CHANGE_COLUMNS, rows, freeze=False, autofilter=False) + 1
