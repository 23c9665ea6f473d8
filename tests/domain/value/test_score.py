"""The weighted score: missing data redistributed, bands at their edges, the sentences."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cs_planner.domain.enums import HealthBand, HealthIndicator
from cs_planner.domain.value import score as rules
from cs_planner.domain.value.facts import Usage
from cs_planner.domain.value.indicators import Reading
from cs_planner.domain.value.score import DEFAULT_WEIGHTS, Weight
from tests.domain.value.conftest import TODAY, facts

L, R = HealthIndicator.LICENSE_UTILIZATION, HealthIndicator.RELATIONSHIPS


def _readings(**scores: float | None) -> list[Reading]:
    return [Reading(kind, scores.get(kind.value)) for kind in HealthIndicator]


def test_an_indicator_without_data_gives_its_weight_to_the_others() -> None:
    weights = {k: Weight(10) for k in HealthIndicator} | {L: Weight(30)}
    health = rules.compose(1, TODAY, _readings(license_utilization=80, relationships=40), weights)
    # 30 and 10 of the weight had data: 80 x 3/4 + 40 x 1/4
    assert health.score == pytest.approx(70)
    assert health.part(L).share == pytest.approx(0.75)
    assert health.part(HealthIndicator.STAIRWAY).share == 0
    assert sum(p.points for p in health.parts) == pytest.approx(health.score)


def test_no_data_at_all_is_no_score_not_zero() -> None:
    health = rules.compose(1, TODAY, _readings(), DEFAULT_WEIGHTS)
    assert health.score is None and health.band is None
    assert rules.explain(health)[0].startswith("No indicator has data")


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (49.4, HealthBand.RED),
        (49.6, HealthBand.AMBER),  # shown as 50
        (50, HealthBand.AMBER),
        (74.4, HealthBand.AMBER),
        (74.6, HealthBand.GREEN),  # shown as 75
        (75, HealthBand.GREEN),
    ],
)
def test_bands_at_their_edges(score: float, band: HealthBand) -> None:
    assert rules.band(score) == band


def test_each_indicator_has_its_own_thresholds() -> None:
    weights = dict(DEFAULT_WEIGHTS) | {L: Weight(20, red_below=80, green_from=95)}
    health = rules.compose(1, TODAY, _readings(license_utilization=85), weights)
    assert health.part(L).band == HealthBand.AMBER
    assert health.band == HealthBand.GREEN  # the overall score has the common bands


def test_the_sentences_name_what_moved_since_last_month() -> None:
    f = facts(
        usage=(
            Usage(dt.date(2026, 10, 31), 100, 92, None),
            Usage(dt.date(2026, 11, 20), 100, 71, None),
        )
    )
    series = rules.history(f, TODAY, DEFAULT_WEIGHTS)
    before, now = series[-2], series[-1]
    assert before.as_of == dt.date(2026, 10, 31)
    sentences = rules.explain(now, before)
    # now the trend has data too (two snapshots): licence holds 20 of 35 of the weight,
    # and its fall of 21 moved the score by 21 x 20/35 = 12 points
    assert sentences[0] == (
        "License utilization fell from 92% to 71% since last month: −12 points."
    )


def test_without_a_move_the_sentences_name_what_holds_the_score_down() -> None:
    weights = DEFAULT_WEIGHTS
    health = rules.compose(1, TODAY, _readings(license_utilization=50, relationships=100), weights)
    sentences = rules.explain(health, health)
    assert sentences == [f"License utilization: no data (−{0.2 / 0.35 * 50:.0f} points)."]


def test_history_is_twelve_month_ends_then_today() -> None:
    ends = rules.month_ends(TODAY)
    assert len(ends) == 12
    assert ends[0] == dt.date(2025, 12, 31) and ends[-2] == dt.date(2026, 10, 31)
    assert ends[-1] == TODAY


def test_the_biggest_move_names_its_indicator() -> None:
    f = facts(
        usage=tuple(
            Usage(day, 100, active, None)
            for day, active in [
                (dt.date(2026, 6, 30), 90),
                (dt.date(2026, 7, 31), 88),
                (dt.date(2026, 8, 31), 50),
                (dt.date(2026, 9, 30), 55),
            ]
        )
    )
    series = rules.history(f, TODAY, DEFAULT_WEIGHTS)
    day, indicator, change = rules.biggest_move(series) or (None, None, 0)
    assert day == dt.date(2026, 8, 31)
    assert indicator in (L, HealthIndicator.USAGE_TREND)
    assert change < -10


def test_weights_read_back_from_settings_rows(portfolio) -> None:
    from cs_planner.domain.model import HealthWeight
    from cs_planner.domain.value.reads import weights

    with portfolio.session() as session:
        session.add(HealthWeight(indicator=R.value, weight=40, red_below=60, green_from=90))
        session.commit()
    with portfolio.read() as session:
        table = weights(session)
    assert table[R] == Weight(40, 60, 90)
    assert table[L] == DEFAULT_WEIGHTS[L]
    assert dataclasses.asdict(table[R])["green_from"] == 90
