"""The plan's own rows for the PDF: the customer's objectives, the action plan and the risk
register, one query each with the names they point at (the Plan tab's domain queries are
still to come; these read the same tables)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cs_planner.domain.enums import (
    ActionStatus,
    ObjectiveStatus,
    PaperSize,
    Priority,
    RiskCategory,
    RiskLevel,
    RiskStatus,
)
from cs_planner.domain.model import (
    AccountMetric,
    ActionItem,
    MetricDefinition,
    Objective,
    Opportunity,
    Risk,
    Settings,
    Stakeholder,
    TeamMember,
)
from cs_planner.domain.model import UseCase as UseCaseModel
from cs_planner.ui.common.text_fit import clip


@dataclass(frozen=True)
class ObjectiveRow:
    title: str
    measure: str  # the value metric, the use case or the words that measure it
    target: dt.date | None
    status: ObjectiveStatus


@dataclass(frozen=True)
class ActionRow:
    title: str
    owner: str  # our person, or someone at the customer ("(customer)"); "" when nobody
    due: dt.date | None
    status: ActionStatus
    priority: Priority
    serves: str  # the objective, risk, use case, opportunity or person it is for, a line each
    notes: str

    @property
    def open(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

    def overdue(self, today: dt.date) -> bool:
        return self.open and self.due is not None and self.due < today


@dataclass(frozen=True)
class RiskRow:
    description: str
    category: RiskCategory
    likelihood: int
    impact: int
    mitigation: str
    owner: str
    status: RiskStatus
    review: dt.date | None

    @property
    def exposure(self) -> int:
        """Likelihood times impact: the place on the heat grid (1-25)."""
        return self.likelihood * self.impact

    @property
    def level(self) -> RiskLevel:
        return RiskLevel.of_impact(self.impact)


def read_paper(session: Session) -> str:
    """The portfolio's paper for the PDF ("a4" or "letter")."""
    paper = session.scalar(select(Settings.paper_size).limit(1))
    return (paper or PaperSize.A4).value


_OBJECTIVE_ORDER = {s: n for n, s in enumerate(ObjectiveStatus)}


def list_objectives(session: Session, account_id: int) -> list[ObjectiveRow]:
    query = (
        select(
            Objective.title,
            Objective.measure,
            MetricDefinition.name,
            UseCaseModel.title,
            Objective.target_date,
            Objective.status,
        )
        .outerjoin(AccountMetric, AccountMetric.id == Objective.metric_id)
        .outerjoin(MetricDefinition, MetricDefinition.id == AccountMetric.metric_id)
        .outerjoin(UseCaseModel, UseCaseModel.id == Objective.use_case_id)
        .where(Objective.account_id == account_id)
        .order_by(Objective.position, Objective.id)
    )
    rows = []
    for title, measure, metric, use_case, target, status in session.execute(query):
        how = [f"Metric: {metric}" if metric else "", f"Use case: {use_case}" if use_case else ""]
        text = "\n".join(t for t in (*how, measure or "") if t)
        rows.append(ObjectiveRow(title, text, target, status))
    return rows


SERVES = ("Objective", "Risk", "Use case", "Opportunity", "With")
SERVES_MAX = 80  # a risk's description can be long: its start says which it is

# Open work first, high priority first, then by due date (none last), then as entered.
_ACTION_ORDER = {
    ActionStatus.IN_PROGRESS: 0,
    ActionStatus.OPEN: 0,
    ActionStatus.DONE: 1,
    ActionStatus.CANCELLED: 2,
}
_PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


def list_actions(session: Session, account_id: int) -> list[ActionRow]:
    """The account's action items with the names they point at, in one query."""
    owner, customer, person = aliased(TeamMember), aliased(Stakeholder), aliased(Stakeholder)
    query = (
        select(
            ActionItem.id,
            ActionItem.title,
            owner.name,
            customer.name,
            ActionItem.due_date,
            ActionItem.status,
            ActionItem.priority,
            Objective.title,
            Risk.description,
            UseCaseModel.title,
            Opportunity.title,
            person.name,
            ActionItem.notes,
        )
        .outerjoin(owner, owner.id == ActionItem.owner_id)
        .outerjoin(customer, customer.id == ActionItem.customer_owner_id)
        .outerjoin(Objective, Objective.id == ActionItem.objective_id)
        .outerjoin(Risk, Risk.id == ActionItem.risk_id)
        .outerjoin(UseCaseModel, UseCaseModel.id == ActionItem.use_case_id)
        .outerjoin(Opportunity, Opportunity.id == ActionItem.opportunity_id)
        .outerjoin(person, person.id == ActionItem.stakeholder_id)
        .where(ActionItem.account_id == account_id)
    )
    found = []
    for r in session.execute(query):
        aid, title, ours, theirs, due, status, priority, *serves, notes = r
        what = "\n".join(
            f"{kind}: {clip(name, SERVES_MAX)}"
            for kind, name in zip(SERVES, serves, strict=True)
            if name
        )
        who = ours or (f"{theirs} (customer)" if theirs else "")
        found.append((aid, ActionRow(title, who, due, status, priority, what, notes or "")))
    found.sort(
        key=lambda r: (
            _ACTION_ORDER.get(r[1].status, 9),
            _PRIORITY_ORDER.get(r[1].priority, 9),
            r[1].due or dt.date.max,
            r[0],
        )
    )
    return [row for _id, row in found]


_RISK_STATUS_ORDER = {RiskStatus.OPEN: 0, RiskStatus.MITIGATED: 1, RiskStatus.CLOSED: 2}


def list_risks(session: Session, account_id: int) -> list[RiskRow]:
    """The account's risks, open and most exposed first, in one query."""
    owner = aliased(TeamMember)
    query = (
        select(
            Risk.id,
            Risk.description,
            Risk.category,
            Risk.likelihood,
            Risk.impact,
            Risk.mitigation,
            owner.name,
            Risk.status,
            Risk.review_date,
        )
        .outerjoin(owner, owner.id == Risk.owner_id)
        .where(Risk.account_id == account_id)
    )
    found = [
        (r[0], RiskRow(r[1], r[2], r[3], r[4], r[5] or "", r[6] or "", r[7], r[8]))
        for r in session.execute(query)
    ]
    found.sort(
        key=lambda r: (_RISK_STATUS_ORDER.get(r[1].status, 9), -r[1].exposure, -r[1].impact, r[0])
    )
    return [row for _id, row in found]
