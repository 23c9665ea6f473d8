"""Reading the expansion plan from a real portfolio: derived current values, the dimension
plan, whitespace grid totals, opportunity rows and their links."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.enums import Dimension, OpportunityStatus, WhitespaceState
from cs_planner.domain.expansion import edits
from cs_planner.domain.expansion import queries as eq
from cs_planner.domain.expansion.rows import DimensionValues, OpportunityValues
from cs_planner.domain.quarters import add_quarters

Q = dt.date(2026, 10, 1)  # the current quarter (2026 Q4)
OPEN, LOST = OpportunityStatus.OPEN, OpportunityStatus.LOST


def q(n: int) -> dt.date:
    """The n-th quarter after the current one."""
    return add_quarters(Q, n)


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


def test_the_portfolio_reads_the_open_figures_only_and_projects_the_same(portfolio, today) -> None:
    """The page's lean read (four figures per open opportunity) gives what the whole
    opportunities give."""
    from cs_planner.demo import generate
    from cs_planner.domain.accounts.queries import get_settings
    from cs_planner.domain.expansion.rules import roll_up
    from cs_planner.domain.model import Account
    from cs_planner.domain.quarters import quarter_start

    generate(portfolio, accounts=12, seed=7, today=today)
    with portfolio.read() as s:
        lean = eq.portfolio_expansion(s, today)
        uplifts = eq.open_uplifts(s)
        whole = eq.open_opportunities(s)
        settings = get_settings(s)
        accounts = [(a.id, a.name, a.arr, a.initial_deal_value) for a in s.query(Account).all()]
    assert uplifts.keys() == whole.keys() and sum(map(len, whole.values())) > 10
    for account, values in whole.items():
        assert [
            (u.dimension, u.acv_uplift, u.confidence, u.target_quarter) for u in uplifts[account]
        ] == [(v.dimension, v.acv_uplift, v.confidence, v.target_quarter) for v in values]
    now = quarter_start(today, settings.fiscal_year_start_month)
    assert lean == roll_up(settings.currency, accounts, whole, now)
