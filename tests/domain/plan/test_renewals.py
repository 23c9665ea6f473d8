"""Renewal cycles and years as a customer counted from the records; the next cycle's
suggested objectives after a renewal, until an objective of that area exists."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.edits import run
from cs_planner.domain.enums import PlanArea, RenewalOutcome
from cs_planner.domain.model import Account, MaturityLevel, Objective, Renewal
from cs_planner.domain.plan import renewal_edits, renewals
from cs_planner.domain.plan.renewals import CycleFacts, RenewalValues
from tests.domain.plan.conftest import TODAY


def values(day: dt.date, outcome: RenewalOutcome = RenewalOutcome.RENEWED, term: int = 12):
    after = 0.0 if outcome == RenewalOutcome.CHURNED else 110.0
    return RenewalValues(day, term, 100.0, after, outcome)


def test_years_and_cycles_are_counted_from_the_records() -> None:
    records = [values(dt.date(2024, 3, 31), term=24), values(dt.date(2025, 3, 31))]
    life = renewals.customer_life(records, None, TODAY)
    assert life.since == dt.date(2022, 3, 31)  # the first record less its term
    assert (int(life.years), life.cycles) == (4, 2)
    assert life.sentence == "Customer for 4 years, 2 renewals"


def test_customer_since_counts_when_it_is_earlier() -> None:
    records = [values(dt.date(2025, 3, 31))]
    assert renewals.customer_life(records, dt.date(2020, 1, 1), TODAY).since == dt.date(2020, 1, 1)
    later = renewals.customer_life(records, dt.date(2024, 12, 1), TODAY)
    assert later.since == dt.date(2024, 3, 31)


def test_a_churned_record_is_not_a_cycle() -> None:
    records = [values(dt.date(2025, 3, 31)), values(dt.date(2026, 3, 31), RenewalOutcome.CHURNED)]
    assert renewals.customer_life(records, None, TODAY).cycles == 1


def test_no_records_and_no_date() -> None:
    life = renewals.customer_life([], None, TODAY)
    assert (life.since, life.years, life.cycles) == (None, 0.0, 0)
    assert life.sentence == "Customer for less than a year, 0 renewals"


def test_months_before_keeps_the_day_or_the_month_end() -> None:
    assert renewals.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert renewals.months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def facts(**changes: object) -> CycleFacts:
    base = CycleFacts(
        levels_covered=2, levels_missing=("end user",), relationships_goal=3, seats=100,
        active_users=64, maturity_now="2 · Repeatable", maturity_next="3 · Defined",
        champions=1, stories_since=1, stories_goal=1, term_months=12,
        areas_started=frozenset(),
    )  # fmt: skip
    return CycleFacts(**{**base.__dict__, **changes})


def test_suggestions_carry_the_accounts_figures() -> None:
    found = {s.area: s.title for s in renewals.suggestions(facts())}
    assert list(found) == list(PlanArea)
    assert found[PlanArea.ADOPTION] == (
        "Lift licence utilisation from 64% to 80% (64 of 100 seats in use)"
    )
    assert "now 2 of 3 (missing: end user)" in found[PlanArea.RELATIONSHIPS]
    assert "from level 2 · Repeatable to 3 · Defined" in found[PlanArea.MATURITY]
    assert "tell 4 success stories this cycle (1 a quarter): 1 so far" in found[PlanArea.EVANGELISM]


@pytest.mark.parametrize(
    ("active", "expected"),
    [(85, "from 85% to 95%"), (99, "Keep licence utilisation at 99%")],
)
def test_past_the_goal_the_target_steps_up(active: int, expected: str) -> None:
    (adoption,) = [s for s in renewals.suggestions(facts(active_users=active))
                   if s.area == PlanArea.ADOPTION]  # fmt: skip
    assert expected in adoption.title


def test_an_area_started_is_not_suggested() -> None:
    started = frozenset({PlanArea.ADOPTION, PlanArea.MATURITY})
    areas = [s.area for s in renewals.suggestions(facts(areas_started=started))]
    assert areas == [PlanArea.RELATIONSHIPS, PlanArea.EVANGELISM]


def test_on_a_file_suggestions_follow_the_latest_renewal(portfolio, acct) -> None:
    a = acct["account"]
    with portfolio.read() as s:
        assert renewals.load_renewals(s, a, TODAY).suggestions == ()  # no renewal yet
    with portfolio.session() as s:
        for n, name in enumerate(("Ad hoc", "Repeatable", "Defined"), start=1):
            s.add(MaturityLevel(level=n, name=name))
        s.get(Account, a).maturity_current = 2
        s.add(Renewal(account_id=a, renewed_on=dt.date(2026, 6, 1), arr_before=90_000,
                      arr_after=100_000, outcome=RenewalOutcome.EXPANDED))  # fmt: skip
        # An objective of the area from before the renewal does not count.
        s.add(Objective(account_id=a, title="Old", area=PlanArea.ADOPTION,
                        created_on=dt.date(2026, 5, 1)))  # fmt: skip
    with portfolio.read() as s:
        data = renewals.load_renewals(s, a, TODAY)
    assert data.life.sentence == "Customer for 4 years, 1 renewal"  # customer since 2022-06-01
    titles = {x.area: x.title for x in data.suggestions}
    assert titles[PlanArea.ADOPTION].startswith("Lift licence utilisation from 64% to 80%")
    assert "from level 2 · Repeatable to 3 · Defined" in titles[PlanArea.MATURITY]
    assert "all 3 levels covered now" in titles[PlanArea.RELATIONSHIPS]
    assert "1 active champion" in titles[PlanArea.EVANGELISM]
    adoption = next(x for x in data.suggestions if x.area == PlanArea.ADOPTION)
    edit = renewal_edits.add_objective(a, adoption, TODAY)
    with portfolio.session() as s:
        run(s, edit)
    with portfolio.read() as s:
        after = renewals.load_renewals(s, a, TODAY)
        new = s.get(Objective, edit.row_id)
        assert (new.title, new.area, new.created_on) == (adoption.title, PlanArea.ADOPTION, TODAY)
        assert new.position == 1  # after "Old", at position 0
    assert PlanArea.ADOPTION not in {x.area for x in after.suggestions}
    assert len(after.suggestions) == 3
    with portfolio.session() as s:
        edit.revert(s)
    with portfolio.read() as s:
        assert len(renewals.load_renewals(s, a, TODAY).suggestions) == 4


def test_after_churn_nothing_is_suggested(portfolio, acct) -> None:
    a = acct["account"]
    with portfolio.session() as s:
        s.add(Renewal(account_id=a, renewed_on=dt.date(2026, 6, 1), arr_before=90_000,
                      arr_after=0, outcome=RenewalOutcome.CHURNED))  # fmt: skip
    with portfolio.read() as s:
        data = renewals.load_renewals(s, a, TODAY)
    assert data.suggestions == () and data.life.cycles == 0
