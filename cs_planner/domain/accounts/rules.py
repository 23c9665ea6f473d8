"""Accounts: the pure rules (no session): tier suggestions and KPIs, the division tree, the
people a drop-down offers, and the activity log's contradictions (an activity still to come
written as done)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING

from cs_planner.domain.enums import Severity, TeamRole, Tier
from cs_planner.domain.findings import Finding

if TYPE_CHECKING:
    from cs_planner.domain.accounts.rows import DivisionRow, Person


# --- tiers and KPIs ----------------------------------------------------------------------

# Tier suggestion (``suggest_tiers``): the top tier as the team's hours allow, else the top
# 10% of accounts by ARR ("most equal", DOMAIN.md section 7); the next 30% "most
# leveraged", the rest "most scalable".
TOP_SHARE = 0.10


LEVERAGED_SHARE = 0.30


# Why an account shows no multiple: a new account has no ARR yet, and 0.0x would read as
# an account that shrank to nothing.
NO_MULTIPLE = "—"  # shown in place of the multiple, with NO_ARR_YET as the reason


NO_ARR_YET = "No ARR yet: the multiple (ARR ÷ initial deal X) shows once the ARR is entered."


def expansion_multiple(arr: float | None, initial_deal_value: float | None) -> float | None:
    """Current ARR over the initial deal X ("zero to 50x"); None while the account has no
    ARR (or no initial deal): there is nothing to multiply yet (NO_ARR_YET)."""
    if not arr or arr <= 0 or not initial_deal_value or initial_deal_value <= 0:
        return None
    return arr / initial_deal_value


def license_utilization(active_users: int, licensed_seats: int) -> float | None:
    return active_users / licensed_seats if licensed_seats else None


@dataclass(frozen=True)
class TierHours:
    """Hours a month one account of each tier needs, and the CSM team's hours a month."""

    hours: dict[Tier, float]
    team: float

    @property
    def known(self) -> bool:
        """Whether the team's hours are known (a setting, or CSMs with capacity)."""
        return self.team > 0


def suggest_tiers(
    accounts: Sequence[tuple[int, float, bool]], capacity: TierHours | None = None
) -> dict[int, Tier]:
    """Suggest a tier for each ``(id, arr, strategic)`` (DOMAIN.md section 7). With the
    team's hours known, the top tier is bounded by them: ranked strategic first, then by
    ARR (of equal ARR the lower id), accounts are lifted into it one by one while the hours
    every account then needs fit the team's. Without them, the top tenth by ARR and every
    strategic account. Then the leveraged tier to the usual rank, the rest scalable. An
    account without ARR has no rank to earn a higher touch, unless flagged strategic."""
    if capacity is None or not capacity.known:
        return _by_share(accounts)
    # Two stable sorts on C-level keys (id, then ARR down), then strategic first by a
    # stable split (linear, where a third sort on two values was not): a tuple key per
    # account made this the costliest step of the list at 20,000.
    by_arr = sorted(accounts, key=itemgetter(0))
    by_arr.sort(key=itemgetter(1), reverse=True)  # reverse keeps equal keys in order
    ranked = [a for a in by_arr if a[2]]
    ranked += [a for a in by_arr if not a[2]]
    _top, bound = tier_ranks(len(ranked))
    top, leveraged, scalable = Tier.TOP, Tier.LEVERAGED, Tier.SCALABLE
    raised = {a[0]: leveraged for a in ranked[:bound] if a[1] > 0}  # the rest: scalable
    hours = capacity.hours
    used = len(raised) * hours[leveraged] + (len(ranked) - len(raised)) * hours[scalable]
    for account_id, arr, strategic in ranked:
        more = hours[top] - hours[raised.get(account_id, scalable)]
        if not (strategic or arr > 0) or used + more > capacity.team + 1e-9:
            break
        raised[account_id] = top
        used += more
    # Keyed in the given order (the caller's, by id): its lookups then walk the table in
    # order, where a table in rank order was a jump in memory for each account.
    out = dict.fromkeys(map(itemgetter(0), accounts), scalable)
    out.update(raised)
    return out


def _by_share(accounts: Sequence[tuple[int, float, bool]]) -> dict[int, Tier]:
    ranked = sorted(accounts, key=itemgetter(0))
    ranked.sort(key=itemgetter(1), reverse=True)  # stable: of equal ARR, the lower id first
    top, leveraged = tier_ranks(len(ranked))
    tiers = {}
    for rank, (account_id, arr, strategic) in enumerate(ranked):
        tiers[account_id] = tier_at_rank(rank, top, leveraged, arr, strategic)
    return tiers


def tier_ranks(count: int) -> tuple[int, int]:
    """Of ``count`` accounts by ARR, the ranks below which one is top, and leveraged."""
    top_n = max(1, round(count * TOP_SHARE)) if count else 0
    return top_n, top_n + round(count * LEVERAGED_SHARE)


def tier_at_rank(rank: int, top: int, leveraged: int, arr: float, strategic: bool) -> Tier:
    """The tier by share of the account ranked ``rank`` (0: the largest ARR), with the
    bounds of ``tier_ranks``."""
    if strategic or (rank < top and arr > 0):
        return Tier.TOP
    if rank < leveraged and arr > 0:
        return Tier.LEVERAGED
    return Tier.SCALABLE


# --- the division tree -------------------------------------------------------------------


def geography_label(region: str, country: str) -> str:
    """'EMEA / Germany', or just the region (same as ``Geography.label``)."""
    return f"{region} / {country}" if country else region


def children(rows: Iterable[DivisionRow]) -> dict[int | None, list[DivisionRow]]:
    """Divisions by parent id (None: top level), keeping the input order.

    A division whose parent is missing, or that sits in a loop no root reaches, is put at
    the top level so that it can still be seen and fixed."""
    rows = list(rows)
    known = {r.id for r in rows}
    tree: dict[int | None, list[DivisionRow]] = {}
    for row in rows:
        parent = row.parent_id if row.parent_id in known else None
        tree.setdefault(parent, []).append(row)
    reached = {r.id for r in _walk(tree, None)}
    stray = [r for r in rows if r.id not in reached]
    for row in stray:
        tree[row.parent_id].remove(row)
        tree.setdefault(None, []).append(row)
    return {parent: kids for parent, kids in tree.items() if kids}


def _walk(tree: dict[int | None, list[DivisionRow]], root: int | None) -> list[DivisionRow]:
    out: list[DivisionRow] = []
    stack = list(reversed(tree.get(root, [])))
    while stack:
        row = stack.pop()
        out.append(row)
        stack.extend(reversed(tree.get(row.id, [])))
    return out


def tree_order(rows: Iterable[DivisionRow]) -> list[tuple[DivisionRow, int]]:
    """Each division with its depth, every one under its parent (for printing the tree)."""
    tree = children(rows)
    out: list[tuple[DivisionRow, int]] = []
    stack = [(row, 0) for row in reversed(tree.get(None, []))]
    while stack:
        row, depth = stack.pop()
        out.append((row, depth))
        stack.extend((child, depth + 1) for child in reversed(tree.get(row.id, [])))
    return out


def division_what(name: str, below: int) -> str:
    """How a delete names a division: "Fleet", "Fleet and its 2 sub-divisions"."""
    if not below:
        return name
    return f"{name} and its {below} sub-division{'s' if below > 1 else ''}"


def subtree_ids(rows: Iterable[DivisionRow], root_id: int) -> list[int]:
    """``root_id`` and every division under it, deepest first (the order to delete them)."""
    tree = children(rows)
    below = [r.id for r in _walk(tree, root_id)]
    return [*reversed(below), root_id]


# --- our people in drop-downs ------------------------------------------------------------

# Roles whose time is billed: a bill rate and a chargeability target apply (DOMAIN.md 5).
RATED_ROLES = frozenset({TeamRole.CSA})


RETIRED_MARK = " (retired)"


def marked(name: str, retired_on: dt.date | None) -> str:
    """A person's name as lists show it: marked when they are retired."""
    return f"{name}{RETIRED_MARK}" if retired_on is not None and name else name


def choices(
    everyone: Sequence[Person],
    roles: Collection[TeamRole] | None,
    current: int | None = None,
    none: str | None = "(none)",
    *,
    show_role: bool = False,
) -> list[tuple[str, int | None]]:
    """(label, id) for a drop-down: the active people of ``roles`` (None: any role), plus
    the ``current`` choice even when retired or in another role, marked as such."""
    items: list[tuple[str, int | None]] = [] if none is None else [(none, None)]
    for p in everyone:
        fits = roles is None or p.role in roles
        if (fits and not p.retired) or p.id == current:
            label = p.label
            if show_role or not fits:
                label = f"{p.name} ({p.role.short_label})" + (RETIRED_MARK if p.retired else "")
            items.append((label, p.id))
    return items


# --- the activity log's contradictions ---------------------------------------------------

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
