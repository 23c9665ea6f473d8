"""The portfolio roll-up's reads: every account's line in a handful of bulk column selects
(accounts, allocations, stakeholders, their roles, use cases, open opportunities), grouped by
account in Python, then ``rules.account_rollup`` on each account's rows. No query per
account, so 5,000 accounts export in seconds."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import account_lines, get_settings, suggested_tiers
from cs_planner.domain.accounts.rules import marked
from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance, UseCaseStatus
from cs_planner.domain.expansion.queries import open_opportunities
from cs_planner.domain.model import (
    Account,
    CsaAllocation,
    Stakeholder,
    StakeholderRole,
    TeamMember,
    UseCase,
)
from cs_planner.domain.quarters import quarter_start
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.domain.rollup.rows import AccountBase, Allocation, Rollup, UseCaseLine
from cs_planner.domain.rollup.rules import account_rollup, by_arr
from cs_planner.domain.rollup.stored import day, members, stored

# --- bulk reads (one select each, whole portfolio) ------------------------------------------


def _accounts(session: Session) -> list[AccountBase]:
    rows = session.execute(
        account_lines(Account.licensed_seats, Account.active_users, Account.reference_status)
    ).all()
    suggested = suggested_tiers(session, rows)
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


def _stakeholders(session: Session) -> dict[int, list[StakeholderRow]]:
    """Every stakeholder with the fields the coverage rules read (two selects in all).

    Enums and dates come as the database stores them and are turned into members and dates
    here: a portfolio holds about 17 people an account, and SQLAlchemy's converters per
    value took two thirds of this read."""
    roles: dict[int, set[BuyingRole]] = defaultdict(set)
    role_of = members(BuyingRole)
    # Core rows straight from the connection (no ORM result processing per row), fetched
    # all at once: iterating a result fetches row by row, a call per row.
    connection = session.connection()
    for person_id, role in connection.execute(
        select(StakeholderRole.stakeholder_id, stored(StakeholderRole.role))
    ).all():
        roles[person_id].add(role_of[role])
    shared: dict[frozenset[BuyingRole], frozenset[BuyingRole]] = {}  # few distinct sets
    no_roles: frozenset[BuyingRole] = frozenset()
    level_of, stance_of, status_of = members(Level), members(Stance), members(StakeholderStatus)
    out: dict[int, list[StakeholderRow]] = defaultdict(list)
    for r in connection.execute(
        select(
            Stakeholder.id,
            Stakeholder.account_id,
            Stakeholder.name,
            stored(Stakeholder.level),
            stored(Stakeholder.stance),
            Stakeholder.influence,
            stored(Stakeholder.last_contact),
            stored(Stakeholder.since),
            stored(Stakeholder.status),
        )
    ).all():
        held = roles.get(r[0])
        if held:
            key = frozenset(held)
            held_roles = shared.setdefault(key, key)
        else:
            held_roles = no_roles
        since = day(r[7])
        out[r[1]].append(
            StakeholderRow(
                # Positional, in the row's field order: a third quicker than by keyword.
                r[0],  # id
                r[2],  # name
                "",  # title
                None,  # division_id
                "",  # division
                level_of[r[3]],
                held_roles,
                stance_of[r[4]],
                r[5],  # influence
                None,  # reports_to_id
                None,  # owner_id
                "",  # owner
                "",  # email
                day(r[6]),  # last_contact
                status_of[r[8]],
                None,  # pinned
                "",  # notes
                since,
                since,  # first_met
            )
        )
    return out


def _use_cases(session: Session) -> dict[int, list[UseCaseLine]]:
    out: dict[int, list[UseCaseLine]] = defaultdict(list)
    status_of = members(UseCaseStatus)
    for account_id, title, status, quarter in (
        session.connection()
        .execute(
            select(
                UseCase.account_id,
                UseCase.title,
                stored(UseCase.status),
                stored(UseCase.target_quarter),
            ).order_by(UseCase.target_quarter, UseCase.id)
        )
        .all()
    ):
        out[account_id].append(UseCaseLine(title, status_of[status], day(quarter)))
    return out


def read_rollup(session: Session, today: dt.date) -> Rollup:
    """The whole roll-up in seven selects, whatever the number of accounts."""
    settings = get_settings(session)
    allocations = _allocations(session, today)
    people = _stakeholders(session)
    use_cases = _use_cases(session)
    opportunities = open_opportunities(session)
    now = quarter_start(today, settings.fiscal_year_start_month)
    rows = [
        account_rollup(
            base,
            people.get(base.id, []),
            use_cases.get(base.id, []),
            opportunities.get(base.id, []),
            allocations.get(base.id, []),
            today,
            now,
            settings.stale_contact_days,
            settings.relationships_per_month_goal,
        )
        for base in _accounts(session)
    ]
    return Rollup(
        today=today,
        currency=settings.currency,
        owner=settings.owner_name,
        fy_start_month=settings.fiscal_year_start_month,
        stale_days=settings.stale_contact_days,
        accounts=tuple(by_arr(rows)),
    )
