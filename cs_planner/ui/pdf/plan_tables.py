"""The plan's tables on paper: the customer's objectives, the action plan (overdue in red)
and the risk register (likelihood x impact, the higher the redder)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from cs_planner import palette
from cs_planner.domain.enums import ObjectiveStatus, Priority
from cs_planner.domain.plan.actions import ActionRow, is_open, is_overdue
from cs_planner.domain.plan.objectives import ObjectiveRow
from cs_planner.domain.plan.risks import RiskRow
from cs_planner.domain.workshop.privacy import private_columns
from cs_planner.reports.plan.cells import AMBER_FROM, RED_FROM
from cs_planner.ui.common import format as fmt
from cs_planner.ui.pdf.data import PlanData
from cs_planner.ui.pdf.document import INK, Measure, Page, flow
from cs_planner.ui.pdf.tables import Cell, Column, table_blocks

OBJECTIVE_COLUMNS = (
    Column("Objective", 3.0),
    Column("How it is measured", 3.0),
    Column("Target date", 1.1, right=True),
    Column("Status", 1.1),
)
ACTION_COLUMNS = (
    Column("Action", 3.1),
    Column("Priority", 0.9),
    Column("Owner", 1.5),
    Column("Due", 1.4, right=True),  # room for an overdue date in bold
    Column("Status", 1.1),
    Column("What it serves", 2.6),
)
RISK_COLUMNS = (
    Column("Risk", 3.0),
    Column("Category", 1.1),
    Column("Likelihood", 1.1, right=True),
    Column("Impact", 0.8, right=True),
    Column("L x I", 0.6, right=True),
    Column("Owner", 1.3),
    Column("Mitigation", 3.0),
    Column("Status", 0.9),
    Column("Review", 1.2, right=True),
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
    if data.customer and private_columns("risk"):
        return pages
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
        Cell(objective.measured_by or "—"),
        Cell(fmt.date(objective.target_date) if objective.target_date else "—"),
        Cell(objective.status.label, colour),
    ]


def action_cells(action: ActionRow, today: dt.date) -> list[Cell]:
    overdue = is_overdue(action, today)
    red = QColor(palette.BAD)
    high = action.priority == Priority.HIGH and is_open(action)
    due = action.due_date
    return [
        Cell(action.title),
        Cell(action.priority.label, bold=high),
        Cell(action.owner_name or "—"),
        Cell(fmt.date(due) if due else "—", red if overdue else INK, bold=overdue),
        Cell(action.status.label + (" (overdue)" if overdue else ""), red if overdue else INK),
        Cell(action.serves_text or "—"),
    ]


def risk_cells(risk: RiskRow) -> list[Cell]:
    colour = exposure_colour(risk.exposure)
    values = risk.values
    return [
        Cell(values.description),
        Cell(values.category.label),
        Cell(str(values.likelihood)),
        Cell(str(values.impact)),
        Cell(str(risk.exposure), colour, bold=risk.exposure >= AMBER_FROM),
        Cell(risk.owner or "—"),
        Cell(values.mitigation or "—"),
        Cell(values.status.label),
        Cell(fmt.date(values.review_date) if values.review_date else "—"),
    ]
