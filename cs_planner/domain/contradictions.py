"""Rules that catch a plan contradicting itself, in any portfolio: a champion recorded as a
detractor, an activity dated in the future whose note says it took place (a target larger
than what the whitespace grid leaves relevant is in ``expansion.rules``). Pure functions
of rows already read for the tab that shows them; each returns findings (a sentence and a
severity) in the form of the relationship coverage panel, so every tab shows them the same
way."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cs_planner.domain.enums import BuyingRole, Severity, Stance
from cs_planner.domain.findings import Finding
from cs_planner.domain.relationships import StakeholderRow

# --- relationships ----------------------------------------------------------------------

COLD = (Stance.SKEPTIC, Stance.DETRACTOR, Stance.FAVOURS_COMPETITOR)


@dataclass(frozen=True)
class ChampionedUseCase:
    """A use case and the stakeholder named as its champion."""

    title: str
    champion_id: int


def _stance(person: StakeholderRow) -> str:
    return person.stance.label.lower()


def relationship_contradictions(
    people: Sequence[StakeholderRow], use_cases: Iterable[ChampionedUseCase] = ()
) -> list[Finding]:
    """A champion (by role) whose stance is cold, someone who is both champion and
    blocker, and a use case championed by a blocker or a cold stakeholder: one of the
    two records is out of date. People who left or changed role are not judged."""
    out: list[Finding] = []
    for p in people:
        if not p.active:
            continue
        champion_role = BuyingRole.CHAMPION in p.roles
        blocker = BuyingRole.BLOCKER in p.roles
        if champion_role and p.stance in COLD:
            out.append(
                Finding(
                    "contradiction",
                    Severity.BAD,
                    f"{p.name} is recorded as a champion, but their stance is "
                    f"{_stance(p)}: update the role or the stance.",
                    (p.id,),
                )
            )
        if blocker and (champion_role or p.stance == Stance.CHAMPION):
            out.append(
                Finding(
                    "contradiction",
                    Severity.BAD,
                    f"{p.name} is recorded both as a champion and as a blocker: "
                    "update the role or the stance.",
                    (p.id,),
                )
            )
    by_id = {p.id: p for p in people}
    championed: dict[int, list[str]] = {}
    for case in use_cases:
        championed.setdefault(case.champion_id, []).append(case.title)
    for person_id, titles in championed.items():
        p = by_id.get(person_id)
        if p is None or not p.active:
            continue
        why = []
        if BuyingRole.BLOCKER in p.roles:
            why.append("is a blocker")
        if p.stance in COLD:
            why.append(f"their stance is {_stance(p)}")
        if why:
            named = ", ".join(f"“{t}”" for t in titles)
            what = (
                f"the use case {named}"
                if len(titles) == 1
                else f"{len(titles)} use cases ({named})"
            )
            out.append(
                Finding(
                    "contradiction",
                    Severity.BAD,
                    f"{p.name} champions {what}, but {' and '.join(why)}: name another "
                    "champion or update the stance.",
                    (p.id,),
                )
            )
    return out


# --- activities -------------------------------------------------------------------------

# Words that say something took place. A note for a meeting still to come reads "Agenda:",
# "To review", "Planned"; a clause that opens with a past tense ("Reviewed", "Sent", "Met")
# or uses one of the common past forms below says it is done.
# fmt: off
PAST_FORMS = frozenset((
    "met", "sent", "held", "ran", "gave", "took", "made", "spoke", "went", "wrote", "told",
    "led", "did", "saw", "got", "brought", "began", "kept", "left", "paid", "won", "lost",
    "found", "chose", "drove",
))
DONE_WORDS = frozenset((
    "discussed", "agreed", "presented", "reviewed", "attended", "completed", "delivered",
    "walked", "showed", "shared", "introduced", "followed", "moved", "signed", "closed",
    "confirmed", "prioritised", "prioritized", "was", "were", "had", "happened",
))
NOT_DONE = frozenset((
    "planned", "scheduled", "proposed", "expected", "intended", "needed", "required",
    "booked", "invited", "tentative", "upcoming",
))
# fmt: on
CLAUSE = re.compile(r"[.;:!?]|\band\b|,")
WORD = re.compile(r"[A-Za-z]+")


def reads_as_done(note: str) -> bool:
    """Whether a note is written as something that has happened (a heuristic: see
    ``PAST_FORMS``, ``DONE_WORDS`` and ``NOT_DONE``)."""
    words = [w.lower() for w in WORD.findall(note)]
    if any(w in DONE_WORDS for w in words):
        return True
    for clause in CLAUSE.split(note):
        first = WORD.search(clause)
        if first is None:
            continue
        word = first.group().lower()
        if word in NOT_DONE:
            continue
        if word in PAST_FORMS or (word.endswith("ed") and len(word) > 4):
            return True
    return False


@dataclass(frozen=True)
class ActivityNote:
    """What the rule reads of an activity."""

    id: int
    date: dt.date
    kind: str  # its label, for the sentence
    note: str


def activity_contradictions(activities: Iterable[ActivityNote], today: dt.date) -> list[Finding]:
    """An activity dated after today whose note says it took place: the date or the note
    is wrong. ``people`` of the finding holds the activity's id."""
    out = []
    for a in sorted(activities, key=lambda a: (a.date, a.id)):
        if a.date > today and reads_as_done(a.note):
            out.append(
                Finding(
                    "future_done",
                    Severity.WARN,
                    f"The {a.kind} dated {a.date.isoformat()} is still to come, but its note "
                    "says it took place: correct the date or the note.",
                    (a.id,),
                )
            )
    return out
