"""Rules that catch a plan contradicting itself: an activity dated in the future whose note
says it took place (a champion recorded as a detractor: ``relationships/rules.py``; a target
larger than the whitespace grid leaves relevant: ``expansion/rules.py``). Pure functions of
rows already read for the tab that shows them, returning findings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from cs_planner.domain.enums import Severity
from cs_planner.domain.findings import Finding

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
