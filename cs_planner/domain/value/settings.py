"""The portfolio's health and tier settings: each indicator's weight and red/amber/green
thresholds, the hours a month an account of each tier needs, and the CSM team's hours.
Read and written together (Portfolio > Health and tiers), one undo step per change."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Edit
from cs_planner.domain.enums import HealthIndicator, Tier
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import HealthWeight, Settings
from cs_planner.domain.value.reads import weights
from cs_planner.domain.value.score import Weight
from cs_planner.domain.value.tiers import capacity

TIER_COLUMNS = {
    Tier.TOP: "top_tier_hours",
    Tier.LEVERAGED: "leveraged_tier_hours",
    Tier.SCALABLE: "scalable_tier_hours",
}


@dataclass(frozen=True)
class HealthSettings:
    weights: dict[HealthIndicator, Weight]
    tier_hours: dict[Tier, float]
    team_hours: float | None  # None: from the active CSMs' weekly capacity


def read_health_settings(session: Session) -> HealthSettings:
    cap = capacity(session)
    row = session.get(Settings, 1)
    return HealthSettings(weights(session), dict(cap.hours), row.csm_team_hours if row else None)


def check(values: HealthSettings) -> None:
    """What the rows' own validators cannot see: the weights as a whole."""
    if not any(w.weight > 0 for w in values.weights.values()):
        raise ValidationError("At least one indicator needs a weight above 0.", "weight")


def write_health_settings(session: Session, values: HealthSettings) -> HealthSettings:
    """Store ``values``; returns the settings as they were (for undo)."""
    check(values)
    before = read_health_settings(session)
    stored = {row.indicator: row for row in session.query(HealthWeight)}
    for indicator, w in values.weights.items():
        row = stored.get(indicator.value)
        if row is None:
            row = HealthWeight(indicator=indicator.value)
            session.add(row)
        row.weight, row.red_below, row.green_from = w.weight, w.red_below, w.green_from
        row.check()
    settings = session.get(Settings, 1)
    if settings is None:
        settings = Settings(id=1)
        session.add(settings)
    for tier, column in TIER_COLUMNS.items():
        setattr(settings, column, values.tier_hours[tier])
    settings.csm_team_hours = values.team_hours
    session.flush()
    return before


class UpdateHealthSettings(Edit):
    text = "Change health and tier settings"

    def __init__(self, new: HealthSettings) -> None:
        self.new = new
        self.old: HealthSettings | None = None

    def apply(self, session: Session) -> Changes:
        self.old = write_health_settings(session, self.new)
        return Changes(settings=True)

    def revert(self, session: Session) -> Changes:
        assert self.old is not None, "revert before apply"
        write_health_settings(session, self.old)
        return Changes(settings=True)
