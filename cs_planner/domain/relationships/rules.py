"""The rules the coverage panel and the sheet show, as a table of small functions: each
rule reads the people (and the settings that judge them) and returns its findings. The
contradictions in the records come first (a champion who is a detractor: one of the two
records is out of date), then the coverage and risk rules, the most serious first. Pure:
no session, tested on hand-built rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cs_planner.domain.enums import BuyingRole, Severity, StakeholderStatus, Stance, Tier
from cs_planner.domain.findings import Finding
from cs_planner.domain.relationships import coverage as cov

if TYPE_CHECKING:
    from cs_planner.domain.relationships.rows import StakeholderRow

COLD = (Stance.SKEPTIC, Stance.DETRACTOR, Stance.FAVOURS_COMPETITOR)
RANK = {Severity.BAD: 0, Severity.WARN: 1, Severity.GOOD: 2, Severity.INFO: 3}


def would_loop(parents: Mapping[int, int | None], person: int, manager: int | None) -> bool:
    """Would ``person`` reporting to ``manager`` close a loop in the org chart?"""
    seen: set[int] = set()
    node = manager
    while node is not None and node not in seen:
        if node == person:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


# --- contradictions -----------------------------------------------------------------------


@dataclass(frozen=True)
class ChampionedUseCase:
    """A use case and the stakeholder named as its champion."""

    title: str
    champion_id: int


def _stance(person: StakeholderRow) -> str:
    return person.stance.label.lower()


def _contradiction(person: StakeholderRow, text: str) -> Finding:
    return Finding("contradiction", Severity.BAD, text, (person.id,))


def cold_champion(p: StakeholderRow) -> Finding | None:
    """A champion by role whose stance is cold."""
    if BuyingRole.CHAMPION in p.roles and p.stance in COLD:
        return _contradiction(
            p,
            f"{p.name} is recorded as a champion, but their stance is {_stance(p)}: "
            "update the role or the stance.",
        )
    return None


def champion_and_blocker(p: StakeholderRow) -> Finding | None:
    """Someone recorded both as a champion (by role or stance) and as a blocker."""
    champion = BuyingRole.CHAMPION in p.roles or p.stance == Stance.CHAMPION
    if BuyingRole.BLOCKER in p.roles and champion:
        return _contradiction(
            p,
            f"{p.name} is recorded both as a champion and as a blocker: "
            "update the role or the stance.",
        )
    return None


PERSON_CONTRADICTIONS: tuple[Callable[[StakeholderRow], Finding | None], ...] = (
    cold_champion,
    champion_and_blocker,
)


def cold_use_case_champion(p: StakeholderRow, titles: Sequence[str]) -> Finding | None:
    """Use cases championed by a blocker or a cold stakeholder."""
    why = []
    if BuyingRole.BLOCKER in p.roles:
        why.append("is a blocker")
    if p.stance in COLD:
        why.append(f"their stance is {_stance(p)}")
    if not why:
        return None
    named = ", ".join(f"“{t}”" for t in titles)
    what = f"the use case {named}" if len(titles) == 1 else f"{len(titles)} use cases ({named})"
    return _contradiction(
        p,
        f"{p.name} champions {what}, but {' and '.join(why)}: name another "
        "champion or update the stance.",
    )


def relationship_contradictions(
    people: Sequence[StakeholderRow], use_cases: Iterable[ChampionedUseCase] = ()
) -> list[Finding]:
    """Each person's contradictions (grouped per person), then the use cases championed by
    someone cold. People who left or changed role are not judged."""
    out = [
        found
        for p in people
        if p.active
        for rule in PERSON_CONTRADICTIONS
        if (found := rule(p)) is not None
    ]
    by_id = {p.id: p for p in people}
    championed: dict[int, list[str]] = {}
    for case in use_cases:
        championed.setdefault(case.champion_id, []).append(case.title)
    for person_id, titles in championed.items():
        p = by_id.get(person_id)
        if p is not None and p.active and (found := cold_use_case_champion(p, titles)):
            out.append(found)
    return out


# --- coverage and risk ------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What every coverage rule reads: the people and the settings that judge them."""

    people: Sequence[StakeholderRow]
    today: dt.date
    stale_days: int
    monthly_goal: int
    tier: Tier

    def names(self, ids: Iterable[int], limit: int = 4) -> str:
        by_id = {p.id: p.name for p in self.people}
        names = [by_id[i] for i in ids if i in by_id]
        if len(names) > limit:
            return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
        return ", ".join(names)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def levels_rule(f: Facts) -> list[Finding]:
    """A live relationship at each coverage level."""
    cover = cov.level_coverage(f.people, f.today, f.stale_days)
    ids = tuple(i for c in cover.covered for i in cover.people[c.label])
    if cover.healthy:
        text = (
            f"Live relationships at all {cov.LEVELS_GOAL} levels: {cov.levels_text(cover.covered)}."
        )
        return [Finding("levels", Severity.GOOD, text, ids)]
    text = (
        f"Live relationships at only {cover.count} of {cov.LEVELS_GOAL} levels; missing: "
        f"{cov.levels_text(cover.missing)}. The goal: {cov.LEVELS_RULE}. "
        f"Live: still in the seat and spoken to within {f.stale_days} days."
    )
    return [Finding("levels", Severity.BAD, text, ids)]


def single_thread_rule(f: Facts) -> list[Finding]:
    """The account rests on one person, or on nobody."""
    if not cov.single_threaded(f.people, f.today, f.stale_days):
        return []
    live = cov.live_relationships(f.people, f.today, f.stale_days)
    who = f": everything rests on {live[0].name}" if live else ": no live contact at all"
    return [Finding("single", Severity.BAD, f"Single-threaded{who}.", tuple(p.id for p in live))]


def safe_switch_rule(f: Facts) -> list[Finding]:
    """A champion who left or moved: re-win whoever holds the seat now."""
    out = []
    for p in cov.safe_switches(f.people):
        what = "left the company" if p.status == StakeholderStatus.LEFT_COMPANY else "changed role"
        text = f"Champion {p.name} {what}: safe switch, re-win whoever holds the seat now."
        out.append(Finding("switch", Severity.BAD, text, (p.id,)))
    return out


def champion_rule(f: Facts) -> list[Finding]:
    """At least one active champion."""
    champions = cov.champion_check(f.people).champions
    if not champions:
        return [Finding("champions", Severity.BAD, "No active champion.")]
    text = f"{_plural(len(champions), 'champion')}: {f.names(champions)}."
    return [Finding("champions", Severity.GOOD, text, champions)]


def economic_buyer_rule(f: Facts) -> list[Finding]:
    """An economic buyer identified, and on our side."""
    check = cov.champion_check(f.people)
    buyers = check.economic_buyers
    if not buyers:
        return [Finding("buyer", Severity.WARN, "No economic buyer identified.")]
    if check.buyer_supportive:
        text = f"The economic buyer ({f.names(buyers)}) supports us."
        return [Finding("buyer", Severity.GOOD, text, buyers)]
    text = f"The economic buyer ({f.names(buyers)}) is not a supporter yet."
    return [Finding("buyer", Severity.BAD, text, buyers)]


def stale_rule(f: Facts) -> list[Finding]:
    """Active people we have not spoken to for longer than the threshold."""
    stale = cov.stale_relationships(f.people, f.today, f.stale_days)
    if not stale:
        return []
    ids = tuple(p.id for p in stale)
    text = (
        f"{_plural(len(stale), 'relationship')} stale (no contact for over "
        f"{f.stale_days} days): {f.names(ids)}."
    )
    return [Finding("stale", Severity.WARN, text, ids)]


def mirror_rule(f: Facts) -> list[Finding]:
    """A top-tier account's customer mirrors our sponsor and CSA."""
    mirror = cov.mirrored_commitment(f.people, f.tier)
    if mirror is None:
        return []
    ids = mirror.sponsors + mirror.program_managers
    if not mirror.complete:
        return [Finding("mirror", Severity.WARN, cov.mirror_gap_sentence(mirror.missing), ids)]
    text = (
        "Mirrored commitment: the customer named an executive sponsor "
        f"({f.names(mirror.sponsors)}) and a program manager "
        f"({f.names(mirror.program_managers)})."
    )
    return [Finding("mirror", Severity.GOOD, text, ids)]


def new_relationships_rule(f: Facts) -> list[Finding]:
    """New relationships this month against the goal, one per level, and the trend."""
    fresh = cov.new_relationships(f.people, f.today, f.monthly_goal)
    trend = ", ".join(f"{m:%b} {n}" for m, n in fresh.trend)
    count = len(fresh.this_month)
    text = f"{_plural(count, 'new relationship')} this month (goal {f.monthly_goal}, one per level)"
    if fresh.levels:
        text += f": at {cov.levels_text(fresh.levels)}"
        missing = [c for c in cov.COVERAGE_LEVELS if c not in fresh.levels]
        if missing:
            text += f"; none new at {cov.levels_text(missing)} yet"
    text += f". Last six months: {trend}."
    good = fresh.met_goal and fresh.one_per_level
    return [Finding("new", Severity.GOOD if good else Severity.WARN, text, fresh.this_month)]


def messages_rule(f: Facts) -> list[Finding]:
    """Who needs which value message."""
    return [
        Finding(
            f"message:{message}",
            Severity.INFO,
            f"Talk {message} with {f.names(ids, 3)}.",
            ids,
        )
        for message, ids in cov.audiences(f.people)
        if ids
    ]


COVERAGE_RULES: tuple[Callable[[Facts], list[Finding]], ...] = (
    levels_rule,
    single_thread_rule,
    safe_switch_rule,
    champion_rule,
    economic_buyer_rule,
    stale_rule,
    mirror_rule,
    new_relationships_rule,
    messages_rule,
)
EMPTY = Finding(
    "empty", Severity.BAD, "No stakeholders yet: add the people you work with, at every level."
)


def findings(
    people: Sequence[StakeholderRow],
    today: dt.date,
    stale_days: int,
    monthly_goal: int,
    tier: Tier,
) -> list[Finding]:
    """Every coverage and risk rule as a sentence, the most serious first."""
    if not people:
        return [EMPTY]
    facts = Facts(people, today, stale_days, monthly_goal, tier)
    out = [found for rule in COVERAGE_RULES for found in rule(facts)]
    return sorted(out, key=lambda found: RANK[found.severity])
