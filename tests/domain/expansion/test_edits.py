"""Edits on the expansion plan with a real SQLite file and no Qt: a dimension, a whitespace
cell, an opportunity (a won one moves ARR), each done, undone and redone."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from cs_planner.domain.enums import Dimension, OpportunityStatus, WhitespaceState
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.expansion import edits
from cs_planner.domain.expansion import queries as eq
from cs_planner.domain.expansion.rows import DimensionValues, OpportunityValues
from cs_planner.domain.expansion.rules import next_state
from cs_planner.domain.model import WhitespaceCell
from cs_planner.domain.portfolio import get_account
from cs_planner.domain.quarters import add_quarters

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
