"""Accounts: the reads. Column selects returning rows (``rows.py``), never a query per row.
``get_account`` alone hands out an ORM object, for the edits of other domain modules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import fields
from typing import Any

from sqlalchemy import Date, Select, and_, bindparam, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from cs_planner.domain import names
from cs_planner.domain.accounts import listing
from cs_planner.domain.accounts.listing import AccountRow
from cs_planner.domain.accounts.people import people
from cs_planner.domain.accounts.rows import (
    AccountCard,
    AccountKpis,
    ActivityRow,
    DivisionRow,
    GeographyRow,
    NewAccountChoices,
    SettingsData,
)
from cs_planner.domain.accounts.rules import (
    TierHours,
    choices,
    expansion_multiple,
    geography_label,
    license_utilization,
    suggest_tiers,
    tier_at_rank,
    tier_ranks,
)
from cs_planner.domain.enums import Engagement, TeamRole, Tier
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.gc_pause import no_cycle_collection
from cs_planner.domain.model import (
    Account,
    Activity,
    ActivityStakeholder,
    Division,
    Geography,
    Settings,
    Stakeholder,
    TeamMember,
)
from cs_planner.domain.quarters import years_between


def account_lines(*extra: Any) -> Select[*tuple[Any, ...]]:
    """The account columns the roll-up reads (the portfolio list reads the same in plain
    SQL, ``listing.ACCOUNTS_SQL``): the CSM's name and retirement labelled ``csm`` and
    ``csm_retired_on``, then ``extra``."""
    csm = aliased(TeamMember)
    return select(
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
        *extra,
    ).outerjoin(csm, csm.id == Account.csm_id)


def tier_hours(session: Session) -> TierHours | None:
    """The hours each tier needs and the CSM team's (``listing.CAPACITY_SQL``)."""
    return listing.tier_hours(session.execute(text(listing.CAPACITY_SQL)).first())


def suggested_tiers(
    session: Session, rows: Iterable[Any], churned: Collection[int] | None = None
) -> dict[int, Tier]:
    """The suggested tier of each row (with ``id``, ``arr`` and ``strategic``), by id; a
    churned account (``churned``: their ids, if the caller has them) takes no place in the
    tiers (scalable), as in the list."""
    if churned is None:
        query = select(Account.id).where(Account.churned_on.is_not(None))
        churned = set(session.scalars(query))
    rows = list(rows)
    accounts = [(r.id, r.arr or 0.0, bool(r.strategic)) for r in rows if r.id not in churned]
    tiers = suggest_tiers(accounts, tier_hours(session))
    return {r.id: tiers.get(r.id, Tier.SCALABLE) for r in rows}


def list_accounts(session: Session, today: dt.date | None = None) -> list[AccountRow]:
    """All accounts as light rows: the list's two selects (``listing``), no ORM objects."""
    today = today or dt.date.today()
    csas = text(listing.CSAS_SQL).bindparams(bindparam("today", today, type_=Date))
    dbapi = session.connection().connection.dbapi_connection  # plain tuples, no Row each
    with no_cycle_collection():
        return listing.account_rows(
            listing.plain_rows(dbapi, listing.ACCOUNTS_SQL),
            listing.plain_rows(dbapi, listing.CSMS_SQL),
            session.execute(csas).all(),
            today,
            tier_hours(session),
        )


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


def suggested_tier(session: Session, account_id: int, arr: float, strategic: bool) -> Tier:
    """``suggest_tiers``' tier for one account. Bounded by the team's hours, the top tier
    depends on every account: their ARR and flags, three plain columns. Without them, its
    rank by share comes from two counts: the accounts with more ARR, or as much and a lower
    id."""
    capacity = tier_hours(session)
    if capacity is not None and capacity.known:
        rows = session.execute(select(Account.id, Account.arr, Account.strategic)).all()
        return suggested_tiers(session, rows)[account_id]
    arr = arr or 0.0
    ahead = session.scalar(
        select(func.count(Account.id)).where(
            or_(Account.arr > arr, and_(Account.arr == arr, Account.id < account_id))
        )
    )
    count = session.scalar(select(func.count(Account.id)))
    return tier_at_rank(ahead or 0, *tier_ranks(count or 0), arr, bool(strategic))


def account_card(
    session: Session,
    account_id: int,
    today: dt.date | None = None,
    tiers: Mapping[int, Tier] | None = None,
) -> AccountCard:
    """``tiers``: every account's suggested tier, if the caller has them (the Overview keeps
    them per data version, ``portfolio_wide``); else this account's is worked out."""
    today = today or dt.date.today()
    a = get_account(session, account_id)
    found = tiers.get(a.id) if tiers is not None else None
    suggested = found or suggested_tier(session, a.id, a.arr, a.strategic)
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
        churned_on=a.churned_on,
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
        parent_id=a.parent_id,
        parent=a.parent.name if a.parent else "",
        employees=a.employees,
        kpis=kpis,
    )


def get_settings(session: Session) -> SettingsData:
    row = session.get(Settings, 1)
    if row is None:  # storage creates the row on open; column defaults otherwise
        columns = Settings.__table__.c
        return SettingsData(**{f.name: columns[f.name].default.arg for f in fields(SettingsData)})
    return SettingsData(**{f.name: getattr(row, f.name) for f in fields(SettingsData)})


def team(session: Session, role: TeamRole | None = None) -> list[tuple[int, str, TeamRole]]:
    """Our people as (id, name, role), by name, retired people included; a drop-down of
    people is built with ``accounts.rules.choices`` (active people, plus the current one)."""
    query = select(TeamMember.id, TeamMember.name, TeamMember.role).order_by(TeamMember.name)
    if role is not None:
        query = query.where(TeamMember.role == role)
    return [(r.id, r.name, r.role) for r in session.execute(query)]


def list_geographies(session: Session, account_id: int) -> list[GeographyRow]:
    rows = session.execute(
        select(Geography.id, Geography.region, Geography.country)
        .where(Geography.account_id == account_id)
        .order_by(func.lower(Geography.region), func.lower(Geography.country))
    )
    return [GeographyRow(r.id, r.region, r.country) for r in rows]


def list_divisions(session: Session, account_id: int) -> list[DivisionRow]:
    """All of an account's divisions by name; ``children`` arranges them as a tree."""
    rows = session.execute(
        select(
            Division.id,
            Division.parent_id,
            Division.name,
            Division.geography_id,
            Geography.region,
            Geography.country,
            Division.headcount,
            Division.engagement,
        )
        .outerjoin(Geography, Geography.id == Division.geography_id)
        .where(Division.account_id == account_id)
        .order_by(func.lower(Division.name))
    )
    return [
        DivisionRow(
            id=r.id,
            parent_id=r.parent_id,
            name=r.name,
            geography_id=r.geography_id,
            geography=geography_label(r.region, r.country) if r.region else "",
            headcount=r.headcount,
            engagement=r.engagement,
        )
        for r in rows
    ]


def list_activities(session: Session, account_id: int) -> list[ActivityRow]:
    """The account's activities, newest first, in two queries (activities, then people)."""
    rows = session.execute(
        select(
            Activity.id,
            Activity.date,
            Activity.kind,
            Activity.owner_id,
            TeamMember.name.label("owner"),
            Activity.note,
        )
        .outerjoin(TeamMember, TeamMember.id == Activity.owner_id)
        .where(Activity.account_id == account_id)
        .order_by(Activity.date.desc(), Activity.id.desc())
    ).all()
    people: dict[int, list[tuple[int, str]]] = {}
    links = session.execute(
        select(ActivityStakeholder.activity_id, Stakeholder.id, Stakeholder.name)
        .join(Stakeholder, Stakeholder.id == ActivityStakeholder.stakeholder_id)
        .join(Activity, Activity.id == ActivityStakeholder.activity_id)
        .where(Activity.account_id == account_id)
        .order_by(Stakeholder.name)
    )
    for activity_id, person_id, name in links:
        people.setdefault(activity_id, []).append((person_id, name))
    return [
        ActivityRow(
            id=r.id,
            date=r.date,
            kind=r.kind,
            owner_id=r.owner_id,
            owner=r.owner or "",
            stakeholder_ids=tuple(p for p, _ in people.get(r.id, [])),
            stakeholders=tuple(n for _, n in people.get(r.id, [])),
            note=r.note or "",
        )
        for r in rows
    ]


def stakeholder_choices(session: Session, account_id: int) -> list[tuple[int, str]]:
    """The account's stakeholders as (id, name), by name: who an activity can involve."""
    query = (
        select(Stakeholder.id, Stakeholder.name)
        .where(Stakeholder.account_id == account_id)
        .order_by(Stakeholder.name)
    )
    return [(r.id, r.name) for r in session.execute(query)]


def new_account_choices(session: Session) -> NewAccountChoices:
    """What Portfolio > Add account offers: active CSMs, the default one, the industries."""
    settings = get_settings(session)
    everyone = people(session)
    active = [p for p in everyone if p.role == TeamRole.CSM and not p.retired]
    # The portfolio's owner when they are a CSM, else the only CSM there is.
    owner = next((p.id for p in active if p.name == settings.owner_name), None)
    default = owner if owner is not None else (active[0].id if len(active) == 1 else None)
    industries = session.scalars(
        select(Account.industry).where(Account.industry != "").distinct().order_by(Account.industry)
    )
    return NewAccountChoices(
        csms=choices(everyone, {TeamRole.CSM}),
        default_csm=default,
        industries=list(industries),
        currency=settings.currency,
    )


def account_names(session: Session, account_ids: Iterable[int]) -> dict[int, str]:
    """The names of those accounts that exist, by id."""
    wanted = list(account_ids)
    query = select(Account.id, Account.name).where(Account.id.in_(wanted))
    return {row.id: row.name for row in session.execute(query)}
