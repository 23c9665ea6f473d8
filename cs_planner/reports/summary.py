"""What the executive summary reads besides the account's card: its health, what to pursue
next in expansion, the relationship findings, and the plan's objectives, next steps and
top risks. Each part is one small read (one query per table) returning plain rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from sqlalchemy import case, select
from sqlalchemy.orm import Session, aliased

from cs_planner.domain.enums import (
    ActionStatus,
    ObjectiveStatus,
    OpportunityStatus,
    RiskStatus,
    Severity,
)
from cs_planner.domain.expansion.queries import load_expansion
from cs_planner.domain.expansion.rules import suggest
from cs_planner.domain.findings import Finding
from cs_planner.domain.model import ActionItem, Objective, Risk, Stakeholder, TeamMember
from cs_planner.domain.money import money_text
from cs_planner.domain.relationships.queries import load_map

TOP_OBJECTIVES = 3
NEXT_STEPS = 5
TOP_RISKS = 3
FINDINGS = 3  # the relationship findings shown, most severe first


@dataclass(frozen=True)
class ObjectiveLine:
    title: str
    measure: str
    target_date: dt.date | None
    status: ObjectiveStatus


@dataclass(frozen=True)
class StepLine:
    due: dt.date | None
    title: str
    owner: str
    priority: str
    status: ActionStatus


@dataclass(frozen=True)
class RiskLine:
    description: str
    category: str
    likelihood: int
    impact: int
    mitigation: str
    owner: str

    @property
    def exposure(self) -> int:
        return self.likelihood * self.impact


def objectives(session: Session, account_id: int) -> list[ObjectiveLine]:
    """The account's first objectives in the plan's order, the ones still open first."""
    o = Objective
    closed = case((o.status.in_([ObjectiveStatus.ACHIEVED, ObjectiveStatus.MISSED]), 1), else_=0)
    rows = session.execute(
        select(o.title, o.measure, o.target_date, o.status)
        .where(o.account_id == account_id)
        .order_by(closed, o.position, o.id)
        .limit(TOP_OBJECTIVES)
    ).all()
    return [ObjectiveLine(*row) for row in rows]


def next_steps(session: Session, account_id: int) -> list[StepLine]:
    """The next open actions by due date (undated ones last), with who owns each: one of
    our team or someone at the customer."""
    a = ActionItem
    customer = aliased(Stakeholder)
    rows = session.execute(
        select(a.due_date, a.title, TeamMember.name, customer.name, a.priority, a.status)
        .outerjoin(TeamMember, TeamMember.id == a.owner_id)
        .outerjoin(customer, customer.id == a.customer_owner_id)
        .where(
            a.account_id == account_id,
            a.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]),
        )
        .order_by(a.due_date.is_(None), a.due_date, a.id)
        .limit(NEXT_STEPS)
    ).all()
    return [
        StepLine(due, title, ours or (f"{theirs} (customer)" if theirs else ""), p.label, status)
        for due, title, ours, theirs, p, status in rows
    ]


def top_risks(session: Session, account_id: int) -> list[RiskLine]:
    """The open risks with the highest likelihood × impact."""
    r = Risk
    rows = session.execute(
        select(r.description, r.category, r.likelihood, r.impact, r.mitigation, TeamMember.name)
        .outerjoin(TeamMember, TeamMember.id == r.owner_id)
        .where(r.account_id == account_id, r.status == RiskStatus.OPEN)
        .order_by((r.likelihood * r.impact).desc(), r.impact.desc(), r.id)
        .limit(TOP_RISKS)
    ).all()
    return [
        RiskLine(text, category.label, likelihood, impact, mitigation or "", owner or "")
        for text, category, likelihood, impact, mitigation, owner in rows
    ]


def pursue_next(session: Session, account_id: int, today: dt.date, currency: str) -> list[str]:
    """What to pursue next in expansion: the expansion capability's suggestions, or the
    largest open opportunities when no dimension has a target to close."""
    plan = load_expansion(session, account_id, today)
    said = [s.text for s in suggest(plan.dimensions, partial(money_text, currency=currency))]
    if said:
        return said
    open_ones = sorted(
        (o for o in plan.opportunities if o.values.status == OpportunityStatus.OPEN),
        key=lambda o: -o.values.acv_uplift * o.values.confidence,
    )
    return [
        f"{o.values.title} ({o.values.dimension.label}): "
        f"{money_text(o.values.acv_uplift, currency)} ACV uplift at {o.values.confidence}%."
        for o in open_ones[:3]
    ]


def relationship_findings(session: Session, account_id: int, today: dt.date) -> list[Finding]:
    """The relationship map's findings, the most severe first."""
    rank = {s: n for n, s in enumerate(Severity)}
    found = load_map(session, account_id, today).coverage()
    return sorted(found, key=lambda f: -rank[Severity(f.severity)])[:FINDINGS]
