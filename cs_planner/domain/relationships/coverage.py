"""Relationship coverage and risk, measured: pure functions of ``StakeholderRow``s (levels
covered, champions, new relationships, the mirrored commitment, who needs which message),
shared by the findings (``rules.py``), the workbook's Relationships sheet, the roll-up and
the CSA review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cs_planner.domain.enums import BuyingRole, Level, Stance, Tier

if TYPE_CHECKING:
    from cs_planner.domain.relationships.rows import StakeholderRow

TREND_MONTHS = 6
WARM = (Stance.CHAMPION, Stance.SUPPORTER)


# --- coverage and risk rules (pure) -----------------------------------------------------


def is_relationship(person: StakeholderRow, today: dt.date, stale_days: int) -> bool:
    """A live relationship: the person is still in the seat and we spoke within the
    threshold. A stale or departed contact no longer covers a level."""
    days = person.days_since_contact(today)
    return person.active and days is not None and days <= stale_days


@dataclass(frozen=True)
class CoverageLevel:
    """One of the levels a healthy account has a live relationship at."""

    label: str  # as it reads inside a sentence
    levels: frozenset[Level]  # the stakeholder levels that cover it

    def covers(self, person: StakeholderRow) -> bool:
        return person.level in self.levels


# The one list every sentence, sheet and count of levels uses (DOMAIN.md section 4): a
# healthy account has a live relationship with an end user, a manager, and a director/VP or
# above. An executive covers "director/VP or above"; two executives do not make two levels.
COVERAGE_LEVELS: tuple[CoverageLevel, ...] = (
    CoverageLevel("director/VP or above", frozenset({Level.EXECUTIVE, Level.DIRECTOR_VP})),
    CoverageLevel("manager", frozenset({Level.MANAGER})),
    CoverageLevel("end user", frozenset({Level.END_USER})),
)
LEVELS_GOAL = len(COVERAGE_LEVELS)
LEVELS_RULE = "an end user, a manager, and a director/VP or above"


def coverage_level(level: Level) -> CoverageLevel:
    return next(c for c in COVERAGE_LEVELS if level in c.levels)


@dataclass(frozen=True)
class LevelCoverage:
    covered: tuple[CoverageLevel, ...]
    missing: tuple[CoverageLevel, ...]
    people: Mapping[str, tuple[int, ...]]  # by coverage level label

    @property
    def healthy(self) -> bool:
        return not self.missing

    @property
    def count(self) -> int:
        return len(self.covered)


def level_coverage(
    people: Sequence[StakeholderRow], today: dt.date, stale_days: int
) -> LevelCoverage:
    live = [p for p in people if is_relationship(p, today, stale_days)]
    by_level = {c.label: tuple(p.id for p in live if c.covers(p)) for c in COVERAGE_LEVELS}
    covered = tuple(c for c in COVERAGE_LEVELS if by_level[c.label])
    missing = tuple(c for c in COVERAGE_LEVELS if not by_level[c.label])
    return LevelCoverage(covered, missing, by_level)


def levels_text(levels: Iterable[CoverageLevel]) -> str:
    """ "director/VP or above, manager and end user"."""
    labels = [c.label for c in levels]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def coverage_sentence(cover: LevelCoverage) -> str:
    """ "2 of 3 levels (missing: end user)": the count every view and sheet shows."""
    text = f"{cover.count} of {LEVELS_GOAL} levels"
    return text + (f" (missing: {levels_text(cover.missing)})" if cover.missing else "")


def live_relationships(
    people: Sequence[StakeholderRow], today: dt.date, stale_days: int
) -> list[StakeholderRow]:
    return [p for p in people if is_relationship(p, today, stale_days)]


# Single-threaded: live relationships with at most this many people (the roll-up's bulk read
# counts them in SQL by the same number).
SINGLE_THREAD_MOST = 1


def single_threaded(people: Sequence[StakeholderRow], today: dt.date, stale_days: int) -> bool:
    """The account rests on one person (or on nobody): one departure and it is dark."""
    return len(live_relationships(people, today, stale_days)) <= SINGLE_THREAD_MOST


@dataclass(frozen=True)
class ChampionCheck:
    champions: tuple[int, ...]  # active champions
    economic_buyers: tuple[int, ...]  # active economic buyers
    buyer_supportive: bool  # an economic buyer is at least a supporter


def champion_check(people: Sequence[StakeholderRow]) -> ChampionCheck:
    champions = tuple(p.id for p in people if p.active and p.is_champion)
    buyers = [p for p in people if p.active and BuyingRole.ECONOMIC_BUYER in p.roles]
    return ChampionCheck(
        champions=champions,
        economic_buyers=tuple(p.id for p in buyers),
        buyer_supportive=any(p.stance in WARM for p in buyers),
    )


def safe_switches(people: Sequence[StakeholderRow]) -> list[StakeholderRow]:
    """Champions who left the company or changed role: re-win whoever now holds the seat."""
    return [p for p in people if not p.active and p.is_champion]


def stale_relationships(
    people: Sequence[StakeholderRow], today: dt.date, stale_days: int
) -> list[StakeholderRow]:
    """Active people we have not spoken to for longer than the threshold, longest first."""
    stale = [p for p in people if p.is_stale(today, stale_days)]
    return sorted(stale, key=lambda p: (p.last_contact, p.name))


def month_start(day: dt.date, back: int = 0) -> dt.date:
    """The first day of ``day``'s month, ``back`` months earlier."""
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class NewRelationships:
    this_month: tuple[int, ...]
    levels: tuple[CoverageLevel, ...]  # coverage levels the new ones are at, in list order
    goal: int
    trend: tuple[tuple[dt.date, int], ...]  # (month, count), oldest first, this month last

    @property
    def met_goal(self) -> bool:
        return len(self.this_month) >= self.goal

    @property
    def one_per_level(self) -> bool:
        """The ideal: one new relationship at each coverage level (an end user, a manager,
        a director/VP or above), or at as many as the goal allows when it is under three."""
        return len(self.levels) >= min(LEVELS_GOAL, self.goal)


def new_relationships(
    people: Sequence[StakeholderRow], today: dt.date, goal: int
) -> NewRelationships:
    months = [month_start(today, back) for back in range(TREND_MONTHS - 1, -1, -1)]
    counts = dict.fromkeys(months, 0)
    for p in people:
        if p.first_met and p.first_met <= today:
            key = month_start(p.first_met)
            if key in counts:
                counts[key] += 1
    current = [
        p
        for p in people
        if p.first_met and month_start(p.first_met) == months[-1] and p.first_met <= today
    ]
    levels = tuple(c for c in COVERAGE_LEVELS if any(c.covers(p) for p in current))
    return NewRelationships(
        this_month=tuple(p.id for p in current),
        levels=levels,
        goal=goal,
        trend=tuple((m, counts[m]) for m in months),
    )


# The mirrored commitment (DOMAIN.md section 4): for a top-tier account we give an executive
# sponsor and a CSA, and the customer mirrors with an executive sponsor and a program
# manager. The one rule the map, the roll-up and the CSAs page all apply: a top-tier
# account's customer has named both, among the people still in their seat.
MIRROR_ROLES = (BuyingRole.EXECUTIVE_SPONSOR, BuyingRole.PROGRAM_MANAGER)
MIRROR_RULE = (
    "a top-tier account's customer names an executive sponsor and a program manager "
    "to mirror our executive sponsor and CSA"
)


@dataclass(frozen=True)
class MirroredCommitment:
    sponsors: tuple[int, ...]
    program_managers: tuple[int, ...]

    @property
    def complete(self) -> bool:
        return bool(self.sponsors) and bool(self.program_managers)

    @property
    def missing(self) -> tuple[BuyingRole, ...]:
        held = {BuyingRole.EXECUTIVE_SPONSOR: self.sponsors}
        held[BuyingRole.PROGRAM_MANAGER] = self.program_managers
        return tuple(r for r in MIRROR_ROLES if not held[r])


def mirror_missing(tier: Tier, roles: Iterable[BuyingRole]) -> tuple[BuyingRole, ...] | None:
    """The mirrored roles a top-tier account's customer has not named (``roles``: those held
    by its active people); None for other tiers, where the rule does not apply."""
    if tier != Tier.TOP:
        return None
    held = set(roles)
    return tuple(r for r in MIRROR_ROLES if r not in held)


def mirror_gap_sentence(missing: Sequence[BuyingRole]) -> str:
    """What a top-tier account lacks of the mirrored commitment, as one sentence."""
    names = [
        ("an " if r == BuyingRole.EXECUTIVE_SPONSOR else "a ") + r.label.lower() for r in missing
    ]
    return f"Top-tier account: the customer has not named {' or '.join(names)} to mirror ours."


def mirrored_commitment(people: Sequence[StakeholderRow], tier: Tier) -> MirroredCommitment | None:
    """For a top-tier account: has the customer named an executive sponsor and a program
    manager (mirroring our sponsor and CSA)? None for other tiers."""
    if tier != Tier.TOP:
        return None

    def holding(role: BuyingRole) -> tuple[int, ...]:
        return tuple(p.id for p in people if p.active and role in p.roles)

    return MirroredCommitment(
        holding(BuyingRole.EXECUTIVE_SPONSOR), holding(BuyingRole.PROGRAM_MANAGER)
    )


MESSAGE_BUSINESS = "business value"
MESSAGE_WORKFLOW = "time saved in their workflow"
MESSAGE_RELIABILITY = "support and reliability"


def audiences(people: Sequence[StakeholderRow]) -> list[tuple[str, tuple[int, ...]]]:
    """Who needs which value message: business value for department heads (director/VP and
    executives), time saved for end users, support and reliability for technical buyers.
    A technical buyer hears the technical message whatever their level."""
    active = [p for p in people if p.active]
    technical = {p.id for p in active if BuyingRole.TECHNICAL_BUYER in p.roles}
    heads = [
        p.id
        for p in active
        if p.level in (Level.EXECUTIVE, Level.DIRECTOR_VP) and p.id not in technical
    ]
    users = [p.id for p in active if p.level == Level.END_USER and p.id not in technical]
    return [
        (MESSAGE_BUSINESS, tuple(heads)),
        (MESSAGE_WORKFLOW, tuple(users)),
        (MESSAGE_RELIABILITY, tuple(p.id for p in active if p.id in technical)),
    ]
