"""The CSA capability's reads: the roster, the allocations, coverage and the scorecard, each
in a few column selects (never a query per row)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import NamedTuple, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from cs_planner.domain.accounts.queries import get_settings, suggested_tiers
from cs_planner.domain.accounts.rows import SettingsData
from cs_planner.domain.csa.rows import (
    AllocationRow,
    CoverageGap,
    CreditedUseCase,
    CsaData,
    CsaRow,
    ScoreRow,
)
from cs_planner.domain.csa.rules import coverage_gaps, scorecard
from cs_planner.domain.enums import (
    AllocationPhase,
    BuyingRole,
    Funding,
    RequestedBy,
    StakeholderStatus,
    TeamRole,
    Tier,
)
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    Account,
    CsaAllocation,
    Stakeholder,
    StakeholderRole,
    TeamMember,
    UseCase,
)
from cs_planner.domain.relationships.coverage import MIRROR_ROLES
from cs_planner.domain.rollup.stored import day, members, stored


def read_roster(session: Session, settings: SettingsData | None = None) -> list[CsaRow]:
    settings = settings or get_settings(session)
    default_rate, default_target = settings.default_csa_rate, settings.chargeability_target
    t = TeamMember
    rows = session.execute(
        select(
            t.id,
            t.name,
            t.email,
            t.capacity_hours_per_week,
            t.bill_rate,
            t.chargeability_target,
            t.retired_on,
        )
        .where(t.role == TeamRole.CSA)
        .order_by(t.name)
    )
    # Unpacked by position: a row's attributes by name cost more than the rest of the read.
    return [
        CsaRow(
            csa_id,
            name,
            email or "",
            capacity or 0.0,
            rate,
            target,
            default_rate if rate is None else rate,
            default_target if target is None else target,
            retired_on,
        )
        for csa_id, name, email, capacity, rate, target, retired_on in rows
    ]


def read_allocations(
    session: Session, account_id: int | None = None, *, with_shared: bool = False
) -> list[AllocationRow]:
    """Allocations by start date, CSA and account names joined in (one query): all, or
    one account's, or (``with_shared``) every allocation of the CSAs working on it, which
    is what flagging that account's over-allocated CSAs needs."""
    a, csa = CsaAllocation, aliased(TeamMember)
    query = (
        select(
            a.id,
            a.csa_id,
            csa.name,
            a.account_id,
            Account.name,
            a.use_case_id,
            func.coalesce(UseCase.title, ""),
            a.fraction,
            stored(a.phase),
            stored(a.funding),
            stored(a.requested_by),
            stored(a.start_date),
            stored(a.end_date),
            a.notes,
            csa.retired_on.is_not(None),
        )
        .join(csa, csa.id == a.csa_id)
        .join(Account, Account.id == a.account_id)
        .outerjoin(UseCase, UseCase.id == a.use_case_id)
        .order_by(a.start_date, csa.name, Account.name, a.id)
    )
    if account_id is not None and with_shared:
        on_account = select(CsaAllocation.csa_id).where(CsaAllocation.account_id == account_id)
        query = query.where(a.csa_id.in_(on_account))
    elif account_id is not None:
        query = query.where(a.account_id == account_id)
    # Core rows, enums and dates as stored and turned into members and dates here, each
    # row unpacked by position: SQLAlchemy's converters, and a row's fields by name, took
    # two thirds of the read.
    phase_of, funding_of, asker_of = (
        members(AllocationPhase),
        members(Funding),
        members(RequestedBy),
    )
    # Few distinct dates among thousands of allocations; start and end are never NULL.
    date_of = cast(Callable[[str | dt.date], dt.date], functools.cache(day))
    return [
        AllocationRow(
            row_id,
            csa_id,
            csa_name,
            account,
            account_name,
            use_case_id,
            use_case,
            fraction,
            phase_of[phase],
            funding_of[funding],
            asker_of[asker],
            date_of(start),
            date_of(end),
            notes,
            retired,
        )
        for (
            row_id,
            csa_id,
            csa_name,
            account,
            account_name,
            use_case_id,
            use_case,
            fraction,
            phase,
            funding,
            asker,
            start,
            end,
            notes,
            retired,
        ) in session.connection().execute(query).all()
    ]


def read_csa_data(
    session: Session, account_id: int | None = None, *, with_shared: bool = False
) -> CsaData:
    settings = get_settings(session)
    allocations = read_allocations(session, account_id, with_shared=with_shared)
    return CsaData(settings, read_roster(session, settings), allocations)


def use_case_choices(session: Session, account_id: int) -> list[tuple[int, str]]:
    query = (
        select(UseCase.id, UseCase.title)
        .where(UseCase.account_id == account_id)
        .order_by(UseCase.position, UseCase.title)
    )
    return [(r.id, r.title) for r in session.execute(query)]


def account_choices(session: Session) -> list[tuple[int, str]]:
    return [
        (r.id, r.name)
        for r in session.execute(select(Account.id, Account.name).order_by(Account.name))
    ]


def read_coverage(
    session: Session, today: dt.date, allocations: list[AllocationRow] | None = None
) -> list[CoverageGap]:
    """Coverage gaps (``allocations``: every allocation, when the caller has read them)."""
    accounts = account_tiers(session)
    if allocations is None:
        allocations = read_allocations(session)
    roles: dict[int, set[BuyingRole]] = {}
    role_of = members(BuyingRole)
    # Led by the few people who hold a mirrored role (the subquery): on its own, SQLite
    # walked every stakeholder to look up their roles (5,000 accounts: 41 -> 13 ms).
    holders = select(StakeholderRole.stakeholder_id).where(StakeholderRole.role.in_(MIRROR_ROLES))
    query = (
        select(Stakeholder.account_id, stored(StakeholderRole.role))
        .join(StakeholderRole, StakeholderRole.stakeholder_id == Stakeholder.id)
        .where(
            Stakeholder.id.in_(holders),
            Stakeholder.status == StakeholderStatus.ACTIVE,
            StakeholderRole.role.in_(MIRROR_ROLES),
        )
    )
    for account_id, role in session.connection().execute(query).all():
        roles.setdefault(account_id, set()).add(role_of[role])
    return coverage_gaps(accounts, allocations, roles, today)


class _TierRow(NamedTuple):
    """What ``suggested_tiers`` reads of an account: a named tuple's fields are read much
    quicker than a SQLAlchemy row's (5,000 accounts: a third of the coverage's read)."""

    id: int
    name: str
    override: str | None  # as stored
    arr: float | None
    strategic: bool


def account_tiers(session: Session) -> list[tuple[int, str, Tier]]:
    """Each account's id, name and tier (its override, else the suggested one, as
    ``list_accounts`` gives it) by name, without the list's other columns."""
    query = select(
        Account.id, Account.name, stored(Account.tier_override), Account.arr, Account.strategic
    ).order_by(Account.name)
    rows = [_TierRow(*row) for row in session.connection().execute(query).all()]
    suggested = suggested_tiers(session, rows)
    tier_of = members(Tier)
    return [
        (id_, name, suggested[id_] if override is None else tier_of[override])
        for id_, name, override, _a, _s in rows
    ]


def read_scorecard(session: Session) -> list[ScoreRow]:
    """Four selects, whatever the number of CSAs."""
    allocated = session.execute(
        select(CsaAllocation.csa_id, CsaAllocation.account_id).distinct()
    ).all()
    accounts = {
        r.id: (r.reference_status, r.arr or 0.0)
        for r in session.execute(select(Account.id, Account.reference_status, Account.arr))
    }
    # Summed in SQL by CSA, account and status: one row per group, not per use case.
    credited = [
        CreditedUseCase(r.csa_id, r.account_id, r.status, r.users, r.value, r.cases)
        for r in session.execute(
            select(
                UseCase.csa_id,
                UseCase.account_id,
                UseCase.status,
                func.sum(func.coalesce(UseCase.users_reached, 0)).label("users"),
                func.sum(func.coalesce(UseCase.annual_value, 0.0)).label("value"),
                func.count().label("cases"),
            )
            .where(UseCase.csa_id.is_not(None))
            .group_by(UseCase.csa_id, UseCase.account_id, UseCase.status)
        )
    ]
    return scorecard(read_roster(session), allocated, credited, accounts)


def read_account_csas(session: Session, account_id: int) -> tuple[str, CsaData]:
    """One account's name and its CSA data, with every allocation of the CSAs working on
    it (what flagging them needs); ValidationError when the account is gone."""
    name = session.scalar(select(Account.name).where(Account.id == account_id))
    if name is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    return name, read_csa_data(session, account_id, with_shared=True)
