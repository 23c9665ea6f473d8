"""The window's side of a shared portfolio: the watcher of others' changes and the status
bar label naming the last, who this window's edits are signed as (kept per portfolio in
the window's settings; asked once on a team's server), and the conflict dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.watcher import ChangeWatcher

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cs_planner.domain.accounts.rows import Person
    from cs_planner.domain.change_log import Conflict

OTHERS_WIDTH = 460  # the status bar's label, cut to fit a laptop (whole in its tooltip)


class TeamLink(QObject):
    def __init__(
        self, window: QMainWindow, settings: QSettings, in_workshop: Callable[[], bool]
    ) -> None:
        super().__init__(window)
        self.window, self.settings = window, settings
        self.in_workshop = in_workshop  # is the window in front of a customer
        self.label = QLabel()
        self.label.setToolTip("The last change made in another window or by a colleague")
        self.watcher: ChangeWatcher | None = None
        self.ctx: AppContext | None = None

    def attach(self, ctx: AppContext) -> None:
        """A newly opened portfolio: watch it before its views read anything, so a change
        landing between the two is news."""
        self.stop()
        self.ctx = ctx
        ctx.resolve_conflict = self.resolve_conflict
        ctx.signed_as = self.signed_as
        self.label.clear()
        self.watcher = ChangeWatcher(ctx)
        self.watcher.seen.connect(self.show_others)
        self.watcher.unreachable.connect(self.show_others)
        self.watcher.reachable.connect(self.label.clear)
        self.watcher.start()
        if ctx.portfolio.path is None:  # a team's server: say once who signs the edits
            QTimer.singleShot(0, self.ask_author_once)

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()

    def show_others(self, said: str) -> None:
        metrics = self.label.fontMetrics()
        self.label.setText(metrics.elidedText(said, Qt.TextElideMode.ElideMiddle, OTHERS_WIDTH))
        self.label.setToolTip(said)

    def signed_as(self, file_id: str) -> int | None:
        value = self.settings.value(f"author/{file_id}") if file_id else None
        return int(str(value)) if value not in (None, "") else None

    def ask_author_once(self) -> None:
        from cs_planner.domain.model import Settings

        assert self.ctx is not None
        settings = self.ctx.read(lambda session: session.get(Settings, 1))
        if settings is not None and self.signed_as(settings.file_id or "") is None:
            self.sign_edits_as()

    def sign_edits_as(self) -> None:
        """Choose who this window's edits are logged as on this portfolio (the status bar of
        the others' windows names them)."""
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from cs_planner.domain.accounts.people import people
        from cs_planner.domain.change_log import author
        from cs_planner.domain.model import Settings

        ctx = self.ctx
        assert ctx is not None, "a portfolio is open"

        def read(session: Session) -> tuple[str, list[Person], int | None]:
            settings = session.get(Settings, 1)
            file_id = settings.file_id if settings and settings.file_id else ""
            return file_id, people(session), author(session, self.signed_as)

        file_id, everyone, current = ctx.read(read)
        active = [p for p in everyone if p.retired_on is None]
        title = "Sign my edits as"
        if not file_id or not active:
            QMessageBox.information(self.window, title, "Add yourself on the Team page first.")
            return
        names = [p.name for p in active]
        start = next((i for i, p in enumerate(active) if p.id == current), 0)
        said = "Others see your edits under this name:"
        name, ok = QInputDialog.getItem(self.window, title, said, names, start, False)
        if ok:
            chosen = active[names.index(name)]
            self.settings.setValue(f"author/{file_id}", chosen.id)
            ctx.forget_author()
            self.window.statusBar().showMessage(f"Your edits are signed {chosen.name}", 5000)

    def resolve_conflict(self, conflict: Conflict) -> str:
        from cs_planner.ui.shell.conflict_dialog import THEIRS, ConflictDialog

        if self.in_workshop():
            # In front of the customer: no dialog of values (they may be private) and no
            # overwrite; theirs is shown and the refusal says who changed it.
            return THEIRS
        assert self.ctx is not None
        return ConflictDialog.ask(self.ctx, conflict, self.window)
