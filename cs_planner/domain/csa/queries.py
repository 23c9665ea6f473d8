"""The CSA capability's reads: the roster, the allocations, coverage and the scorecard, each
in a few column selects (never a query per row)."""

from __future__ import annotations

import datetime as dt

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
from cs_planner.domain.enums import BuyingRole, StakeholderStatus, TeamRole, Tier
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


def read_roster(session: Session, settings: SettingsData | None = None) -> list[CsaRow]:
    settings = settings or get_settings(session)
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
    return [
        CsaRow(
            id=r.id,
            name=r.name,
            email=r.email or "",
            capacity=r.capacity_hours_per_week or 0.0,
            own_rate=r.bill_rate,
            own_target=r.chargeability_target,
            rate=settings.default_csa_rate if r.bill_rate is None else r.bill_rate,
            target=(
                settings.chargeability_target
                if r.chargeability_target is None
                else r.chargeability_target
            ),
            retired_on=r.retired_on,
        )
        for r in rows
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
            csa.name.label("csa"),
            csa.retired_on.label("csa_retired_on"),
            a.account_id,
            Account.name.label("account"),
            a.use_case_id,
            UseCase.title.label("use_case"),
            a.fraction,
            a.phase,
            a.funding,
            a.requested_by,
            a.start_date,
            a.end_date,
            a.notes,
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
    return [
        AllocationRow(
            id=r.id,
            csa_id=r.csa_id,
            csa=r.csa,
            account_id=r.account_id,
            account=r.account,
            use_case_id=r.use_case_id,
            use_case=r.use_case or "",
            fraction=r.fraction,
            phase=r.phase,
            funding=r.funding,
            requested_by=r.requested_by,
            start=r.start_date,
            end=r.end_date,
            notes=r.notes or "",
            csa_retired=r.csa_retired_on is not None,
        )
        for r in session.execute(query)
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
    query = (
        select(Stakeholder.account_id, StakeholderRole.role)
        .join(StakeholderRole, StakeholderRole.stakeholder_id == Stakeholder.id)
        .where(
            Stakeholder.status == StakeholderStatus.ACTIVE, StakeholderRole.role.in_(MIRROR_ROLES)
        )
    )
    for account_id, role in session.execute(query):
        roles.setdefault(account_id, set()).add(role)
    return coverage_gaps(accounts, allocations, roles, today)


def account_tiers(session: Session) -> list[tuple[int, str, Tier]]:
    """Each account's id, name and tier (its override, else the suggested one, as
    ``list_accounts`` gives it) by name, without the list's other columns."""
    rows = session.execute(
        select(
            Account.id, Account.name, Account.tier_override, Account.arr, Account.strategic
        ).order_by(Account.name)
    ).all()
    suggested = suggested_tiers(session, rows)
    return [(r.id, r.name, r.tier_override or suggested[r.id]) for r in rows]


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
