"""The one judgement of a metric against its plan, on hand-built rows."""

from __future__ import annotations

import datetime as dt

from cs_planner.domain.enums import MetricDirection, MetricSource
from cs_planner.domain.value.metrics import MetricRow, Verdict, progress

HIGHER, LOWER = MetricDirection.HIGHER_IS_BETTER, MetricDirection.LOWER_IS_BETTER
Q3, Q4 = dt.date(2026, 7, 1), dt.date(2026, 10, 1)


def metric(direction=HIGHER, *, baseline=100.0, targets=(), values=(), unit="users"):
    return MetricRow(
        id=1, metric_id=1, name="M", unit=unit, direction=direction,
        source=MetricSource.PRODUCT_USAGE, description="", baseline=baseline,
        baseline_date=dt.date(2026, 1, 1), targets=tuple(targets),
        values=tuple((n, d, v) for n, (d, v) in enumerate(values)),
    )  # fmt: skip


def test_no_measurement_yet() -> None:
    judged = progress(metric(targets=[(Q4, 150)]))
    assert (judged.verdict, judged.text) == (Verdict.NO_MEASUREMENT, "no measurement yet")


def test_no_target_yet_also_when_the_only_target_is_later() -> None:
    assert progress(metric(values=[(dt.date(2026, 8, 1), 120)])).text == "no target yet"
    later = metric(targets=[(Q4, 150)], values=[(dt.date(2026, 8, 1), 120)])
    assert progress(later).verdict == Verdict.NO_TARGET


def test_higher_is_better_ahead_and_behind() -> None:
    ahead = progress(metric(targets=[(Q4, 150)], values=[(dt.date(2026, 11, 2), 162)]))
    assert (ahead.verdict, ahead.text) == (Verdict.AHEAD, "ahead of plan by 12 users")
    behind = progress(metric(targets=[(Q4, 150)], values=[(dt.date(2026, 11, 2), 120)]))
    assert (behind.verdict, behind.text) == (Verdict.BEHIND, "behind plan by 30 users (20%)")
    assert behind.gap == -30


def test_lower_is_better_is_judged_the_other_way() -> None:
    hours = dict(baseline=48.0, targets=[(Q3, 24), (Q4, 12)], unit="h")
    ahead = progress(metric(LOWER, values=[(dt.date(2026, 11, 2), 10)], **hours))
    assert ahead.text == "ahead of plan by 2 h"
    behind = progress(metric(LOWER, values=[(dt.date(2026, 11, 2), 15)], **hours))
    assert behind.text == "behind plan by 3 h (25%)"


def test_the_target_in_force_is_the_latest_quarter_at_or_before_the_measurement() -> None:
    row = metric(targets=[(Q3, 120), (Q4, 150), (dt.date(2027, 1, 1), 200)],
                 values=[(dt.date(2026, 1, 5), 100), (dt.date(2026, 9, 30), 121)])  # fmt: skip
    judged = progress(row)
    assert (judged.target, judged.quarter, judged.latest) == (120, Q3, 121)
    # On plan within 2% of the 20-user step from the baseline (0.4): 1 user is ahead.
    assert judged.text == "ahead of plan by 1 users"


def test_exactly_on_target_and_within_the_tolerance() -> None:
    # Step from the baseline 100 to the target 150 is 50: on plan within 2% of it (1).
    for value in (150, 150.9, 149.1):
        row = metric(targets=[(Q4, 150)], values=[(dt.date(2026, 12, 1), value)])
        assert progress(row).text == "on plan", value
    just_out = metric(targets=[(Q4, 150)], values=[(dt.date(2026, 12, 1), 148.5)])
    assert progress(just_out).text == "behind plan by 1.5 users (1%)"


def test_no_baseline_uses_the_target_for_the_tolerance() -> None:
    row = metric(LOWER, baseline=None, targets=[(Q4, 10)], values=[(Q4, 10.1)], unit="%")
    assert progress(row).text == "on plan"  # within 2% of 10
    row = metric(LOWER, baseline=None, targets=[(Q4, 10)], values=[(Q4, 12)], unit="%")
    assert progress(row).text == "behind plan by 2% (20%)"
