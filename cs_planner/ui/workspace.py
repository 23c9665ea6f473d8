"""The account workspace: one tab per capability for the selected account."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from cs_planner.ui.context import AppContext


class AccountTab(Protocol):
    title: str

    def set_account(self, account_id: int | None) -> None: ...


def tab_types() -> list[type]:
    """The workspace's tabs, in order. Each later capability adds its tab here."""
    from cs_planner.ui.account_overview import AccountOverview

    return [AccountOverview]


class AccountWorkspace(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id: int | None = None
        self._loaded: set[int] = set()  # tabs that show the current account already
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.pages: list[QWidget] = []
        for tab_type in tab_types():
            page = tab_type(ctx)
            self.pages.append(page)
            self.tabs.addTab(page, tab_type.title)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.empty = QLabel(
            "Select an account in the list to see its plan,\n"
            "or add one with Portfolio > Add account (Ctrl+Shift+N)."
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyState")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def set_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.stack.setCurrentWidget(self.tabs if account_id is not None else self.empty)
        # Only the visible tab loads now; the others load when they are shown.
        self._loaded = set()
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        if index < 0 or index in self._loaded:
            return
        self._loaded.add(index)
        self.pages[index].set_account(self.account_id)

    def tab_names(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def current_tab(self) -> str:
        return self.tabs.tabText(self.tabs.currentIndex())

    def set_tab(self, name: str) -> bool:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i).lower() == name.strip().lower():
                self.tabs.setCurrentIndex(i)
                return True
        return False
