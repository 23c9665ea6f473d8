"""The changes since a snapshot, each dated: for the account plan's "Changes" sheet. A
change is dated by the first later snapshot that already shows it, or today when only the
account as it is now does (it happened after the latest snapshot)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.workshop import snapshots
from cs_planner.domain.workshop.compare import Change, compare
from cs_planner.domain.workshop.state import SnapshotInfo


@dataclass(frozen=True)
class DatedChange:
    change: Change
    seen_on: dt.date


def find_snapshot(session: Session, account_id: int, name: str | None) -> SnapshotInfo | None:
    """The account's snapshot called ``name`` (the latest of that name), or its latest
    snapshot when ``name`` is None; None when it has none."""
    taken = snapshots.snapshots_of(session, account_id)
    if name is None:
        return taken[-1] if taken else None
    wanted = name.strip().casefold()
    named = [i for i in taken if i.name.casefold() == wanted]
    if not named:
        known = ", ".join(i.name for i in taken) or "none yet"
        raise ValidationError(f"This account has no snapshot called {name!r} (it has: {known}).")
    return named[-1]


def _key(change: Change) -> tuple[str, int | None, str]:
    return (change.kind.value, change.subject_id, change.subject)


def changes_since(
    session: Session, account_id: int, since: SnapshotInfo, today: dt.date
) -> list[DatedChange]:
    """compare(since, now), each change dated by the first step that shows it."""
    taken = snapshots.snapshots_of(session, account_id)
    later = [i for i in taken if (i.taken_at, i.id) > (since.taken_at, since.id)]
    states = [snapshots.read_snapshot(session, since.id)]
    states += [snapshots.read_snapshot(session, i.id) for i in later]
    states.append(snapshots.capture(session, account_id))
    days = [i.taken_at.date() for i in later] + [today]
    first_seen: dict[tuple[str, int | None, str], dt.date] = {}
    for step, day in enumerate(days):
        for change in compare(states[step], states[step + 1]):
            first_seen.setdefault(_key(change), day)
    return [
        DatedChange(change, first_seen.get(_key(change), today))
        for change in compare(states[0], states[-1])
    ]
