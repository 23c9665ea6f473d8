"""Applying the accepted changes of an account plan read back (``plan_changes``) as ONE
undoable edit, through the domain's own writes: an action through ``update_action`` /
``new_action`` (its owner checks, done-on following the status), a risk through
``update_risk`` / ``new_risk``, a use case through ``update_use_case`` / ``new_use_case``
(and ``MoveUseCase`` to another step, last on it), a person through the ORM, deletions
through ``Delete`` (undo puts them back with the same ids and links). Every write goes
through the ORM flush, so the models' validation runs; a failure rolls the caller's one
transaction back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Batch, Delete, Edit, Insert, Update
from cs_planner.domain.enums import StairStep
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.plan_changes import ACTIONS, PEOPLE, RISKS, USE_CASES, RowChange
from cs_planner.domain.model import ActionItem, Base, Risk, Stakeholder, UseCase
from cs_planner.domain.plan.action_edits import new_action, update_action
from cs_planner.domain.plan.actions import ActionValues, values_of, with_status
from cs_planner.domain.plan.risks import RiskValues, new_risk, update_risk
from cs_planner.domain.stairway.edits import MoveUseCase, new_use_case, update_use_case
from cs_planner.domain.stairway.rows import EDIT_FIELDS, UseCaseValues

MODELS: dict[str, type[Base]] = {
    ACTIONS: ActionItem,
    RISKS: Risk,
    PEOPLE: Stakeholder,
    USE_CASES: UseCase,
}
LAST = 10**6  # past the end of a step: a use case moved in the sheet goes last on its step
GONE = "A row of the plan is no longer in the portfolio; read the plan again."


def _values(row: RowChange) -> dict[str, Any]:
    """The row's fields that can be written (a field with a problem never is)."""
    return {f.field: f.value for f in row.fields if not f.problem}


class PlanChangesEdit(Edit):
    """The accepted rows of one plan, one step. The steps are built from the portfolio the
    first time it is applied; redo replays the same steps (inserts keep their ids)."""

    def __init__(
        self, account_id: int, account_name: str, rows: Sequence[RowChange], today: dt.date
    ) -> None:
        self.account_id, self.today = account_id, today
        self.rows = [r for r in rows if r.applicable]
        n = len(self.rows)
        self.text = f"Import {n} change{'s' if n != 1 else ''} from the plan of {account_name}"
        self.steps: list[Edit] | None = None

    def apply(self, session: Session) -> Changes:
        if self.steps is None:
            self.steps = [self._step(session, row) for row in self.rows]
        for step in self.steps:
            step.apply(session)
        session.flush()
        return Changes.account(self.account_id)

    def revert(self, session: Session) -> Changes:
        for step in reversed(self.steps or []):
            step.revert(session)
        session.flush()
        return Changes.account(self.account_id)

    def _step(self, session: Session, row: RowChange) -> Edit:
        model, fields = MODELS[row.sheet], _values(row)
        if row.kind == "deleted":
            assert row.record_id is not None
            return Delete(f"Delete '{row.label}'", model, [row.record_id])
        if row.kind == "new":
            return Insert(f"Add '{row.label}'", lambda s: self._new(s, row.sheet, fields))
        record = session.get(model, row.record_id)
        if record is None or getattr(record, "account_id", None) != self.account_id:
            raise ValidationError(GONE)
        assert row.record_id is not None
        if row.sheet == ACTIONS:
            action_values = self._action_values(values_of(record), fields)  # type: ignore[arg-type]
            return Update("", update_action, row.record_id, action_values)
        if row.sheet == RISKS:
            risk = RiskValues(**{n: getattr(record, n) for n in RiskValues.__dataclass_fields__})
            return Update("", update_risk, row.record_id, replace(risk, **fields))
        if row.sheet == USE_CASES:
            return self._use_case(record, fields)  # type: ignore[arg-type]
        return Update("", _update_person, row.record_id, fields)

    def _use_case(self, use_case: UseCase, fields: dict[str, Any]) -> Edit:
        step = fields.pop("step", None)
        now = UseCaseValues(**{name: getattr(use_case, name) for name in EDIT_FIELDS})
        steps: list[Edit] = []
        if fields:
            steps.append(Update("", update_use_case, use_case.id, replace(now, **fields)))
        if step is not None:
            steps.append(MoveUseCase("", self.account_id, use_case.id, step, LAST))
        return Batch("", steps)

    def _action_values(self, values: ActionValues, fields: dict[str, Any]) -> ActionValues:
        status = fields.pop("status", None)
        values = replace(values, **fields)
        # Ticked done in the sheet: done today, as the Plan tab does; reopened: no done date.
        return with_status(values, status, self.today) if status is not None else values

    def _new(self, session: Session, sheet: str, fields: dict[str, Any]) -> Base:
        fields = dict(fields)
        if sheet == ACTIONS:
            values = self._action_values(ActionValues(title=fields.pop("title")), fields)
            return new_action(session, self.account_id, values, self.today)
        if sheet == RISKS:
            risk = RiskValues(**fields)
            return new_risk(session, self.account_id, risk, self.today)
        if sheet == USE_CASES:
            step = fields.pop("step", StairStep.REMEDIATION)
            use_case = UseCaseValues(**fields)
            return new_use_case(session, self.account_id, step, use_case)
        return Stakeholder(account_id=self.account_id, **fields)


def _update_person(session: Session, person_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """Set a person's fields; returns them as they were (for undo)."""
    person = session.get(Stakeholder, person_id)
    if person is None:
        raise ValidationError(GONE)
    before = {name: getattr(person, name) for name in fields}
    for name, value in fields.items():
        setattr(person, name, value)
    session.flush()
    return before
