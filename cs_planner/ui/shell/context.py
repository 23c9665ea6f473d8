"""What the views share: the open portfolio, the undo stack and the change notifications."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from cs_planner.domain.changes import Changes
from cs_planner.domain.errors import ValidationError

if TYPE_CHECKING:  # SQLAlchemy loads after the first paint
    from sqlalchemy.orm import Session

    from cs_planner.domain.change_log import Conflict
    from cs_planner.domain.value.health import Scored
    from cs_planner.storage import Portfolio

T = TypeVar("T")


class AppContext(QObject):
    """One per open portfolio. Views read through ``read`` and change data only through
    edits performed by ``ui.shell.undo``, which report what they changed with ``notify``."""

    changed = Signal(object)  # Changes: what one user action changed, emitted once
    saved = Signal(object)  # datetime of the last committed edit
    openAccount = Signal(int)  # a portfolio page asks the window to show this account
    showAction = Signal(int)  # a tab asks the workspace to show this action on the Plan tab

    def __init__(self, portfolio: Portfolio, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.portfolio = portfolio
        self.undo_stack = QUndoStack(self)
        # This window's rows in the change log are its own: others' are reloaded and named.
        self.client = os.urandom(8).hex()  # as secrets.token_hex(8): hashlib not loaded
        # The last change-log entry this window has shown (ui/shell/watcher.py): others'
        # writes after it to the rows an edit writes are conflicts (ui/shell/undo.py).
        self.seen_log_id: int | None = None
        # Asked on a conflict: "mine" writes this window's values anyway; anything else
        # keeps theirs. The window puts up ui/shell/conflict_dialog.py; alone, theirs.
        self.resolve_conflict: Callable[[Conflict], str] = lambda _conflict: "theirs"
        self._author: tuple[int | None] | None = None
        # Kept per portfolio in the window's settings: on a team's server each person
        # signs as themself, whoever owns the portfolio.
        self.signed_as: Callable[[str], int | None] = lambda _file_id: None
        self.last_saved: dt.datetime | None = None
        self.today: Callable[[], dt.date] = dt.date.today
        # The portfolio list's health scores when current for a read's data and a day
        # (``list_health.HealthScores.current``), else None: the Health page reuses them.
        self.list_scores: Callable[[Session, dt.date], Mapping[int, Scored] | None] = (
            lambda _session, _today: None
        )

    def read(self, query: Callable[[Session], T]) -> T:
        """Run a read-only domain query in its own short transaction."""
        with self.portfolio.read() as session:
            return query(session)

    def read_account(
        self, account_id: int | None, load: Callable[[Session, int, dt.date], T]
    ) -> T | None:
        """What an account tab shows, read by ``load(session, account_id, today)``; None
        when no account is shown or it no longer exists (deleted, perhaps by an undo)."""
        if account_id is None:
            return None
        try:
            return self.read(lambda session: load(session, account_id, self.today()))
        except ValidationError:
            return None

    def author_id(self, session: Session) -> int | None:
        """Who this window's edits are logged as: the team member chosen for this portfolio
        (Portfolio > Sign my edits as), else its owner; read once, at the first edit."""
        if self._author is None:
            from cs_planner.domain.change_log import author

            self._author = (author(session, self.signed_as),)
        return self._author[0]

    def forget_author(self) -> None:
        """The choice changed: the next edit reads it again."""
        self._author = None

    def notify(self, changes: Changes) -> None:
        """Tell the views what one action (an edit, its undo or redo) changed."""
        if not changes:
            return
        self.changed.emit(changes)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction for one user action; rolled back entirely if anything fails."""
        with self.portfolio.session() as session:
            yield session
        self.last_saved = dt.datetime.now()
        self.saved.emit(self.last_saved)
