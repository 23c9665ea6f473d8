"""Net and gross revenue retention and logo churn over trailing quarters, by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.model import Account, ArrHistory
from cs_planner.domain.value.retention import retention_trend, window

D = dt.date
Q0, Q4 = D(2025, 7, 1), D(2026, 7, 1)  # a window from the end of Q0 to the end of Q4


def test_expansion_contraction_churn_and_a_new_customer() -> None:
    arr = {
        1: {Q0: 100.0, Q4: 150.0},  # expanded by 50
        2: {Q0: 200.0, Q4: 150.0},  # contracted by 50
        3: {Q0: 100.0, Q4: 100.0},  # churned in the window (its last ARR does not count)
        4: {Q4: 500.0},  # won during the window: not in the cohort
        5: {Q0: 100.0, Q4: 0.0},  # ARR 0 without a churn date: contraction, not churn
    }
    churned = {3: D(2026, 3, 15)}
    r = window(arr, churned, Q4)
    assert r.start == Q0 and r.cohort == 4
    assert r.starting_arr == 500
    assert (r.expansion, r.contraction, r.churned_arr) == (50, 150, 100)
    assert r.nrr == pytest.approx((500 + 50 - 150 - 100) / 500)  # 60%
    assert r.grr == pytest.approx((500 - 150 - 100) / 500)  # 50%
    assert r.churned == 1 and r.churn_rate == pytest.approx(0.25)
    assert not r.nrr_best_in_class and not r.churn_best_in_class


def test_a_customer_that_churned_before_the_window_is_not_in_it() -> None:
    arr = {1: {Q0: 100.0, Q4: 120.0}, 2: {Q0: 100.0}}
    r = window(arr, {2: D(2025, 9, 1)}, Q4)  # churned within Q0 itself
    assert r.cohort == 1 and r.nrr == pytest.approx(1.2)
    assert r.nrr_best_in_class and r.churn_best_in_class


def test_the_latest_figure_stands_for_a_quarter_without_one() -> None:
    arr = {1: {D(2025, 4, 1): 100.0, D(2026, 4, 1): 130.0}}
    r = window(arr, {}, Q4)
    assert r.starting_arr == 100 and r.nrr == pytest.approx(1.3)


def test_no_cohort_has_no_ratios() -> None:
    r = window({}, {}, Q4)
    assert r.nrr is None and r.grr is None and r.churn_rate is None


def test_trend_over_the_last_complete_quarters(portfolio) -> None:
    with portfolio.session() as session:
        a = Account(name="A", initial_deal_value=100, arr=120, customer_since=D(2024, 1, 1))
        b = Account(name="B", initial_deal_value=100, arr=0, customer_since=D(2024, 1, 1))
        session.add_all([a, b])
        session.flush()
        b.churned_on = D(2026, 8, 1)
        for q in range(9):
            quarter = D(2024 + (q + 2) // 4, ((q + 2) % 4) * 3 + 1, 1)  # 2024 Q3 on
            session.add(ArrHistory(account_id=a.id, quarter=quarter, arr=100 + 10 * (q >= 6)))
            session.add(ArrHistory(account_id=b.id, quarter=quarter, arr=100))
        session.commit()
    with portfolio.read() as session:
        trend = retention_trend(session, D(2026, 11, 24))
    assert [r.end for r in trend] == [D(2025, 10, 1), D(2026, 1, 1), D(2026, 4, 1), D(2026, 7, 1)]
    assert trend[0].nrr == pytest.approx(1.0)
    # A rose 100 -> 110 from 2026 Q1; B churned in 2026 Q3, the last window's
    assert trend[-1].nrr == pytest.approx((200 + 10 - 100) / 200)
    assert trend[-1].churned == 1


def test_churn_is_an_edit_with_a_date_that_cannot_precede_the_customer(portfolio) -> None:
    from cs_planner.domain.accounts.edits import SetAccountField
    from cs_planner.domain.edits import run
    from cs_planner.domain.errors import ValidationError

    with portfolio.session() as session:
        a = Account(name="A", initial_deal_value=100, arr=120, customer_since=D(2024, 1, 1))
        session.add(a)
        session.flush()
        account_id = a.id
    edit = SetAccountField(account_id, "churned_on", D(2023, 6, 1), "Mark A churned")
    with pytest.raises(ValidationError) as caught, portfolio.session() as session:
        run(session, edit)
    assert caught.value.field == "churned_on"
    edit = SetAccountField(account_id, "churned_on", D(2026, 6, 1), "Mark A churned")
    with portfolio.session() as session:
        assert edit.apply(session).account_list
    with portfolio.read() as session:
        assert session.get(Account, account_id).churned_on == D(2026, 6, 1)
