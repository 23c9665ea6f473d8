"""What the PDF account plan shows, read in one read transaction as plain rows (no ORM
object outlives the session): the account's card, health, map, stairway, expansion, and
its action plan and risk register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cs_planner.domain.accounts.queries import account_card, get_settings
from cs_planner.domain.accounts.rows import AccountCard, SettingsData
from cs_planner.domain.enums import ActionStatus, RiskLevel, RiskStatus
from cs_planner.domain.expansion.queries import load_expansion
from cs_planner.domain.expansion.rows import ExpansionData
from cs_planner.domain.model import ActionItem, Opportunity, Risk, Stakeholder, TeamMember
from cs_planner.domain.model import UseCase as UseCaseModel
from cs_planner.domain.relationships.queries import load_map
from cs_planner.domain.relationships.rows import MapData
from cs_planner.domain.value.health import AccountHealth, account_health
from cs_planner.ui.common import format as fmt
from cs_planner.ui.stairway.screen import StairwayScreen, load_screen


@dataclass(frozen=True)
class ActionRow:
    title: str
    owner: str  # our person, "" when nobody
    due: dt.date | None
    status: ActionStatus
    serves: str  # the stakeholder, use case or opportunity it is for, "" when none
    notes: str


@dataclass(frozen=True)
class RiskRow:
    description: str
    severity: RiskLevel
    likelihood: int
    mitigation: str
    owner: str
    status: RiskStatus


@dataclass(frozen=True)
class PlanData:
    """Everything one PDF account plan shows."""

    account_id: int
    account_name: str
    today: dt.date
    settings: SettingsData
    card: AccountCard
    health: AccountHealth
    map: MapData
    stairway: StairwayScreen
    expansion: ExpansionData
    actions: tuple[ActionRow, ...]
    risks: tuple[RiskRow, ...]

    @property
    def currency(self) -> str:
        return self.settings.currency


def read_plan(session: Session, account_id: int, today: dt.date) -> PlanData:
    """Everything the PDF shows, in the caller's (read) transaction."""
    card = account_card(session, account_id, today)
    return PlanData(
        account_id=account_id,
        account_name=card.name,
        today=today,
        settings=get_settings(session),
        card=card,
        health=account_health(session, account_id, today),
        map=load_map(session, account_id, today),
        stairway=load_screen(session, account_id, today),
        expansion=load_expansion(session, account_id, today, fmt.money),
        actions=tuple(list_actions(session, account_id)),
        risks=tuple(list_risks(session, account_id)),
    )


# Open work first, then by due date (none last), then as entered.
_ACTION_ORDER = {
    ActionStatus.IN_PROGRESS: 0,
    ActionStatus.OPEN: 1,
    ActionStatus.DONE: 2,
    ActionStatus.CANCELLED: 3,
}


def list_actions(session: Session, account_id: int) -> list[ActionRow]:
    """The account's action items with the names they point at, in one query."""
    owner = aliased(TeamMember)
    query = (
        select(
            ActionItem.id,
            ActionItem.title,
            owner.name,
            ActionItem.due_date,
            ActionItem.status,
            Stakeholder.name,
            UseCaseModel.title,
            Opportunity.title,
            ActionItem.notes,
        )
        .outerjoin(owner, owner.id == ActionItem.owner_id)
        .outerjoin(Stakeholder, Stakeholder.id == ActionItem.stakeholder_id)
        .outerjoin(UseCaseModel, UseCaseModel.id == ActionItem.use_case_id)
        .outerjoin(Opportunity, Opportunity.id == ActionItem.opportunity_id)
        .where(ActionItem.account_id == account_id)
    )
    rows = []
    for _id, title, who, due, status, person, use_case, opportunity, notes in session.execute(
        query
    ):
        serves = "; ".join(
            f"{kind} {name}"
            for kind, name in (
                ("stakeholder", person),
                ("use case", use_case),
                ("opportunity", opportunity),
            )
            if name
        )
        rows.append((_id, ActionRow(title, who or "", due, status, serves, notes or "")))
    rows.sort(key=lambda r: (_ACTION_ORDER.get(r[1].status, 9), r[1].due or dt.date.max, r[0]))
    return [row for _id, row in rows]


_SEVERITY_ORDER = {RiskLevel.CRITICAL: 0, RiskLevel.HIGH: 1, RiskLevel.MEDIUM: 2, RiskLevel.LOW: 3}
_RISK_STATUS_ORDER = {RiskStatus.OPEN: 0, RiskStatus.MITIGATED: 1, RiskStatus.CLOSED: 2}


def list_risks(session: Session, account_id: int) -> list[RiskRow]:
    """The account's risks, open and most severe first, in one query."""
    owner = aliased(TeamMember)
    query = (
        select(
            Risk.id,
            Risk.description,
            Risk.severity,
            Risk.likelihood,
            Risk.mitigation,
            owner.name,
            Risk.status,
        )
        .outerjoin(owner, owner.id == Risk.owner_id)
        .where(Risk.account_id == account_id)
    )
    rows = [
        (rid, RiskRow(text, severity, likelihood, mitigation or "", who or "", status))
        for rid, text, severity, likelihood, mitigation, who, status in session.execute(query)
    ]
    rows.sort(
        key=lambda r: (
            _RISK_STATUS_ORDER.get(r[1].status, 9),
            _SEVERITY_ORDER.get(r[1].severity, 9),
            -r[1].likelihood,
            r[0],
        )
    )
    return [row for _rid, row in rows]
