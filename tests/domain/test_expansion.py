"""The expansion plan's rules: the projection on hand-built cases, derived current values,
suggestions, whitespace cycling, won opportunities moving ARR, the portfolio roll-up."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from cs_planner.domain import expansion as ex
from cs_planner.domain import expansion_edits as edits
from cs_planner.domain import expansion_queries as eq
from cs_planner.domain.accounts.queries import get_account
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import (
    Dimension,
    Engagement,
    OpportunityStatus,
    UseCaseStatus,
    WhitespaceState,
)
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.expansion import DimensionRow, DimensionValues, OpportunityValues
from cs_planner.domain.model import (
    ArrHistory,
    Division,
    Geography,
    Product,
    UseCase,
    WhitespaceCell,
)

Q = dt.date(2026, 10, 1)  # the current quarter (2026 Q4)
OPEN, WON, LOST = OpportunityStatus.OPEN, OpportunityStatus.WON, OpportunityStatus.LOST


def opp(uplift: float, confidence: int, quarter: dt.date | None, status=OPEN) -> OpportunityValues:
    return OpportunityValues(
        Dimension.USERS, "x", uplift, confidence, status, target_quarter=quarter
    )


def q(n: int) -> dt.date:
    """The n-th quarter after the current one."""
    return ex.add_quarters(Q, n)


# --- projection ----------------------------------------------------------------------------


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
    p = ex.project(50_000, 10_000, [opp(10_000, 50, ex.add_quarters(Q, -2))], Q)
    assert p.weighted[0] == 55_000


# --- rules on hand-built rows -----------------------------------------------------------------


def test_progress_from_baseline_to_target() -> None:
    assert ex.progress(10, 55, 100) == 0.5
    assert ex.progress(None, 25, 100) == 0.25
    assert ex.progress(10, 5, 100) == 0.0
    assert ex.progress(10, 500, 100) == 1.0
    assert ex.progress(10, 50, None) is None
    assert ex.progress(100, 100, 100) == 1.0


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


# --- on a real portfolio -------------------------------------------------------------------


@pytest.fixture
def acct(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        a = create_account(s, "Harbor", 10_000, arr=100_000, active_users=420)
        emea = Geography(account_id=a, region="EMEA", country="Germany")
        apac = Geography(account_id=a, region="APAC", country="Japan")
        ops = Division(account_id=a, name="Ops", engagement=Engagement.ADOPTED)
        hr = Division(account_id=a, name="HR", engagement=Engagement.EVALUATING)
        fin = Division(account_id=a, name="Finance", engagement=Engagement.ADOPTED)
        forms, sign, vault = Product(name="Forms"), Product(name="Sign"), Product(name="Vault")
        s.add_all([emea, apac, ops, hr, fin, forms, sign, vault])
        s.flush()
        adopted = UseCase(account_id=a, title="A", status=UseCaseStatus.ADOPTED, geography=emea)
        adopted.products = [forms]
        live = UseCase(account_id=a, title="L", status=UseCaseStatus.LIVE, geography=emea)
        live.products = [forms, sign]
        planned = UseCase(account_id=a, title="P", status=UseCaseStatus.PLANNED, geography=apac)
        planned.products = [vault]
        s.add_all([adopted, live, planned])
        s.add(ArrHistory(account_id=a, quarter=dt.date(2026, 4, 1), arr=80_000))
        s.add(ArrHistory(account_id=a, quarter=dt.date(2026, 7, 1), arr=100_000))
        s.flush()
        return {"account": a, "ops": ops.id, "hr": hr.id, "forms": forms.id, "vault": vault.id,
                "emea": emea.id, "apac": apac.id, "sign": sign.id}  # fmt: skip


def test_derived_current_values(portfolio, acct) -> None:
    with portfolio.session() as s:
        values, catalogue = eq.derived_currents(s, acct["account"])
    assert values == {
        Dimension.USE_CASES: 1,  # adopted only, not live
        Dimension.USERS: 420,
        Dimension.FUNCTIONALITY: 2,  # Forms and Sign; Vault is only planned
        Dimension.DIVISIONS: 2,
        Dimension.GEOGRAPHIES: 1,  # EMEA has live use cases; APAC a planned one
    }
    assert catalogue == 3
    # A product live in the whitespace grid is in use too.
    with portfolio.session() as s:
        key = edits.CellKey(acct["account"], acct["hr"], product_id=acct["vault"])
        edits.set_cell_state(s, key, WhitespaceState.LIVE)
        assert eq.derived_currents(s, acct["account"])[0][Dimension.FUNCTIONALITY] == 3


def test_dimension_plan_uses_derived_current_but_keeps_usage_typed(portfolio, acct, today):
    a = acct["account"]
    with portfolio.session() as s:
        usage = DimensionValues(unit="workflows a month", baseline=10, current=40, target=100)
        assert edits.save_dimension(s, edits.DimensionKey(a, Dimension.USAGE), usage) is None
        typed = DimensionValues(current=999, target=5)
        edits.save_dimension(s, edits.DimensionKey(a, Dimension.DIVISIONS), typed)
    with portfolio.session() as s:
        data = eq.load_expansion(s, a, today)
    assert [d.dimension for d in data.dimensions] == [
        Dimension.USAGE,
        Dimension.USE_CASES,
        Dimension.USERS,
        Dimension.FUNCTIONALITY,
        Dimension.DIVISIONS,
        Dimension.GEOGRAPHIES,
    ]
    assert data.dimension(Dimension.USAGE).current == 40
    assert data.dimension(Dimension.USAGE).progress == pytest.approx(1 / 3)
    assert data.dimension(Dimension.DIVISIONS).current == 2
    assert data.dimension(Dimension.DIVISIONS).derived
    assert data.dimension(Dimension.FUNCTIONALITY).out_of == 3


def test_save_dimension_validates_and_undoes(portfolio, acct) -> None:
    key = edits.DimensionKey(acct["account"], Dimension.USERS)
    with portfolio.session() as s, pytest.raises(ValidationError) as err:
        edits.save_dimension(s, key, DimensionValues(baseline=50, target=10))
    assert err.value.field == "target"
    with portfolio.session() as s, pytest.raises(ValidationError):
        edits.save_dimension(s, key, DimensionValues(target=-1))
    with portfolio.session() as s:
        old = edits.save_dimension(s, key, DimensionValues(target=600))
        assert edits.save_dimension(s, key, old) == DimensionValues(target=600)
        assert eq.list_dimensions(s, acct["account"], [])[2].values == DimensionValues()


def test_whitespace_cycling_creates_and_undo_restores(portfolio, acct) -> None:
    key = edits.CellKey(acct["account"], acct["ops"], geography_id=acct["apac"])
    with portfolio.session() as s:
        old = edits.set_cell_state(s, key, ex.next_state(None))
        assert old is None
        again = edits.set_cell_state(s, key, WhitespaceState.IN_PROGRESS)
        assert again == WhitespaceState.OPPORTUNITY
        grid = eq.load_whitespace(s, acct["account"])[1]
        assert grid.state(acct["ops"], acct["apac"]) == WhitespaceState.IN_PROGRESS
        edits.set_cell_state(s, key, again)  # undo the second click
        edits.set_cell_state(s, key, old)  # undo the first: the cell is gone again
        assert s.scalar(select(WhitespaceCell.id)) is None


def test_grid_totals_count_states_and_open_uplift(portfolio, acct, today) -> None:
    a = acct["account"]
    with portfolio.session() as s:
        for division, product, state in (
            ("ops", "forms", WhitespaceState.LIVE),
            ("ops", "sign", WhitespaceState.OPPORTUNITY),
            ("hr", "forms", WhitespaceState.NOT_RELEVANT),
        ):
            key = edits.CellKey(a, acct[division], product_id=acct[product])
            edits.set_cell_state(s, key, state)
        for status in (OPEN, LOST):
            values = OpportunityValues(
                Dimension.FUNCTIONALITY, "Sign for Ops", 30_000, 50, status,
                division_id=acct["ops"], product_id=acct["sign"],
            )  # fmt: skip
            edits.add_opportunity(s, a, values, today)
        products = eq.load_whitespace(s, a)[0]
    assert products.uplift == {(acct["ops"], acct["sign"]): 30_000}  # the lost one is not
    ops = products.row_total(acct["ops"])
    assert (ops.live, ops.relevant, ops.uplift) == (1, 2, 30_000)
    forms = products.column_total(acct["forms"])
    assert (forms.live, forms.relevant) == (1, 1)
    assert products.total().counts[WhitespaceState.NOT_RELEVANT] == 1


def test_a_won_opportunity_moves_arr_history_forward_and_undo_restores(portfolio, acct, today):
    a = acct["account"]
    values = OpportunityValues(Dimension.USERS, "200 seats", 25_000, 60, OPEN, q(1))
    with portfolio.session() as s:
        opp_id, added = edits.add_opportunity(s, a, values, today)
        assert added.arr is None  # open: nothing earned yet
        won = edits.update_opportunity(s, opp_id, OpportunityValues(**{
            **values.__dict__, "status": WON}), today)  # fmt: skip
    assert won.after.closed_on == today
    with portfolio.session() as s:
        assert get_account(s, a).arr == 125_000
        history = dict(eq.arr_history(s, a))
    # The current quarter had no row: it starts from the last known ARR, plus the uplift.
    assert history == {dt.date(2026, 4, 1): 80_000, dt.date(2026, 7, 1): 100_000, Q: 125_000}
    with portfolio.session() as s:  # undo
        edits.write_opportunity(s, opp_id, won.before)
        edits.set_arr_state(s, a, won.arr.before)
    with portfolio.session() as s:
        assert get_account(s, a).arr == 100_000
        assert dict(eq.arr_history(s, a)) == {
            dt.date(2026, 4, 1): 80_000,
            dt.date(2026, 7, 1): 100_000,
        }


def test_a_win_dated_in_a_past_quarter_lifts_every_quarter_since(portfolio, acct, today):
    a = acct["account"]
    values = OpportunityValues(
        Dimension.USERS, "Seats", 10_000, 90, WON, q(-1), closed_on=dt.date(2026, 5, 3)
    )
    with portfolio.session() as s:
        _id, edit = edits.add_opportunity(s, a, values, today)
        assert dict(eq.arr_history(s, a)) == {
            dt.date(2026, 4, 1): 90_000,
            dt.date(2026, 7, 1): 110_000,
            Q: 110_000,
        }
        assert edit.arr.before.arr == 100_000
    with portfolio.session() as s, pytest.raises(ValidationError) as err:
        future = OpportunityValues(Dimension.USERS, "Later", 1, 1, WON, closed_on=q(2))
        edits.add_opportunity(s, a, future, today)
    assert err.value.field == "closed_on"


def test_opportunity_rows_and_links(portfolio, acct, today) -> None:
    a = acct["account"]
    with portfolio.session() as s:
        values = OpportunityValues(
            Dimension.GEOGRAPHIES, "Japan roll-out", 50_000, 40, OPEN, q(2),
            division_id=acct["ops"], geography_id=acct["apac"],
        )  # fmt: skip
        edits.add_opportunity(s, a, values, today)
        rows = eq.list_opportunities(s, a)
    assert rows[0].values == values
    assert rows[0].weighted == 20_000
    assert rows[0].linked == "Division: Ops · Geography: APAC / Japan"
