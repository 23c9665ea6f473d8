"""Each leading indicator on hand-built facts, at its edges."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.enums import Level, RiskLevel, StakeholderStatus, UseCaseStatus
from cs_planner.domain.value import indicators as ind
from cs_planner.domain.value.facts import MetricSeries, RiskFact, Usage, UseCaseFact
from tests.domain.value.conftest import TODAY, champion, facts, person

D = dt.date


def test_no_data_is_no_score_for_every_indicator() -> None:
    empty = facts()
    for read in ind.INDICATORS.values():
        assert read(empty, TODAY).score is None


def test_license_utilization_full_at_100_percent_and_above() -> None:
    over = facts(usage=(Usage(D(2026, 11, 1), 100, 120, None),))
    assert ind.license_utilization(over, TODAY).score == 100
    part = facts(usage=(Usage(D(2026, 11, 1), 300, 213, None),))
    reading = ind.license_utilization(part, TODAY)
    assert reading.score == pytest.approx(71)
    assert reading.value_text == "71%"
    assert "213 of 300" in reading.detail


def test_license_utilization_uses_the_snapshot_in_force_on_the_day() -> None:
    f = facts(usage=(Usage(D(2026, 9, 30), 100, 92, None), Usage(D(2026, 10, 31), 100, 71, None)))
    assert ind.license_utilization(f, D(2026, 10, 1)).score == pytest.approx(92)
    assert ind.license_utilization(f, D(2026, 9, 1)).score is None  # before any snapshot


def test_current_account_figures_stand_in_for_today_only() -> None:
    f = facts(seats=200, active=150)
    assert ind.license_utilization(f, TODAY).score == pytest.approx(75)
    assert ind.license_utilization(f, TODAY - dt.timedelta(days=1)).score is None


def test_feature_adoption_and_the_first_sixty_days() -> None:
    settled = facts(usage=(Usage(D(2026, 11, 1), 10, 10, 4),))
    assert ind.feature_adoption(settled, TODAY).score == pytest.approx(40)  # 20% of 50%
    full = facts(usage=(Usage(D(2026, 11, 1), 10, 10, 10),))
    assert ind.feature_adoption(full, TODAY).score == 100
    new = facts(customer_since=TODAY - dt.timedelta(days=30), usage=settled.usage)
    reading = ind.feature_adoption(new, TODAY)
    assert reading.score == ind.EARLY_CAP
    assert "churn risk" in reading.detail
    at_edge = facts(
        customer_since=TODAY - dt.timedelta(days=30), usage=(Usage(D(2026, 11, 1), 1, 1, 5),)
    )
    assert ind.feature_adoption(at_edge, TODAY).score == pytest.approx(50)  # 25% is not "few"


def test_usage_trend_over_the_last_three_snapshots() -> None:
    snaps = (
        Usage(D(2026, 7, 31), 100, 10, None),  # older than the last three: ignored
        Usage(D(2026, 8, 31), 100, 100, None),
        Usage(D(2026, 9, 30), 100, 95, None),
        Usage(D(2026, 10, 31), 100, 90, None),
    )
    reading = ind.usage_trend(facts(usage=snaps), TODAY)
    assert reading.value == pytest.approx(-0.10)
    assert reading.score == pytest.approx(40)  # 70 - 300 x 10%
    flat = facts(usage=(snaps[1], Usage(D(2026, 9, 30), 100, 100, None)))
    assert ind.usage_trend(flat, TODAY).score == pytest.approx(70)
    assert ind.usage_trend(facts(usage=snaps[:1]), TODAY).score is None  # one is no trend


def _metric(lower: bool, values: tuple, targets: tuple = ((D(2026, 10, 1), 50.0),)) -> MetricSeries:
    return MetricSeries(
        "Cycle time", "days", lower, 100.0 if lower else 0.0, D(2026, 1, 1), targets, values
    )


def test_value_metrics_judged_by_direction() -> None:
    higher = _metric(False, ((D(2026, 11, 1), 25.0),))  # half way from 0 to 50
    lower = _metric(True, ((D(2026, 11, 1), 60.0),))  # 100 -> 60 of a 100 -> 50 step: 80%
    reading = ind.value_metrics(facts(metrics=(higher,)), TODAY)
    assert reading.score == pytest.approx(50)
    assert ind.value_metrics(facts(metrics=(lower,)), TODAY).score == pytest.approx(80)
    worse = _metric(True, ((D(2026, 11, 1), 120.0),))  # went the wrong way
    assert ind.value_metrics(facts(metrics=(worse,)), TODAY).score == 0
    ahead = _metric(True, ((D(2026, 11, 1), 40.0),))
    assert ind.value_metrics(facts(metrics=(ahead,)), TODAY).score == 100


def test_a_metric_without_a_target_in_force_is_not_judged() -> None:
    future = _metric(False, ((D(2026, 11, 1), 25.0),), targets=((D(2027, 1, 1), 50.0),))
    assert ind.value_metrics(facts(metrics=(future,)), TODAY).score is None


def test_relationships_penalise_gaps_on_the_map() -> None:
    healthy = (
        champion(1, Level.EXECUTIVE),
        person(2, Level.MANAGER),
        person(3, Level.END_USER),
    )
    assert ind.relationships(facts(people=healthy), TODAY).score == 100
    left = (
        champion(1, Level.EXECUTIVE, status=StakeholderStatus.LEFT_COMPANY),
        person(2, Level.MANAGER),
        person(3, Level.END_USER),
    )
    reading = ind.relationships(facts(people=left), TODAY)
    # the executive level is lost (-15) and the champion left (-30)
    assert reading.score == pytest.approx(55)
    assert "champion Person 1 left" in reading.detail
    stale = (*healthy, person(4, Level.MANAGER, contact_days=200))
    assert ind.relationships(facts(people=stale), TODAY).score == pytest.approx(95)
    alone = (champion(1, Level.EXECUTIVE),)
    assert ind.relationships(facts(people=alone), TODAY).score == pytest.approx(100 - 30 - 25)


def test_people_met_after_the_day_are_not_on_its_map() -> None:
    later = champion(1, Level.EXECUTIVE, first_met=D(2026, 11, 1))
    f = facts(people=(later, person(2, Level.MANAGER)))
    assert ind.relationships(f, TODAY).value == pytest.approx(2 / 3)
    assert ind.relationships(f, D(2026, 10, 1)).value == pytest.approx(1 / 3)


def test_stairway_progress_and_overdue_use_cases() -> None:
    cases = (
        UseCaseFact("a", UseCaseStatus.LIVE, D(2026, 1, 1)),
        UseCaseFact("b", UseCaseStatus.PLANNED, D(2026, 4, 1)),  # ended 2026-06-30: overdue
        UseCaseFact("c", UseCaseStatus.PLANNED, D(2026, 10, 1)),  # quarter not over yet
        UseCaseFact("d", UseCaseStatus.IDENTIFIED, None),
    )
    reading = ind.stairway(facts(use_cases=cases), TODAY)
    assert reading.score == pytest.approx(50 + 25 - 15)
    assert "1 overdue" in reading.detail


def test_renewal_risks_weigh_more_as_the_renewal_nears() -> None:
    risks = (RiskFact(RiskLevel.HIGH, True), RiskFact(RiskLevel.CRITICAL, False))
    near = facts(renewal_date=TODAY + dt.timedelta(days=90), risks=risks)
    assert ind.renewal(near, TODAY).score == pytest.approx(80)
    mid = facts(renewal_date=TODAY + dt.timedelta(days=91), risks=risks)
    assert ind.renewal(mid, TODAY).score == pytest.approx(88)
    far = facts(renewal_date=TODAY + dt.timedelta(days=181), risks=risks)
    assert ind.renewal(far, TODAY).score == pytest.approx(94)
    calm = facts(renewal_date=TODAY + dt.timedelta(days=10))
    assert ind.renewal(calm, TODAY).score == 100


def test_the_accounts_own_figures_are_todays_usage() -> None:
    snaps = (Usage(D(2026, 10, 31), 100, 90, 6), Usage(TODAY, 100, 95, None))
    f = facts(seats=100, active=60, usage=snaps)
    assert ind.license_utilization(f, TODAY).score == pytest.approx(60)  # as edited
    assert ind.feature_adoption(f, TODAY).value == pytest.approx(6 / 20)  # last counted
    assert ind.license_utilization(f, D(2026, 11, 1)).score == pytest.approx(90)
