"""Rules that catch a plan contradicting itself, in any portfolio: a target larger than what
the whitespace grid leaves relevant, an activity dated in the future whose note says it took
place (a champion recorded as a detractor: ``domain/relationships/rules.py``). Pure
functions of rows already read for the tab that shows them; each returns findings (a
sentence and a severity) in the form of the relationship coverage panel, so every tab shows
them the same way."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cs_planner.domain.enums import Dimension, Severity, WhitespaceState
from cs_planner.domain.expansion import DimensionRow, WhitespaceGrid
from cs_planner.domain.findings import Finding

# --- expansion --------------------------------------------------------------------------


def relevant_divisions(products: WhitespaceGrid, geographies: WhitespaceGrid) -> list[int]:
    """Divisions not marked "not relevant" in every cell of both grids (a cell not yet
    assessed leaves the division in play)."""
    kept = []
    for row in products.rows:
        cells = [products.state(row.id, c.id) for c in products.columns]
        cells += [geographies.state(row.id, c.id) for c in geographies.columns]
        if not cells or any(s != WhitespaceState.NOT_RELEVANT for s in cells):
            kept.append(row.id)
    return kept


def relevant_columns(grid: WhitespaceGrid) -> list[int]:
    """Products (or geographies) not marked "not relevant" for every division."""
    return [
        c.id
        for c in grid.columns
        if not grid.rows
        or any(grid.state(r.id, c.id) != WhitespaceState.NOT_RELEVANT for r in grid.rows)
    ]


def expansion_contradictions(
    dimensions: Sequence[DimensionRow], products: WhitespaceGrid, geographies: WhitespaceGrid
) -> list[Finding]:
    """A divisions, geographies or functionality target larger than the number of
    divisions, geographies or products the whitespace grids leave relevant."""
    counts = {
        Dimension.DIVISIONS: (
            products.rows,
            relevant_divisions(products, geographies),
            "divisions",
        ),
        Dimension.GEOGRAPHIES: (geographies.columns, relevant_columns(geographies), "geographies"),
        Dimension.FUNCTIONALITY: (products.columns, relevant_columns(products), "products"),
    }
    out: list[Finding] = []
    for row in dimensions:
        if row.dimension not in counts or not row.values.applies or row.values.target is None:
            continue
        everything, relevant, noun = counts[row.dimension]
        target = row.values.target
        if target <= len(relevant) + 1e-9:
            continue
        ruled_out = [c.label for c in everything if c.id not in set(relevant)]
        text = (
            f"{row.dimension.label} target {_figure(target)}, but only {len(relevant)} of the "
            f"{len(everything)} {noun} are relevant in the whitespace grid"
        )
        if ruled_out:
            text += f" ({', '.join(ruled_out)} marked not relevant everywhere)"
        text += ": lower the target or reassess the grid."
        out.append(Finding(f"target:{row.dimension.value}", Severity.WARN, text))
    return out


def _figure(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


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
