"""The six-dimension expansion plan: read models and the pure rules behind the Expansion tab
(derived current values, what to pursue next, the zero-to-50x projection, whitespace cycling,
the portfolio roll-up). Reads are in ``domain.expansion_queries``, edits in
``domain.expansion_edits``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cs_planner.domain.accounts.rules import expansion_multiple
from cs_planner.domain.enums import (
    Dimension,
    OpportunityStatus,
    UseCaseStatus,
    WhitespaceState,
)
from cs_planner.domain.quarters import add_quarters, quarter_label, quarter_start

if TYPE_CHECKING:
    from cs_planner.domain.expansion_pace import Pace

# The three pairings of DOMAIN.md section 2, in the order the plan shows them.
PAIRINGS: tuple[tuple[str, Dimension, Dimension], ...] = (
    ("Depth and breadth of use", Dimension.USAGE, Dimension.USE_CASES),
    ("People and product", Dimension.USERS, Dimension.FUNCTIONALITY),
    ("Organisation and reach", Dimension.DIVISIONS, Dimension.GEOGRAPHIES),
)
HORIZON = 8  # quarters the projection looks ahead
REFERENCE_MULTIPLES = (5, 20, 50)
LIVE_USE_CASE = (UseCaseStatus.LIVE, UseCaseStatus.ADOPTED)

# Where a current value comes from when the data already exists (usage is recorded).
DERIVED_FROM: dict[Dimension, str] = {
    Dimension.USE_CASES: "adopted use cases on the roadmap",
    Dimension.USERS: "the account's active users",
    Dimension.FUNCTIONALITY: "catalogue products used by a live or adopted use case, "
    "or live in the whitespace grid",
    Dimension.DIVISIONS: "divisions whose engagement is adopted",
    Dimension.GEOGRAPHIES: "geographies with a live or adopted use case",
}
DEFAULT_UNITS: dict[Dimension, str] = {
    Dimension.USAGE: "",
    Dimension.USE_CASES: "use cases adopted",
    Dimension.USERS: "active users",
    Dimension.FUNCTIONALITY: "products in use",
    Dimension.DIVISIONS: "divisions adopted",
    Dimension.GEOGRAPHIES: "geographies live",
}

# A click on a whitespace cell moves it along: unassessed, then an opportunity, work in
# progress, live, and finally "not relevant" before coming round to an opportunity again.
CYCLE: tuple[WhitespaceState, ...] = (
    WhitespaceState.OPPORTUNITY,
    WhitespaceState.IN_PROGRESS,
    WhitespaceState.LIVE,
    WhitespaceState.NOT_RELEVANT,
)

# One colour per state, shared by the app and the workbook so that both read alike:
# green is live, blue work in progress, amber an opportunity to pursue, grey not relevant.
STATE_COLOURS: dict[WhitespaceState, str] = {
    WhitespaceState.LIVE: "#C8E6C9",
    WhitespaceState.IN_PROGRESS: "#BBDEFB",
    WhitespaceState.OPPORTUNITY: "#FFE0B2",
    WhitespaceState.NOT_RELEVANT: "#E0E0E0",
}
STATE_MEANINGS: dict[WhitespaceState, str] = {
    WhitespaceState.LIVE: "the product is live here",
    WhitespaceState.IN_PROGRESS: "being implemented or planned",
    WhitespaceState.OPPORTUNITY: "room to expand; shows the open ACV uplift",
    WhitespaceState.NOT_RELEVANT: "not a fit here",
}


def next_state(state: WhitespaceState | None) -> WhitespaceState:
    """The state a click moves a whitespace cell to (an unassessed cell becomes an
    opportunity)."""
    if state is None:
        return CYCLE[0]
    return CYCLE[(CYCLE.index(state) + 1) % len(CYCLE)]


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
    pace: Pace | None = None  # quarters 6 and 8 after the first deal (``expansion_pace``)

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


# --- pure rules ----------------------------------------------------------------------------


PROGRESS_RULE = "the share of the way from the baseline to the target"


def progress(baseline: float | None, current: float | None, target: float | None) -> float | None:
    """How far from baseline to target the current value is, 0 to 1 (None without a target);
    a current value below the baseline is 0 (``DimensionRow.below_baseline`` says so)."""
    if target is None or current is None:
        return None
    start = baseline or 0.0
    if target <= start:
        return 1.0 if current >= target else 0.0
    return min(1.0, max(0.0, (current - start) / (target - start)))


def weighted_uplift(values: OpportunityValues) -> float:
    """An open opportunity's expected ACV uplift; won and lost ones add nothing to come."""
    if values.status != OpportunityStatus.OPEN:
        return 0.0
    return values.acv_uplift * values.confidence / 100


def project(
    arr_today: float,
    initial_deal_value: float,
    opportunities: Iterable[OpportunityValues],
    current_quarter: dt.date,
    horizon: int = HORIZON,
) -> Projection:
    """ARR at the end of each of the ``horizon`` quarters after ``current_quarter``: today's
    ARR plus the uplift of the open opportunities targeted at or before that quarter.

    An open opportunity already overdue counts from the first quarter (it is still expected);
    one without a target quarter or after the horizon is left out and counted."""
    quarters = tuple(add_quarters(current_quarter, n) for n in range(1, horizon + 1))
    weighted = [0.0] * horizon
    best = [0.0] * horizon
    unplaced = beyond = 0
    for opp in opportunities:
        if opp.status != OpportunityStatus.OPEN:
            continue
        if opp.target_quarter is None:
            unplaced += 1
            continue
        if opp.target_quarter > quarters[-1]:
            beyond += 1
            continue
        first = next(n for n, q in enumerate(quarters) if opp.target_quarter <= q)
        for n in range(first, horizon):
            weighted[n] += weighted_uplift(opp)
            best[n] += opp.acv_uplift
    return Projection(
        initial_deal_value=initial_deal_value,
        arr_today=arr_today,
        quarters=quarters,
        weighted=tuple(arr_today + w for w in weighted),
        best=tuple(arr_today + b for b in best),
        unplaced=unplaced,
        beyond=beyond,
    )


def suggest(
    dimensions: Sequence[DimensionRow], money: Callable[[float], str], limit: int = 3
) -> tuple[Suggestion, ...]:
    """Which dimensions to pursue next: the share of the way still to go to the target,
    weighted by the expected value of the open opportunities behind it. Dimensions with a
    gap but no opportunity follow, so the plan says where an opportunity is missing."""
    ranked: list[Suggestion] = []
    for row in dimensions:
        target, current = row.values.target, row.current
        if not row.values.applies or not target or current is None or current >= target:
            continue
        gap = (target - current) / target
        to_go = _figure(target - current)
        what = f"{row.dimension.label}: {to_go} more {row.unit} to reach {_figure(target)}"
        if row.open_count:
            plural = "opportunity" if row.open_count == 1 else "opportunities"
            text = (
                f"{what}, {_pct(gap)} of the way still to go; {row.open_count} open {plural} "
                f"worth {money(row.open_value)} ({money(row.weighted_value)} expected)."
            )
        else:
            text = f"{what}, {_pct(gap)} of the way still to go; no open opportunity yet."
        # Without opportunities the score is the gap alone, scaled so these rank last.
        score = gap * row.weighted_value if row.open_count else gap * 1e-9
        ranked.append(Suggestion(row.dimension, score, text))
    ranked.sort(key=lambda s: -s.score)
    return tuple(ranked[:limit])


def _figure(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _pct(share: float) -> str:
    return f"{share:.0%}"


# --- the portfolio ---------------------------------------------------------------------------


@dataclass(frozen=True)
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


def roll_up(
    currency: str,
    accounts: Sequence[tuple[int, str, float, float]],
    opportunities: dict[int, list[OpportunityValues]],
    current_quarter: dt.date,
) -> PortfolioExpansion:
    """The portfolio roll-up as a pure function of the accounts and their open
    opportunities. Expected ARR by dimension counts every open opportunity, whatever its
    quarter; the ranking uses each account's projection at the end of the horizon."""
    totals = {d: [0.0, 0.0, 0] for d in Dimension}
    for values in opportunities.values():
        for o in values:
            total = totals[o.dimension]
            total[0] += weighted_uplift(o)
            total[1] += o.acv_uplift
            total[2] += 1
    ranked = []
    for account_id, name, arr, initial in accounts:
        mine = opportunities.get(account_id, [])
        p = project(arr or 0.0, initial, mine, current_quarter)
        ranked.append(
            AccountProjection(
                account_id=account_id,
                name=name,
                arr=arr or 0.0,
                initial_deal_value=initial,
                multiple_today=p.multiple_today,
                projected_multiple=p.weighted_multiple_at(HORIZON),
                best_multiple=p.best_multiple_at(HORIZON),
                expected_uplift=p.weighted[-1] - p.arr_today,
            )
        )
    # Accounts without ARR have no multiple to rank by: after the others, by name.
    ranked.sort(
        key=lambda a: (a.projected_multiple is None, -(a.projected_multiple or 0), a.name.lower())
    )
    return PortfolioExpansion(
        currency=currency,
        by_dimension=tuple((d, t[0], t[1], int(t[2])) for d, t in totals.items()),
        accounts=tuple(ranked),
    )
