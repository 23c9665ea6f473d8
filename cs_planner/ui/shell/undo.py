"""The undo adapter: every edit in the app is a domain ``Edit`` (``domain/edits.py``, no Qt)
wrapped in one QUndoCommand that runs it in one transaction.

An edit is applied once *before* it is pushed (``perform``), so a ValidationError reaches
the caller, nothing is pushed and the database is unchanged. Later redo/undo calls replay it;
a failure there is reported by the app's error handler and the transaction rolls back. Each
run tells the context what changed (``ctx.notify``), once per action."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtGui import QUndoCommand

from cs_planner.domain.changes import Changes
from cs_planner.ui.shell.context import AppContext

if TYPE_CHECKING:  # SQLAlchemy loads after the first paint
    from sqlalchemy.orm import Session

    from cs_planner.domain.edits import Edit

E = TypeVar("E", bound="Edit")


class EditCommand(QUndoCommand):
    """One domain edit on the undo stack."""

    def __init__(self, ctx: AppContext, edit: Edit) -> None:
        super().__init__(edit.text)
        # Weak: the context owns the undo stack, which owns this command. A strong reference
        # back makes a cycle, and PySide 6.11 crashes when the garbage collector frees a
        # QUndoStack's commands in such a cycle (tests/ui/test_undo_lifetime.py).
        self._ctx = weakref.ref(ctx)
        self.edit = edit
        self._pushed = False

    @property
    def ctx(self) -> AppContext:
        ctx = self._ctx()
        if ctx is None:
            raise RuntimeError("The portfolio this edit belongs to is closed.")
        return ctx

    def redo(self) -> None:
        if not self._pushed:  # already applied by perform()
            self._pushed = True
            return
        self._run(self.edit.apply, self.edit.text)

    def undo(self) -> None:
        self._run(self.edit.revert, f"Undo {self.edit.text}")

    def _run(self, step: Callable[[Session], Changes], text: str) -> None:
        with self.ctx.write() as session:
            changes = step(session)
            _log(self.ctx, session, text, changes)
        self.ctx.notify(changes)


def perform(ctx: AppContext, edit: E) -> E:
    """Apply a domain edit in one transaction, push it on the undo stack and tell the views;
    raise (and push nothing, change nothing) on failure. Returns the edit."""
    with ctx.write() as session:
        changes = edit.apply(session)
        _log(ctx, session, edit.text, changes)
    ctx.undo_stack.push(EditCommand(ctx, edit))
    ctx.notify(changes)
    return edit


def _log(ctx: AppContext, session: Session, text: str, changes: Changes) -> None:
    """The action in the change log, in its own transaction: other windows learn of it."""
    from cs_planner.domain import change_log

    change_log.record(
        session, text, changes, client=ctx.client, author_id=ctx.author_id(session)
    )


def dry_run(ctx: AppContext, step: Callable[[Session], Any]) -> None:
    """Run ``step`` and flush in a transaction that is always rolled back: validation only,
    so a dialog can show a ValidationError before anything is pushed on the undo stack."""

    def attempt(session: Session) -> None:
        try:
            step(session)
            session.flush()
        finally:
            session.rollback()

    # A write transaction (BEGIN IMMEDIATE): its flush must not fail because another
    # process wrote since a read began.
    with ctx.portfolio.session() as session:
        attempt(session)
