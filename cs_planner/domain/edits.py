"""Edits: every change a user makes, as a Qt-free object that can be done, undone and redone.

An edit's ``apply`` runs inside one transaction the first time and again on redo; ``revert``
undoes it in a transaction of its own. Both return the ``Changes`` the views need. The ui
wraps each edit in one QUndoCommand (``ui/shell/undo.py``); tests drive edits directly with
a real session and no window."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar, cast

from sqlalchemy.orm import Session

from cs_planner.domain import snapshot
from cs_planner.domain.changes import NOTHING, Changes
from cs_planner.domain.model import Base

V = TypeVar("V")
M = TypeVar("M", bound=Base)


class Edit(ABC):
    """One undoable step. ``text`` reads as a sentence: "Move Ada Brennan under Rui Santos"."""

    text: str = ""

    @abstractmethod
    def apply(self, session: Session) -> Changes:
        """Make the change (first time and redo)."""

    @abstractmethod
    def revert(self, session: Session) -> Changes:
        """Put back what ``apply`` changed."""


class Update(Edit, Generic[V]):
    """Change a row through a domain function ``update(session, row_id, new) -> old``;
    undo calls it again with what it returned."""

    def __init__(
        self,
        text: str,
        update: Callable[[Session, int, V], V],
        row_id: int,
        new: V,
        changes: Changes = NOTHING,
    ) -> None:
        self.text, self.update, self.row_id, self.new = text, update, row_id, new
        self.changes = changes
        self.old: V | None = None

    def apply(self, session: Session) -> Changes:
        self.old = self.update(session, self.row_id, self.new)
        return self.changes

    def revert(self, session: Session) -> Changes:
        self.update(session, self.row_id, self.old)  # type: ignore[arg-type]
        return self.changes


class Insert(Edit, Generic[M]):
    """Add a row built by ``factory``; undo deletes it (and whatever came to hang off it),
    redo restores it with the same id so later edits on the stack still find it."""

    def __init__(
        self, text: str, factory: Callable[[Session], M], changes: Changes = NOTHING
    ) -> None:
        self.text, self.factory, self.changes = text, factory, changes
        self.row_id: int | None = None
        self.model: type[Base] | None = None
        self._snapshot: snapshot.Snapshot | None = None

    def apply(self, session: Session) -> Changes:
        if self._snapshot is not None:
            snapshot.restore(session, self._snapshot)
            return self.changes
        row = self.factory(session)
        session.add(row)
        session.flush()
        self.row_id, self.model = cast(Any, row).id, type(row)  # every table has an id
        return self.changes

    def revert(self, session: Session) -> Changes:
        assert self.model is not None and self.row_id is not None, "revert before apply"
        self._snapshot = snapshot.delete_row(session, self.model, self.row_id)
        return self.changes


class Delete(Edit):
    """Delete rows of ``model`` and everything that cascades from them; undo puts all of
    it back with the same ids, including references other rows held to them."""

    def __init__(
        self, text: str, model: type[Base], row_ids: Sequence[int], changes: Changes = NOTHING
    ) -> None:
        self.text, self.model, self.row_ids = text, model, list(row_ids)
        self.changes = changes
        self._snapshots: list[snapshot.Snapshot] = []

    def apply(self, session: Session) -> Changes:
        self._snapshots = [snapshot.delete_row(session, self.model, i) for i in self.row_ids]
        return self.changes

    def revert(self, session: Session) -> Changes:
        for taken in reversed(self._snapshots):
            snapshot.restore(session, taken)
        return self.changes


class Batch(Edit):
    """Several edits as one step (one transaction, one undo)."""

    def __init__(self, text: str, edits: Sequence[Edit]) -> None:
        self.text, self.edits = text, list(edits)

    def apply(self, session: Session) -> Changes:
        changes = NOTHING
        for edit in self.edits:
            changes |= edit.apply(session)
        return changes

    def revert(self, session: Session) -> Changes:
        changes = NOTHING
        for edit in reversed(self.edits):
            changes |= edit.revert(session)
        return changes


def run(session: Session, edit: Edit) -> Changes:
    """Apply an edit and flush, so model checks raise here (tests and the command line)."""
    changes = edit.apply(session)
    session.flush()
    return changes


def dry_run(session: Session, step: Callable[[Session], Any]) -> None:
    """Run ``step`` and flush inside a savepoint that is always rolled back: validation only,
    so a dialog can show a ValidationError before anything is saved."""
    savepoint = session.begin_nested()
    try:
        step(session)
        session.flush()
    finally:
        savepoint.rollback()
