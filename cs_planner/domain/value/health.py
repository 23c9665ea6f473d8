"""An account's health and the portfolio's: the one place a score shown on the Value tab,
the Health page, the portfolio list, the workbook and the roll-up comes from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy.orm import Session

from cs_planner.domain.enums import HealthBand, HealthIndicator
from cs_planner.domain.value import score as rules
from cs_planner.domain.value.bands import BIN_POINTS, BINS, band
from cs_planner.domain.value.facts import HealthFacts
from cs_planner.domain.value.reads import read_facts, weights
from cs_planner.domain.value.score import Health


@dataclass(frozen=True)
class AccountHealth:
    now: Health
    history: tuple[Health, ...]  # the last month ends, oldest first, then today
    sentences: tuple[str, ...]  # why the score is what it is, biggest reason first
    biggest_move: tuple[dt.date, HealthIndicator, float] | None

    @property
    def last_month(self) -> Health | None:
        return self.history[-2] if len(self.history) > 1 else None


def account_health(
    session: Session, account_id: int, today: dt.date, facts: HealthFacts | None = None
) -> AccountHealth:
    """``facts``: the account's full facts (``read_facts``), if the caller has read them."""
    if facts is None:
        facts = read_facts(session, today, [account_id])[account_id]
    series = rules.history(facts, today, weights(session))
    now, before = series[-1], series[-2] if len(series) > 1 else None
    return AccountHealth(
        now=now,
        history=tuple(series),
        sentences=tuple(rules.explain(now, before)),
        biggest_move=rules.biggest_move(series),
    )


class Scored(NamedTuple):
    """A score as a list or a table shows it: kept for thousands of accounts, so not the
    whole ``Health`` with its parts."""

    score: float | None
    band: HealthBand | None
    reason: str  # what holds it down most (``score.explain``'s first sentence)


def scored(health: Health) -> Scored:
    return Scored(health.score, health.band, rules.explain(health)[0])


def scores_by_account(
    session: Session, today: dt.date, ids: Collection[int] | None = None
) -> dict[int, Scored]:
    """Every account's score today (churned accounts included: callers leave them out of
    distributions), in one read."""
    table = weights(session)
    facts = read_facts(session, today, ids, history=False)
    return {aid: scored(rules.health(f, today, table)) for aid, f in facts.items()}


@dataclass(frozen=True)
class Distribution:
    """How many accounts are in each band and how many have no score."""

    counts: dict[HealthBand, int]
    unscored: int
    histogram: tuple[int, ...]  # accounts per five points, 0-4 to 95-100 (bands begin on 5s)


def distribution(scores: list[float | None]) -> Distribution:
    counts = dict.fromkeys(HealthBand, 0)
    bins = [0] * BINS
    unscored = 0
    for s in scores:
        if s is None:
            unscored += 1
            continue
        counts[band(s)] += 1
        bins[min(BINS - 1, int(round(s) // BIN_POINTS))] += 1
    return Distribution(counts, unscored, tuple(bins))
