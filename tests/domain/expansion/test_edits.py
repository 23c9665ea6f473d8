"""Edits on the expansion plan with a real SQLite file and no Qt: a dimension, a whitespace
cell, an opportunity (a won one moves ARR), each done, undone and redone."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from cs_planner.domain.accounts.queries import get_account
from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Edit
from cs_planner.domain.enums import Dimension, OpportunityStatus, WhitespaceState
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.expansion import arr, edits
from cs_planner.domain.expansion import queries as eq
from cs_planner.domain.expansion.rows import DimensionValues, OpportunityValues
from cs_planner.domain.expansion.rules import next_state
from cs_planner.domain.model import WhitespaceCell
from cs_planner.domain.quarters import add_quarters
from cs_planner.storage import Portfolio

Q = dt.date(2026, 10, 1)  # the current quarter (2026 Q4)
OPEN, WON = OpportunityStatus.OPEN, OpportunityStatus.WON


def q(n: int) -> dt.date:
    """The n-th quarter after the current one."""
    return add_quarters(Q, n)


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
        old = edits.set_cell_state(s, key, next_state(None))
        assert old is None
        again = edits.set_cell_state(s, key, WhitespaceState.IN_PROGRESS)
        assert again == WhitespaceState.OPPORTUNITY
        grid = eq.load_whitespace(s, acct["account"])[1]
        assert grid.state(acct["ops"], acct["apac"]) == WhitespaceState.IN_PROGRESS
        edits.set_cell_state(s, key, again)  # undo the second click
        edits.set_cell_state(s, key, old)  # undo the first: the cell is gone again
        assert s.scalar(select(WhitespaceCell.id)) is None


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
        arr.set_arr_state(s, a, won.arr.before)
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


# --- each edit done, undone and redone, a transaction each, as the undo stack runs them -------


def do(portfolio: Portfolio, edit: Edit) -> Changes:
    with portfolio.session() as s:
        return edit.apply(s)


def undo(portfolio: Portfolio, edit: Edit) -> Changes:
    with portfolio.session() as s:
        return edit.revert(s)


def plan_of(portfolio: Portfolio, account_id: int, dimension: Dimension) -> DimensionValues:
    with portfolio.read() as s:
        rows = eq.list_dimensions(s, account_id, [])
    return next(r.values for r in rows if r.dimension == dimension)


def money_state(portfolio: Portfolio, account_id: int) -> tuple[float, dict[dt.date, float]]:
    with portfolio.read() as s:
        return get_account(s, account_id).arr, dict(eq.arr_history(s, account_id))


def test_save_dimension_does_undoes_and_redoes(portfolio, acct) -> None:
    a = acct["account"]
    key = edits.DimensionKey(a, Dimension.USERS)
    first = edits.SaveDimension("Set users", key, DimensionValues(baseline=100, target=600))
    assert do(portfolio, first) == Changes.account(a)
    second = edits.SaveDimension("Raise users", key, DimensionValues(baseline=100, target=900))
    do(portfolio, second)
    assert plan_of(portfolio, a, Dimension.USERS).target == 900
    assert undo(portfolio, second) == Changes.account(a)
    assert plan_of(portfolio, a, Dimension.USERS).target == 600
    undo(portfolio, first)  # no row again: applies, with no figures
    assert plan_of(portfolio, a, Dimension.USERS) == DimensionValues()
    do(portfolio, first)
    do(portfolio, second)
    assert plan_of(portfolio, a, Dimension.USERS).target == 900


def test_a_refused_dimension_changes_nothing(portfolio, acct) -> None:
    key = edits.DimensionKey(acct["account"], Dimension.USERS)
    bad = edits.SaveDimension("Bad", key, DimensionValues(baseline=50, target=10))
    with pytest.raises(ValidationError):
        do(portfolio, bad)
    assert plan_of(portfolio, acct["account"], Dimension.USERS) == DimensionValues()


def test_set_cell_state_does_undoes_and_redoes(portfolio, acct) -> None:
    a = acct["account"]
    key = edits.CellKey(a, acct["ops"], product_id=acct["vault"])

    def state() -> WhitespaceState | None:
        with portfolio.read() as s:
            return eq.load_whitespace(s, a)[0].state(acct["ops"], acct["vault"])

    mark = edits.SetCellState("Mark", key, WhitespaceState.LIVE)
    assert do(portfolio, mark) == Changes.account(a)
    assert state() == WhitespaceState.LIVE
    clear = edits.SetCellState("Clear", key, None)
    do(portfolio, clear)
    assert state() is None
    undo(portfolio, clear)
    assert state() == WhitespaceState.LIVE
    undo(portfolio, mark)
    assert state() is None
    with portfolio.read() as s:
        assert s.scalar(select(WhitespaceCell.id)) is None
    do(portfolio, mark)
    assert state() == WhitespaceState.LIVE


def test_add_an_open_opportunity_does_undoes_and_redoes_with_the_same_id(
    portfolio, acct, today
) -> None:
    a = acct["account"]
    values = OpportunityValues(Dimension.USERS, "200 seats", 25_000, 60, OPEN, q(1))
    add = edits.AddOpportunity("Add", a, values, today)
    assert do(portfolio, add) == Changes.account(a)  # open: the list shows nothing new
    first_id = add.row_id
    before = money_state(portfolio, a)
    assert undo(portfolio, add) == Changes.account(a)
    with portfolio.read() as s:
        assert eq.list_opportunities(s, a) == []
    do(portfolio, add)
    with portfolio.read() as s:
        (row,) = eq.list_opportunities(s, a)
    assert (row.id, row.values) == (first_id, values)
    assert money_state(portfolio, a) == before


def test_add_a_won_opportunity_moves_arr_and_undo_redo_move_it_back(portfolio, acct, today) -> None:
    a = acct["account"]
    before = money_state(portfolio, a)
    values = OpportunityValues(Dimension.USERS, "Seats", 10_000, 90, WON, q(-1))
    add = edits.AddOpportunity("Win", a, values, today)
    assert do(portfolio, add) == Changes.account(a, listed=True)  # ARR is on the list
    won = money_state(portfolio, a)
    assert won[0] == 110_000 and won[1][Q] == 110_000
    assert undo(portfolio, add) == Changes.account(a, listed=True)
    assert money_state(portfolio, a) == before
    do(portfolio, add)
    assert money_state(portfolio, a) == won


def test_winning_an_opportunity_does_undoes_and_redoes(portfolio, acct, today) -> None:
    a = acct["account"]
    values = OpportunityValues(Dimension.USERS, "200 seats", 25_000, 60, OPEN, q(1))
    with portfolio.session() as s:
        opp_id, _added = edits.add_opportunity(s, a, values, today)
    before = money_state(portfolio, a)
    win = edits.EditOpportunity("Win", a, opp_id, replace(values, status=WON), today)
    assert do(portfolio, win) == Changes.account(a, listed=True)
    assert money_state(portfolio, a)[0] == 125_000
    undo(portfolio, win)
    assert money_state(portfolio, a) == before
    with portfolio.read() as s:
        assert eq.list_opportunities(s, a)[0].values == values
    do(portfolio, win)
    assert money_state(portfolio, a)[0] == 125_000
    with portfolio.read() as s:
        assert eq.list_opportunities(s, a)[0].values.closed_on == today
    reopened = replace(values, target_quarter=q(-2))  # open, in a quarter already past
    with pytest.raises(ValidationError):
        do(portfolio, edits.EditOpportunity("Reopen", a, opp_id, reopened, today))
    assert money_state(portfolio, a)[0] == 125_000  # refused: nothing changed


def test_delete_an_opportunity_does_undoes_and_redoes(portfolio, acct, today) -> None:
    a = acct["account"]
    values = OpportunityValues(Dimension.USERS, "Seats", 10_000, 90, WON, q(-1))
    with portfolio.session() as s:
        opp_id, _added = edits.add_opportunity(s, a, values, today)
    kept = money_state(portfolio, a)
    delete = edits.delete_opportunity("Delete", a, opp_id)
    assert do(portfolio, delete) == Changes.account(a)
    with portfolio.read() as s:
        assert eq.list_opportunities(s, a) == []
    assert money_state(portfolio, a) == kept  # the ARR it brought stays
    undo(portfolio, delete)
    with portfolio.read() as s:
        assert [r.id for r in eq.list_opportunities(s, a)] == [opp_id]
    do(portfolio, delete)
    with portfolio.read() as s:
        assert eq.list_opportunities(s, a) == []
