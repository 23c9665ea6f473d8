"""The relationship map of an account: stakeholders, influence lines, coverage and risk.

Reads are column selects into frozen rows (three queries for a whole map). The coverage and
risk rules are pure functions of those rows, so they are tested on hand-built cases and
shared by the map, its coverage panel and the workbook. Edits go through the models, whose
validators and ``check()`` hold the field rules; the ones here (a loop in the org chart, a
duplicate influence line) are checked first to give a sentence that names the people.

A relationship counts as *built* in the month it began: the stakeholder's "known since"
date, or for a person without one the first logged activity with them (``first_met``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance, Tier
from cs_planner.domain.errors import ValidationError

if TYPE_CHECKING:
    from cs_planner.domain.findings import Finding

from cs_planner.domain.accounts.people import people
from cs_planner.domain.accounts.queries import account_card, get_settings
from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.model import (
    Activity,
    ActivityStakeholder,
    Division,
    InfluenceLink,
    Stakeholder,
    StakeholderRole,
    TeamMember,
    UseCase,
)

LEVELS = (Level.EXECUTIVE, Level.DIRECTOR_VP, Level.MANAGER, Level.END_USER)
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class StakeholderValues:
    """What a user edits on a stakeholder."""

    name: str
    title: str = ""
    division_id: int | None = None
    level: Level = Level.MANAGER
    roles: frozenset[BuyingRole] = frozenset()
    stance: Stance = Stance.NEUTRAL
    influence: int = 3
    reports_to_id: int | None = None
    owner_id: int | None = None
    email: str = ""
    last_contact: dt.date | None = None
    status: StakeholderStatus = StakeholderStatus.ACTIVE
    notes: str = ""
    since: dt.date | None = None


@dataclass(frozen=True)
class StakeholderRow:
    id: int
    name: str
    title: str
    division_id: int | None
    division: str  # "" when none
    level: Level
    roles: frozenset[BuyingRole]
    stance: Stance
    influence: int
    reports_to_id: int | None
    owner_id: int | None
    owner: str  # our person who owns the relationship, "" when nobody
    email: str
    last_contact: dt.date | None
    status: StakeholderStatus
    pinned: tuple[float, float] | None
    notes: str
    since: dt.date | None = None  # as recorded
    first_met: dt.date | None = None  # ``since``, else the first logged activity with them

    @property
    def active(self) -> bool:
        return self.status == StakeholderStatus.ACTIVE

    @property
    def is_champion(self) -> bool:
        return BuyingRole.CHAMPION in self.roles or self.stance == Stance.CHAMPION

    def days_since_contact(self, today: dt.date) -> int | None:
        return (today - self.last_contact).days if self.last_contact else None

    def is_stale(self, today: dt.date, stale_days: int) -> bool:
        days = self.days_since_contact(today)
        return self.active and days is not None and days > stale_days

    @property
    def values(self) -> StakeholderValues:
        return StakeholderValues(
            name=self.name,
            title=self.title,
            division_id=self.division_id,
            level=self.level,
            roles=self.roles,
            stance=self.stance,
            influence=self.influence,
            reports_to_id=self.reports_to_id,
            owner_id=self.owner_id,
            email=self.email,
            last_contact=self.last_contact,
            status=self.status,
            notes=self.notes,
            since=self.since,
        )


@dataclass(frozen=True)
class InfluenceRow:
    id: int
    source_id: int
    target_id: int
    strength: int
    note: str


@dataclass(frozen=True)
class MapData:
    """Everything the Relationships tab and sheet show, read in one transaction."""

    account_id: int
    account_name: str
    tier: Tier
    stakeholders: list[StakeholderRow]
    links: list[InfluenceRow]
    stale_days: int
    monthly_goal: int
    today: dt.date
    divisions: list[tuple[int, str]] = field(default_factory=list)
    team: list[Person] = field(default_factory=list)  # everyone, retired included
    # (use case title, champion's stakeholder id) for the use cases that name a champion
    champions_of_use_cases: list[tuple[str, int]] = field(default_factory=list)

    def by_id(self) -> dict[int, StakeholderRow]:
        return {p.id: p for p in self.stakeholders}

    def coverage(self) -> list[Finding]:
        """The contradictions in the records first, then the coverage and risk rules."""
        from cs_planner.domain.contradictions import ChampionedUseCase, relationship_contradictions
        from cs_planner.domain.relationship_coverage import findings

        cases = [ChampionedUseCase(t, i) for t, i in self.champions_of_use_cases]
        return relationship_contradictions(self.stakeholders, cases) + findings(
            self.stakeholders, self.today, self.stale_days, self.monthly_goal, self.tier
        )


# --- reads -------------------------------------------------------------------------------


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
    roles: dict[int, set[BuyingRole]] = {}
    for person_id, role in session.execute(
        select(StakeholderRole.stakeholder_id, StakeholderRole.role)
        .join(Stakeholder, Stakeholder.id == StakeholderRole.stakeholder_id)
        .where(Stakeholder.account_id == account_id)
    ):
        roles.setdefault(person_id, set()).add(role)
    first_met = dict(
        session.execute(
            select(ActivityStakeholder.stakeholder_id, func.min(Activity.date))
            .join(Activity, Activity.id == ActivityStakeholder.activity_id)
            .where(Activity.account_id == account_id)
            .group_by(ActivityStakeholder.stakeholder_id)
        ).all()
    )
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
        )
        for r in rows
    ]
    return sort_people(people)


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


def load_map(session: Session, account_id: int, today: dt.date) -> MapData:
    card = account_card(session, account_id, today)
    settings = get_settings(session)
    divisions = session.execute(
        select(Division.id, Division.name)
        .where(Division.account_id == account_id)
        .order_by(func.lower(Division.name))
    ).all()
    return MapData(
        account_id=account_id,
        account_name=card.name,
        tier=card.tier,
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


# --- edits ----------------------------------------------------------------------------


def _get(session: Session, stakeholder_id: int) -> Stakeholder:
    person = session.get(Stakeholder, stakeholder_id)
    if person is None:
        raise ValidationError("That stakeholder no longer exists (it may have been deleted).")
    return person


def would_loop(parents: Mapping[int, int | None], person: int, manager: int | None) -> bool:
    """Would ``person`` reporting to ``manager`` close a loop in the org chart?"""
    seen: set[int] = set()
    node = manager
    while node is not None and node not in seen:
        if node == person:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def _check_manager(session: Session, person: Stakeholder, manager_id: int | None) -> None:
    if manager_id is None:
        return
    manager = session.get(Stakeholder, manager_id)
    if manager is None or manager.account_id != person.account_id:
        raise ValidationError("The manager is not a stakeholder of this account.", "reports_to_id")
    if person.id is None:
        return
    parents = dict(
        session.execute(
            select(Stakeholder.id, Stakeholder.reports_to_id).where(
                Stakeholder.account_id == person.account_id
            )
        ).all()
    )
    if manager_id == person.id:
        raise ValidationError(f"{person.name} cannot report to themselves.", "reports_to_id")
    if would_loop(parents, person.id, manager_id):
        what = manager.name
        raise ValidationError(
            f"{person.name} cannot report to {what}: {manager.name} already reports to "
            f"{person.name} (directly or further down), which would make a loop.",
            "reports_to_id",
        )


def _assign(session: Session, person: Stakeholder, values: StakeholderValues) -> None:
    person.name = values.name
    person.title = values.title
    person.level = values.level
    person.stance = values.stance
    person.influence = values.influence
    person.email = values.email
    person.last_contact = values.last_contact
    person.since = values.since
    person.status = values.status
    person.notes = (values.notes or "").strip()
    if values.division_id is not None:
        division = session.get(Division, values.division_id)
        if division is None or (
            person.account_id is not None and division.account_id != person.account_id
        ):
            raise ValidationError("That division is not one of this account's.", "division_id")
    person.division_id = values.division_id
    if values.owner_id is not None and session.get(TeamMember, values.owner_id) is None:
        raise ValidationError("That team member no longer exists.", "owner_id")
    person.owner_id = values.owner_id
    _check_manager(session, person, values.reports_to_id)
    person.reports_to_id = values.reports_to_id
    person.roles = set(values.roles)


def new_stakeholder(session: Session, account_id: int, values: StakeholderValues) -> Stakeholder:
    """A new stakeholder, validated and added to the session (not yet flushed)."""
    person = Stakeholder(account_id=account_id)
    _assign(session, person, values)
    session.add(person)
    return person


def update_stakeholder(
    session: Session, stakeholder_id: int, values: StakeholderValues
) -> StakeholderValues:
    """Change a stakeholder; returns the values as they were (for undo)."""
    person = _get(session, stakeholder_id)
    before = StakeholderValues(
        name=person.name,
        title=person.title,
        division_id=person.division_id,
        level=person.level,
        roles=frozenset(person.roles),
        stance=person.stance,
        influence=person.influence,
        reports_to_id=person.reports_to_id,
        owner_id=person.owner_id,
        email=person.email,
        last_contact=person.last_contact,
        status=person.status,
        notes=person.notes,
        since=person.since,
    )
    _assign(session, person, values)
    session.flush()
    return before


def set_manager(session: Session, stakeholder_id: int, manager_id: int | None) -> int | None:
    """``stakeholder_id`` now reports to ``manager_id`` (None: nobody on the map); a loop
    is refused with a message. Returns the previous manager (for undo)."""
    person = _get(session, stakeholder_id)
    before = person.reports_to_id
    _check_manager(session, person, manager_id)
    person.reports_to_id = manager_id
    session.flush()
    return before


def set_pin(
    session: Session, stakeholder_id: int, position: tuple[float, float] | None
) -> tuple[float, float] | None:
    """Pin a card at ``position`` on the map (None: back to the automatic layout).
    Returns the previous pin (for undo)."""
    person = _get(session, stakeholder_id)
    before = (person.pinned_x, person.pinned_y) if person.pinned_x is not None else None
    x, y = position if position is not None else (None, None)
    for value in (x, y):
        if value is not None and not (-1e6 < value < 1e6):
            raise ValidationError("That position is off the map.", "pinned_x")
    person.pinned_x, person.pinned_y = x, y
    session.flush()
    return before


def new_link(
    session: Session,
    account_id: int,
    source_id: int,
    target_id: int,
    strength: int = 3,
    note: str = "",
) -> InfluenceLink:
    """An informal influence line: ``source`` sways ``target``."""
    source, target = _get(session, source_id), _get(session, target_id)
    if source.id == target.id:
        raise ValidationError("A person cannot influence themselves.", "target_id")
    if source.account_id != account_id or target.account_id != account_id:
        raise ValidationError("Both people must be stakeholders of this account.", "target_id")
    clash = session.scalar(
        select(InfluenceLink.id).where(
            InfluenceLink.source_id == source_id, InfluenceLink.target_id == target_id
        )
    )
    if clash is not None:
        raise ValidationError(
            f"The map already shows {source.name} influencing {target.name}.", "target_id"
        )
    link = InfluenceLink(
        account_id=account_id, source=source, target=target, strength=strength, note=note
    )
    session.add(link)
    return link
