"""The expansion plan's pure rules (no session): the pairings and vocabulary, whitespace
cycling, the projection over the next quarters, what to pursue next, the portfolio roll-up,
and the targets the whitespace grid contradicts."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence

from cs_planner.domain.enums import (
    Dimension,
    OpportunityStatus,
    Severity,
    UseCaseStatus,
    WhitespaceState,
)
from cs_planner.domain.expansion.rows import (
    AccountProjection,
    DimensionRow,
    PortfolioExpansion,
    Projection,
    Suggestion,
    Uplift,
    WhitespaceGrid,
    weighted_uplift,
)
from cs_planner.domain.findings import Finding
from cs_planner.domain.quarters import add_quarters

# The three pairings of DOMAIN.md section 2, in the order the plan shows them.
PAIRINGS: tuple[tuple[str, Dimension, Dimension], ...] = (
    ("Depth and breadth of use", Dimension.USAGE, Dimension.USE_CASES),
    ("People and product", Dimension.USERS, Dimension.FUNCTIONALITY),
    ("Organisation and reach", Dimension.DIVISIONS, Dimension.GEOGRAPHIES),
)
HORIZON = 8  # quarters the projection looks ahead
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

# A click on a whitespace cell moves it along: unassessed, then an opportunity, work in
# progress, live, and finally "not relevant" before coming round to an opportunity again.
CYCLE: tuple[WhitespaceState, ...] = (
    WhitespaceState.OPPORTUNITY,
    WhitespaceState.IN_PROGRESS,
    WhitespaceState.LIVE,
    WhitespaceState.NOT_RELEVANT,
)

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


PROGRESS_RULE = "the share of the way from the baseline to the target"


def project(
    arr_today: float,
    initial_deal_value: float,
    opportunities: Iterable[Uplift],
    current_quarter: dt.date,
    horizon: int = HORIZON,
) -> Projection:
    """ARR at the end of each of the ``horizon`` quarters after ``current_quarter``: today's
    ARR plus the uplift of the open opportunities targeted at or before that quarter.

    An open opportunity already overdue counts from the first quarter (it is still expected);
    one without a target quarter or after the horizon is left out and counted."""
    quarters = _quarters_after(current_quarter, horizon)
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


@functools.lru_cache(maxsize=64)
def _quarters_after(current_quarter: dt.date, horizon: int) -> tuple[dt.date, ...]:
    """The ``horizon`` quarters after ``current_quarter`` (the same for every account of a
    roll-up: worked out once, not thousands of times)."""
    return tuple(add_quarters(current_quarter, n) for n in range(1, horizon + 1))


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


def roll_up(
    currency: str,
    accounts: Sequence[tuple[int, str, float, float]],
    opportunities: Mapping[int, Sequence[Uplift]],
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


# --- targets the whitespace grid contradicts ------------------------------------------------


def relevant_divisions(products: WhitespaceGrid, geographies: WhitespaceGrid) -> list[int]:
    """Divisions not marked "not relevant" in every cell of both grids (a cell not yet
    assessed leaves the division in play)."""
    kept = []
    for row in products.rows:
        cells = [products.state(row.id, c.id) for c in products.columns]
        cells += [geographies.state(row.id, c.id) for c in geographies.columns]
        if not cells or any(s != WhitespaceState.NOT_RELEVANT for s in cells):
            kept.append(row.id)
    return kept


def relevant_columns(grid: WhitespaceGrid) -> list[int]:
    """Products (or geographies) not marked "not relevant" for every division."""
    return [
        c.id
        for c in grid.columns
        if not grid.rows
        or any(grid.state(r.id, c.id) != WhitespaceState.NOT_RELEVANT for r in grid.rows)
    ]


def expansion_contradictions(
    dimensions: Sequence[DimensionRow], products: WhitespaceGrid, geographies: WhitespaceGrid
) -> list[Finding]:
    """A divisions, geographies or functionality target larger than the number of
    divisions, geographies or products the whitespace grids leave relevant."""
    counts = {
        Dimension.DIVISIONS: (
            products.rows,
            relevant_divisions(products, geographies),
            "divisions",
        ),
        Dimension.GEOGRAPHIES: (geographies.columns, relevant_columns(geographies), "geographies"),
        Dimension.FUNCTIONALITY: (products.columns, relevant_columns(products), "products"),
    }
    out: list[Finding] = []
    for row in dimensions:
        if row.dimension not in counts or not row.values.applies or row.values.target is None:
            continue
        everything, relevant, noun = counts[row.dimension]
        target = row.values.target
        if target <= len(relevant) + 1e-9:
            continue
        ruled_out = [c.label for c in everything if c.id not in set(relevant)]
        text = (
            f"{row.dimension.label} target {_figure(target)}, but only {len(relevant)} of the "
            f"{len(everything)} {noun} are relevant in the whitespace grid"
        )
        if ruled_out:
            text += f" ({', '.join(ruled_out)} marked not relevant everywhere)"
        text += ": lower the target or reassess the grid."
        out.append(Finding(f"target:{row.dimension.value}", Severity.WARN, text))
    return out
