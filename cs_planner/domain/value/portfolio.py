"""The portfolio's health in one read: every account's score with its reason, the
distribution, the at-risk and advocate tails, retention and the tier mix (the Health page,
the roll-up)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from sqlalchemy.orm import Session

from cs_planner.domain.enums import HealthBand
from cs_planner.domain.rollup.rows import PeopleFigures
from cs_planner.domain.value import score as rules
from cs_planner.domain.value.facts import HealthFacts
from cs_planner.domain.value.health import Distribution, distribution, scored
from cs_planner.domain.value.reads import read_facts, weights
from cs_planner.domain.value.retention import Retention, retention_trend
from cs_planner.domain.value.score import Health
from cs_planner.domain.value.tiers import TierMix, read_tier_mix

TAIL = 15  # accounts listed in each tail


@dataclass(frozen=True)
class AccountScore:
    account_id: int
    name: str
    score: float | None
    band: HealthBand | None
    reason: str  # what holds the score down most, or (an advocate) what lifts it


@dataclass(frozen=True)
class PortfolioHealth:
    today: dt.date
    scores: tuple[AccountScore, ...]  # accounts that have not churned, by name
    distribution: Distribution
    at_risk: tuple[AccountScore, ...]  # the lowest scores, lowest first
    advocates: tuple[AccountScore, ...]  # the highest scores, highest first
    retention: tuple[Retention, ...]  # trailing windows, oldest first
    tiers: TierMix

    @cached_property
    def by_account(self) -> dict[int, AccountScore]:
        return {a.account_id: a for a in self.scores}


def strengths(health: Health) -> str:
    """What lifts a score: the two indicators that give it most points."""
    best = sorted((p for p in health.parts if p.share), key=lambda p: -p.points)[:2]
    return "; ".join(f"{p.indicator.label}: {p.reading.detail}" for p in best)


def portfolio_health(
    session: Session,
    today: dt.date,
    people: Mapping[int, PeopleFigures] | None = None,
    *,
    facts: Mapping[int, HealthFacts] | None = None,
    accounts: Sequence[Any] | None = None,
) -> PortfolioHealth:
    """What the caller has read already is not read again (the roll-up): ``people``,
    today's stakeholder counts; ``facts``, today's facts (``read_facts(history=False)``);
    ``accounts``, rows of (id, ARR, strategic, tier set by hand, churned on)."""
    table = weights(session)
    if facts is None:
        facts = read_facts(session, today, history=False, counts=people)
    scores = []
    for f in facts.values():
        if f.churned_on is not None:  # churned: out of the distribution and the tails
            continue
        s = scored(rules.health(f, today, table))
        scores.append(AccountScore(f.account_id, f.name, s.score, s.band, s.reason))
    churned = None if accounts is None else {a[0]: a[4] for a in accounts}
    scores.sort(key=lambda a: a.name.casefold())
    known = [a for a in scores if a.score is not None]
    low = sorted(known, key=lambda a: (a.score, a.name.casefold()))[:TAIL]
    high = sorted(known, key=lambda a: (-(a.score or 0), a.name.casefold()))[:TAIL]
    advocates = tuple(  # scored again, the few of them, for what lifts them
        replace(a, reason=strengths(rules.health(facts[a.account_id], today, table)))
        for a in high
        if a.band == HealthBand.GREEN
    )
    return PortfolioHealth(
        today=today,
        scores=tuple(scores),
        distribution=distribution([a.score for a in scores]),
        at_risk=tuple(a for a in low if a.band != HealthBand.GREEN),
        advocates=advocates,
        retention=tuple(retention_trend(session, today, churned=churned)),
        tiers=read_tier_mix(session, accounts),
    )
