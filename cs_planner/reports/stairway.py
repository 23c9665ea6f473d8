"""The account plan's "Stairway" sheet: the roadmap's use cases grouped by step with a
subtotal per step, the CSA metrics and template progress above it, and the stairway as a
picture below it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.quarters import quarter_label
from cs_planner.domain.stairway.queries import library, load_stairway
from cs_planner.domain.stairway.rows import (
    DONE,
    STEPS,
    Progress,
    RoadmapMetrics,
    StairwayData,
    TemplateProgress,
    UseCaseRow,
)
from cs_planner.domain.stairway.rules import is_overdue, roadmap_metrics
from cs_planner.palette import USE_CASE_STATUS
from cs_planner.reports.excel import FONT_NAME, Column, Entry, Kind, write_cell
from cs_planner.reports.figures import render_png
from cs_planner.reports.layout import table, write_entries, write_heading
from cs_planner.reports.record_ids import write_ids
from cs_planner.reports.workbooks import add_picture

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from cs_planner.reports.account_plan import PlanContext

COLUMNS = (
    Column("Step"),
    Column("Order", Kind.INT, centre=True),
    Column("Use case"),
    Column("Problem solved", width=48, wrap=True),
    Column("Status"),
    Column("Division"),
    Column("Geography"),
    Column("Target quarter"),
    Column("Users targeted", Kind.INT),
    Column("Users reached", Kind.INT),
    Column("Value", Kind.MONEY),
    Column("Champion"),
    Column("CSA"),
)
SUBTOTAL_FILL = "F2F2F2"


@dataclass(frozen=True)
class StairwaySheet:
    data: StairwayData
    metrics: RoadmapMetrics
    progress: TemplateProgress | None


def read(session: Session, context: PlanContext) -> StairwaySheet:
    data = load_stairway(session, context.account_id, library(session))
    return StairwaySheet(data, roadmap_metrics(data.rows), data.progress)


def write(ws: Worksheet, sheet: StairwaySheet, context: PlanContext) -> None:
    data, fy = sheet.data, context.settings.fiscal_year_start_month
    write_cell(ws, 1, 1, f"Stairway - {data.account_name}", bold=True, size=14)
    row = write_entries(ws, 3, _entries(sheet), currency=context.currency)
    write_heading(ws, row + 1, 1, "Use cases by step")
    top = row + 2
    rows, subtotal_rows = _table_rows(data.rows, fy, context)
    bottom = table(
        ws, top, COLUMNS, rows, currency=context.currency, autofilter=False, freeze=False
    )
    # A use case's row carries its id; a subtotal row none (it is no record).
    ids: list[int | None] = [None] * len(rows)
    for offset, use_case in zip(
        _record_offsets(subtotal_rows, len(rows)), _in_table_order(data.rows), strict=True
    ):
        ids[offset] = use_case.id
    write_ids(ws, top, len(COLUMNS) + 1, ids)
    previous = 0
    for offset in subtotal_rows:
        for col in range(1, len(COLUMNS) + 1):
            cell = ws.cell(top + offset, col)
            cell.font = Font(name=FONT_NAME, bold=True)
            cell.fill = PatternFill("solid", fgColor=SUBTOTAL_FILL)
        if offset > previous + 1:  # a step's rows fold under its subtotal in Excel
            ws.row_dimensions.group(top + previous + 1, top + offset - 1, outline_level=1)
        previous = offset
    if data.rows:
        png = render_png(
            lambda f: draw_stairway(f, data.rows, data.account_name),
            height=5.5,
            shows=(data.rows, data.account_name),
        )
        add_picture(ws, png, f"A{bottom + 2}", width=900)


def _entries(sheet: StairwaySheet) -> list[Entry]:
    m, data = sheet.metrics, sheet.data
    entries = [
        Entry("Adopted use cases", f"{m.adopted} of {m.use_cases} ({m.live} live, not adopted)"),
        Entry("Business users per adopted use case", m.users_per_use_case, Kind.INT),
        Entry("Value realised (a year)", m.value_realized, Kind.MONEY),
    ]
    if data.template is None or sheet.progress is None:
        entries.append(Entry("Stairway template", "None matches the account's persona"))
        return entries
    p = sheet.progress
    how = "" if data.template_chosen else " (suggested from the persona)"
    entries += [
        Entry("Stairway template", data.template.name + how),
        Entry(
            "Progress against the template",
            f"{p.count(Progress.DONE)} done, {p.count(Progress.IN_PROGRESS)} in progress, "
            f"{p.count(Progress.NOT_STARTED)} not started",
        ),
        Entry(
            "Next recommended use case",
            f"{p.next_item.case.title} ({p.next_item.case.step.label})" if p.next_item else "",
        ),
    ]
    return entries


def _table_rows(
    rows: list[UseCaseRow], fy: int, context: PlanContext
) -> tuple[list[tuple[Any, ...]], list[int]]:
    """The use cases step by step, each step closed by its subtotal row, then the total of
    all steps; the offsets (from the header row) of the subtotal and total rows."""
    out: list[tuple[Any, ...]] = []
    subtotals: list[int] = []
    for step in STEPS:
        own = [r for r in rows if r.step == step]
        for order, r in enumerate(own, start=1):
            quarter = quarter_label(r.target_quarter, fy) if r.target_quarter else ""
            if is_overdue(r.target_quarter, r.status, context.today):
                quarter += " (overdue)"
            out.append(
                (
                    step,
                    order,
                    r.title,
                    r.problem,
                    r.status,
                    r.division,
                    r.geography,
                    quarter,
                    r.users_targeted,
                    r.users_reached,
                    r.annual_value,
                    r.champion,
                    r.csa,
                )
            )
        sums = _sums(own)
        adopted = sum(1 for r in own if r.status == DONE)
        label = f"{len(own)} use case{'s' if len(own) != 1 else ''}, {adopted} adopted"
        out.append((f"{step.label} subtotal", None, label, "", "", "", "", "", *sums, "", ""))
        subtotals.append(len(out))
    totals = _sums(rows)
    adopted = sum(1 for r in rows if r.status == DONE)
    label = f"{len(rows)} use case{'s' if len(rows) != 1 else ''}, {adopted} adopted"
    out.append(("All steps", None, label, "", "", "", "", "", *totals, "", ""))
    subtotals.append(len(out))
    return out, subtotals


def _in_table_order(rows: list[UseCaseRow]) -> list[UseCaseRow]:
    return [r for step in STEPS for r in rows if r.step == step]


def _record_offsets(subtotal_rows: list[int], count: int) -> list[int]:
    """The 0-based indexes of ``_table_rows``' use-case rows (not its subtotals)."""
    subtotals = {offset - 1 for offset in subtotal_rows}
    return [n for n in range(count) if n not in subtotals]


def _sums(rows: list[UseCaseRow]) -> list[float]:
    """Users targeted, users reached and value, added up. Written as numbers rather than
    formulas: openpyxl stores no computed results, so previews and other readers would
    show formulas as empty cells."""
    return [
        sum(r.users_targeted for r in rows),
        sum(r.users_reached for r in rows),
        sum(r.annual_value for r in rows),
    ]


# --- the picture ------------------------------------------------------------------------


def draw_stairway(figure: Figure, rows: list[UseCaseRow], name: str) -> None:
    """Four rising steps; on each, its use cases numbered in order from the tread up, with a
    square in the colour of their status."""
    from matplotlib.patches import Patch, Rectangle

    ax = figure.add_axes((0.02, 0.1, 0.96, 0.82))
    ax.set_axis_off()
    line = 0.36
    most = max([sum(1 for r in rows if r.step == s) for s in STEPS] + [1])
    for n, step in enumerate(STEPS):
        height = 1 + n
        ax.add_patch(Rectangle((n, 0), 1, height, facecolor="#cfd8dc", edgecolor="white", lw=2))
        ax.text(n + 0.04, height - 0.32, f"{n + 1}. {step.label}", fontsize=10, weight="bold")
        own = [r for r in rows if r.step == step]
        adopted = sum(1 for r in own if r.status == DONE)
        ax.text(n + 0.04, height - 0.62, f"{len(own)} use cases, {adopted} adopted", fontsize=8)
        for k, r in enumerate(own):
            y = height + 0.18 + k * line
            ax.add_patch(Rectangle((n + 0.04, y), 0.07, 0.22, facecolor=USE_CASE_STATUS[r.status]))
            title = f"{k + 1}. " + (r.title if len(r.title) <= 32 else r.title[:31] + "…")
            ax.text(n + 0.14, y + 0.11, title, fontsize=7.5, va="center")
    ax.set_xlim(0, len(STEPS))
    ax.set_ylim(0, len(STEPS) + 0.4 + most * line)
    ax.set_title(f"Stairway - {name}", fontsize=12, loc="left")
    legend = [Patch(facecolor=c, label=s.label) for s, c in USE_CASE_STATUS.items()]
    figure.legend(handles=legend, loc="lower center", ncol=len(legend), fontsize=8, frameon=False)
