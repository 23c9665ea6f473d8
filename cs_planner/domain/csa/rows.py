"""The CSA capability's read models (DOMAIN.md section 5): the roster, the allocations and
what the views judge of them (per-CSA figures, warnings, coverage gaps, the scorecard)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from cs_planner.domain.accounts.rows import Person, SettingsData
from cs_planner.domain.csa import load
from cs_planner.domain.enums import (
    AllocationPhase,
    Funding,
    RequestedBy,
    TeamRole,
    UseCaseStatus,
)

# --- the roster and the allocations ------------------------------------------------------------


@dataclass(frozen=True)
class CsaValues:
    """What a user edits on a CSA; a rate or target of None means the portfolio default."""

    name: str
    email: str = ""
    capacity_hours_per_week: float = 40.0
    bill_rate: float | None = None
    chargeability_target: float | None = None


@dataclass(frozen=True, slots=True)
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


class AllocationRow(NamedTuple):
    """One allocation as the views show it (a named tuple: the page reads every one)."""

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
        return self.by_csa.get(csa_id, [])

    # What every view of the read needs, computed once per read and shared by the page,
    # the heatmap, the Overview's section and the CSA workbook.
    @cached_property
    def by_csa(self) -> dict[int, list[AllocationRow]]:
        """Allocations grouped by CSA."""
        grouped: dict[int, list[AllocationRow]] = {}
        for allocation in self.allocations:
            grouped.setdefault(allocation.csa_id, []).append(allocation)
        return grouped

    @cached_property
    def weekly_loads(self) -> load.WeeklyLoads:
        """``load.weekly_loads`` of the allocations."""
        return load.weekly_loads(self.allocations)

    def loads_between(self, start: dt.date, end: dt.date) -> load.WeeklyLoads:
        """The weekly loads from ``start``'s week to ``end``'s only: what a window of weeks
        shows and judges (its peak, its weeks over 100%), kept for the last window asked
        for, so the page's figures and heatmap share them. Half the weeks of the whole."""
        made = self._window_loads
        key = (start, end)
        if key not in made:
            made.clear()
            made[key] = load.weekly_loads(self.allocations, start, end)
        return made[key]

    @cached_property
    def _window_loads(self) -> dict[tuple[dt.date, dt.date], load.WeeklyLoads]:
        return {}

    @cached_property
    def over_allocated_ids(self) -> set[int]:
        """``load.over_allocated_ids`` of the allocations."""
        return load.over_allocated_ids(self.allocations, self.weekly_loads)


# --- per-CSA figures and warnings ---------------------------------------------------------------


class WarningKind(StrEnum):
    OVER_ALLOCATED = "over_allocated"
    PRESALES = "presales"
    TRAPPED = "trapped"

    @property
    def label(self) -> str:
        return {
            "over_allocated": "Over-allocated",
            "presales": "Pre-sales pull",
            "trapped": "Trapped on one account",
        }[self.value]


@dataclass(frozen=True, slots=True)
class CsaWarning:
    csa_id: int
    csa: str
    kind: WarningKind
    message: str


@dataclass(frozen=True, slots=True)
class Calendar:
    """The whole months and quarters a window touches, (label, period) for a quarter."""

    months: list[load.Period]
    quarters: list[tuple[str, load.Period]]

    @property
    def periods(self) -> list[load.Period]:
        """The months, then the quarters."""
        return self.months + [q for _label, q in self.quarters]


@dataclass(frozen=True, slots=True)
class CsaFigures:
    """One CSA over a window, with the months and quarters it touches: those figured when
    first asked for (the revenue tab, the workbook), from the CSA's ``spans``."""

    csa: CsaRow
    window: load.PeriodFigures
    peak_load: float
    over_weeks: list[tuple[dt.date, float]]
    warnings: list[CsaWarning] = field(default_factory=list)
    calendar: Calendar = field(default=Calendar([], []), repr=False, compare=False)
    spans: Sequence[AllocationRow] = field(default=(), repr=False, compare=False)
    # The calendar's figures: made with the window's (``rules.csa_figures``), or kept
    # here when first asked for.
    figured: list[load.PeriodFigures] | None = field(default=None, repr=False, compare=False)

    @property
    def below_target(self) -> bool:
        value = self.window.chargeability
        return value is not None and value < self.csa.target - load.EPSILON

    @property
    def months(self) -> list[load.PeriodFigures]:
        return self._calendar_figures[: len(self.calendar.months)]

    @property
    def quarters(self) -> list[tuple[str, load.PeriodFigures]]:
        """(label, figures) of each quarter."""
        figures = self._calendar_figures[len(self.calendar.months) :]
        return [(label, f) for (label, _q), f in zip(self.calendar.quarters, figures, strict=True)]

    @property
    def _calendar_figures(self) -> list[load.PeriodFigures]:
        if self.figured is None:
            periods = self.calendar.periods
            made = load.periods_figures(self.spans, self.csa.capacity, self.csa.rate, periods)
            object.__setattr__(self, "figured", made)  # a cache: not compared, not shown
        assert self.figured is not None
        return self.figured


# --- coverage --------------------------------------------------------------------------------


class GapKind(StrEnum):
    NO_CSA = "no_csa"
    NO_MIRROR = "no_mirror"

    @property
    def label(self) -> str:
        return "Top tier, no CSA" if self is GapKind.NO_CSA else "Mirrored commitment missing"


@dataclass(frozen=True, slots=True)
class CoverageGap:
    account_id: int
    account: str
    kind: GapKind
    detail: str


# --- scorecard -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreditedUseCase:
    """Use cases that name a CSA, with what the scorecard counts of them: ``count`` use
    cases of one CSA, account and status, their users reached and annual value summed."""

    csa_id: int
    account_id: int
    status: UseCaseStatus
    users_reached: int
    annual_value: float
    count: int = 1


@dataclass(frozen=True)
class ScoreRow:
    """What a CSA's work led to, over every account they served (``SERVED_RULE``)."""

    csa_id: int
    csa: str
    accounts_served: int
    use_cases_adopted: int
    users_per_use_case: float | None
    reference_accounts: int
    churned_accounts: int  # accounts served whose ARR fell to zero
    use_cases: int = 0  # every use case naming the CSA, whatever its status
    live: int = 0  # live, not yet adopted
    users_reached: int = 0  # by the adopted ones
    value_realized: float = 0.0  # annual value of the adopted ones
