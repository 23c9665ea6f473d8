"""The portfolio roll-up's reads: every account's line in a handful of bulk selects (accounts,
allocations, stakeholder and use case figures counted by SQLite, open opportunities), then
``rules.account_line`` on each account's figures. No query per account, and no row per
stakeholder or use case built in Python beyond the few a sentence names."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import account_lines, get_settings, suggested_tiers
from cs_planner.domain.accounts.rules import marked
from cs_planner.domain.enums import Dimension, OpportunityStatus, UseCaseStatus
from cs_planner.domain.expansion.rows import OpportunityValues
from cs_planner.domain.model import Account, CsaAllocation, Opportunity, TeamMember, UseCase
from cs_planner.domain.quarters import quarter_start
from cs_planner.domain.rollup.people import figures_of, read_people_figures
from cs_planner.domain.rollup.rows import (
    AccountBase,
    Allocation,
    Rollup,
    UseCaseFigures,
    UseCaseLine,
)
from cs_planner.domain.rollup.rules import account_line, by_arr
from cs_planner.domain.rollup.stored import day, members, stored
from cs_planner.domain.stairway.rows import DONE, LIVE_OR_BETTER
from cs_planner.domain.stairway.rules import is_overdue
from cs_planner.domain.value.facts import HealthFacts
from cs_planner.domain.value.portfolio import portfolio_health
from cs_planner.domain.value.reads import read_facts

OPEN = OpportunityStatus.OPEN
# The account columns health's reads take (``read_facts``, ``portfolio_health``).
FACT_COLUMNS = attrgetter(
    "id", "name", "customer_since", "renewal_date", "churned_on", "licensed_seats", "active_users"
)
TIER_COLUMNS = attrgetter("id", "arr", "strategic", "tier_override", "churned_on")

# --- bulk reads (one select each, whole portfolio) ------------------------------------------


def _account_rows(session: Session) -> list[Any]:
    """Every account's columns the roll-up and its health read, in one select."""
    a = Account
    return list(
        session.execute(
            account_lines(
                a.licensed_seats,
                a.active_users,
                a.reference_status,
                a.customer_since,
                a.churned_on,
                a.parent_id,
            )
        ).all()
    )


def _accounts(session: Session, rows: Sequence[Any]) -> list[AccountBase]:
    churned = {r.id for r in rows if r.churned_on is not None}
    suggested = suggested_tiers(session, rows, churned)
    names = {r.id: r.name for r in rows}  # a parent is one of the accounts read
    return [
        AccountBase(
            id=r.id,
            name=r.name,
            industry=r.industry or "",
            tier=r.tier_override or suggested[r.id],
            strategic=bool(r.strategic),
            stage=r.lifecycle_stage,
            csm=marked(r.csm or "", r.csm_retired_on),
            arr=r.arr or 0.0,
            initial_deal_value=r.initial_deal_value or 0.0,
            renewal_date=r.renewal_date,
            licensed_seats=r.licensed_seats or 0,
            active_users=r.active_users or 0,
            reference_status=r.reference_status,
            parent=names.get(r.parent_id, "") if r.parent_id is not None else "",
        )
        for r in rows
    ]


def _allocations(session: Session, today: dt.date) -> dict[int, list[Allocation]]:
    out: dict[int, list[Allocation]] = defaultdict(list)
    for r in session.execute(
        select(CsaAllocation.account_id, TeamMember.name, CsaAllocation.fraction)
        .join(TeamMember, TeamMember.id == CsaAllocation.csa_id)
        .where(CsaAllocation.start_date <= today, CsaAllocation.end_date >= today)
    ).all():
        out[r.account_id].append(Allocation(r.name, r.fraction or 0.0))
    return out


def _use_cases(
    session: Session, today: dt.date, facts: Mapping[int, HealthFacts]
) -> dict[int, UseCaseFigures]:
    """Every account's use cases counted (how many, how many adopted) from its health facts,
    and the few that may be overdue read with their titles to be judged by the Stairway's
    rule (``is_overdue``)."""
    connection = session.connection()
    # A use case past its target quarter has a target before today and is not live yet.
    maybe_late = (
        select(
            UseCase.account_id,
            UseCase.title,
            stored(UseCase.status),
            stored(UseCase.target_quarter),
        )
        .where(UseCase.target_quarter < today, UseCase.status.not_in(LIVE_OR_BETTER))
        .order_by(UseCase.target_quarter, UseCase.id)
    )
    status_of = members(UseCaseStatus)
    late: dict[int, list[UseCaseLine]] = defaultdict(list)
    for account_id, title, status, quarter in connection.execute(maybe_late).all():
        use_case = UseCaseLine(title, status_of[status], day(quarter))
        if is_overdue(use_case.target_quarter, use_case.status, today):
            late[account_id].append(use_case)
    out = {}
    for account_id, f in facts.items():
        if f.use_cases:
            adopted = sum(1 for u in f.use_cases if u.status == DONE)
            out[account_id] = UseCaseFigures(
                len(f.use_cases), adopted, tuple(late.get(account_id, ()))
            )
    return out


def _opportunities(session: Session) -> dict[int, list[OpportunityValues]]:
    """Every open opportunity, by account, with what the projection reads (as
    ``expansion.queries.open_opportunities``, with the stored values turned here)."""
    out: dict[int, list[OpportunityValues]] = defaultdict(list)
    dimension_of = members(Dimension)
    for account_id, dimension, title, uplift, confidence, quarter in (
        session.connection()
        .execute(
            select(
                Opportunity.account_id,
                stored(Opportunity.dimension),
                Opportunity.title,
                Opportunity.acv_uplift,
                Opportunity.confidence,
                stored(Opportunity.target_quarter),
            ).where(Opportunity.status == OpportunityStatus.OPEN)
        )
        .all()
    ):
        out[account_id].append(
            OpportunityValues(
                dimension_of[dimension], title, uplift or 0.0, confidence, OPEN, day(quarter)
            )
        )
    return out


def read_rollup(session: Session, today: dt.date) -> Rollup:
    """The whole roll-up in a few selects, whatever the number of accounts."""
    settings = get_settings(session)
    stale, goal = settings.stale_contact_days, settings.relationships_per_month_goal
    # Each table read once for the lines and the health alike: the accounts, the map's
    # counts and the use cases (counted from the health facts).
    accounts = _account_rows(session)
    bases = _accounts(session, accounts)
    allocations = _allocations(session, today)
    people = read_people_figures(session, today, stale, goal, {b.id: b.tier for b in bases})
    facts = read_facts(
        session,
        today,
        history=False,
        counts=people,
        accounts=[FACT_COLUMNS(r) for r in accounts],
    )
    use_cases = _use_cases(session, today, facts)
    opportunities = _opportunities(session)
    now = quarter_start(today, settings.fiscal_year_start_month)
    no_use_cases = UseCaseFigures(0, 0, ())
    rows = [
        account_line(
            base,
            figures_of(people, base.id, today, stale, goal, base.tier),
            use_cases.get(base.id, no_use_cases),
            opportunities.get(base.id, ()),
            allocations.get(base.id, ()),
            today,
            now,
        )
        for base in bases
    ]
    return Rollup(
        today=today,
        currency=settings.currency,
        owner=settings.owner_name,
        fy_start_month=settings.fiscal_year_start_month,
        stale_days=stale,
        accounts=tuple(by_arr(rows)),
        health=portfolio_health(
            session,
            today,
            people,
            facts=facts,
            accounts=[TIER_COLUMNS(r) for r in accounts],
        ),
    )
