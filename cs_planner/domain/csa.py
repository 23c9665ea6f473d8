"""Customer Success Architects (DOMAIN.md section 5): the roster and the allocations, as
read models and validated edits. Figures, warnings, coverage and the scorecard are in
``csa_review``; the arithmetic in ``csa_load``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.accounts.rows import MemberValues, Person, SettingsData
from cs_planner.domain.accounts.team_writes import new_member, update_member
from cs_planner.domain.enums import (
    AllocationPhase,
    Funding,
    RequestedBy,
    TeamRole,
)
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    Account,
    CsaAllocation,
    TeamMember,
    UseCase,
)

# --- read models -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CsaValues:
    """What a user edits on a CSA; a rate or target of None means the portfolio default."""

    name: str
    email: str = ""
    capacity_hours_per_week: float = 40.0
    bill_rate: float | None = None
    chargeability_target: float | None = None


@dataclass(frozen=True)
class CsaRow:
    id: int
    name: str
    email: str
    capacity: float  # hours a week
    own_rate: float | None
    own_target: float | None
    rate: float  # own rate, else the portfolio default
    target: float
    retired_on: dt.date | None = None

    @property
    def values(self) -> CsaValues:
        return CsaValues(self.name, self.email, self.capacity, self.own_rate, self.own_target)

    @property
    def retired(self) -> bool:
        return self.retired_on is not None

    @property
    def person(self) -> Person:
        return Person(self.id, self.name, TeamRole.CSA, self.retired_on)


@dataclass(frozen=True)
class AllocationValues:
    """What a user edits on an allocation."""

    csa_id: int | None
    account_id: int | None
    start_date: dt.date
    end_date: dt.date
    fraction: float = 0.5
    phase: AllocationPhase = AllocationPhase.ADOPTION
    funding: Funding = Funding.CHARGEABLE
    requested_by: RequestedBy = RequestedBy.CUSTOMER_SUCCESS
    use_case_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class AllocationRow:
    id: int
    csa_id: int
    csa: str
    account_id: int
    account: str
    use_case_id: int | None
    use_case: str
    fraction: float
    phase: AllocationPhase
    funding: Funding
    requested_by: RequestedBy
    start: dt.date
    end: dt.date
    notes: str
    csa_retired: bool = False

    @property
    def values(self) -> AllocationValues:
        return AllocationValues(
            csa_id=self.csa_id,
            account_id=self.account_id,
            start_date=self.start,
            end_date=self.end,
            fraction=self.fraction,
            phase=self.phase,
            funding=self.funding,
            requested_by=self.requested_by,
            use_case_id=self.use_case_id,
            notes=self.notes,
        )


@dataclass(frozen=True)
class CsaData:
    """The roster and the allocations (all, or one account's), read in one transaction."""

    settings: SettingsData
    roster: list[CsaRow]
    allocations: list[AllocationRow]

    def csa(self, csa_id: int) -> CsaRow | None:
        return next((c for c in self.roster if c.id == csa_id), None)

    def roster_for(self, start: dt.date) -> list[CsaRow]:
        """The CSAs to show for weeks from ``start``: a CSA retired before then has no
        capacity left to plan (their past allocations stay in the history)."""
        return [c for c in self.roster if c.retired_on is None or c.retired_on >= start]

    def of_csa(self, csa_id: int) -> list[AllocationRow]:
        return self.by_csa().get(csa_id, [])

    def by_csa(self) -> dict[int, list[AllocationRow]]:
        """Allocations grouped by CSA (built once: the views ask for every CSA's)."""
        cached = self.__dict__.get("_by_csa")
        if cached is None:
            cached = {}
            for allocation in self.allocations:
                cached.setdefault(allocation.csa_id, []).append(allocation)
            object.__setattr__(self, "_by_csa", cached)
        return cached


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


# --- edits -----------------------------------------------------------------------------------


def _csa(session: Session, csa_id: int) -> TeamMember:
    person = session.get(TeamMember, csa_id)
    if person is None or person.role != TeamRole.CSA:
        raise ValidationError("That CSA no longer exists (they may have been deleted).", "csa_id")
    return person


def _member_values(values: CsaValues) -> MemberValues:
    return MemberValues(
        values.name,
        TeamRole.CSA,
        values.email,
        values.capacity_hours_per_week,
        values.bill_rate,
        values.chargeability_target,
    )


def new_csa(session: Session, values: CsaValues) -> TeamMember:
    """A new CSA, validated and added to the session (a team member with the CSA role)."""
    return new_member(session, _member_values(values))


def update_csa(session: Session, csa_id: int, values: CsaValues) -> CsaValues:
    """Change a CSA; returns the values as they were (for undo)."""
    _csa(session, csa_id)
    old = update_member(session, csa_id, _member_values(values))
    return CsaValues(
        old.name, old.email, old.capacity_hours_per_week, old.bill_rate, old.chargeability_target
    )


def _assign_allocation(session: Session, row: CsaAllocation, values: AllocationValues) -> None:
    if values.csa_id is None:
        raise ValidationError("Choose the CSA to allocate.", "csa_id")
    if values.account_id is None:
        raise ValidationError("Choose the account the CSA works on.", "account_id")
    account = session.get(Account, values.account_id)
    if account is None:
        raise ValidationError("That account no longer exists.", "account_id")
    use_case = None
    if values.use_case_id is not None:
        use_case = session.get(UseCase, values.use_case_id)
        if use_case is None:
            raise ValidationError("That use case no longer exists.", "use_case_id")
    person = _csa(session, values.csa_id)
    if person.retired_on is not None and values.end_date > person.retired_on:
        # Kept true by set_retired too, so an undo never meets an allocation it cannot restore.
        raise ValidationError(
            f"{person.name} retired on {person.retired_on.isoformat()}: an allocation of "
            "theirs must end by then. Choose an active CSA.",
            "csa_id",
        )
    # Ids and relationships together: the same-account check reads the ids before a flush.
    row.csa = person
    row.csa_id = values.csa_id
    row.account, row.account_id = account, account.id
    row.use_case, row.use_case_id = use_case, values.use_case_id
    row.fraction = values.fraction
    row.phase, row.funding, row.requested_by = values.phase, values.funding, values.requested_by
    row.start_date, row.end_date = values.start_date, values.end_date
    row.notes = (values.notes or "").strip()
    row.check()  # before the flush, so a bad edit never reaches the database


def new_allocation(session: Session, values: AllocationValues) -> CsaAllocation:
    row = CsaAllocation()
    _assign_allocation(session, row, values)
    session.add(row)
    return row


def update_allocation(
    session: Session, allocation_id: int, values: AllocationValues
) -> AllocationValues:
    """Change an allocation; returns its values as they were (for undo)."""
    row = session.get(CsaAllocation, allocation_id)
    if row is None:
        raise ValidationError("That allocation no longer exists (it may have been deleted).")
    before = AllocationValues(
        csa_id=row.csa_id,
        account_id=row.account_id,
        start_date=row.start_date,
        end_date=row.end_date,
        fraction=row.fraction,
        phase=row.phase,
        funding=row.funding,
        requested_by=row.requested_by,
        use_case_id=row.use_case_id,
        notes=row.notes,
    )
    _assign_allocation(session, row, values)
    session.flush()
    return before
