"""Every account's health score for the portfolio list, worked out off the GUI thread: a
whole portfolio's scores take a second or two at 5,000 accounts, which the list must not
wait for (it paints first, the scores fill in). After an edit only the accounts it touched
are scored again; a change of settings scores them all.

No Qt object crosses to the thread: it fills a plain ``_Pass`` that the list collects on a
timer. (A thread holding the list's last Python reference had shiboken delete it from the
main thread after Qt had, when a window closed during a pass: a crash.)"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import weakref
from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from cs_planner.domain.changes import Changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cs_planner.domain.accounts.portfolio_wide import Version
    from cs_planner.domain.value.health import Scored
    from cs_planner.storage import Portfolio
    from cs_planner.ui.shell.context import AppContext

# After the window shows the portfolio and has settled (``ui.common.settle``): the
# start-up's own idle work first, then this.
POLL_MS = 200
WAIT_AT_MOST_MS = 10_000


COLLECT_MS = 50  # how often a running pass is looked at


class _Pass:
    """One pass, shared with its thread: the ids to score (None: every account) and, once
    ``done``, the scores (None: the read failed). Made on the GUI thread, which also ends
    it (``finish``): the cycle collector is paused meanwhile, so that no collection runs
    from the thread (``gc_pause`` says why)."""

    def __init__(
        self,
        wanted: frozenset[int] | None,
        portfolio: Portfolio,
        today: dt.date,
        stopping: threading.Event,
    ) -> None:
        from cs_planner.domain.gc_pause import pause

        self.wanted = wanted
        self.today = today
        self.version: Version | None = None  # the data the scores were read from
        self.found: dict[int, Scored] | None = None
        self.done = threading.Event()
        self.taken = False
        self._resume = pause()
        args = (self, portfolio, today, stopping)
        self.thread = threading.Thread(target=_score, args=args, name="health-scores", daemon=True)
        self.thread.start()

    def finish(self, timeout: float | None = None) -> bool:
        """Whether the pass is over (waiting ``timeout`` seconds at most); once it is, its
        thread is joined and the collector's pause ended."""
        self.thread.join(timeout)
        if self.thread.is_alive():
            return False
        self._resume()
        return True


def _score(job: _Pass, portfolio: Portfolio, today: dt.date, stopping: threading.Event) -> None:
    from cs_planner.domain.accounts.portfolio_wide import data_version
    from cs_planner.domain.value.portfolio import scored_facts

    try:
        with portfolio.read() as session:
            job.version = data_version(session)
            scores: dict[int, Scored] = {}
            for facts, score in scored_facts(session, today, job.wanted):
                if stopping.is_set():  # the window is closing
                    return
                scores[facts.account_id] = score
            job.found = scores
    except Exception:  # the portfolio closed or changed under it: try again later
        job.found = None
    finally:
        job.done.set()


def _watch(job: _Pass, owner: weakref.ref[HealthScores]) -> None:
    """On the GUI thread until the pass is over, then hand it to its list if that still
    exists. Bound to the application, and holding the list weakly: a list deleted by Qt
    meanwhile (its window closed) still has its pass ended."""
    if not job.done.is_set() or not job.finish(timeout=0):
        app = QCoreApplication.instance()
        if app is not None:  # none: the application has quit
            QTimer.singleShot(COLLECT_MS, app, lambda: _watch(job, owner))
        return
    scores = owner()
    if scores is not None:
        with contextlib.suppress(RuntimeError):  # its C++ object is gone
            scores._take(job)


class HealthScores(QObject):
    """``scores`` (account id -> Scored) and ``ready`` when they change."""

    ready = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scores: dict[int, Scored] = {}
        self.loaded = False
        self._running = False
        self._wanted: set[int] | None = None  # None: every account; set(): nothing waiting
        self._pending = False
        self._stopping = threading.Event()
        self._job: _Pass | None = None
        self._version: Version | None = None  # the data the scores are current for
        self._scored_on: dt.date | None = None
        ctx.changed.connect(self._changed)

    def start_later(self, waited_ms: int = 0) -> None:
        """Score every account once the window has settled (or after WAIT_AT_MOST_MS)."""
        from cs_planner.ui.common import settle

        if self.loaded or self._running or self._stopping.is_set():
            return
        if settle.is_settled() or waited_ms >= WAIT_AT_MOST_MS:
            self.refresh(None)
            return
        # Bound to this object: a list gone by then (its window closed) asks nothing.
        QTimer.singleShot(POLL_MS, self, lambda: self.start_later(waited_ms + POLL_MS))

    def current(self, session: Session, today: dt.date) -> dict[int, Scored] | None:
        """Every account's score, if they are current for ``session``'s data and
        ``today`` (the Health page takes them rather than score the portfolio again);
        None while a pass runs or waits, or once anything was written since."""
        from cs_planner.domain.accounts.portfolio_wide import data_version

        if not self.loaded or self._running or self._pending or self._version is None:
            return None
        if today != self._scored_on or data_version(session) != self._version:
            return None
        return self.scores

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
        its thread ends, so it never reads a closed file."""
        self._stopping.set()
        if self._job is not None:
            self._job.finish(timeout)

    def wait(self, timeout: float = 60.0) -> None:
        """Until no pass runs, its scores taken in (tests, and the window's screenshots)."""
        job = self._job
        if job is not None and job.finish(timeout):
            self._take(job)

    def _queue(self, ids: Collection[int] | None) -> None:
        self._pending = True
        if ids is None or self._wanted is None:
            self._wanted = None
        else:
            self._wanted |= set(ids)

    def _run(self, ids: Collection[int] | None) -> None:
        if self._stopping.is_set():  # the portfolio is closing or closed
            return
        self._running = True
        wanted = None if ids is None else frozenset(ids)
        job = self._job = _Pass(wanted, self.ctx.portfolio, self.ctx.today(), self._stopping)
        _watch(job, weakref.ref(self))

    def _take(self, job: _Pass) -> None:
        if job is not self._job or job.taken or self._stopping.is_set():
            return
        job.taken = True
        self._job = None
        if job.found is not None:
            # Current for one data version and one day; a pass over some accounts keeps
            # it so only if the others were scored for the same day.
            whole_or_same_day = job.wanted is None or job.today == self._scored_on
            self._version = job.version if whole_or_same_day else None
            self._scored_on = job.today
        self._arrived(job.found, job.wanted)

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
