"""The relationship map's read models: frozen rows the queries return and every floor
shows (the tab, the coverage rules, the workbook, the roll-up).

A relationship counts as *built* in the month it began: the stakeholder's "known since"
date, or for a person without one the first logged activity with them (``first_met``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance, Tier
from cs_planner.domain.findings import Finding
from cs_planner.domain.relationships import rules

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
    phone: str = ""
    country: str = ""


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
    phone: str = ""  # private: a personal contact detail (workshop.privacy)
    country: str = ""

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
            phone=self.phone,
            country=self.country,
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
        cases = [rules.ChampionedUseCase(t, i) for t, i in self.champions_of_use_cases]
        return rules.relationship_contradictions(self.stakeholders, cases) + rules.findings(
            self.stakeholders, self.today, self.stale_days, self.monthly_goal, self.tier
        )
