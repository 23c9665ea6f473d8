"""Reads of the relationship map: column selects into frozen rows (three queries for a
whole map, whatever its size)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.people import people
from cs_planner.domain.accounts.queries import get_settings, suggested_tier
from cs_planner.domain.enums import BuyingRole, Tier
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    Account,
    Activity,
    ActivityStakeholder,
    Division,
    InfluenceLink,
    Stakeholder,
    StakeholderRole,
    TeamMember,
    UseCase,
)
from cs_planner.domain.relationships.rows import (
    LEVEL_RANK,
    InfluenceRow,
    MapData,
    StakeholderRow,
)


def list_stakeholders(session: Session, account_id: int) -> list[StakeholderRow]:
    """The account's people, executives first then by name; three queries in all."""
    rows = session.execute(
        select(
            Stakeholder.id,
            Stakeholder.name,
            Stakeholder.title,
            Stakeholder.division_id,
            Division.name.label("division"),
            Stakeholder.level,
            Stakeholder.stance,
            Stakeholder.influence,
            Stakeholder.reports_to_id,
            Stakeholder.owner_id,
            TeamMember.name.label("owner"),
            Stakeholder.email,
            Stakeholder.phone,
            Stakeholder.country,
            Stakeholder.last_contact,
            Stakeholder.since,
            Stakeholder.status,
            Stakeholder.pinned_x,
            Stakeholder.pinned_y,
            Stakeholder.notes,
        )
        .outerjoin(Division, Division.id == Stakeholder.division_id)
        .outerjoin(TeamMember, TeamMember.id == Stakeholder.owner_id)
        .where(Stakeholder.account_id == account_id)
    ).all()
    roles = _roles(session, account_id)
    first_met = _first_met(session, account_id)
    people = [
        StakeholderRow(
            id=r.id,
            name=r.name,
            title=r.title or "",
            division_id=r.division_id,
            division=r.division or "",
            level=r.level,
            roles=frozenset(roles.get(r.id, ())),
            stance=r.stance,
            influence=r.influence,
            reports_to_id=r.reports_to_id,
            owner_id=r.owner_id,
            owner=r.owner or "",
            email=r.email or "",
            last_contact=r.last_contact,
            status=r.status,
            pinned=(r.pinned_x, r.pinned_y) if r.pinned_x is not None else None,
            notes=r.notes or "",
            since=r.since,
            first_met=r.since or first_met.get(r.id),
            phone=r.phone or "",
            country=r.country or "",
        )
        for r in rows
    ]
    return sort_people(people)


def _roles(session: Session, account_id: int) -> dict[int, set[BuyingRole]]:
    """The buying roles of the account's people, by person."""
    roles: dict[int, set[BuyingRole]] = {}
    for person_id, role in session.execute(
        select(StakeholderRole.stakeholder_id, StakeholderRole.role)
        .join(Stakeholder, Stakeholder.id == StakeholderRole.stakeholder_id)
        .where(Stakeholder.account_id == account_id)
    ):
        roles.setdefault(person_id, set()).add(role)
    return roles


def _first_met(session: Session, account_id: int) -> dict[int, dt.date]:
    """The first logged activity with each of the account's people."""
    rows = session.execute(
        select(ActivityStakeholder.stakeholder_id, func.min(Activity.date))
        .join(Activity, Activity.id == ActivityStakeholder.activity_id)
        .where(Activity.account_id == account_id)
        .group_by(ActivityStakeholder.stakeholder_id)
    )
    return {person_id: first for person_id, first in rows}


def sort_people(people: Iterable[StakeholderRow]) -> list[StakeholderRow]:
    return sorted(people, key=lambda p: (LEVEL_RANK[p.level], p.name.lower(), p.id))


def list_links(session: Session, account_id: int) -> list[InfluenceRow]:
    rows = session.execute(
        select(
            InfluenceLink.id,
            InfluenceLink.source_id,
            InfluenceLink.target_id,
            InfluenceLink.strength,
            InfluenceLink.note,
        )
        .where(InfluenceLink.account_id == account_id)
        .order_by(InfluenceLink.id)
    )
    return [InfluenceRow(r.id, r.source_id, r.target_id, r.strength, r.note or "") for r in rows]


def _name_and_tier(session: Session, account_id: int) -> tuple[str, Tier]:
    """The account's name and tier, as its card has them (four columns: the map needs no
    more of the card, whose ORM object and divisions cost a twentieth of the map)."""
    row = session.execute(
        select(Account.name, Account.tier_override, Account.arr, Account.strategic).where(
            Account.id == account_id
        )
    ).one_or_none()
    if row is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    name, override, arr, strategic = row
    return name, override or suggested_tier(session, account_id, arr, strategic)


def load_map(session: Session, account_id: int, today: dt.date) -> MapData:
    name, tier = _name_and_tier(session, account_id)
    settings = get_settings(session)
    divisions = session.execute(
        select(Division.id, Division.name)
        .where(Division.account_id == account_id)
        .order_by(func.lower(Division.name))
    ).all()
    return MapData(
        account_id=account_id,
        account_name=name,
        tier=tier,
        stakeholders=list_stakeholders(session, account_id),
        links=list_links(session, account_id),
        stale_days=settings.stale_contact_days,
        monthly_goal=settings.relationships_per_month_goal,
        today=today,
        divisions=[(r.id, r.name) for r in divisions],
        team=people(session),
        champions_of_use_cases=[
            (r.title, r.champion_id)
            for r in session.execute(
                select(UseCase.title, UseCase.champion_id)
                .where(UseCase.account_id == account_id, UseCase.champion_id.is_not(None))
                .order_by(UseCase.position, UseCase.id)
            )
        ],
    )
