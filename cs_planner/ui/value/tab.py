"""The account workspace's Value tab: sub-tabs for the maturity model and the account's
place on it, its metrics against plan, and the value messages per audience. A section
another capability owns (health) goes in front with ``insert_section``. Every edit is a
domain edit performed on the undo stack; the tab reloads when an action changes its
account or the portfolio's settings (the maturity model is the portfolio's)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.ui.common.account_tab import AccountTab
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.value.data import ValueData, load_value
from cs_planner.ui.value.health_panel import HealthPanel
from cs_planner.ui.value.maturity_panel import MaturityPanel
from cs_planner.ui.value.messages_panel import MessagesPanel
from cs_planner.ui.value.metrics_panel import MetricsPanel

EMPTY_TEXT = "Select an account in the list to show the value it gets"


class ValueTab(AccountTab):
    """The Value tab for one account (``set_account``)."""

    title = "Value"
    empty_text = EMPTY_TEXT

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: ValueData | None = None
        self.maturity = MaturityPanel(ctx)
        self.metrics = MetricsPanel(ctx)
        self.messages = MessagesPanel(ctx)
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        # Alt+L, M, T, S switch sections (the menus use P, E, V and H).
        self.sections.addTab(self.maturity, "&Maturity")
        self.sections.addTab(self.metrics, "Me&trics")
        self.sections.addTab(self.messages, "Me&ssages")
        self.sections.setTabToolTip(0, "The maturity model and where the account is on it")
        self.sections.setTabToolTip(1, "The metrics that show value, against their plan")
        self.sections.setTabToolTip(2, "What to tell each audience about the value so far")
        self.health = HealthPanel()
        self.insert_section(self.health, "Hea&lth")  # Alt+L; first: the figure first
        self.sections.setTabToolTip(0, "The health score, what it is made of, its last year")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.sections)
        self.set_page(page)

    def insert_section(self, widget: QWidget, title: str) -> None:
        """Put another section first (the health section) and show it first."""
        self.sections.insertTab(0, widget, title)
        self.sections.setCurrentIndex(0)

    def touched_by(self, changes: Changes) -> bool:
        """Its account, or the settings (the maturity model, currency, fiscal year)."""
        return self.account_id in changes.accounts or changes.settings

    def load(self, session: Session, account_id: int, today: dt.date) -> ValueData:
        return load_value(session, account_id, today)

    def show_data(self, data: ValueData) -> None:
        self.health.show_health(data.health)
        self.maturity.show_data(data)
        self.metrics.show_data(data)
        self.messages.show_data(data)
