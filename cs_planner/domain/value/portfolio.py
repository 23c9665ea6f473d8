"""The portfolio's health in one read: every account's score with its reason, the
distribution, the at-risk and advocate tails, retention and the tier mix (the Health page,
the roll-up)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.enums import HealthBand
from cs_planner.domain.model import Account
from cs_planner.domain.rollup.people import count_people
from cs_planner.domain.rollup.rows import PeopleFigures
from cs_planner.domain.value import score as rules
from cs_planner.domain.value.facts import HealthFacts
from cs_planner.domain.value.health import Distribution, Scored, distribution, scored
from cs_planner.domain.value.reads import read_facts, weights
from cs_planner.domain.value.retention import Retention, retention_trend
from cs_planner.domain.value.score import Health
from cs_planner.domain.value.tiers import TierMix, read_tier_mix

TAIL = 15  # accounts listed in each tail
# Accounts whose facts are read at once. A whole portfolio's at once (5,000 accounts) took
# about 45 MB for a moment and left the process that much bigger: the freed objects lay
# scattered among the scores kept, so the allocator could give little of it back.
CHUNK = 1000


@dataclass(frozen=True, slots=True)  # thousands of them
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


def scored_facts(
    session: Session,
    today: dt.date,
    ids: Collection[int] | None = None,
    people: Mapping[int, PeopleFigures] | None = None,
) -> Iterator[tuple[HealthFacts, Scored]]:
    """Each account's facts as of ``today`` (cut to what today's score reads) with its
    score, for ``ids`` (every account when None), CHUNK accounts at a time: a select per
    table per chunk, the map's people counted once (``people``, if the caller has them).
    A chunk's facts are freed once the next is read, unless the caller keeps them."""
    table = weights(session)
    if people is None:
        people = count_people(session, today, get_settings(session).stale_contact_days)
    if ids is None:
        wanted = list(session.scalars(select(Account.id).order_by(Account.id)))
    else:
        wanted = sorted(ids)
    for start in range(0, len(wanted), CHUNK):
        # A set: read_facts looks each counted account up in it.
        part = None if ids is None and len(wanted) <= CHUNK else set(wanted[start : start + CHUNK])
        facts = read_facts(session, today, part, history=False, counts=people)
        for f in facts.values():
            yield f, scored(rules.health(f, today, table))


def portfolio_scores(
    session: Session, today: dt.date, ids: Collection[int] | None = None
) -> dict[int, Scored]:
    """``health.scores_by_account``, read a chunk at a time (``scored_facts``): the
    portfolio list's scores, thousands of them."""
    return {f.account_id: s for f, s in scored_facts(session, today, ids)}


def _best(kept: list[AccountScore]) -> list[AccountScore]:
    kept.sort(key=lambda a: (-(a.score or 0), a.name.casefold()))
    return kept[:TAIL]


def _entries(
    session: Session,
    today: dt.date,
    people: Mapping[int, PeopleFigures] | None,
    facts: Mapping[int, HealthFacts] | None,
    known: Mapping[int, Scored] | None,
    table: Any,
) -> Iterator[tuple[int, str, dt.date | None, Scored]]:
    """(id, name, churned on, score) of every account: from ``facts``, from the scores
    ``known`` already (those missing scored here), or read a chunk at a time."""
    if facts is not None:
        for f in facts.values():
            yield f.account_id, f.name, f.churned_on, scored(rules.health(f, today, table))
        return
    if known is None:
        for f, s in scored_facts(session, today, people=people):
            yield f.account_id, f.name, f.churned_on, s
        return
    rows = session.execute(select(Account.id, Account.name, Account.churned_on)).all()
    missing = [r.id for r in rows if r.id not in known]
    extra = dict(portfolio_scores(session, today, missing)) if missing else {}
    for id_, name, churned_on in rows:
        yield id_, name, churned_on, known.get(id_) or extra[id_]


def portfolio_health(
    session: Session,
    today: dt.date,
    people: Mapping[int, PeopleFigures] | None = None,
    *,
    facts: Mapping[int, HealthFacts] | None = None,
    accounts: Sequence[Any] | None = None,
    scores: Mapping[int, Scored] | None = None,
) -> PortfolioHealth:
    """What the caller has read already is not read again (the roll-up): ``people``,
    today's stakeholder counts; ``facts``, today's facts (``read_facts(history=False)``);
    ``accounts``, rows of (id, ARR, strategic, tier set by hand, churned on); ``scores``,
    every account's score as of ``today`` (the portfolio list's, by ``scored_facts``):
    then only the advocates' facts are read."""
    table = weights(session)
    kept = []
    # The green accounts with the best scores: the advocates, whose strengths are worked
    # out for the few shown (bands follow the score, so these are the highest scores
    # whenever any is green).
    greens: list[AccountScore] = []
    for account_id, name, churned_on, s in _entries(session, today, people, facts, scores, table):
        if churned_on is not None:  # churned: out of the distribution and the tails
            continue
        account = AccountScore(account_id, name, s.score, s.band, s.reason)
        kept.append(account)
        if s.band == HealthBand.GREEN:
            greens.append(account)
            if len(greens) > 4 * TAIL:
                greens = _best(greens)
    churned = None if accounts is None else {a[0]: a[4] for a in accounts}
    kept.sort(key=lambda a: a.name.casefold())
    known = [a for a in kept if a.score is not None]
    low = sorted(known, key=lambda a: (a.score, a.name.casefold()))[:TAIL]
    best = _best(greens)
    best_facts = (
        facts
        if facts is not None
        else read_facts(session, today, {a.account_id for a in best}, history=False)
        if best
        else {}
    )
    advocates = tuple(  # scored again, the few of them, for what lifts them
        replace(a, reason=strengths(rules.health(best_facts[a.account_id], today, table)))
        for a in best
    )
    return PortfolioHealth(
        today=today,
        scores=tuple(kept),
        distribution=distribution([a.score for a in kept]),
        at_risk=tuple(a for a in low if a.band != HealthBand.GREEN),
        advocates=advocates,
        retention=tuple(retention_trend(session, today, churned=churned)),
        tiers=read_tier_mix(session, accounts),
    )
