"""What the Stairway tab shows, read in one transaction, and the texts it writes from it:
the template's progress per step, the KPI lines and the next recommended use case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cs_planner.domain.accounts.people import people
from cs_planner.domain.accounts.queries import (
    get_settings,
    list_divisions,
    list_geographies,
    stakeholder_choices,
)
from cs_planner.domain.accounts.rules import tree_order
from cs_planner.domain.enums import StairStep, TeamRole
from cs_planner.domain.stairway.queries import library, load_stairway
from cs_planner.domain.stairway.rows import Progress, StairwayData, TemplateProgress
from cs_planner.ui.common.text_fit import LABEL_MAX, TEXT_MAX, rich
from cs_planner.ui.stairway.template_checklist import MARKS
from cs_planner.ui.stairway.use_case_panel import Choices


@dataclass(frozen=True)
class StairwayScreen:
    """Everything the tab shows, read in one transaction."""

    stairway: StairwayData
    choices: Choices


def load_screen(session: Session, account_id: int, today: dt.date) -> StairwayScreen:
    settings = get_settings(session)
    data = load_stairway(session, account_id, library(session))
    choices = Choices(
        divisions=[
            (d.id, "  " * depth + d.name)
            for d, depth in tree_order(list_divisions(session, account_id))
        ],
        geographies=[(g.id, g.label) for g in list_geographies(session, account_id)],
        stakeholders=stakeholder_choices(session, account_id),
        csas=[p for p in people(session) if p.role == TeamRole.CSA],
        today=today,
        fy_start=settings.fiscal_year_start_month,
        currency=settings.currency,
    )
    return StairwayScreen(data, choices)


def esc(text: str, limit: int = LABEL_MAX) -> str:
    """User text in rich text: escaped, cut and breakable (``text_fit``)."""
    return rich(text, limit)


def template_lines(progress: TemplateProgress | None) -> dict[StairStep, tuple[str, str]]:
    """Per step: "template 2/4" for its header, and which use cases, for its tooltip."""
    lines: dict[StairStep, tuple[str, str]] = {}
    if progress is None:
        return lines
    for step in StairStep:
        items = [i for i in progress.items if i.case.step == step]
        if items:
            done = sum(1 for i in items if i.state == Progress.DONE)
            which = "<br>".join(f"{MARKS[i.state][0]} {esc(i.case.title)}" for i in items)
            lines[step] = (f"template {done}/{len(items)}", f"Template:<br>{which}")
    return lines


NO_TEMPLATE_NEXT = (
    "<span style='color:gray'>Choose a template with <b>Apply template…</b> to "
    "get a recommended next use case.</span>"
)
ALL_STARTED = (
    "Every template use case is started or done: time to add the account's own "
    "ideas higher up the stairway."
)


def next_text(progress: TemplateProgress) -> str:
    """The next recommended use case, in rich text ("" when there is none)."""
    item = progress.next_item
    if item is None:
        return ""
    case = item.case
    where = "on the roadmap as an idea" if item.use_case_id else "not on the roadmap yet"
    return (
        f"<b>Next recommended:</b> {esc(case.title)} "
        f"<span style='color:gray'>({case.step.label}, {where})</span>"
        + (f" — {esc(case.problem, TEXT_MAX)}" if case.problem else "")
    )
