"""Accounts and portfolio settings: read models, tiering, KPIs and the edits on them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from cs_planner.domain import names
from cs_planner.domain.enums import (
    Engagement,
    LifecycleStage,
    MotionOwner,
    ReferenceStatus,
    TeamRole,
    Tier,
)
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, CsaAllocation, Settings, TeamMember
from cs_planner.domain.quarters import years_between
from cs_planner.domain.team import marked, require_assignable

# Tier suggestion: the top 10% of accounts by ARR are "most equal" (DOMAIN.md section 7),
# the next 30% "most leveraged", the rest "most scalable"; a strategic flag means top.
TOP_SHARE = 0.10
LEVERAGED_SHARE = 0.30
CSA_SEPARATOR = "\x1f"  # between names in one aggregated cell; never typed in a name
# Why an account shows no multiple: a new account has no ARR yet, and 0.0x would read as
# an account that shrank to nothing.
NO_MULTIPLE = "—"  # shown in place of the multiple, with NO_ARR_YET as the reason
NO_ARR_YET = "No ARR yet: the multiple (ARR ÷ initial deal X) shows once the ARR is entered."


@dataclass(frozen=True)
class AccountRow:
    """One line of the portfolio list."""

    id: int
    name: str
    industry: str
    tier: Tier
    suggested_tier: Tier
    strategic: bool
    stage: LifecycleStage
    arr: float
    initial_deal_value: float
    renewal_date: dt.date | None
    days_to_renewal: int | None
    csm: str
    csas: str = ""  # CSAs allocated today, by name

    @property
    def multiple(self) -> float | None:
        return expansion_multiple(self.arr, self.initial_deal_value)


@dataclass(frozen=True)
class SettingsData:
    owner_name: str
    currency: str
    fiscal_year_start_month: int
    default_csa_rate: float
    chargeability_target: float
    presales_share_limit: float
    relationships_per_month_goal: int
    stale_contact_days: int


@dataclass(frozen=True)
class AccountCard:
    """Everything the overview and the Summary sheet show about one account."""

    id: int
    name: str
    industry: str
    size_band: str
    hq_geography: str
    growth_rate: str
    main_challenge: str
    tier: Tier
    suggested_tier: Tier
    tier_override: Tier | None
    strategic: bool
    lifecycle_stage: LifecycleStage
    initial_deal_value: float
    initial_deal_date: dt.date | None
    arr: float
    licensed_seats: int
    active_users: int
    customer_since: dt.date | None
    renewal_date: dt.date | None
    renewal_owner: MotionOwner
    expansion_owner: MotionOwner
    csm_id: int | None
    csm: str
    executive_sponsor_id: int | None
    executive_sponsor: str
    reference_status: ReferenceStatus
    maturity_current: int | None
    maturity_target: int | None
    notes: str
    kpis: AccountKpis


@dataclass(frozen=True)
class AccountKpis:
    arr: float
    initial_deal_value: float
    multiple: float | None  # None without ARR (NO_ARR_YET)
    license_utilization: float | None
    days_to_renewal: int | None
    years_as_customer: float | None
    divisions_adopted: int
    divisions_total: int


# Fields a user edits on the account card, with the type each expects.
EDITABLE_FIELDS: dict[str, type] = {
    "name": str,
    "industry": str,
    "size_band": str,
    "hq_geography": str,
    "growth_rate": str,
    "main_challenge": str,
    "tier_override": Tier,
    "strategic": bool,
    "lifecycle_stage": LifecycleStage,
    "initial_deal_value": float,
    "initial_deal_date": dt.date,
    "arr": float,
    "licensed_seats": int,
    "active_users": int,
    "customer_since": dt.date,
    "renewal_date": dt.date,
    "renewal_owner": MotionOwner,
    "expansion_owner": MotionOwner,
    "csm_id": int,
    "executive_sponsor_id": int,
    "reference_status": ReferenceStatus,
    "maturity_current": int,
    "maturity_target": int,
    "notes": str,
}


def expansion_multiple(arr: float | None, initial_deal_value: float | None) -> float | None:
    """Current ARR over the initial deal X ("zero to 50x"); None while the account has no
    ARR (or no initial deal): there is nothing to multiply yet (NO_ARR_YET)."""
    if not arr or arr <= 0 or not initial_deal_value or initial_deal_value <= 0:
        return None
    return arr / initial_deal_value


def license_utilization(active_users: int, licensed_seats: int) -> float | None:
    return active_users / licensed_seats if licensed_seats else None


def suggest_tiers(accounts: list[tuple[int, float, bool]]) -> dict[int, Tier]:
    """Suggest a tier for each ``(id, arr, strategic)`` by ARR rank (ties keep input order).
    An account without ARR has no rank to earn a higher touch: scalable, unless flagged
    strategic (the user's own call)."""
    ranked = sorted(accounts, key=lambda a: -a[1])
    count = len(ranked)
    top_n = max(1, round(count * TOP_SHARE)) if count else 0
    leveraged_n = round(count * LEVERAGED_SHARE)
    tiers: dict[int, Tier] = {}
    for rank, (account_id, arr, strategic) in enumerate(ranked):
        if strategic or (rank < top_n and arr > 0):
            tiers[account_id] = Tier.TOP
        elif rank < top_n + leveraged_n and arr > 0:
            tiers[account_id] = Tier.LEVERAGED
        else:
            tiers[account_id] = Tier.SCALABLE
    return tiers


def _suggested_tiers(session: Session) -> dict[int, Tier]:
    rows = session.execute(select(Account.id, Account.arr, Account.strategic)).all()
    return suggest_tiers([(r.id, r.arr or 0.0, bool(r.strategic)) for r in rows])


def list_accounts(session: Session, today: dt.date | None = None) -> list[AccountRow]:
    """All accounts as light rows, read with one column select (no ORM objects)."""
    today = today or dt.date.today()
    csm = aliased(TeamMember)
    csa = aliased(TeamMember)
    # The CSAs allocated today, in the same select (a correlated subquery, no query per row).
    csas = (
        select(func.aggregate_strings(csa.name, CSA_SEPARATOR))
        .select_from(CsaAllocation)
        .join(csa, csa.id == CsaAllocation.csa_id)
        .where(
            CsaAllocation.account_id == Account.id,
            CsaAllocation.start_date <= today,
            CsaAllocation.end_date >= today,
        )
        .correlate(Account)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            Account.id,
            Account.name,
            Account.industry,
            Account.tier_override,
            Account.strategic,
            Account.lifecycle_stage,
            Account.arr,
            Account.initial_deal_value,
            Account.renewal_date,
            csm.name.label("csm"),
            csm.retired_on.label("csm_retired_on"),
            csas.label("csas"),
        )
        .outerjoin(csm, csm.id == Account.csm_id)
        .order_by(Account.name)
    ).all()
    suggested = suggest_tiers([(r.id, r.arr or 0.0, bool(r.strategic)) for r in rows])
    return [
        AccountRow(
            id=r.id,
            name=r.name,
            industry=r.industry,
            tier=r.tier_override or suggested[r.id],
            suggested_tier=suggested[r.id],
            strategic=bool(r.strategic),
            stage=r.lifecycle_stage,
            arr=r.arr or 0.0,
            initial_deal_value=r.initial_deal_value,
            renewal_date=r.renewal_date,
            days_to_renewal=(r.renewal_date - today).days if r.renewal_date else None,
            csm=marked(r.csm or "", r.csm_retired_on),
            csas=", ".join(sorted(set(r.csas.split(CSA_SEPARATOR)))) if r.csas else "",
        )
        for r in rows
    ]


def find_account(session: Session, name: str) -> int:
    """The id of the account called ``name``, compared as names are (``names.name_key``:
    any case, accents and all). An exact match wins over a case variant (an older file may
    hold both); several variants and no exact one is an error rather than a guess."""
    rows = session.execute(select(Account.id, Account.name))
    found = names.matches(rows, name)
    exact = [row for row in found if row[1] == name.strip()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0][0]
    if not found:
        raise ValidationError(f"There is no account named '{name}'.", "name")
    variants = ", ".join(f"'{text}'" for _id, text in sorted(found, key=lambda r: r[1]))
    raise ValidationError(
        f"Several accounts are named like '{name}' ({variants}); give the name exactly.", "name"
    )


def get_account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    return account


def account_card(session: Session, account_id: int, today: dt.date | None = None) -> AccountCard:
    today = today or dt.date.today()
    a = get_account(session, account_id)
    suggested = _suggested_tiers(session)[a.id]
    adopted = sum(1 for d in a.divisions if d.engagement == Engagement.ADOPTED)
    kpis = AccountKpis(
        arr=a.arr,
        initial_deal_value=a.initial_deal_value,
        multiple=expansion_multiple(a.arr, a.initial_deal_value),
        license_utilization=license_utilization(a.active_users, a.licensed_seats),
        days_to_renewal=(a.renewal_date - today).days if a.renewal_date else None,
        years_as_customer=years_between(a.customer_since, today) if a.customer_since else None,
        divisions_adopted=adopted,
        divisions_total=len(a.divisions),
    )
    return AccountCard(
        id=a.id,
        name=a.name,
        industry=a.industry,
        size_band=a.size_band,
        hq_geography=a.hq_geography,
        growth_rate=a.growth_rate,
        main_challenge=a.main_challenge,
        tier=a.tier_override or suggested,
        suggested_tier=suggested,
        tier_override=a.tier_override,
        strategic=a.strategic,
        lifecycle_stage=a.lifecycle_stage,
        initial_deal_value=a.initial_deal_value,
        initial_deal_date=a.initial_deal_date,
        arr=a.arr,
        licensed_seats=a.licensed_seats,
        active_users=a.active_users,
        customer_since=a.customer_since,
        renewal_date=a.renewal_date,
        renewal_owner=a.renewal_owner,
        expansion_owner=a.expansion_owner,
        csm_id=a.csm_id,
        csm=a.csm.name if a.csm else "",
        executive_sponsor_id=a.executive_sponsor_id,
        executive_sponsor=a.executive_sponsor.name if a.executive_sponsor else "",
        reference_status=a.reference_status,
        maturity_current=a.maturity_current,
        maturity_target=a.maturity_target,
        notes=a.notes,
        kpis=kpis,
    )


def _check_unique_name(session: Session, name: str, except_id: int | None = None) -> None:
    clash = names.find_clash(session, Account.id, Account.name, name, except_id)
    if clash is not None:
        raise ValidationError(f"An account named '{name.strip()}' already exists.", "name")


def create_account(session: Session, name: str, initial_deal_value: float, **values: Any) -> int:
    """Add an account; returns its id. Raises ValidationError for bad input."""
    _check_unique_name(session, name or "")
    account = Account(name=name, initial_deal_value=initial_deal_value)
    for key, value in values.items():
        _set_field(session, account, key, value)
    session.add(account)
    session.flush()
    return account.id


# Who may be chosen for an account's people fields: (role, how a message names it).
_PERSON_FIELDS = {
    "csm_id": (TeamRole.CSM, "a CSM"),
    "executive_sponsor_id": (TeamRole.EXECUTIVE_SPONSOR, "an executive sponsor"),
}


def _set_field(
    session: Session, account: Account, key: str, value: Any, restoring: bool = False
) -> None:
    if key not in EDITABLE_FIELDS:
        raise ValidationError(f"'{key}' is not a field of an account.", key)
    if key in _PERSON_FIELDS and value is not None and value != getattr(account, key):
        person = session.get(TeamMember, value)
        if person is None:
            raise ValidationError("That team member no longer exists.", key)
        # An undo puts back whoever held the field, retired since or not.
        if not restoring:
            role, what = _PERSON_FIELDS[key]
            require_assignable(person, role, key, what)
    setattr(account, key, value)


def update_account(
    session: Session, account_id: int, key: str, value: Any, *, restoring: bool = False
) -> Any:
    """Change one field; returns the previous value (for undo, which passes ``restoring``:
    a person retired since is put back as they were)."""
    account = get_account(session, account_id)
    if key == "name":
        _check_unique_name(session, value or "", account_id)
    old = getattr(account, key)
    _set_field(session, account, key, value, restoring)
    session.flush()
    return old


def get_settings(session: Session) -> SettingsData:
    row = session.get(Settings, 1)
    if row is None:  # storage creates the row on open; column defaults otherwise
        columns = Settings.__table__.c
        return SettingsData(**{f.name: columns[f.name].default.arg for f in fields(SettingsData)})
    return SettingsData(**{f.name: getattr(row, f.name) for f in fields(SettingsData)})


def update_settings(session: Session, **values: Any) -> SettingsData:
    """Change portfolio settings; returns the settings as they were (for undo)."""
    before = get_settings(session)
    row = session.get(Settings, 1)
    if row is None:
        row = Settings(id=1)
        session.add(row)
    known = {f.name for f in fields(SettingsData)}
    for key, value in values.items():
        if key not in known:
            raise ValidationError(f"'{key}' is not a portfolio setting.", key)
        setattr(row, key, value)
    session.flush()
    return before


def team(session: Session, role: TeamRole | None = None) -> list[tuple[int, str, TeamRole]]:
    """Our people as (id, name, role), by name, retired people included; a drop-down of
    people is built with ``domain.team.choices`` (active people, plus the current one)."""
    query = select(TeamMember.id, TeamMember.name, TeamMember.role).order_by(TeamMember.name)
    if role is not None:
        query = query.where(TeamMember.role == role)
    return [(r.id, r.name, r.role) for r in session.execute(query)]
