"""The undo adapter: every edit in the app is a domain ``Edit`` (``domain/edits.py``, no Qt)
wrapped in one QUndoCommand that runs it in one transaction.

An edit is applied once *before* it is pushed (``perform``), so a ValidationError reaches
the caller, nothing is pushed and the database is unchanged. Later redo/undo calls replay it;
a failure there is reported by the app's error handler and the transaction rolls back. Each
run tells the context what changed (``ctx.notify``), once per action.

``DbCommand`` and its subclasses are the older form (apply/revert on the command itself);
they go as each capability's edits move into its domain package."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from cs_planner.domain import snapshot
from cs_planner.domain.accounts import writes as accounts
from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Edit
from cs_planner.domain.model import Base
from cs_planner.ui.common import format as fmt
from cs_planner.ui.shell.context import AppContext


class DbCommand(QUndoCommand):
    """Base: subclasses define ``apply`` and ``revert`` against a session."""

    #: True when the portfolio list shows what the command changes.
    list_changes = False
    apply: Callable[[Session], None]
    revert: Callable[[Session], None]

    def __init__(self, ctx: AppContext, text: str, account_id: int | None = None) -> None:
        super().__init__(text)
        # Weak: the context owns the undo stack, which owns this command. A strong reference
        # back makes a cycle, and PySide 6.11 crashes when the garbage collector frees a
        # QUndoStack's commands in such a cycle (tests/ui/test_undo_lifetime.py).
        self._ctx = weakref.ref(ctx)
        self.account_id = account_id
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
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[Session], None]) -> None:
        with self.ctx.write() as session:
            step(session)
        self.notify()

    def notify(self) -> None:
        self.ctx.notify(Changes.account(self.account_id, listed=self.list_changes))


class EditCommand(QUndoCommand):
    """One domain edit on the undo stack."""

    def __init__(self, ctx: AppContext, edit: Edit) -> None:
        super().__init__(edit.text)
        # Weak, as DbCommand: the context owns the stack, which owns this command.
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
        self._run(self.edit.apply)

    def undo(self) -> None:
        self._run(self.edit.revert)

    def _run(self, step: Callable[[Session], Changes]) -> None:
        with self.ctx.write() as session:
            changes = step(session)
        self.ctx.notify(changes)


def perform(target: AppContext | DbCommand, edit: Edit | None = None) -> Any:
    """``perform(ctx, edit)``: apply a domain edit in one transaction, push it on the undo
    stack and tell the views; raise (and push nothing, change nothing) on failure. Returns
    the edit. ``perform(command)`` does the same for an older DbCommand."""
    if isinstance(target, DbCommand):
        with target.ctx.write() as session:
            target.apply(session)
        target.ctx.undo_stack.push(target)
        target.notify()
        return target
    assert edit is not None, "perform(ctx, edit)"
    with target.write() as session:
        changes = edit.apply(session)
    target.undo_stack.push(EditCommand(target, edit))
    target.notify(changes)
    return edit


def _money(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt.amount(value)
    return _plain(value)


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if hasattr(value, "label"):
        return value.label
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and len(value) > 40:
        return value[:37] + "..."
    return str(value)


class SetAccountField(DbCommand):
    """Change one field of an account: "Change ARR of Kestrel from 120,000 to 180,000"."""

    LIST_FIELDS = {
        "name",
        "industry",
        "tier_override",
        "strategic",
        "lifecycle_stage",
        "arr",
        "initial_deal_value",
        "renewal_date",
        "csm_id",
    }

    def __init__(
        self,
        ctx: AppContext,
        account_id: int,
        account_name: str,
        field: str,
        label: str,
        old: Any,
        new: Any,
        display: Callable[[Any], str] | None = None,
    ) -> None:
        show = display or _money
        super().__init__(
            ctx, f"Change {label} of {account_name} from {show(old)} to {show(new)}", account_id
        )
        self.field, self.old, self.new = field, old, new
        self.list_changes = field in self.LIST_FIELDS

    def apply(self, session: Session) -> None:
        accounts.update_account(session, self.account_id, self.field, self.new)

    def revert(self, session: Session) -> None:
        accounts.update_account(session, self.account_id, self.field, self.old, restoring=True)


class UpdateRow(DbCommand):
    """Change fields of any row (a division, a geography, an activity...)."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        model: type[Base],
        row_id: int,
        new: dict[str, Any],
        old: dict[str, Any],
        account_id: int | None = None,
    ) -> None:
        super().__init__(ctx, text, account_id)
        self.model, self.row_id, self.new, self.old = model, row_id, new, old

    def _set(self, session: Session, values: dict[str, Any]) -> None:
        row = session.get(self.model, self.row_id)
        if row is None:
            raise LookupError(f"The {self.model.__tablename__} row {self.row_id} is gone.")
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()

    def apply(self, session: Session) -> None:
        self._set(session, self.new)

    def revert(self, session: Session) -> None:
        self._set(session, self.old)


class InsertRow(DbCommand):
    """Add a row built by ``factory``; redo after undo restores it with the same id."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        factory: Callable[[Session], Base],
        account_id: int | None = None,
        list_changes: bool = False,
    ) -> None:
        super().__init__(ctx, text, account_id)
        self.factory = factory
        self.list_changes = list_changes
        self.row_id: int | None = None
        self.model: type[Base] | None = None
        self._snapshot: snapshot.Snapshot | None = None

    def apply(self, session: Session) -> None:
        if self._snapshot is not None:
            snapshot.restore(session, self._snapshot)
            return
        row = self.factory(session)
        session.add(row)
        session.flush()
        self.row_id, self.model = row.id, type(row)

    def revert(self, session: Session) -> None:
        assert self.model is not None and self.row_id is not None
        self._snapshot = snapshot.delete_row(session, self.model, self.row_id)


class DeleteRows(DbCommand):
    """Delete rows and everything that hangs off them; undo brings all of it back."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        model: type[Base],
        row_ids: Sequence[int],
        account_id: int | None = None,
        list_changes: bool = False,
    ) -> None:
        super().__init__(ctx, text, account_id)
        self.model, self.row_ids = model, list(row_ids)
        self.list_changes = list_changes
        self._snapshots: list[snapshot.Snapshot] = []

    def apply(self, session: Session) -> None:
        self._snapshots = [snapshot.delete_row(session, self.model, i) for i in self.row_ids]

    def revert(self, session: Session) -> None:
        for taken in reversed(self._snapshots):
            snapshot.restore(session, taken)


class UpdateSettings(DbCommand):
    def __init__(self, ctx: AppContext, new: dict[str, Any], old: dict[str, Any]) -> None:
        names = ", ".join(k.replace("_", " ") for k in new)
        super().__init__(ctx, f"Change settings: {names}")
        self.new, self.old = new, old

    def apply(self, session: Session) -> None:
        accounts.update_settings(session, **self.new)

    def revert(self, session: Session) -> None:
        accounts.update_settings(session, **self.old)

    def notify(self) -> None:
        self.ctx.settingsChanged.emit()
        self.ctx.accountsChanged.emit()


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


class UpdateVia(DbCommand):
    """Change a row through a domain function ``update(session, row_id, values) -> old``;
    undo calls it again with what it returned."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        update: Callable[[Session, int, Any], Any],
        row_id: int,
        new: Any,
        account_id: int | None = None,
    ) -> None:
        super().__init__(ctx, text, account_id)
        self.update, self.row_id, self.new = update, row_id, new
        self.old: Any = None

    def apply(self, session: Session) -> None:
        self.old = self.update(session, self.row_id, self.new)

    def revert(self, session: Session) -> None:
        self.update(session, self.row_id, self.old)
