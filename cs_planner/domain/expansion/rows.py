"""The six-dimension expansion plan's read models (frozen, never ORM objects) and the
measures they show: progress from baseline to target, an opportunity's expected uplift, grid
totals, the pace. ``queries`` fills them, ``rules`` computes the plan (the projection, what
to pursue next, the roll-up), ``pace`` counts quarters from the first deal, ``edits``
changes the plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from cs_planner.domain.accounts.rules import expansion_multiple
from cs_planner.domain.enums import Dimension, OpportunityStatus, WhitespaceState
from cs_planner.domain.quarters import add_quarters, quarter_label, quarter_start

REFERENCE_MULTIPLES = (5, 20, 50)
DEFAULT_UNITS: dict[Dimension, str] = {
    Dimension.USAGE: "",
    Dimension.USE_CASES: "use cases adopted",
    Dimension.USERS: "active users",
    Dimension.FUNCTIONALITY: "products in use",
    Dimension.DIVISIONS: "divisions adopted",
    Dimension.GEOGRAPHIES: "geographies live",
}


# --- read models -------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionValues:
    """What a user edits on one dimension of the plan."""

    applies: bool = True
    unit: str = ""
    baseline: float | None = None
    current: float | None = None  # typed; only usage keeps it (the others are derived)
    target: float | None = None
    target_quarter: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class DimensionRow:
    dimension: Dimension
    values: DimensionValues
    current: float | None  # derived where the data exists, else the recorded value
    derived: bool
    out_of: int | None  # functionality: products in the catalogue
    open_count: int
    open_value: float  # unweighted ACV uplift of open opportunities
    weighted_value: float  # confidence-weighted

    @property
    def unit(self) -> str:
        return self.values.unit or DEFAULT_UNITS[self.dimension]

    @property
    def progress(self) -> float | None:
        """The one progress measure every view shows: the share of the way from the
        baseline to the target (0 at or below the baseline, 1 at the target)."""
        return progress(self.values.baseline, self.current, self.values.target)

    @property
    def below_baseline(self) -> bool:
        """The current value has fallen below the day-one benchmark: lost ground."""
        baseline = self.values.baseline
        return baseline is not None and self.current is not None and self.current < baseline


@dataclass(frozen=True)
class OpportunityValues:
    """What a user edits on an opportunity."""

    dimension: Dimension
    title: str
    acv_uplift: float = 0.0
    confidence: int = 50
    status: OpportunityStatus = OpportunityStatus.OPEN
    target_quarter: dt.date | None = None
    closed_on: dt.date | None = None
    use_case_id: int | None = None
    division_id: int | None = None
    geography_id: int | None = None
    product_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class OpportunityRow:
    id: int
    values: OpportunityValues
    linked: str  # "Use case: ... · Division: ..." for the table

    @property
    def weighted(self) -> float:
        return weighted_uplift(self.values)


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


@dataclass(frozen=True)
class WhitespaceGrid:
    """Divisions (rows) against products or geographies (columns)."""

    by: str  # "product" or "geography"
    rows: tuple[Choice, ...]
    columns: tuple[Choice, ...]
    states: dict[tuple[int, int], WhitespaceState]  # (division id, column id); absent: unset
    uplift: dict[tuple[int, int], float]  # open opportunities' ACV uplift in a cell

    def state(self, row_id: int, column_id: int) -> WhitespaceState | None:
        return self.states.get((row_id, column_id))

    def row_total(self, row_id: int) -> GridTotal:
        return grid_total(self, [(row_id, c.id) for c in self.columns])

    def column_total(self, column_id: int) -> GridTotal:
        return grid_total(self, [(r.id, column_id) for r in self.rows])

    def total(self) -> GridTotal:
        return grid_total(self, [(r.id, c.id) for r in self.rows for c in self.columns])


@dataclass(frozen=True)
class GridTotal:
    counts: dict[WhitespaceState, int]
    uplift: float

    @property
    def live(self) -> int:
        return self.counts.get(WhitespaceState.LIVE, 0)

    @property
    def relevant(self) -> int:
        return sum(n for s, n in self.counts.items() if s != WhitespaceState.NOT_RELEVANT)


def grid_total(grid: WhitespaceGrid, keys: Iterable[tuple[int, int]]) -> GridTotal:
    counts: dict[WhitespaceState, int] = {}
    uplift = 0.0
    for key in keys:
        state = grid.states.get(key)
        if state is not None:
            counts[state] = counts.get(state, 0) + 1
        uplift += grid.uplift.get(key, 0.0)
    return GridTotal(counts, uplift)


@dataclass(frozen=True)
class Projection:
    """ARR over the next quarters: weighted by confidence and best case (unweighted)."""

    initial_deal_value: float
    arr_today: float
    quarters: tuple[dt.date, ...]
    weighted: tuple[float, ...]
    best: tuple[float, ...]
    unplaced: int  # open opportunities with no target quarter (left out)
    beyond: int  # open opportunities after the horizon (left out)

    @property
    def has_arr(self) -> bool:
        """Without ARR today there is no multiple to project from (NO_ARR_YET)."""
        return self.multiple_today is not None

    def multiple(self, arr: float) -> float | None:
        return expansion_multiple(arr, self.initial_deal_value)

    @property
    def multiple_today(self) -> float | None:
        return self.multiple(self.arr_today)

    def weighted_multiple_at(self, quarter_number: int) -> float | None:
        """The projected multiple at the end of quarter ``quarter_number`` (1-based); None
        while the account has no ARR today, whatever its pipeline."""
        if not self.has_arr:
            return None
        return self.multiple(self.weighted[quarter_number - 1])

    def best_multiple_at(self, quarter_number: int) -> float | None:
        if not self.has_arr:
            return None
        return self.multiple(self.best[quarter_number - 1])


@dataclass(frozen=True)
class Suggestion:
    dimension: Dimension
    score: float
    text: str


@dataclass(frozen=True)
class ExpansionData:
    """Everything the Expansion tab and the Expansion sheet show, read in one transaction."""

    account_id: int
    account_name: str
    currency: str
    fy_start_month: int
    arr: float
    initial_deal_value: float
    today: dt.date
    dimensions: tuple[DimensionRow, ...]
    opportunities: tuple[OpportunityRow, ...]
    history: tuple[tuple[dt.date, float], ...]  # (quarter, ARR), oldest first
    projection: Projection
    suggestions: tuple[Suggestion, ...]
    products: tuple[Choice, ...]
    divisions: tuple[Choice, ...]
    geographies: tuple[Choice, ...]
    use_cases: tuple[Choice, ...]
    usage_metrics: tuple[str, ...]  # metric names the CSM can pick for usage
    initial_deal_date: dt.date | None = None
    pace: Pace | None = None  # quarters 6 and 8 after the first deal (``pace``)

    def dimension(self, dimension: Dimension) -> DimensionRow:
        return next(d for d in self.dimensions if d.dimension == dimension)

    def label(self, quarter: dt.date | None) -> str:
        return quarter_label(quarter, self.fy_start_month) if quarter else ""

    def quarter_choices(self, around: dt.date | None = None) -> list[dt.date]:
        """Quarters offered for a target: four back to twelve ahead, plus ``around``."""
        now = quarter_start(self.today, self.fy_start_month)
        quarters = [add_quarters(now, n) for n in range(-4, 13)]
        if around is not None and around not in quarters:
            quarters = sorted([*quarters, around])
        return quarters


# --- measures --------------------------------------------------------------------------------


def progress(baseline: float | None, current: float | None, target: float | None) -> float | None:
    """How far from baseline to target the current value is, 0 to 1 (None without a target);
    a current value below the baseline is 0 (``DimensionRow.below_baseline`` says so)."""
    if target is None or current is None:
        return None
    start = baseline or 0.0
    if target <= start:
        return 1.0 if current >= target else 0.0
    return min(1.0, max(0.0, (current - start) / (target - start)))


class Uplift(Protocol):
    """What a projection reads of an opportunity (``OpportunityValues`` or an ``OpenUplift``)."""

    @property
    def dimension(self) -> Dimension: ...
    @property
    def status(self) -> OpportunityStatus: ...
    @property
    def acv_uplift(self) -> float: ...
    @property
    def confidence(self) -> int: ...
    @property
    def target_quarter(self) -> dt.date | None: ...


class OpenUplift(NamedTuple):
    """An open opportunity as the portfolio's projections read it: thousands of them, so a
    tuple of the four figures, not the whole ``OpportunityValues``."""

    dimension: Dimension
    acv_uplift: float
    confidence: int
    target_quarter: dt.date | None

    @property
    def status(self) -> OpportunityStatus:
        return OpportunityStatus.OPEN


def weighted_uplift(values: Uplift) -> float:
    """An open opportunity's expected ACV uplift; won and lost ones add nothing to come."""
    if values.status != OpportunityStatus.OPEN:
        return 0.0
    return values.acv_uplift * values.confidence / 100


# --- the pace and the portfolio ---------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    number: int  # quarters after the first deal's quarter
    quarter: dt.date
    multiple: float | None  # at the end of that quarter; None: no ARR recorded for it
    best: float | None  # the best case, for a quarter still to come
    projected: bool  # True: still to come (or under way), from the projection

    @property
    def reached(self) -> tuple[int, ...]:
        """The reference multiples (5x, 20x, 50x) at or below this milestone's multiple."""
        if self.multiple is None:
            return ()
        return tuple(m for m in REFERENCE_MULTIPLES if self.multiple >= m - 1e-9)


@dataclass(frozen=True)
class Pace:
    first_deal: dt.date | None
    fy_start_month: int
    milestones: tuple[Milestone, ...]  # one per PACE_QUARTERS; empty without a first deal

    def milestone(self, number: int) -> Milestone | None:
        return next((m for m in self.milestones if m.number == number), None)

    def label(self, quarter: dt.date) -> str:
        return quarter_label(quarter, self.fy_start_month)

    def verdict(self) -> str:
        """One sentence: on pace for which multiple by quarter 8 after the first deal."""
        if self.first_deal is None or not self.milestones:
            return (
                "No first-deal date: record it on the Overview to see the pace for 5x, 20x "
                "and 50x within six to eight quarters of the first deal."
            )
        last = self.milestones[-1]
        when = f"quarter {last.number} after the first deal ({self.label(last.quarter)})"
        if last.multiple is None:
            return f"No ARR recorded for {when}: the pace cannot be judged."
        figure = f"{last.multiple:.1f}x"
        reached = last.reached
        if not last.projected:
            if reached:
                return f"Reached {reached[-1]}x by {when}: {figure}."
            return f"Below 5x at {when}: {figure}."
        if reached:
            return f"On pace for {reached[-1]}x by {when}: {figure} projected."
        return f"Not on pace for 5x by {when}: {figure} projected (weighted)."


@dataclass(frozen=True, slots=True)  # one per account
class AccountProjection:
    account_id: int
    name: str
    arr: float
    initial_deal_value: float
    multiple_today: float | None  # None: no ARR yet
    projected_multiple: float | None  # weighted, at the end of the horizon
    best_multiple: float | None
    expected_uplift: float


@dataclass(frozen=True)
class PortfolioExpansion:
    currency: str
    by_dimension: tuple[tuple[Dimension, float, float, int], ...]  # weighted, best, count
    accounts: tuple[AccountProjection, ...]  # by projected multiple, highest first
