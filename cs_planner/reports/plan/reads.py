"""What the plan's sheets show, read in the workbook's one transaction: plain values, a few
selects per sheet whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cs_planner.domain.enums import (
    ActionStatus,
    Priority,
    RenewalOutcome,
    RiskCategory,
    RiskStatus,
)
from cs_planner.domain.model import (
    Account,
    ActionItem,
    Objective,
    Opportunity,
    Renewal,
    Risk,
    Stakeholder,
    TeamMember,
    UseCase,
)

CLOSED = (ActionStatus.DONE, ActionStatus.CANCELLED)


@dataclass(frozen=True)
class ActionLine:
    title: str
    owner: str
    due: dt.date | None
    status: ActionStatus
    priority: Priority
    serves: str
    done_on: dt.date | None

    def overdue(self, today: dt.date) -> bool:
        return self.status not in CLOSED and self.due is not None and self.due < today


@dataclass(frozen=True)
class RiskLine:
    description: str
    category: RiskCategory
    likelihood: int
    impact: int
    owner: str
    mitigation: str
    status: RiskStatus
    review_date: dt.date | None

    @property
    def exposure(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True)
class RenewalLine:
    renewed_on: dt.date
    term_months: int
    arr_before: float
    arr_after: float
    outcome: RenewalOutcome


def owners(session: Session, account_id: int) -> list[str]:
    """Who may own an action: our active team, then the customer's active people."""
    ours = session.scalars(
        select(TeamMember.name).where(TeamMember.retired_on.is_(None)).order_by(TeamMember.name)
    ).all()
    theirs = session.scalars(
        select(Stakeholder.name)
        .where(Stakeholder.account_id == account_id)
        .order_by(Stakeholder.name)
    ).all()
    return [*ours, *(customer_owner(name) for name in theirs)]


def customer_owner(name: str) -> str:
    """How an owner at the customer reads beside ours."""
    return f"{name} (customer)"


def read_actions(session: Session, account_id: int) -> list[ActionLine]:
    """Open actions first by due date (none last), then the closed ones, latest first."""
    customer, person = aliased(Stakeholder), aliased(Stakeholder)
    rows = session.execute(
        select(
            ActionItem.title,
            TeamMember.name,
            customer.name,
            ActionItem.due_date,
            ActionItem.status,
            ActionItem.priority,
            Objective.title,
            Risk.description,
            UseCase.title,
            Opportunity.title,
            person.name,
            ActionItem.done_on,
        )
        .outerjoin(TeamMember, TeamMember.id == ActionItem.owner_id)
        .outerjoin(customer, customer.id == ActionItem.customer_owner_id)
        .outerjoin(Objective, Objective.id == ActionItem.objective_id)
        .outerjoin(Risk, Risk.id == ActionItem.risk_id)
        .outerjoin(UseCase, UseCase.id == ActionItem.use_case_id)
        .outerjoin(Opportunity, Opportunity.id == ActionItem.opportunity_id)
        .outerjoin(person, person.id == ActionItem.stakeholder_id)
        .where(ActionItem.account_id == account_id)
        .order_by(ActionItem.id)
    ).all()
    lines = [
        ActionLine(
            title=title,
            owner=ours or (customer_owner(theirs) if theirs else ""),
            due=due,
            status=status,
            priority=priority,
            serves=serves(objective, risk, use_case, opportunity, with_whom),
            done_on=done_on,
        )
        for (
            title,
            ours,
            theirs,
            due,
            status,
            priority,
            objective,
            risk,
            use_case,
            opportunity,
            with_whom,
            done_on,
        ) in rows
    ]
    upcoming = sorted(
        (a for a in lines if a.status not in CLOSED),
        key=lambda a: (a.due is None, a.due or dt.date.min),
    )
    closed = sorted(
        (a for a in lines if a.status in CLOSED), key=lambda a: a.due or dt.date.min, reverse=True
    )
    return upcoming + closed


def serves(
    objective: str | None,
    risk: str | None,
    use_case: str | None,
    opportunity: str | None,
    with_whom: str | None,
) -> str:
    """What an action serves, the most specific first."""
    for label, text in (
        ("Objective", objective),
        ("Risk", risk),
        ("Use case", use_case),
        ("Opportunity", opportunity),
        ("With", with_whom),
    ):
        if text:
            return f"{label}: {text}"
    return ""


def read_risks(session: Session, account_id: int) -> list[RiskLine]:
    """Open risks first, the most exposed first."""
    rows = session.execute(
        select(
            Risk.description,
            Risk.category,
            Risk.likelihood,
            Risk.impact,
            TeamMember.name,
            Risk.mitigation,
            Risk.status,
            Risk.review_date,
        )
        .outerjoin(TeamMember, TeamMember.id == Risk.owner_id)
        .where(Risk.account_id == account_id)
        .order_by(Risk.id)
    ).all()
    lines = [
        RiskLine(text, category, likelihood, impact, owner or "", mitigation, status, review)
        for text, category, likelihood, impact, owner, mitigation, status, review in rows
    ]
    return sorted(lines, key=lambda r: (r.status != RiskStatus.OPEN, -r.exposure))


def read_customer_since(session: Session, account_id: int) -> dt.date | None:
    return session.scalar(select(Account.customer_since).where(Account.id == account_id))


def read_renewals(session: Session, account_id: int) -> list[RenewalLine]:
    rows = session.execute(
        select(
            Renewal.renewed_on,
            Renewal.term_months,
            Renewal.arr_before,
            Renewal.arr_after,
            Renewal.outcome,
        )
        .where(Renewal.account_id == account_id)
        .order_by(Renewal.renewed_on)
    ).all()
    return [RenewalLine(*row) for row in rows]
