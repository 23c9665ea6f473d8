"""A workshop session: what was captured in front of the customer between entering and
leaving workshop mode (compare(the snapshot at its start, now)), summed up for the meeting
notes and logged as a workshop in the account's activity log. Only shared changes: the
notes go to the customer, and the summary is shown while the screen may still be shared."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cs_planner.domain.accounts.edits import add_activity
from cs_planner.domain.accounts.rows import ActivityValues
from cs_planner.domain.edits import Batch, Insert, Update
from cs_planner.domain.enums import ActivityKind
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import AccountSnapshot, Activity
from cs_planner.domain.workshop.compare import Area, Change, Kind, compare, shared_only
from cs_planner.domain.workshop.state import AccountState, ActionState

NOTE_MAX = 10_000  # an activity's note is long text; a summary past this is cut


def session_name(account_name: str, day: dt.date, purpose: str = "") -> str:
    """ "Q3 review with Meridian, 2026-12-02"; "Workshop with ..." without a purpose."""
    return f"{purpose.strip() or 'Workshop'} with {account_name}, {day.isoformat()}"


@dataclass(frozen=True)
class SessionSummary:
    name: str
    account_name: str
    day: dt.date
    changes: list[Change]  # the shared ones
    agreed: list[ActionState]  # actions added during the session

    @property
    def captured(self) -> bool:
        return bool(self.changes)

    def of(self, *kinds: Kind) -> list[Change]:
        return [c for c in self.changes if c.kind in kinds]

    @property
    def new_people(self) -> list[Change]:
        return self.of(Kind.PERSON_ADDED)

    @property
    def departed(self) -> list[Change]:
        return self.of(Kind.PERSON_LEFT, Kind.PERSON_REMOVED)

    @property
    def roadmap(self) -> list[Change]:
        return [c for c in self.changes if c.area is Area.STAIRWAY]

    @property
    def other(self) -> list[Change]:
        """Everything else captured: moves, titles, dimensions, metrics, actions closed."""
        listed = {id(c) for c in (*self.new_people, *self.departed, *self.roadmap)}
        listed |= {id(c) for c in self.of(Kind.ACTION_ADDED)}
        return [c for c in self.changes if id(c) not in listed]

    def sections(self) -> list[tuple[str, list[str]]]:
        """The notes, section by section (empty sections left out)."""
        agreed = [_action_line(a) for a in self.agreed]
        found = [
            ("Agreed actions", agreed),
            ("New people", [c.text for c in self.new_people]),
            ("Departed people", [c.text for c in self.departed]),
            ("Roadmap changes", [c.text for c in self.roadmap]),
            ("Other changes", [c.text for c in self.other]),
        ]
        return [(title, lines) for title, lines in found if lines]

    def text(self) -> str:
        """Plain text: the activity's note and the .txt notes."""
        parts = [self.name]
        for title, lines in self.sections() or [("Nothing captured", [])]:
            parts.append(f"\n{title}:" + "".join(f"\n- {line}" for line in lines))
        return "\n".join(parts)[:NOTE_MAX]

    def markdown(self) -> str:
        parts = [f"# {self.name}", ""]
        for title, lines in self.sections() or [("Nothing captured", [])]:
            parts += [f"## {title}", "", *(f"- {line}" for line in lines), ""]
        return "\n".join(parts)


def _action_line(action: ActionState) -> str:
    owner = action.owner or "owner to be agreed"
    due = f"by {action.due.isoformat()}" if action.due else "no date yet"
    return f"{action.title} ({owner}, {due})"


def summarize(name: str, start: AccountState, now: AccountState, day: dt.date) -> SessionSummary:
    changes = shared_only(compare(start, now))
    agreed = [
        now.actions[c.subject_id]
        for c in changes
        if c.kind is Kind.ACTION_ADDED and c.subject_id in now.actions
    ]
    return SessionSummary(name, now.account_name, day, changes, agreed)


def log_session(
    account_id: int, summary: SessionSummary, snapshot_id: int | None = None
) -> Insert[Activity] | Batch:
    """The session as a workshop in the account's activity log (one undoable step); the
    snapshot taken at its start (``snapshot_id``) takes the name it was given at the end."""
    values = ActivityValues(date=summary.day, kind=ActivityKind.WORKSHOP, note=summary.text())
    edit = add_activity(account_id, summary.account_name, values)
    edit.text = f"Log {summary.name}"
    if snapshot_id is None:
        return edit
    rename = Update(edit.text, rename_snapshot, snapshot_id, summary.name)
    return Batch(edit.text, [edit, rename])


def rename_snapshot(session: Session, snapshot_id: int, name: str) -> str:
    """Rename a snapshot; its name before (for undo)."""
    row = session.get(AccountSnapshot, snapshot_id)
    if row is None:
        raise ValidationError("This snapshot no longer exists.", "snapshot_id")
    before, row.name = row.name, name
    session.flush()
    return before
