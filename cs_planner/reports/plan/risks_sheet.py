"""The account plan's "Risks" sheet: the heat grid of open risks (each cell a COUNTIFS over
the register, so it follows any edit), and under it the register, with exposure
(likelihood x impact) as a live formula coloured by band, drop-downs for category and
status."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.formatting.rule import CellIsRule
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner import palette
from cs_planner.domain.enums import RiskCategory, RiskStatus
from cs_planner.domain.plan.risks import RiskRow
from cs_planner.domain.plan_context import PlanContext
from cs_planner.reports.colours import band_style, fill_of
from cs_planner.reports.excel import Align, Column, Formula, Kind, write_cell
from cs_planner.reports.layout import table, write_heading
from cs_planner.reports.plan.cells import (
    AMBER_FROM,
    RED_FROM,
    choose_from,
    exposure_band,
    heading,
    whole_number,
)
from cs_planner.reports.plan.reads import read_risks
from cs_planner.reports.record_ids import write_ids

# B to F are as wide as each other: the heat grid below the table uses them.
GRID = 13
COLUMNS = (
    Column("Risk", wrap=True, width=44),
    Column("Category", width=GRID),
    Column("Likelihood", Kind.INT, width=GRID, centre=True),
    Column("Impact", Kind.INT, width=GRID, centre=True),
    Column("Exposure", Kind.INT, width=GRID, centre=True),
    Column("Status", width=GRID),
    Column("Review", Kind.DATE, width=12),
    Column("Owner", width=20),
    Column("Mitigation", wrap=True, width=40),
)
SPARE_COL = 14
CENTRE = Align("center", "center")
BAND_FILLS = {
    True: palette.SHEET_RED_FILL,
    False: palette.SHEET_AMBER_FILL,
    None: palette.SHEET_GREEN_FILL,
}


@dataclass(frozen=True)
class RisksData:
    risks: list[RiskRow]


def read(session: Session, context: PlanContext) -> RisksData:
    return RisksData(read_risks(session, context.account_id))


GRID_TOP = 4  # the heat grid first, a summary above the register
TABLE_TOP = GRID_TOP + 8  # its heading, its labels, five rows of impact, a blank row


def write(ws: Worksheet, data: RisksData, context: PlanContext) -> None:
    # The register ends the sheet, so its header repeats on every page it runs onto.
    top = TABLE_TOP
    rows = [
        (
            r.values.description,
            r.values.category.label,
            r.values.likelihood,
            r.values.impact,
            Formula(f"C{top + n}*D{top + n}"),
            r.values.status.label,
            r.values.review_date,
            r.owner,
            r.values.mitigation,
        )
        for n, r in enumerate(data.risks, start=1)
    ]
    bottom = table(ws, top, COLUMNS, rows) - 1
    write_ids(ws, top, len(COLUMNS) + 1, [r.id for r in data.risks])
    first, last = top + 1, max(bottom, top + 1)
    status, opened = f"F{first}:F{last}", RiskStatus.OPEN.label
    heading(
        ws,
        "Risks",
        context,
        Formula(f'COUNTIF({status},"{opened}")&" open"'),
    )
    exposure = f"E{first}:E{last}"
    for operator, value, red in (
        ("greaterThanOrEqual", RED_FROM, True),
        ("between", (AMBER_FROM, RED_FROM - 1), False),
        ("lessThan", AMBER_FROM, None),
    ):
        formula = [str(v) for v in value] if isinstance(value, tuple) else [str(value)]
        ws.conditional_formatting.add(
            exposure, CellIsRule(operator=operator, formula=formula, **band_style(red))
        )
    choose_from(
        ws,
        f"B{first}:B{last}",
        [c.label for c in RiskCategory],
        spare_col=SPARE_COL,
        title="Category",
    )
    choose_from(ws, status, [s.label for s in RiskStatus], spare_col=SPARE_COL + 1, title="Status")
    whole_number(ws, f"C{first}:D{last}", 1, 5, "Likelihood and impact")
    _heat_grid(ws, GRID_TOP, first, last)


def _heat_grid(ws: Worksheet, top: int, first: int, last: int) -> None:
    """Open risks by likelihood (across) and impact (down, 5 at the top)."""
    write_heading(ws, top, 1, "Open risks by likelihood and impact")
    write_cell(
        ws,
        top,
        3,
        f"Exposure = likelihood x impact: {RED_FROM} and over red, {AMBER_FROM} and over amber",
        italic=True,
    )
    opened = RiskStatus.OPEN.label
    write_cell(ws, top + 1, 1, "Impact (down) by likelihood (across)", italic=True)
    for likelihood in range(1, 6):
        write_cell(ws, top + 1, 1 + likelihood, likelihood, bold=True, align=CENTRE)
    for step, impact in enumerate(range(5, 0, -1)):
        row = top + 2 + step
        write_cell(ws, row, 1, f"Impact {impact}", bold=True, align=Align("right"))
        for likelihood in range(1, 6):
            count = Formula(
                f"COUNTIFS($C${first}:$C${last},{likelihood},$D${first}:$D${last},{impact},"
                f'$F${first}:$F${last},"{opened}")'
            )
            cell = write_cell(ws, row, 1 + likelihood, count, kind=Kind.INT, align=CENTRE)
            cell.fill = fill_of(BAND_FILLS[exposure_band(likelihood * impact)])
