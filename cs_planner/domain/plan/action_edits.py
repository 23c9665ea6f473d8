"""Every change to an account's action plan, Qt-free: add an action (in one row, or from
another tab with what it serves), change it, mark several done at once, delete some.
Each is one undo step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Batch, Delete, Edit, Insert, Update
from cs_planner.domain.enums import ActionStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    ActionItem,
    Objective,
    Opportunity,
    Risk,
    Stakeholder,
    TeamMember,
    UseCase,
)
from cs_planner.domain.plan.actions import (
    CUSTOMER,
    DUE_IN_DAYS,
    SERVES_ORDER,
    TEAM,
    ActionValues,
    Serves,
    Target,
    get_account,
    values_of,
    with_status,
)

GONE = "That action no longer exists (it may have been deleted)."


def defaults(title: str, csm_id: int | None, today: dt.date, **more: object) -> ActionValues:
    """A new action's values: owned by the CSM, due in two weeks, open, medium priority."""
    owner = (TEAM, csm_id) if csm_id is not None else None
    values = ActionValues(
        title=title.strip(), owner=owner, due_date=today + dt.timedelta(days=DUE_IN_DAYS)
    )
    return replace(values, **more)  # type: ignore[arg-type]


TARGETS = {
    Serves.OBJECTIVE: Objective,
    Serves.RISK: Risk,
    Serves.USE_CASE: UseCase,
    Serves.OPPORTUNITY: Opportunity,
    Serves.STAKEHOLDER: Stakeholder,
}


def _check_target(session: Session, account_id: int, target: Target) -> None:
    """What it serves (or its owner at the customer) exists and is on this account: the
    relationships of a new row are not loaded when the model's own check runs."""
    kind, row_id = target
    row: Any = session.get(TARGETS[kind], row_id)
    field = "serves"
    if row is None:
        raise ValidationError(f"That {kind.word.lower()} no longer exists.", field)
    if row.account_id != account_id:
        raise ValidationError(f"That {kind.word.lower()} is on another account.", field)


def _assign(session: Session, action: ActionItem, values: ActionValues) -> None:
    action.title = values.title.strip()
    kind, owner_id = values.owner if values.owner is not None else (TEAM, None)
    if owner_id is not None and kind == TEAM and session.get(TeamMember, owner_id) is None:
        raise ValidationError("That team member no longer exists.", "owner")
    if owner_id is not None and kind == CUSTOMER:
        person = session.get(Stakeholder, owner_id)
        if person is None or person.account_id != action.account_id:
            raise ValidationError("That person is not on this account's map.", "owner")
    if values.serves is not None:
        _check_target(session, action.account_id, values.serves)
    action.owner_id = owner_id if kind == TEAM else None
    action.customer_owner_id = owner_id if kind == CUSTOMER else None
    action.due_date = values.due_date
    action.status = values.status
    action.priority = values.priority
    action.done_on = values.done_on
    action.notes = values.notes
    as_read = values.links[0] if values.links else None
    if values.serves == as_read:
        links = dict(values.links)
    else:
        links = dict([values.serves]) if values.serves is not None else {}
    for serves in SERVES_ORDER:
        setattr(action, serves.value, links.get(serves))


def new_action(
    session: Session, account_id: int, values: ActionValues, today: dt.date
) -> ActionItem:
    get_account(session, account_id)
    action = ActionItem(account_id=account_id, created_on=today)
    _assign(session, action, values)  # before it joins the session: no autoflush of half a row
    return action


def update_action(session: Session, action_id: int, values: ActionValues) -> ActionValues:
    """Change an action; returns its values as they were (for undo)."""
    action = session.get(ActionItem, action_id)
    if action is None:
        raise ValidationError(GONE)
    before = values_of(action)
    _assign(session, action, values)
    session.flush()
    return before


def add_action(account_id: int, values: ActionValues, today: dt.date) -> Insert[ActionItem]:
    return Insert(
        f"Add the action '{values.title.strip()}'",
        lambda s: new_action(s, account_id, values, today),
        Changes.account(account_id),
    )


def change_action(account_id: int, action_id: int, values: ActionValues, what: str = "") -> Edit:
    text = f"Change {what} of '{values.title}'" if what else f"Change the action '{values.title}'"
    return Update(text, update_action, action_id, values, Changes.account(account_id))


def mark_done(account_id: int, actions: Sequence[tuple[int, ActionValues]], today: dt.date) -> Edit:
    """Several actions done today, one undo step (those done already keep their day)."""
    steps: list[Edit] = [
        Update(
            "",
            update_action,
            action_id,
            with_status(values, ActionStatus.DONE, today),
            Changes.account(account_id),
        )
        for action_id, values in actions
    ]
    n = len(steps)
    return Batch(f"Mark {n} action{'s' if n != 1 else ''} done", steps)


def delete_actions(account_id: int, action_ids: Sequence[int]) -> Edit:
    n = len(action_ids)
    return Delete(
        f"Delete {n} action{'s' if n != 1 else ''}",
        ActionItem,
        action_ids,
        Changes.account(account_id),
    )
