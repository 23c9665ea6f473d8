"""CSA load arithmetic on hand-built allocations: weekdays, part-time fractions, months and
quarters crossed, vendor-underwritten time, over-allocation and full-time runs."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from cs_planner import palette
from cs_planner.domain.csa import load, trapped
from cs_planner.domain.csa.rows import AllocationRow
from cs_planner.domain.enums import AllocationPhase, Funding, RequestedBy

D = dt.date


def span(
    start: dt.date,
    end: dt.date,
    fraction: float = 1.0,
    *,
    csa: int = 1,
    account: int = 10,
    phase: AllocationPhase = AllocationPhase.IMPLEMENTATION,
    funding: Funding = Funding.CHARGEABLE,
    requested_by: RequestedBy = RequestedBy.CUSTOMER_SUCCESS,
    id: int = 0,
) -> AllocationRow:
    return AllocationRow(
        id=id,
        csa_id=csa,
        csa=f"CSA {csa}",
        account_id=account,
        account=f"Account {account}",
        use_case_id=None,
        use_case="",
        fraction=fraction,
        phase=phase,
        funding=funding,
        requested_by=requested_by,
        start=start,
        end=end,
        notes="",
    )


def test_weekdays_counts_monday_to_friday_both_ends_included() -> None:
    assert load.weekdays(D(2026, 11, 23), D(2026, 11, 29)) == 5  # Monday to Sunday
    assert load.weekdays(D(2026, 11, 25), D(2026, 12, 1)) == 5  # Wednesday to Tuesday
    assert load.weekdays(D(2026, 11, 28), D(2026, 11, 29)) == 0  # a weekend
    assert load.weekdays(D(2026, 11, 27), D(2026, 11, 27)) == 1  # one Friday
    assert load.weekdays(D(2026, 11, 27), D(2026, 11, 26)) == 0  # end before start


def test_weekdays_agrees_with_counting_day_by_day() -> None:
    first = D(2026, 11, 20)
    for a, b in itertools.product(range(0, 16), range(0, 30)):
        start, end = first + dt.timedelta(a), first + dt.timedelta(b)
        days = (start + dt.timedelta(n) for n in range((end - start).days + 1))
        assert load.weekdays(start, end) == sum(1 for d in days if d.weekday() < 5)


def test_half_time_from_a_wednesday_loads_three_fifths_of_half_that_week() -> None:
    allocation = span(D(2026, 11, 25), D(2027, 1, 29), 0.5)
    assert load.week_load([allocation], D(2026, 11, 23)) == pytest.approx(0.3)
    assert load.week_load([allocation], D(2026, 11, 30)) == pytest.approx(0.5)
    assert load.week_load([allocation], D(2027, 2, 1)) == 0.0


def test_an_allocation_crossing_a_month_end_splits_its_hours_by_weekday() -> None:
    allocation = span(D(2026, 11, 16), D(2026, 12, 11), 1.0)
    november, december = load.monthly_figures(
        [allocation], 40, 250, [D(2026, 11, 1), D(2026, 12, 1)]
    )
    # Nov 16-30: 11 weekdays; Dec 1-11: 9 weekdays; November has 21 weekdays.
    assert november.allocated_hours == pytest.approx(88)
    assert december.allocated_hours == pytest.approx(72)
    assert november.capacity_hours == pytest.approx(168)
    assert november.utilization == pytest.approx(88 / 168)
    assert november.revenue == pytest.approx(88 * 250)


def test_quarter_part_time_on_a_32_hour_week() -> None:
    allocation = span(D(2027, 1, 4), D(2027, 1, 8), 0.25)
    figures = load.period_figures([allocation], 32, 300, D(2027, 1, 4), D(2027, 1, 8))
    assert figures.allocated_hours == pytest.approx(8)
    assert figures.utilization == pytest.approx(0.25)
    assert figures.revenue == pytest.approx(2400)


def test_vendor_underwritten_time_counts_as_load_but_is_not_billed() -> None:
    window = (D(2026, 11, 30), D(2026, 12, 4))
    spans = [
        span(*window, 0.5),
        span(*window, 0.25, funding=Funding.VENDOR_UNDERWRITTEN),
    ]
    figures = load.period_figures(spans, 40, 250, *window)
    assert figures.allocated_hours == pytest.approx(30)
    assert figures.chargeable_hours == pytest.approx(20)
    assert figures.vendor_hours == pytest.approx(10)
    assert figures.utilization == pytest.approx(0.75)
    assert figures.chargeability == pytest.approx(0.5)
    assert figures.revenue == pytest.approx(20 * 250)


def test_presales_share_and_the_part_sales_asked_for() -> None:
    window = (D(2026, 11, 30), D(2026, 12, 4))
    spans = [
        span(*window, 0.25, phase=AllocationPhase.PRESALES, requested_by=RequestedBy.SALES),
        span(*window, 0.25, phase=AllocationPhase.PRESALES),
        span(*window, 0.5, phase=AllocationPhase.ADOPTION),
    ]
    figures = load.period_figures(spans, 40, 250, *window)
    assert figures.presales_share == pytest.approx(0.5)
    assert figures.presales_sales_hours == pytest.approx(10)


def test_zero_capacity_has_no_ratios() -> None:
    figures = load.period_figures(
        [span(D(2026, 12, 1), D(2026, 12, 2))], 0, 250, D(2026, 12, 1), D(2026, 12, 31)
    )
    assert figures.utilization is None and figures.chargeability is None
    assert figures.revenue == 0


def test_over_allocation_is_found_per_csa_and_week() -> None:
    spans = [
        span(D(2026, 11, 30), D(2026, 12, 25), 0.75, id=1),
        span(D(2026, 12, 14), D(2027, 1, 8), 0.5, id=2),
        span(D(2026, 11, 30), D(2027, 1, 8), 1.0, csa=2, id=3),
    ]
    over = load.over_allocated_weeks(spans)
    assert [w for w, _ in over[1]] == [D(2026, 12, 14), D(2026, 12, 21)]
    assert over[1][0][1] == pytest.approx(1.25)
    assert 2 not in over  # exactly full is not over
    assert load.over_allocated_ids(spans) == {1, 2}
    only_december_7 = load.over_allocated_weeks(spans, D(2026, 12, 7), D(2026, 12, 13))
    assert only_december_7 == {}


def test_a_window_of_weekly_loads_is_the_whole_cut_to_its_weeks() -> None:
    # Spans before, across, inside and after the window (Wed 9 Dec 2026 to Sun 7 Feb
    # 2027), starting and ending mid-week, several to a CSA.
    spans = [
        span(D(2026, 10, 7), D(2026, 12, 2), 0.5),
        span(D(2026, 11, 18), D(2027, 3, 3), 0.3),
        span(D(2026, 12, 10), D(2026, 12, 22), 0.45),
        span(D(2027, 1, 6), D(2027, 2, 10), 1.0),
        span(D(2027, 2, 10), D(2027, 4, 1), 0.25),
        span(D(2026, 12, 1), D(2027, 1, 20), 0.7, csa=2),
        span(D(2027, 3, 1), D(2027, 3, 5), 1.0, csa=3),  # outside: nothing to read
    ]
    start, end = D(2026, 12, 9), D(2027, 2, 7)
    whole, window = load.weekly_loads(spans), load.weekly_loads(spans, start, end)
    monday = load.monday(start)
    weeks = 0
    while monday <= end:
        for csa in (1, 2, 3):
            assert window.get((csa, monday)) == whole.get((csa, monday))  # the same sums
        monday += load.WEEK
        weeks += 1
    assert weeks == 9 and whole.get((1, monday)) > 0
    assert window.get((1, monday)) == 0 and window.get((1, load.monday(start) - load.WEEK)) == 0
    for csa in (1, 2, 3):
        assert window.peak(csa, start, end) == whole.peak(csa, start, end)
    in_window = load.over_allocated_weeks(spans, start, end, window)
    assert in_window == load.over_allocated_weeks(spans, start, end) != {}


def test_back_to_back_full_time_within_a_week_is_not_over() -> None:
    spans = [
        span(D(2026, 11, 23), D(2026, 11, 25), 1.0, account=1),
        span(D(2026, 11, 26), D(2026, 11, 27), 1.0, account=2),
    ]
    assert load.week_load(spans, D(2026, 11, 23)) == pytest.approx(1.0)
    assert load.over_allocated_weeks(spans) == {}


def test_full_time_runs_merge_consecutive_and_parallel_allocations() -> None:
    spans = [
        span(D(2026, 1, 1), D(2026, 4, 30), 1.0),
        span(D(2026, 5, 1), D(2026, 6, 30), 0.5),
        span(D(2026, 5, 1), D(2026, 8, 31), 0.5),  # with the one above: full time
        span(D(2026, 1, 1), D(2026, 12, 31), 0.5, account=11),  # never full time
    ]
    runs = trapped.full_time_runs(spans)
    assert runs == [trapped.AccountRun(1, 10, D(2026, 1, 1), D(2026, 6, 30), 1.0)]
    half = trapped.account_runs(spans, 0.5)
    assert half == [
        trapped.AccountRun(1, 10, D(2026, 1, 1), D(2026, 8, 31), 0.5),
        trapped.AccountRun(1, 11, D(2026, 1, 1), D(2026, 12, 31), 0.5),
    ]


@pytest.mark.parametrize(
    ("start", "end", "months", "expected"),
    [
        (D(2026, 1, 1), D(2026, 6, 30), 6, False),  # exactly two quarters
        (D(2026, 1, 1), D(2026, 7, 1), 6, True),
        (D(2026, 8, 31), D(2027, 2, 27), 6, False),  # no February 31st: capped at month end
        (D(2026, 8, 31), D(2027, 2, 28), 6, True),
        (D(2026, 1, 1), D(2026, 12, 31), 12, False),  # exactly twelve months
        (D(2026, 1, 1), D(2027, 1, 1), 12, True),
    ],
)
def test_longer_than_months(start: dt.date, end: dt.date, months: int, expected: bool) -> None:
    assert trapped.longer_than_months(start, end, months) is expected


def test_trapped_runs_ignore_runs_that_ended_or_are_short() -> None:
    today = D(2026, 11, 24)
    spans = [
        span(D(2026, 1, 1), D(2027, 3, 31), 1.0, csa=1),  # 15 months, still going
        span(D(2024, 1, 1), D(2025, 12, 31), 1.0, csa=2),  # long, but over
        span(D(2026, 6, 1), D(2027, 3, 31), 1.0, csa=3),  # full time, but 10 months
        span(D(2026, 1, 1), D(2027, 12, 31), 0.25, csa=4),  # long, but a quarter of the time
    ]
    assert [r.csa_id for r in trapped.trapped_runs(spans, today)] == [1]


def test_three_quarter_time_for_two_years_is_trapped() -> None:
    """Issue 10: only full time was caught; 75% on one account for two years passed."""
    today = D(2026, 11, 24)
    spans = [
        span(D(2025, 6, 1), D(2026, 5, 31), 0.75, csa=1),
        span(D(2026, 6, 1), D(2027, 5, 31), 0.5, csa=1),  # rolled down, never off
        span(D(2026, 3, 1), D(2026, 12, 31), 0.25, csa=1, account=11),  # elsewhere: apart
    ]
    (run,) = trapped.trapped_runs(spans, today)
    assert (run.account_id, run.start, run.end, run.lowest) == (
        10,
        D(2025, 6, 1),
        D(2027, 5, 31),
        0.5,
    )
    assert trapped.months_spanned(run.start, run.end) == 24


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0.0, "LOAD_IDLE"),
        (0.25, "LOAD_UNDER"),
        (0.5, "LOAD_PART"),
        (0.89, "LOAD_PART"),
        (0.9, "LOAD_FULL"),
        (1.0, "LOAD_FULL"),
        (1.25, "LOAD_OVER"),
    ],
)
def test_load_bands_bounds_as_their_labels_say(value: float, band: str) -> None:
    """One scale (``palette``) for the heatmap, its legend and the workbook's load grid."""
    assert palette.load_band(value) is getattr(palette, band)
    assert len({b.background for b in palette.LOAD_BANDS}) == len(palette.LOAD_BANDS)
