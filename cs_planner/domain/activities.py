"""An account's activity log (calls, QBRs, workshops...): read models and edits.

An activity's stakeholders are a many-to-many link, which a generic field update cannot set,
so adding and changing an activity goes through ``new_activity`` and ``update_activity``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.enums import ActivityKind
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Activity, ActivityStakeholder, Stakeholder, TeamMember


@dataclass(frozen=True)
class ActivityRow:
    id: int
    date: dt.date
    kind: ActivityKind
    owner_id: int | None
    owner: str  # our person, "" when none
    stakeholder_ids: tuple[int, ...]
    stakeholders: tuple[str, ...]  # their names, by name
    note: str

    @property
    def values(self) -> ActivityValues:
        return ActivityValues(
            date=self.date,
            kind=self.kind,
            owner_id=self.owner_id,
            stakeholder_ids=self.stakeholder_ids,
            note=self.note,
        )


@dataclass(frozen=True)
class ActivityValues:
    """What a user edits on an activity."""

    date: dt.date
    kind: ActivityKind = ActivityKind.CALL
    owner_id: int | None = None
    stakeholder_ids: tuple[int, ...] = ()
    note: str = ""


def list_activities(session: Session, account_id: int) -> list[ActivityRow]:
    """The account's activities, newest first, in two queries (activities, then people)."""
    rows = session.execute(
        select(
            Activity.id,
            Activity.date,
            Activity.kind,
            Activity.owner_id,
            TeamMember.name.label("owner"),
            Activity.note,
        )
        .outerjoin(TeamMember, TeamMember.id == Activity.owner_id)
        .where(Activity.account_id == account_id)
        .order_by(Activity.date.desc(), Activity.id.desc())
    ).all()
    people: dict[int, list[tuple[int, str]]] = {}
    links = session.execute(
        select(ActivityStakeholder.activity_id, Stakeholder.id, Stakeholder.name)
        .join(Stakeholder, Stakeholder.id == ActivityStakeholder.stakeholder_id)
        .join(Activity, Activity.id == ActivityStakeholder.activity_id)
        .where(Activity.account_id == account_id)
        .order_by(Stakeholder.name)
    )
    for activity_id, person_id, name in links:
        people.setdefault(activity_id, []).append((person_id, name))
    return [
        ActivityRow(
            id=r.id,
            date=r.date,
            kind=r.kind,
            owner_id=r.owner_id,
            owner=r.owner or "",
            stakeholder_ids=tuple(p for p, _ in people.get(r.id, [])),
            stakeholders=tuple(n for _, n in people.get(r.id, [])),
            note=r.note or "",
        )
        for r in rows
    ]


def stakeholder_choices(session: Session, account_id: int) -> list[tuple[int, str]]:
    """The account's stakeholders as (id, name), by name: who an activity can involve."""
    query = (
        select(Stakeholder.id, Stakeholder.name)
        .where(Stakeholder.account_id == account_id)
        .order_by(Stakeholder.name)
    )
    return [(r.id, r.name) for r in session.execute(query)]


def _assign(session: Session, activity: Activity, values: ActivityValues) -> None:
    activity.date = values.date
    activity.kind = values.kind
    activity.note = (values.note or "").strip()
    if values.owner_id is not None and session.get(TeamMember, values.owner_id) is None:
        raise ValidationError("That team member no longer exists.", "owner_id")
    activity.owner_id = values.owner_id
    wanted = list(dict.fromkeys(values.stakeholder_ids))
    found = {
        p.id: p for p in session.scalars(select(Stakeholder).where(Stakeholder.id.in_(wanted)))
    }
    if len(found) != len(wanted):
        raise ValidationError(
            "A stakeholder picked for this activity no longer exists.", "stakeholders"
        )
    # The model's check() rejects stakeholders of another account.
    activity.stakeholders = [found[i] for i in wanted]


def new_activity(session: Session, account_id: int, values: ActivityValues) -> Activity:
    """A new activity, validated and added to the session (not yet flushed)."""
    activity = Activity(account_id=account_id)
    _assign(session, activity, values)
    session.add(activity)
    return activity


def update_activity(session: Session, activity_id: int, values: ActivityValues) -> ActivityValues:
    """Change an activity; returns its values as they were (for undo)."""
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise ValidationError("That activity no longer exists (it may have been deleted).")
    before = ActivityValues(
        date=activity.date,
        kind=activity.kind,
        owner_id=activity.owner_id,
        stakeholder_ids=tuple(p.id for p in activity.stakeholders),
        note=activity.note,
    )
    _assign(session, activity, values)
    session.flush()
    return before
