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

    from cs_planner.domain.change_log import Conflict
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
        self.logged: int | None = None  # its last run's change-log entry

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
        """Undo or redo, unless someone else wrote the same rows after this edit's last
        run: then the person decides (ctx.resolve_conflict); kept theirs, the step is
        dropped from the stack rather than written over their change."""
        from cs_planner.domain.change_log import Conflict

        ctx = self.ctx
        try:
            self.logged, changes = _write(ctx, step, text, self.logged)
        except Conflict as conflict:
            if ctx.resolve_conflict(conflict) != MINE:
                self.setObsolete(True)
                ctx.notify(_theirs(conflict))
                return
            self.logged, changes = _write(ctx, step, text, None)
        ctx.notify(changes)


MINE = "mine"  # what ctx.resolve_conflict answers to write this window's values anyway


def perform(ctx: AppContext, edit: E) -> E:
    """Apply a domain edit in one transaction, push it on the undo stack and tell the views;
    raise (and push nothing, change nothing) on failure. Returns the edit.

    A conflict (someone else wrote the same rows since this window last showed them) is
    put to the person (ctx.resolve_conflict): mine writes it anyway; otherwise the views
    reload theirs and the Conflict is raised like any refused value."""
    from cs_planner.domain.change_log import Conflict

    try:
        logged, changes = _write(ctx, edit.apply, edit.text, ctx.seen_log_id)
    except Conflict as conflict:
        if ctx.resolve_conflict(conflict) != MINE:
            ctx.notify(_theirs(conflict))
            raise
        logged, changes = _write(ctx, edit.apply, edit.text, None)
    command = EditCommand(ctx, edit)
    command.logged = logged
    ctx.undo_stack.push(command)
    ctx.notify(changes)
    return edit


def _write(
    ctx: AppContext, step: Callable[[Session], Changes], text: str, after: int | None
) -> tuple[int, Changes]:
    """Run ``step`` and log it in one transaction; refuse it (Conflict, rolled back) when
    others wrote one of its rows in an entry after ``after`` (None: no check)."""
    from cs_planner.domain import change_log

    with ctx.write() as session:
        tracker = change_log.Tracker(session)
        try:
            changes = step(session)
            session.flush()
            if after is not None:
                found = change_log.clashes(session, after, ctx.client, tracker.rows)
                if found:
                    raise change_log.Conflict(found, dict(tracker.yours))
            logged = change_log.record(
                session,
                text,
                changes,
                client=ctx.client,
                author_id=ctx.author_id(session),
                rows=frozenset(tracker.rows),
            )
        finally:
            tracker.close()
    return logged, changes


def _theirs(conflict: Conflict) -> Changes:
    """What the other people's entries touched: the views reload to show their values."""
    import functools
    import operator

    return functools.reduce(operator.or_, (c.entry.changes for c in conflict.clashes))


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
