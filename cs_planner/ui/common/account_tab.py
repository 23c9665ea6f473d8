"""The skeleton every account tab and portfolio page shares: what it shows, an empty state,
and a scoped refresh. A tab reloads when an action changed something it shows, and only
while it is on screen; a hidden one marks itself stale and reloads when it is next shown."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from cs_planner.domain.changes import Changes
from cs_planner.ui.shell.context import AppContext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ScopedRefresh(QWidget):
    """Reload on ``ctx.changed`` when ``touched_by`` says so: now if on screen, else when
    next shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stale = True
        ctx.changed.connect(self._changed)

    def touched_by(self, changes: Changes) -> bool:
        raise TypeError(f"{type(self).__name__} says which changes it shows")

    def reload(self) -> None:
        raise TypeError(f"{type(self).__name__} reloads itself")

    def on_screen(self) -> bool:
        """Shown, or in no window on screen at all (a widget used on its own, in tests or
        for a picture, reloads at once)."""
        return self.isVisible() or not self.window().isVisible()

    def refresh(self) -> None:
        """Reload if anything it shows changed since it last loaded."""
        if self.stale:
            self.reload()

    def _changed(self, changes: Changes) -> None:
        if not self.touched_by(changes):
            return
        self.stale = True
        if self.on_screen():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()


class AccountTab(ScopedRefresh):
    """An account tab: ``title``, ``load(session, account_id, today)`` reading everything it
    shows in one transaction (rows, never ORM objects) and ``show_data(data)``. The empty
    state shows when no account is chosen or it no longer exists."""

    title: ClassVar[str] = ""
    empty_text: ClassVar[str] = "Select an account in the list"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.account_id: int | None = None
        self.data: Any = None
        self.empty = QLabel(self.empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty)
        self._page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    def set_page(self, page: QWidget) -> None:
        """The tab's content, shown while an account is."""
        self._page = page
        self._stack.addWidget(page)

    def load(self, session: Session, account_id: int, today: dt.date) -> Any:
        raise TypeError(f"{type(self).__name__} reads what it shows")

    def show_data(self, data: Any) -> None:
        raise TypeError(f"{type(self).__name__} shows what it read")

    def touched_by(self, changes: Changes) -> bool:
        return changes.touches_account(self.account_id)

    def set_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.stale = True
        if self.on_screen():
            self.reload()

    def reload(self) -> None:
        self.stale = False
        data = self.ctx.read_account(self.account_id, self.load)
        if data is None:
            self.account_id, self.data = None, None
            self._stack.setCurrentWidget(self.empty)
            return
        self.data = data
        self.show_data(data)
        if self._page is not None:
            self._stack.setCurrentWidget(self._page)


class PortfolioPage(ScopedRefresh):
    """A portfolio page beside the account workspace: ``title`` and ``reload()``; by default
    any change to the portfolio makes it stale. To show an account, emit
    ``ctx.openAccount(account_id)``."""

    title: ClassVar[str] = ""

    def touched_by(self, changes: Changes) -> bool:
        return bool(changes)
