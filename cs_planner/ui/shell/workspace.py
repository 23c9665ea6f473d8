"""The account workspace: one tab per capability for the selected account."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from PySide6.QtWidgets import QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from cs_planner.ui.common.account_tab import AccountTab
from cs_planner.ui.common.empty_state import empty_label
from cs_planner.ui.shell.context import AppContext


@dataclass(frozen=True)
class Page:
    """A tab or portfolio page by its title; its module is imported when it is first
    shown, so the window opens without importing every capability's views."""

    title: str
    where: str  # "module:Class"

    def load(self) -> Callable[[AppContext], QWidget]:
        module, _, name = self.where.partition(":")
        page = getattr(importlib.import_module(module), name)
        assert page.title == self.title, f"{self.where} is titled {page.title!r}"
        return cast(Callable[[AppContext], QWidget], page)


# The workspace's tabs, in order. Each later capability adds its tab here.
ACCOUNT_TABS = (
    Page("Overview", "cs_planner.ui.accounts.overview_tab:OverviewTab"),
    Page("Relationships", "cs_planner.ui.relationships.tab:RelationshipsTab"),
    Page("Stairway", "cs_planner.ui.stairway.tab:StairwayTab"),
    Page("Expansion", "cs_planner.ui.expansion.tab:ExpansionTab"),
    Page("Value", "cs_planner.ui.value.tab:ValueTab"),
    Page("Plan", "cs_planner.ui.plan.tab:PlanTab"),
)
# Portfolio-wide pages beside the account workspace (each: ``title``, ``__init__(ctx,
# parent=None)``, ``refresh()`` called when it is shown).
PORTFOLIO_PAGES = (
    Page("Expansion outlook", "cs_planner.ui.expansion.portfolio_page:ExpansionPage"),
    Page("Health", "cs_planner.ui.value.health_page:HealthPage"),
    Page("CSAs", "cs_planner.ui.csa.page:CsaPage"),
    Page("Team", "cs_planner.ui.accounts.team_page:TeamPage"),
)


def _build(page: Page, ctx: AppContext) -> QWidget:
    return page.load()(ctx)


class LazyPage(QWidget):
    """A tab's place holder: the page itself is built the first time it is shown, so
    start-up builds only what the window shows first."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self.page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.page is None:
            self.page = self._factory()
            self._layout.addWidget(self.page)
        return self.page


class AccountWorkspace(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id: int | None = None
        self._loaded: set[int] = set()  # tabs that show the current account already
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.holders: list[LazyPage] = []
        for tab in ACCOUNT_TABS:
            holder = LazyPage(partial(_build, tab, ctx))
            self.holders.append(holder)
            self.tabs.addTab(holder, tab.title)
        self.tabs.currentChanged.connect(self._tab_changed)
        ctx.showAction.connect(self.show_action)
        self.empty = empty_label(
            "Select an account in the list to see its plan,\n"
            "or add one with Portfolio > Add account (Ctrl+Shift+N)."
        )
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
        if index < 0 or index in self._loaded or self.account_id is None:
            return  # with no account the empty state shows: no tab is built
        self._loaded.add(index)
        cast(AccountTab, self.holders[index].build()).set_account(self.account_id)

    def current_page(self) -> QWidget:
        """The tab shown now (built if it was not yet)."""
        return self.holders[self.tabs.currentIndex()].build()

    def tab_names(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_action(self, action_id: int) -> None:
        """An action added from another tab: the Plan tab's action plan, with it selected."""
        if self.account_id is not None and self.set_tab("Plan"):
            cast(Any, self.current_page()).show_action(action_id)

    def current_tab(self) -> str:
        return self.tabs.tabText(self.tabs.currentIndex())

    def set_tab(self, name: str) -> bool:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i).lower() == name.strip().lower():
                self.tabs.setCurrentIndex(i)
                return True
        return False


class MainArea(QTabWidget):
    """The right side of the window: the account workspace first, then portfolio pages.
    With no portfolio pages the tab bar is hidden."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainArea")
        self.workspace = AccountWorkspace(ctx)
        self.addTab(self.workspace, "Account")
        for page in PORTFOLIO_PAGES:
            self.addTab(LazyPage(partial(_build, page, ctx)), page.title)
        self.tabBar().setVisible(self.count() > 1)
        self.currentChanged.connect(self._shown)

    def _shown(self, index: int) -> None:
        holder = self.widget(index)
        if isinstance(holder, LazyPage):
            page = holder.build()
            if hasattr(page, "refresh"):
                page.refresh()

    def current_page(self) -> QWidget:
        """The account workspace, or the portfolio page shown now."""
        holder = self.currentWidget()
        return holder.build() if isinstance(holder, LazyPage) else holder

    def show_account(self) -> None:
        self.setCurrentWidget(self.workspace)

    def tab_names(self) -> list[str]:
        return self.workspace.tab_names() + [self.tabText(i) for i in range(1, self.count())]

    def current_tab(self) -> str:
        if self.currentWidget() is self.workspace:
            return self.workspace.current_tab()
        return self.tabText(self.currentIndex())

    def set_tab(self, name: str) -> bool:
        """Show an account tab or a portfolio page by its title."""
        if self.workspace.set_tab(name):
            self.show_account()
            return True
        for i in range(1, self.count()):
            if self.tabText(i).lower() == name.strip().lower():
                self.setCurrentIndex(i)
                return True
        return False
