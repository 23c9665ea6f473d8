"""The health score: indicators weighted into one 0-100 figure, its band, and the sentences
that explain it. An indicator without data is left out and its weight shared by the others
(never counted as zero); the score is derived from the facts, never stored."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from cs_planner.domain.enums import HealthBand, HealthIndicator
from cs_planner.domain.quarters import add_months
from cs_planner.domain.value.bands import GREEN_FROM, RED_BELOW, band
from cs_planner.domain.value.facts import HealthFacts
from cs_planner.domain.value.indicators import INDICATORS, Reading

__all__ = ["GREEN_FROM", "RED_BELOW", "band"]  # re-exported: the bands live in bands.py
HISTORY_MONTHS = 12
MOVED = 0.5  # points: a smaller monthly change is not worth a sentence
SENTENCES = 3


@dataclass(frozen=True)
class Weight:
    """An indicator's weight and its own red/amber/green thresholds (portfolio settings)."""

    weight: float
    red_below: float = RED_BELOW
    green_from: float = GREEN_FROM


DEFAULT_WEIGHTS: dict[HealthIndicator, Weight] = {
    HealthIndicator.LICENSE_UTILIZATION: Weight(20),
    HealthIndicator.FEATURE_ADOPTION: Weight(10),
    HealthIndicator.USAGE_TREND: Weight(15),
    HealthIndicator.VALUE_METRICS: Weight(20),
    HealthIndicator.RELATIONSHIPS: Weight(15),
    HealthIndicator.STAIRWAY: Weight(10),
    HealthIndicator.RENEWAL: Weight(10),
}


@dataclass(frozen=True)
class Part:
    """One indicator's place in a score: its share of the weight that had data (0 when it
    had none) and the points it contributes (share x sub-score)."""

    reading: Reading
    weight: Weight
    share: float
    points: float

    @property
    def indicator(self) -> HealthIndicator:
        return self.reading.indicator

    @property
    def band(self) -> HealthBand | None:
        score = self.reading.score
        return None if score is None else band(score, self.weight.red_below, self.weight.green_from)

    @property
    def lost(self) -> float:
        """Points this indicator keeps the score from (its share of what is missing to 100)."""
        return self.share * (100 - (self.reading.score or 0)) if self.share else 0.0


@dataclass(frozen=True)
class Health:
    account_id: int
    as_of: dt.date
    score: float | None  # None: no indicator had data
    parts: tuple[Part, ...]

    @property
    def band(self) -> HealthBand | None:
        return None if self.score is None else band(self.score)

    def part(self, indicator: HealthIndicator) -> Part:
        return next(p for p in self.parts if p.indicator == indicator)


def compose(
    account_id: int,
    as_of: dt.date,
    readings: list[Reading],
    weights: Mapping[HealthIndicator, Weight],
) -> Health:
    counted = sum(weights[r.indicator].weight for r in readings if r.score is not None)
    parts = []
    for r in readings:
        w = weights[r.indicator]
        share = w.weight / counted if counted and r.score is not None else 0.0
        parts.append(Part(r, w, share, share * (r.score or 0.0)))
    score = sum(p.points for p in parts) if counted else None
    return Health(account_id, as_of, score, tuple(parts))


def health(facts: HealthFacts, as_of: dt.date, weights: Mapping[HealthIndicator, Weight]) -> Health:
    readings = [read(facts, as_of) for read in INDICATORS.values()]
    return compose(facts.account_id, as_of, readings, weights)


def month_ends(today: dt.date, months: int = HISTORY_MONTHS) -> list[dt.date]:
    """The last ``months`` month ends before ``today``, oldest first, then today."""
    first = dt.date(today.year, today.month, 1)
    ends = [add_months(first, 1 - n) - dt.timedelta(days=1) for n in range(months - 1, 0, -1)]
    return [*ends, today]


def history(
    facts: HealthFacts,
    today: dt.date,
    weights: Mapping[HealthIndicator, Weight],
    months: int = HISTORY_MONTHS,
) -> list[Health]:
    """The score as of each of the last month ends and today, from the same facts."""
    return [health(facts, day, weights) for day in month_ends(today, months)]


def signed(points: float) -> str:
    """Points with their sign and a true minus, as people write them: "+3 points",
    "−1 point"."""
    figure = f"{points:+.0f}".replace("-", "−")
    return f"{figure} point" if figure[1:] == "1" else f"{figure} points"


def moved(now: Part, before: Part) -> float:
    """The points an indicator's change moved the score by: its sub-score's change at its
    current share (a share that changes because another indicator gained or lost data is
    not this indicator's doing)."""
    if now.reading.score is None or before.reading.score is None:
        return 0.0
    return now.share * (now.reading.score - before.reading.score)


def _moved(now: Part, before: Part) -> str:
    change = moved(now, before)
    verb = "rose" if (now.reading.score or 0) > (before.reading.score or 0) else "fell"
    figure = (
        f" from {before.reading.value_text} to {now.reading.value_text}"
        if before.reading.value_text != now.reading.value_text
        else ""
    )
    return f"{now.indicator.label} {verb}{figure} since last month: {signed(change)}."


def explain(now: Health, before: Health | None = None, count: int = SENTENCES) -> list[str]:
    """The sentences behind the score: the biggest moves since ``before`` first, then what
    holds the score down most."""
    sentences: list[str] = []
    if now.score is None:
        return ["No indicator has data yet: record usage, metrics or the relationship map."]
    said: set[HealthIndicator] = set()
    if before is not None:
        pairs = [(p, before.part(p.indicator)) for p in now.parts]
        moves = [(abs(moved(p, b)), p, b) for p, b in pairs]
        for size, p, b in sorted(moves, key=lambda m: -m[0])[:count]:
            if size >= MOVED:
                sentences.append(_moved(p, b))
                said.add(p.indicator)
    for p in sorted(now.parts, key=lambda p: -p.lost):
        if len(sentences) >= count or p.lost < MOVED:
            break
        if p.indicator not in said:
            sentences.append(f"{p.indicator.label}: {p.reading.detail} ({signed(-p.lost)}).")
    if not sentences:
        sentences.append("Every indicator with data is at full marks.")
    return sentences


def biggest_move(series: list[Health]) -> tuple[dt.date, HealthIndicator, float] | None:
    """The largest month-on-month change of the score, and the indicator that moved most in
    it (its month end, the indicator, the score's change)."""
    best: tuple[float, dt.date, HealthIndicator, float] | None = None
    for before, now in itertools.pairwise(series):
        if before.score is None or now.score is None:
            continue
        change = now.score - before.score
        if best is None or abs(change) > abs(best[0]):
            part = max(now.parts, key=lambda p: abs(moved(p, before.part(p.indicator))))
            cause = part.indicator
            best = (change, now.as_of, cause, change)
    return None if best is None else (best[1], best[2], best[3])
