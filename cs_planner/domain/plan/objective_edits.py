"""Every change to an account's objectives, Qt-free: add one (at the end), change it, move
it up or down, delete it (its actions stay, serving nothing: undo links them again)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Delete, Edit, Insert, Update
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import AccountMetric, Objective, UseCase
from cs_planner.domain.plan.actions import get_account
from cs_planner.domain.plan.objectives import OBJECTIVE_FIELDS, ObjectiveValues, values_of

GONE = "That objective no longer exists (it may have been deleted)."
Positions = dict[int, int]  # objective id -> position


def _assign(session: Session, objective: Objective, values: ObjectiveValues) -> None:
    if values.metric_id is not None and values.use_case_id is not None:
        raise ValidationError("Measure it by a metric or by a use case, not both.", "metric_id")
    for model, row_id, field in (
        (AccountMetric, values.metric_id, "metric_id"),
        (UseCase, values.use_case_id, "use_case_id"),
    ):
        if row_id is None:
            continue
        row: Any = session.get(model, row_id)
        if row is None or row.account_id != objective.account_id:
            raise ValidationError("That is not on this account any more.", field)
    for name in OBJECTIVE_FIELDS:
        value = getattr(values, name)
        setattr(objective, name, value.strip() if isinstance(value, str) else value)


def new_objective(
    session: Session, account_id: int, values: ObjectiveValues, today: dt.date
) -> Objective:
    get_account(session, account_id)
    last = session.scalar(
        select(func.max(Objective.position)).where(Objective.account_id == account_id)
    )
    objective = Objective(account_id=account_id, position=(last or 0) + 1, created_on=today)
    _assign(session, objective, values)
    return objective


def update_objective(
    session: Session, objective_id: int, values: ObjectiveValues
) -> ObjectiveValues:
    objective = session.get(Objective, objective_id)
    if objective is None:
        raise ValidationError(GONE)
    before = values_of(objective)
    _assign(session, objective, values)
    session.flush()
    return before


def set_positions(session: Session, account_id: int, positions: Positions) -> Positions:
    """Put the account's objectives at ``positions``; returns where they were."""
    rows = session.scalars(select(Objective).where(Objective.account_id == account_id)).all()
    before = {row.id: row.position for row in rows}
    for row in rows:
        if row.id in positions:
            row.position = positions[row.id]
    session.flush()
    return before


def moved(order: list[int], objective_id: int, step: int) -> Positions | None:
    """The positions after moving one objective ``step`` places (-1 up, 1 down) in
    ``order`` (ids as shown); None when it cannot move that way."""
    if objective_id not in order:
        return None
    at = order.index(objective_id)
    to = at + step
    if not 0 <= to < len(order):
        return None
    order = list(order)
    order[at], order[to] = order[to], order[at]
    return {row_id: n for n, row_id in enumerate(order, start=1)}


def add_objective(account_id: int, values: ObjectiveValues, today: dt.date) -> Insert[Objective]:
    return Insert(
        f"Add the objective '{values.title.strip()}'",
        lambda s: new_objective(s, account_id, values, today),
        Changes.account(account_id),
    )


def change_objective(account_id: int, objective_id: int, values: ObjectiveValues) -> Edit:
    return Update(
        f"Change the objective '{values.title.strip()}'",
        update_objective,
        objective_id,
        values,
        Changes.account(account_id),
    )


def move_objective(account_id: int, title: str, positions: Positions, up: bool) -> Edit:
    return Update(
        f"Move '{title}' {'up' if up else 'down'}",
        set_positions,
        account_id,
        positions,
        Changes.account(account_id),
    )


def delete_objective(account_id: int, objective_id: int, title: str) -> Edit:
    return Delete(
        f"Delete the objective '{title}'", Objective, [objective_id], Changes.account(account_id)
    )
