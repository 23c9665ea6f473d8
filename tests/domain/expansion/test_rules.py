"""The expansion plan's pure rules on hand-built cases: the projection, progress, whitespace
cycling, suggestions, the portfolio roll-up, and targets larger than the whitespace grid
leaves relevant (issue 10)."""

from __future__ import annotations

import datetime as dt

from cs_planner.domain.enums import Dimension, OpportunityStatus, WhitespaceState
from cs_planner.domain.expansion import rules as ex
from cs_planner.domain.expansion.rows import (
    Choice,
    DimensionRow,
    DimensionValues,
    OpportunityValues,
    WhitespaceGrid,
    progress,
)
from cs_planner.domain.quarters import add_quarters

Q = dt.date(2026, 10, 1)  # the current quarter (2026 Q4)
OPEN, WON, LOST = OpportunityStatus.OPEN, OpportunityStatus.WON, OpportunityStatus.LOST
NR, LIVE, ROOM = WhitespaceState.NOT_RELEVANT, WhitespaceState.LIVE, WhitespaceState.OPPORTUNITY


def opp(uplift: float, confidence: int, quarter: dt.date | None, status=OPEN) -> OpportunityValues:
    return OpportunityValues(
        Dimension.USERS, "x", uplift, confidence, status, target_quarter=quarter
    )


def q(n: int) -> dt.date:
    """The n-th quarter after the current one."""
    return add_quarters(Q, n)


def test_projection_without_opportunities_stays_at_todays_arr() -> None:
    p = ex.project(100_000, 10_000, [], Q)
    assert p.quarters == tuple(q(n) for n in range(1, 9))
    assert p.weighted == p.best == (100_000,) * 8
    assert p.multiple_today == 10
    assert p.weighted_multiple_at(8) == 10


def test_projection_weights_by_confidence_from_the_target_quarter_on() -> None:
    p = ex.project(100_000, 10_000, [opp(40_000, 50, q(3)), opp(10_000, 100, q(6))], Q)
    assert p.weighted == (100_000, 100_000, 120_000, 120_000, 120_000, 130_000, 130_000, 130_000)
    assert p.best == (100_000, 100_000, 140_000, 140_000, 140_000, 150_000, 150_000, 150_000)
    assert p.weighted_multiple_at(6) == 13
    assert p.best_multiple_at(8) == 15


def test_confidence_zero_counts_in_best_case_only() -> None:
    p = ex.project(50_000, 10_000, [opp(20_000, 0, q(1))], Q)
    assert p.weighted[-1] == 50_000
    assert p.best[-1] == 70_000


def test_beyond_the_horizon_and_without_quarter_are_left_out_and_counted() -> None:
    p = ex.project(50_000, 10_000, [opp(20_000, 100, q(9)), opp(5_000, 100, None)], Q)
    assert p.weighted[-1] == p.best[-1] == 50_000
    assert (p.beyond, p.unplaced) == (1, 1)
    # The last quarter of the horizon is still in.
    assert ex.project(50_000, 10_000, [opp(20_000, 100, q(8))], Q).weighted[-1] == 70_000


def test_won_and_lost_opportunities_are_ignored() -> None:
    p = ex.project(50_000, 10_000, [opp(20_000, 90, q(2), WON), opp(9_000, 40, q(2), LOST)], Q)
    assert p.weighted[-1] == p.best[-1] == 50_000


def test_an_overdue_open_opportunity_counts_from_the_first_quarter() -> None:
    p = ex.project(50_000, 10_000, [opp(10_000, 50, add_quarters(Q, -2))], Q)
    assert p.weighted[0] == 55_000


def test_progress_from_baseline_to_target() -> None:
    assert progress(10, 55, 100) == 0.5
    assert progress(None, 25, 100) == 0.25
    assert progress(10, 5, 100) == 0.0
    assert progress(10, 500, 100) == 1.0
    assert progress(10, 50, None) is None
    assert progress(100, 100, 100) == 1.0


def test_whitespace_cycle_visits_every_state_and_comes_round() -> None:
    seen = [ex.next_state(None)]
    while len(seen) < 5:
        seen.append(ex.next_state(seen[-1]))
    assert seen[0] == WhitespaceState.OPPORTUNITY
    assert set(seen[:4]) == set(WhitespaceState)
    assert seen[4] == seen[0]


def row(dimension, current, target, open_count=0, open_value=0.0, weighted=0.0, applies=True):
    return DimensionRow(
        dimension,
        DimensionValues(applies=applies, baseline=0, target=target),
        current,
        True,
        None,
        open_count,
        open_value,
        weighted,
    )


def test_suggestions_rank_gap_by_expected_value_and_say_so() -> None:
    rows = [
        row(Dimension.USERS, 90, 100, 1, 100_000, 100_000),  # gap 10%: score 10k
        row(Dimension.DIVISIONS, 2, 8, 2, 60_000, 30_000),  # gap 75%: score 22.5k
        row(Dimension.GEOGRAPHIES, 1, 5),  # a gap, no opportunity
        row(Dimension.USE_CASES, 9, 8, 1, 1e6, 1e6),  # beyond target: nothing to pursue
        row(Dimension.USAGE, 1, 100, 3, 1e6, 1e6, applies=False),
    ]
    out = ex.suggest(rows, lambda v: f"${v:,.0f}")
    assert [s.dimension for s in out] == [
        Dimension.DIVISIONS,
        Dimension.USERS,
        Dimension.GEOGRAPHIES,
    ]
    assert out[0].text.startswith("Divisions: 6 more")
    assert "2 open opportunities worth $60,000 ($30,000 expected)" in out[0].text
    assert "no open opportunity yet" in out[2].text


def test_roll_up_by_dimension_and_ranking_by_projected_multiple() -> None:
    opps = {
        1: [opp(10_000, 50, q(1))],
        2: [
            OpportunityValues(Dimension.DIVISIONS, "d", 40_000, 25, target_quarter=q(2)),
            opp(8_000, 100, q(12)),  # beyond the horizon: in the dimension total only
        ],
    }
    out = ex.roll_up("USD", [(1, "Alpha", 20_000, 10_000), (2, "Beta", 20_000, 5_000)], opps, Q)
    by = {d: (w, b, n) for d, w, b, n in out.by_dimension}
    assert by[Dimension.USERS] == (13_000, 18_000, 2)
    assert by[Dimension.DIVISIONS] == (10_000, 40_000, 1)
    assert by[Dimension.GEOGRAPHIES] == (0, 0, 0)
    assert [a.name for a in out.accounts] == ["Beta", "Alpha"]
    assert out.accounts[0].projected_multiple == 6.0  # (20k + 10k) / 5k
    assert out.accounts[1].projected_multiple == 2.5


def test_no_arr_today_projects_no_multiple_whatever_the_pipeline() -> None:
    """A green "projected 10x" from a pipeline on no ARR would be growth from nothing."""
    p = ex.project(0, 10_000, [opp(100_000, 100, q(1))], Q)
    assert not p.has_arr and p.multiple_today is None
    assert p.weighted_multiple_at(8) is None and p.best_multiple_at(8) is None
    assert p.weighted[-1] == 100_000  # the pipeline itself is still there
    out = ex.roll_up(
        "USD", [(1, "New", 0.0, 10_000), (2, "Slow", 10_000, 10_000)], {1: [opp(9e5, 90, q(1))]}, Q
    )
    assert [a.name for a in out.accounts] == ["Slow", "New"]  # no multiple ranks last
    assert out.accounts[1].projected_multiple is None


# --- targets the whitespace grid contradicts ------------------------------------------


def grids(products: dict, geographies: dict) -> tuple[WhitespaceGrid, WhitespaceGrid]:
    divisions = (Choice(1, "Ops"), Choice(2, "Finance"), Choice(3, "IT"))
    return (
        WhitespaceGrid("product", divisions, (Choice(10, "Forms"), Choice(11, "Sign")),
                       products, {}),
        WhitespaceGrid("geography", divisions, (Choice(20, "Germany"), Choice(21, "France")),
                       geographies, {}),
    )  # fmt: skip


def plan(dimension: Dimension, target: float, applies: bool = True) -> DimensionRow:
    values = DimensionValues(applies=applies, baseline=1, target=target)
    return DimensionRow(dimension, values, 1, True, None, 0, 0.0, 0.0)


def test_a_divisions_target_larger_than_the_relevant_divisions() -> None:
    """Issue 10: a target of 8 of 8 divisions while the grid rules two out everywhere."""
    everything_nr = {(d, col): NR for d in (2, 3) for col in (10, 11)}
    products, geographies = grids(
        {(1, 10): LIVE, **everything_nr},
        {(d, col): NR for d in (2, 3) for col in (20, 21)},
    )
    assert ex.relevant_divisions(products, geographies) == [1]
    (found,) = ex.expansion_contradictions([plan(Dimension.DIVISIONS, 3)], products, geographies)
    assert found.severity == "warn"
    assert found.text == (
        "Divisions target 3, but only 1 of the 3 divisions are relevant in the whitespace "
        "grid (Finance, IT marked not relevant everywhere): lower the target or reassess "
        "the grid."
    )
    assert ex.expansion_contradictions([plan(Dimension.DIVISIONS, 1)], products, geographies) == []
    # Not pursued: nothing to contradict.
    none = ex.expansion_contradictions([plan(Dimension.DIVISIONS, 3, False)], products, geographies)
    assert none == []


def test_a_cell_not_yet_assessed_keeps_its_division_in_play() -> None:
    products, geographies = grids({(2, 10): NR}, {})  # Finance: one cell judged, others open
    assert ex.relevant_divisions(products, geographies) == [1, 2, 3]


def test_products_and_geographies_targets() -> None:
    products, geographies = grids(
        {(1, 10): LIVE, (1, 11): NR, (2, 11): NR, (3, 11): NR},
        {(1, 20): ROOM, (1, 21): NR, (2, 21): NR, (3, 21): NR},
    )
    found = ex.expansion_contradictions(
        [plan(Dimension.FUNCTIONALITY, 2), plan(Dimension.GEOGRAPHIES, 2)], products, geographies
    )
    assert [f.key for f in found] == ["target:functionality", "target:geographies"]
    assert "only 1 of the 2 products" in found[0].text and "(Sign marked" in found[0].text
    assert "only 1 of the 2 geographies" in found[1].text and "(France marked" in found[1].text
