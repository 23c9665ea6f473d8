"""Health and tier settings: stored together, one undo step, bad values refused."""

from __future__ import annotations

import dataclasses

import pytest

from cs_planner.domain.enums import HealthIndicator, Tier
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.value.score import DEFAULT_WEIGHTS, Weight
from cs_planner.domain.value.settings import (
    UpdateHealthSettings,
    read_health_settings,
    write_health_settings,
)

L = HealthIndicator.LICENSE_UTILIZATION


def test_defaults_then_a_change_and_its_undo(portfolio) -> None:
    with portfolio.read() as session:
        before = read_health_settings(session)
    assert before.weights == DEFAULT_WEIGHTS
    assert before.tier_hours == {Tier.TOP: 10, Tier.LEVERAGED: 2, Tier.SCALABLE: 0.25}
    assert before.team_hours is None
    new = dataclasses.replace(
        before,
        weights=before.weights | {L: Weight(40, 60, 90)},
        tier_hours=before.tier_hours | {Tier.TOP: 12.5},
        team_hours=300.0,
    )
    edit = UpdateHealthSettings(new)
    with portfolio.session() as session:
        assert edit.apply(session).settings
    with portfolio.read() as session:
        assert read_health_settings(session) == new
    with portfolio.session() as session:
        edit.revert(session)
    with portfolio.read() as session:
        assert read_health_settings(session) == before


@pytest.mark.parametrize(
    ("weights", "field"),
    [
        ({k: Weight(0) for k in HealthIndicator}, "weight"),
        ({L: Weight(20, 80, 60)}, "red_below"),
        ({L: Weight(120)}, "weight"),
    ],
)
def test_bad_values_are_refused_and_change_nothing(portfolio, weights, field) -> None:
    with portfolio.read() as session:
        before = read_health_settings(session)
    bad = dataclasses.replace(before, weights=before.weights | weights)
    with pytest.raises(ValidationError) as caught, portfolio.session() as session:
        write_health_settings(session, bad)
    assert caught.value.field == field
    with portfolio.read() as session:
        assert read_health_settings(session) == before


def test_negative_tier_hours_are_refused(portfolio) -> None:
    with portfolio.read() as session:
        before = read_health_settings(session)
    bad = dataclasses.replace(before, tier_hours=before.tier_hours | {Tier.SCALABLE: -1})
    with pytest.raises(ValidationError), portfolio.session() as session:
        write_health_settings(session, bad)
