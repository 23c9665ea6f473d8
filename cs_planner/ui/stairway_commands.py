"""Undo commands of the Stairway tab that the generic ones in ``ui.undo`` do not cover:
moving a use case (which renumbers its neighbours) and applying a template (which may add
the template to the portfolio, adds use cases and points the account at the template)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cs_planner.domain import snapshot
from cs_planner.domain.enums import StairStep
from cs_planner.domain.model import Account, StairwayTemplate, UseCase
from cs_planner.domain.stairway.edits import apply_template, move_use_case, set_layout
from cs_planner.domain.stairway.rows import TemplateData
from cs_planner.domain.stairway.rules import Layout
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import DbCommand


class MoveUseCase(DbCommand):
    """Put a use case at ``index`` on ``step``; undo puts every renumbered one back."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        account_id: int,
        use_case_id: int,
        step: StairStep,
        index: int,
    ) -> None:
        super().__init__(ctx, text, account_id)
        self.use_case_id, self.step, self.index = use_case_id, step, index
        self.old: Layout = {}
        self.new: Layout | None = None

    def apply(self, session: Session) -> None:
        if self.new is None:
            assert self.account_id is not None
            self.old = move_use_case(
                session, self.account_id, self.use_case_id, self.step, self.index
            )
            self.new = {i: self._now(session, i) for i in self.old}
        else:
            set_layout(session, self.new)

    @staticmethod
    def _now(session: Session, use_case_id: int) -> tuple[StairStep, int]:
        row = session.get(UseCase, use_case_id)
        assert row is not None
        return row.step, row.position

    def revert(self, session: Session) -> None:
        set_layout(session, self.old)


class ApplyTemplate(DbCommand):
    """Apply a template to an account as one step. Undo removes what it added (keeping
    snapshots), redo restores the same rows with the same ids."""

    list_changes = False

    def __init__(self, ctx: AppContext, text: str, account_id: int, template: TemplateData) -> None:
        super().__init__(ctx, text, account_id)
        self.template = template
        self.applied = None
        self._template_snapshot: snapshot.Snapshot | None = None
        self._use_case_snapshots: list[snapshot.Snapshot] = []

    def apply(self, session: Session) -> None:
        if self.applied is None:
            assert self.account_id is not None
            self.applied = apply_template(session, self.account_id, self.template)
            return
        if self._template_snapshot is not None:
            snapshot.restore(session, self._template_snapshot)
        for taken in self._use_case_snapshots:
            snapshot.restore(session, taken)
        self._set_template(session, self.applied.template_id)

    def revert(self, session: Session) -> None:
        applied = self.applied
        assert applied is not None
        self._set_template(session, applied.previous_template_id)
        self._use_case_snapshots = [
            snapshot.delete_row(session, UseCase, i) for i in reversed(applied.added)
        ]
        self._use_case_snapshots.reverse()
        if applied.installed:
            self._template_snapshot = snapshot.delete_row(
                session, StairwayTemplate, applied.template_id
            )

    def _set_template(self, session: Session, template_id: int | None) -> None:
        account = session.get(Account, self.account_id)
        if account is None:
            raise LookupError("The account is gone.")
        account.stairway_template_id = template_id
        session.flush()
