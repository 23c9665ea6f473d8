"""Changes made by others appear by themselves: every few seconds the window reads the
change log after the last row it saw (one indexed query), reloads the views whose data
others changed (``ctx.notify``: each view keeps its selection and scroll position, as after
an undo) and names the last author in the status bar. Works the same on a file shared by
two windows and on a team's PostgreSQL server.

When the portfolio cannot be read (the server is down, the network gone) the window says so
once and keeps polling; the next successful read clears the message."""

from __future__ import annotations

import datetime as dt
import functools
import operator

from PySide6.QtCore import QObject, QTimer, Signal

from cs_planner.ui.shell.context import AppContext

INTERVAL_MS = 2000


class ChangeWatcher(QObject):
    seen = Signal(str)  # who changed what last, for the status bar
    unreachable = Signal(str)  # the portfolio could not be read: why (once per outage)
    reachable = Signal()  # read again after an outage

    def __init__(self, ctx: AppContext, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(ctx)  # the context owns it: closing the portfolio stops it
        self.ctx = ctx
        self._last: int | None = None
        self._down = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        """Learn where the log stands now (nothing before it is news), then poll. Started
        before the views read anything, so a change landing between the two is news."""
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        from sqlalchemy.exc import DBAPIError

        from cs_planner.domain import change_log

        try:
            if self._last is None:
                self._last = self.ctx.read(change_log.last_id)
                entries: list[change_log.Entry] = []
            else:
                after, client = self._last, self.ctx.client
                self._last, entries = self.ctx.read(lambda s: change_log.since(s, after, client))
        except DBAPIError as exc:
            if not self._down:
                self._down = True
                self.unreachable.emit(f"Cannot read the portfolio ({_first_line(exc)}); retrying")
            return
        self.ctx.seen_log_id = self._last
        if self._down:
            self._down = False
            self.reachable.emit()
        if entries:
            self.ctx.notify(functools.reduce(operator.or_, (e.changes for e in entries)))
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            self.seen.emit(change_log.describe(entries[-1], now))


def _first_line(exc: Exception) -> str:
    said = str(getattr(exc, "orig", None) or exc).strip()
    return said.splitlines()[0] if said else type(exc).__name__
