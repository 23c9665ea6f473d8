"""The account workspace's Plan tab: one section per part of the plan (``sections.py``),
read together in one transaction and reloaded when an action changes the account, the
portfolio's team or its settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.ui.common.account_tab import AccountTab
from cs_planner.ui.plan.sections import Section, sections
from cs_planner.ui.shell.context import AppContext

EMPTY_TEXT = "Select an account in the list to show its plan"


class PlanTab(AccountTab):
    """The Plan tab for one account (``set_account``)."""

    title = "Plan"
    empty_text = EMPTY_TEXT

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.parts: list[Section] = sections()
        self.panels: list[Any] = []
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        for index, part in enumerate(self.parts):
            panel = part.panel(ctx)
            self.panels.append(panel)
            self.sections.addTab(panel, part.title)
            self.sections.setTabToolTip(index, part.tooltip)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.sections)
        self.set_page(page)

    def show_section(self, title: str) -> QWidget:
        """Bring a section to the front by its title (without the '&'); returns its panel."""
        for index, part in enumerate(self.parts):
            if part.title.replace("&", "") == title:
                self.sections.setCurrentIndex(index)
                panel: QWidget = self.panels[index]
                return panel
        raise KeyError(title)

    def touched_by(self, changes: Changes) -> bool:
        """Its account, the team (owners) or the settings (the evangelism goal)."""
        return self.account_id in changes.accounts or changes.team or changes.settings

    def load(self, session: Session, account_id: int, today: dt.date) -> list[Any]:
        return [part.load(session, account_id, today) for part in self.parts]

    def show_data(self, data: list[Any]) -> None:
        for panel, part_data in zip(self.panels, data, strict=True):
            panel.show_data(part_data)
