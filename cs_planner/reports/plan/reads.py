"""The plan as the workbook and the PDF show it, read through the domain's own reads (the
ones the Plan tab shows: ``domain.plan.actions``, ``risks``, ``renewals``, ``objectives``),
so a figure on the tab, a sheet and the PDF comes from one function. Here only the order
paper reads them in, and the short lists the summaries take; no query of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_account
from cs_planner.domain.enums import ObjectiveStatus
from cs_planner.domain.plan.actions import CUSTOMER, ActionPlan, ActionRow, is_open, load_actions
from cs_planner.domain.plan.objectives import ObjectiveRow, load_objectives
from cs_planner.domain.plan.renewals import RenewalRow, list_renewals
from cs_planner.domain.plan.risks import RiskRow, list_risks

TOP_OBJECTIVES = 3
NEXT_STEPS = 5
TOP_RISKS = 3
CLOSED_OBJECTIVES = (ObjectiveStatus.ACHIEVED, ObjectiveStatus.MISSED)


@dataclass(frozen=True)
class PlanActions:
    rows: list[ActionRow]  # open first by due date (none last), then closed, latest first
    owners: list[str]  # who may own one, as the Owner column writes them


def read_actions(session: Session, account_id: int, today: dt.date) -> PlanActions:
    plan = load_actions(session, account_id, today)
    return PlanActions(in_paper_order(plan.rows), owner_labels(plan))


def in_paper_order(rows: Sequence[ActionRow]) -> list[ActionRow]:
    """Open actions first by due date (none last), then the closed ones, latest first."""
    upcoming = sorted(
        (a for a in rows if is_open(a)),
        key=lambda a: (a.due_date is None, a.due_date or dt.date.min),
    )
    closed = sorted(
        (a for a in rows if not is_open(a)), key=lambda a: a.due_date or dt.date.min, reverse=True
    )
    return upcoming + closed


def owner_labels(plan: ActionPlan) -> list[str]:
    """The owners the Plan tab offers, each as ``ActionRow.owner_name`` writes it."""
    return [
        f"{item.label} (customer)" if _at_customer(item.value) else item.label
        for _group, items in plan.owners
        for item in items
    ]


def _at_customer(owner: object) -> bool:
    return isinstance(owner, tuple) and owner[0] == CUSTOMER


def next_steps(rows: Sequence[ActionRow]) -> list[ActionRow]:
    """The next open actions (``rows`` in paper order)."""
    return [a for a in rows if is_open(a)][:NEXT_STEPS]


def read_risks(session: Session, account_id: int) -> list[RiskRow]:
    """Open risks first, the most exposed first (the domain's order within each)."""
    return sorted(list_risks(session, account_id), key=lambda r: not r.is_open)


def top_risks(rows: Sequence[RiskRow]) -> list[RiskRow]:
    return [r for r in rows if r.is_open][:TOP_RISKS]


def read_objectives(session: Session, account_id: int) -> list[ObjectiveRow]:
    """The objectives in the plan's order."""
    return list(load_objectives(session, account_id).rows)


def top_objectives(rows: Sequence[ObjectiveRow]) -> list[ObjectiveRow]:
    """The first objectives in the plan's order, the ones still open first."""
    return sorted(rows, key=lambda o: o.status in CLOSED_OBJECTIVES)[:TOP_OBJECTIVES]


@dataclass(frozen=True)
class Renewals:
    records: list[RenewalRow]  # oldest first, as the sheet lists them
    customer_since: dt.date | None


def read_renewals(session: Session, account_id: int) -> Renewals:
    records = sorted(list_renewals(session, account_id), key=lambda r: r.values.renewed_on)
    return Renewals(records, get_account(session, account_id).customer_since)
