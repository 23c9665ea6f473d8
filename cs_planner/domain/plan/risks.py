"""The risk register's read models and queries: the account's risks (one query), and the
facts the proposals are judged from, each read by its capability's own query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.people import people
from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.csa.queries import read_allocations
from cs_planner.domain.csa.trapped import trapped_runs
from cs_planner.domain.enums import RiskCategory, RiskStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, Risk, RiskDismissal, TeamMember
from cs_planner.domain.plan import risk_rules
from cs_planner.domain.plan.risk_rules import OverdueCandidate, Proposal, ProposalFacts
from cs_planner.domain.relationships.queries import list_stakeholders
from cs_planner.domain.stairway.queries import list_use_cases
from cs_planner.domain.value.health import scores_by_account

GONE = "That risk no longer exists (it may have been deleted)."


@dataclass(frozen=True)
class RiskValues:
    """What a user edits on a risk."""

    description: str
    category: RiskCategory = RiskCategory.ADOPTION
    likelihood: int = 3
    impact: int = 3
    owner_id: int | None = None
    mitigation: str = ""
    status: RiskStatus = RiskStatus.OPEN
    review_date: dt.date | None = None


@dataclass(frozen=True)
class RiskRow:
    id: int
    values: RiskValues
    owner: str  # "" when nobody
    raised_on: dt.date | None
    proposal_key: str | None

    @property
    def exposure(self) -> int:
        return self.values.likelihood * self.values.impact

    @property
    def is_open(self) -> bool:
        return self.values.status == RiskStatus.OPEN

    def review_overdue(self, today: dt.date) -> bool:
        return risk_rules.review_overdue(self.values.review_date, self.is_open, today)


@dataclass(frozen=True)
class RiskData:
    account_id: int
    account: str
    csm_id: int | None
    risks: tuple[RiskRow, ...]
    proposals: tuple[Proposal, ...]
    team: tuple[Person, ...]  # owners to choose from (retired ones marked)
    today: dt.date


def list_risks(session: Session, account_id: int) -> list[RiskRow]:
    """The account's risks, the biggest exposure first (one query)."""
    r = Risk
    rows = session.execute(
        select(
            r.id,
            r.description,
            r.category,
            r.likelihood,
            r.impact,
            r.owner_id,
            r.mitigation,
            r.status,
            r.review_date,
            r.raised_on,
            r.proposal_key,
            TeamMember.name,
        )
        .outerjoin(TeamMember, TeamMember.id == r.owner_id)
        .where(r.account_id == account_id)
        .order_by((r.likelihood * r.impact).desc(), r.id)
    ).all()
    return [
        RiskRow(
            row[0],
            RiskValues(row[1], row[2], row[3], row[4], row[5], row[6] or "", row[7], row[8]),
            row[11] or "",
            row[9],
            row[10],
        )
        for row in rows
    ]


def taken_keys(session: Session, account_id: int) -> frozenset[str]:
    """Proposal keys accepted as risks or dismissed: never proposed again."""
    accepted = select(Risk.proposal_key).where(
        Risk.account_id == account_id, Risk.proposal_key.is_not(None)
    )
    dismissed = select(RiskDismissal.key).where(RiskDismissal.account_id == account_id)
    return frozenset(session.scalars(accepted.union(dismissed)))


def proposal_facts(session: Session, account_id: int, today: dt.date) -> ProposalFacts:
    """What the proposals read, each from its capability's own query."""
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    settings = get_settings(session)
    scored = scores_by_account(session, today, [account_id]).get(account_id)
    runs = trapped_runs(read_allocations(session, account_id), today)
    names = {i: n for i, n in session.execute(select(TeamMember.id, TeamMember.name))}
    return ProposalFacts(
        today=today,
        people=list_stakeholders(session, account_id),
        stale_days=settings.stale_contact_days,
        renewal_date=account.renewal_date,
        band=scored.band if scored else None,
        score=scored.score if scored else None,
        use_cases=[
            OverdueCandidate(u.id, u.title, u.target_quarter, u.status)
            for u in list_use_cases(session, account_id)
        ],
        trapped=[(names.get(run.csa_id, "?"), run) for run in runs],
        taken=taken_keys(session, account_id),
    )


def load_risks(session: Session, account_id: int, today: dt.date) -> RiskData:
    facts = proposal_facts(session, account_id, today)
    account = session.execute(
        select(Account.name, Account.csm_id).where(Account.id == account_id)
    ).one()
    return RiskData(
        account_id=account_id,
        account=account.name,
        csm_id=account.csm_id,
        risks=tuple(list_risks(session, account_id)),
        proposals=tuple(risk_rules.proposals(facts)),
        team=tuple(people(session)),
        today=today,
    )


def open_risk_count(session: Session, account_id: int) -> int:
    query = select(func.count(Risk.id)).where(
        Risk.account_id == account_id, Risk.status == RiskStatus.OPEN
    )
    return int(session.scalar(query) or 0)


# --- writes -----------------------------------------------------------------------------


def _assign(risk: Risk, values: RiskValues) -> None:
    for name in RiskValues.__dataclass_fields__:
        setattr(risk, name, getattr(values, name))


def new_risk(
    session: Session,
    account_id: int,
    values: RiskValues,
    today: dt.date,
    proposal_key: str | None = None,
) -> Risk:
    if session.get(Account, account_id) is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    if values.owner_id is not None and session.get(TeamMember, values.owner_id) is None:
        raise ValidationError("That person is no longer on the team.", "owner_id")
    risk = Risk(account_id=account_id, raised_on=today, proposal_key=proposal_key)
    _assign(risk, values)
    return risk


def update_risk(session: Session, risk_id: int, values: RiskValues) -> RiskValues:
    """Change a risk; returns its values as they were (for undo)."""
    risk = session.get(Risk, risk_id)
    if risk is None:
        raise ValidationError(GONE)
    before = RiskValues(**{name: getattr(risk, name) for name in RiskValues.__dataclass_fields__})
    _assign(risk, values)
    session.flush()
    return before
