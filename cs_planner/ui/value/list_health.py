"""Every account's health score for the portfolio list, worked out off the GUI thread: a
whole portfolio's scores take a second or two at 5,000 accounts, which the list must not
wait for (it paints first, the scores fill in). After an edit only the accounts it touched
are scored again; a change of settings scores them all."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from cs_planner.domain.changes import Changes

if TYPE_CHECKING:
    from cs_planner.domain.value.health import Scored
    from cs_planner.ui.shell.context import AppContext

# After the window shows the portfolio and has settled (``ui.common.settle``): the
# start-up's own idle work first, then this.
POLL_MS = 200
WAIT_AT_MOST_MS = 10_000


class HealthScores(QObject):
    """``scores`` (account id -> Scored) and ``ready`` when they change."""

    ready = Signal()
    _done = Signal(object, object)  # (scores, the ids scored or None for all), from a thread

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scores: dict[int, Scored] = {}
        self.loaded = False
        self._running = False
        self._wanted: set[int] | None = None  # None: every account; set(): nothing waiting
        self._pending = False
        self._stopping = threading.Event()
        self._done.connect(self._arrived)
        ctx.changed.connect(self._changed)

    def start_later(self, waited_ms: int = 0) -> None:
        """Score every account once the window has settled (or after WAIT_AT_MOST_MS)."""
        from cs_planner.ui.common import settle

        if self.loaded or self._running:
            return
        if settle.is_settled() or waited_ms >= WAIT_AT_MOST_MS:
            self.refresh(None)
            return
        QTimer.singleShot(POLL_MS, lambda: self.start_later(waited_ms + POLL_MS))

    @property
    def settled(self) -> bool:
        """The first pass is done and none runs (the benchmarks wait for it)."""
        return self.loaded and not self._running

    def refresh(self, ids: Collection[int] | None) -> None:
        """Score ``ids`` again (None: every account), now or when the running pass ends."""
        if self._pending or self._running:
            self._queue(ids)
            return
        self._run(ids)

    def stop(self, timeout: float = 10.0) -> None:
        """Before the portfolio closes: the pass running stops at its next account and
        its thread ends, so it neither reads a closed file nor signals a list that is
        gone."""
        self._stopping.set()
        self.wait(timeout)

    def wait(self, timeout: float = 60.0) -> None:
        """Until no pass runs (tests, and the window's screenshots)."""
        thread = getattr(self, "_thread", None)
        if thread is not None:
            thread.join(timeout)

    def _queue(self, ids: Collection[int] | None) -> None:
        self._pending = True
        if ids is None or self._wanted is None:
            self._wanted = None
        else:
            self._wanted |= set(ids)

    def _run(self, ids: Collection[int] | None) -> None:
        self._running = True
        today, portfolio = self.ctx.today(), self.ctx.portfolio
        wanted = None if ids is None else frozenset(ids)

        def work() -> None:
            from cs_planner.domain.value.portfolio import scored_facts

            found: dict[int, Scored] | None = None
            try:
                with portfolio.read() as session:
                    scores: dict[int, Scored] = {}
                    for facts, score in scored_facts(session, today, wanted):
                        if self._stopping.is_set():  # the window is closing
                            return
                        scores[facts.account_id] = score
                    found = scores
            except Exception:  # the portfolio closed or changed under it: try again later
                found = None
            if self._stopping.is_set():
                return
            with contextlib.suppress(RuntimeError):  # the list went away (window closed)
                self._done.emit(found, wanted)

        self._thread = threading.Thread(target=work, name="health-scores", daemon=True)
        self._thread.start()

    def _arrived(self, found: dict[int, Scored] | None, ids: frozenset[int] | None) -> None:
        self._running = False
        if found is not None:
            if ids is None:
                self.scores = found
            else:
                for account_id in ids:
                    self.scores.pop(account_id, None)
                self.scores.update(found)
            self.loaded = True
            self.ready.emit()
        if self._pending:
            wanted, self._pending = self._wanted, False
            self._wanted = set()
            self._run(wanted)

    def _changed(self, changes: Changes) -> None:
        if not self.loaded and not self._running:
            return  # not started yet: the first pass reads everything anyway
        if changes.settings:  # the weights and thresholds
            self.refresh(None)
        elif changes.accounts:  # an account added or deleted is among them
            self.refresh(changes.accounts)
