"""The plan's tables on paper: the customer's objectives, the action plan (overdue in red)
and the risk register (likelihood x impact, the higher the redder)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from cs_planner import palette
from cs_planner.domain.enums import ObjectiveStatus, Priority
from cs_planner.reports.plan.cells import AMBER_FROM, RED_FROM
from cs_planner.reports.plan.reads import CLOSED, ActionLine, RiskLine
from cs_planner.ui.common import format as fmt
from cs_planner.ui.pdf.data import PlanData
from cs_planner.ui.pdf.document import INK, Measure, Page, flow
from cs_planner.ui.pdf.plan_rows import ObjectiveRow
from cs_planner.ui.pdf.tables import Cell, Column, table_blocks

OBJECTIVE_COLUMNS = (
    Column("Objective", 3.0),
    Column("How it is measured", 3.0),
    Column("Target date", 1.1, right=True),
    Column("Status", 1.1),
)
ACTION_COLUMNS = (
    Column("Action", 3.4),
    Column("Priority", 0.9),
    Column("Owner", 1.5),
    Column("Due", 1.1, right=True),
    Column("Status", 1.1),
    Column("What it serves", 2.6),
)
RISK_COLUMNS = (
    Column("Risk", 3.2),
    Column("Category", 1.1),
    Column("Likelihood", 0.9, right=True),
    Column("Impact", 0.8, right=True),
    Column("L x I", 0.6, right=True),
    Column("Owner", 1.3),
    Column("Mitigation", 3.2),
    Column("Status", 0.9),
    Column("Review", 1.0, right=True),
)
OBJECTIVE_COLOUR = {
    ObjectiveStatus.AT_RISK: palette.WARN,
    ObjectiveStatus.MISSED: palette.BAD,
    ObjectiveStatus.ACHIEVED: palette.GOOD,
}


def exposure_colour(exposure: int) -> QColor:
    """Exposure (likelihood x impact, 1-25) in the bands of the workbook's heat grid."""
    red, amber = exposure >= RED_FROM, exposure >= AMBER_FROM
    return QColor(palette.BAD if red else palette.WARN if amber else INK)


def plan_table_pages(
    measure: Measure, portrait: QRectF, landscape: QRectF, data: PlanData
) -> list[Page]:
    """The objectives and then the action plan on portrait pages; the wider risk register
    on landscape ones."""
    width = portrait.width()
    blocks = table_blocks(
        measure,
        width,
        title="Objectives",
        intro="What the customer wants to achieve this year, and how it is measured.",
        columns=OBJECTIVE_COLUMNS,
        rows=[objective_cells(o) for o in data.objectives],
        empty="No objectives recorded yet.",
    )
    blocks += table_blocks(
        measure,
        width,
        title="Action plan",
        intro="Who does what by when: open work first, soonest first; overdue in red.",
        columns=ACTION_COLUMNS,
        rows=[action_cells(a, data.today) for a in data.actions],
        empty="No actions recorded yet.",
    )
    pages = flow(blocks, portrait.height(), "Objectives and actions")
    risks = table_blocks(
        measure,
        landscape.width(),
        title="Risk register",
        intro="What could go wrong and what we do about it: open risks first, the most "
        f"exposed (likelihood x impact, 1 to 25) first; {RED_FROM} or more in red, "
        f"{AMBER_FROM} or more in amber.",
        columns=RISK_COLUMNS,
        rows=[risk_cells(r) for r in data.risks],
        empty="No risks recorded yet.",
    )
    return pages + flow(risks, landscape.height(), "Risk register", landscape=True)


def objective_cells(objective: ObjectiveRow) -> list[Cell]:
    colour = QColor(OBJECTIVE_COLOUR.get(objective.status, INK))
    return [
        Cell(objective.title, bold=True),
        Cell(objective.measure or "—"),
        Cell(fmt.date(objective.target) if objective.target else "—"),
        Cell(objective.status.label, colour),
    ]


def action_cells(action: ActionLine, today: dt.date) -> list[Cell]:
    overdue = action.overdue(today)
    red = QColor(palette.BAD)
    high = action.priority == Priority.HIGH and action.status not in CLOSED
    return [
        Cell(action.title),
        Cell(action.priority.label, bold=high),
        Cell(action.owner or "—"),
        Cell(fmt.date(action.due) if action.due else "—", red if overdue else INK, bold=overdue),
        Cell(action.status.label + (" (overdue)" if overdue else ""), red if overdue else INK),
        Cell(action.serves or "—"),
    ]


def risk_cells(risk: RiskLine) -> list[Cell]:
    colour = exposure_colour(risk.exposure)
    return [
        Cell(risk.description),
        Cell(risk.category.label),
        Cell(str(risk.likelihood)),
        Cell(str(risk.impact)),
        Cell(str(risk.exposure), colour, bold=risk.exposure >= AMBER_FROM),
        Cell(risk.owner or "—"),
        Cell(risk.mitigation or "—"),
        Cell(risk.status.label),
        Cell(fmt.date(risk.review_date) if risk.review_date else "—"),
    ]
