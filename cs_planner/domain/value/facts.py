"""The dated facts an account's health is judged from, as plain frozen rows (read in bulk by
``health_reads``). Each knows how to look as of a past day, so a score for any month end is
computed from the same facts, cut at that day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cs_planner.domain.enums import RiskLevel, UseCaseStatus
from cs_planner.domain.relationships import coverage
from cs_planner.domain.relationships.rows import StakeholderRow


@dataclass(frozen=True)
class Usage:
    """A usage snapshot: seats, active users and features in use on a day."""

    on: dt.date
    seats: int
    active: int
    features: int | None


@dataclass(frozen=True)
class MetricSeries:
    """One metric the account tracks: its baseline, quarterly targets and measurements,
    each in date order."""

    name: str
    unit: str
    lower_is_better: bool
    baseline: float | None
    baseline_date: dt.date | None
    targets: tuple[tuple[dt.date, float], ...]  # (quarter start, target)
    values: tuple[tuple[dt.date, float], ...]  # (measured on, value)

    def latest(self, as_of: dt.date) -> tuple[dt.date, float] | None:
        seen = [v for v in self.values if v[0] <= as_of]
        return seen[-1] if seen else None

    def target_for(self, day: dt.date) -> float | None:
        """The target in force on ``day``: the latest whose quarter began on or before it."""
        due = [t for quarter, t in self.targets if quarter <= day]
        return due[-1] if due else None


@dataclass(frozen=True)
class UseCaseFact:
    title: str
    status: UseCaseStatus
    target_quarter: dt.date | None


@dataclass(frozen=True)
class RiskFact:
    severity: RiskLevel
    open: bool


@dataclass(frozen=True)
class PeopleCount:
    """The relationship map's coverage figures of an account on a day: counted from its
    people (``relationships.coverage``), or in SQL for a whole portfolio's today
    (``rollup.people.count_people``, held to the same figures by a test)."""

    stakeholders: int
    levels_covered: int
    single_threaded: bool
    champions: int  # active champions
    stale: int
    left_champion: str | None  # a champion who left or moved (the first), if any


@dataclass(frozen=True)
class HealthFacts:
    """Everything one account's score reads. ``seats``/``active`` are the account's current
    figures: today's usage, whatever the snapshots say."""

    account_id: int
    name: str
    customer_since: dt.date | None
    renewal_date: dt.date | None
    churned_on: dt.date | None
    seats: int
    active: int
    features_available: int  # products in the catalogue
    usage: tuple[Usage, ...]  # by date
    metrics: tuple[MetricSeries, ...]
    use_cases: tuple[UseCaseFact, ...]
    people: tuple[StakeholderRow, ...]
    risks: tuple[RiskFact, ...]
    stale_days: int
    today: dt.date  # the day the current figures are from
    counted: PeopleCount | None = None  # today's figures, when read in bulk (no ``people``)
    # usage_until's answers by day: three indicators ask for the same day's
    _usage: dict[dt.date, list[Usage]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def usage_until(self, as_of: dt.date) -> list[Usage]:
        """Snapshots up to ``as_of``. From today on, the account's own seats and active
        users (as the Overview edits them) stand for today's snapshot, with the features
        last counted."""
        known = self._usage.get(as_of)
        if known is None:
            known = self._usage[as_of] = self._usage_until(as_of)
        return known

    def _usage_until(self, as_of: dt.date) -> list[Usage]:
        seen = [u for u in self.usage if u.on <= as_of]
        if as_of < self.today or self.seats <= 0:
            return seen
        before = [u for u in seen if u.on < self.today]
        features = next((u.features for u in reversed(seen) if u.features is not None), None)
        return [*before, Usage(self.today, self.seats, self.active, features)]

    def people_count(self, as_of: dt.date) -> PeopleCount:
        """The coverage figures on ``as_of``."""
        if self.counted is not None and as_of >= self.today:
            return self.counted
        people = self.people_on(as_of)
        left = coverage.safe_switches(people)
        return PeopleCount(
            stakeholders=len(people),
            levels_covered=coverage.level_coverage(people, as_of, self.stale_days).count,
            single_threaded=coverage.single_threaded(people, as_of, self.stale_days),
            champions=len(coverage.champion_check(people).champions),
            stale=len(coverage.stale_relationships(people, as_of, self.stale_days)),
            left_champion=left[0].name if left else None,
        )

    def people_on(self, as_of: dt.date) -> list[StakeholderRow]:
        """The map as it stands, less the people first met after ``as_of`` (statuses have no
        history: who left, left for every month)."""
        return [p for p in self.people if p.first_met is None or p.first_met <= as_of]
