"""The health score's bands and the distribution's bins: plain figures the portfolio list
needs at its first paint, before SQLAlchemy is imported (so nothing else is imported here)."""

from __future__ import annotations

from cs_planner.domain.enums import HealthBand

# The overall score's bands (the common banding: red up to 50, amber up to 75, green above).
RED_BELOW = 50.0
GREEN_FROM = 75.0
BIN_POINTS = 5  # the distribution's bars: five points each, so the bands begin on a bar
BINS = 100 // BIN_POINTS


def band(score: float, red_below: float = RED_BELOW, green_from: float = GREEN_FROM) -> HealthBand:
    """The band of a score as it is shown, a whole number (74.6 reads 75: green)."""
    score = round(score)
    if score < red_below:
        return HealthBand.RED
    return HealthBand.GREEN if score >= green_from else HealthBand.AMBER
