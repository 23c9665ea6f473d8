"""The account workspace's Overview tab: KPIs, every account field, the divisions and
geographies, the activity log and the CSAs. Every edit is saved at once, as one undo step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.portfolio_wide import PortfolioWideCache
from cs_planner.domain.accounts.queries import (
    account_card,
    get_settings,
    list_activities,
    list_divisions,
    list_geographies,
    stakeholder_choices,
)
from cs_planner.domain.accounts.rows import (
    AccountCard,
    ActivityRow,
    DivisionRow,
    GeographyRow,
    Person,
)
from cs_planner.domain.changes import Changes
from cs_planner.domain.csa import queries as csa
from cs_planner.domain.csa.rows import CsaData
from cs_planner.ui.accounts.account_form import AccountForm
from cs_planner.ui.accounts.activity_log import ActivityLog
from cs_planner.ui.accounts.divisions import DivisionsView
from cs_planner.ui.accounts.kpi_strip import KpiStrip
from cs_planner.ui.common.account_tab import AccountTab
from cs_planner.ui.csa.account_section import AccountCsaSection
from cs_planner.ui.shell.context import AppContext

EMPTY_TEXT = AccountTab.empty_text
# The tab's width from which the form shows two columns and still leaves the lists
# beside it room for their columns.
TWO_FORM_COLUMNS_FROM = 1180
# Shares of the right column's height: divisions and geographies, activity log, CSAs.
RIGHT_SHARES = (5, 4, 2)


@dataclass(frozen=True)
class OverviewData:
    """Everything the tab shows, read in one transaction."""

    card: AccountCard
    currency: str
    team: list[Person]
    accounts: list[tuple[int, str]]  # every account by name: the parent account's choices
    divisions: list[DivisionRow]
    geographies: list[GeographyRow]
    activities: list[ActivityRow]
    stakeholders: list[tuple[int, str]]
    csas: CsaData


def load_overview(
    session: Session, account_id: int, today: dt.date, wide: PortfolioWideCache | None = None
) -> OverviewData:
    """``wide``: the portfolio-wide reads (suggested tiers, people), kept per data version
    so that a switch reads only the account's own rows."""
    shared = (wide or PortfolioWideCache()).read(session)
    return OverviewData(
        card=account_card(session, account_id, today, shared.tiers),
        currency=get_settings(session).currency,
        team=shared.people,
        accounts=shared.accounts,
        divisions=list_divisions(session, account_id),
        geographies=list_geographies(session, account_id),
        activities=list_activities(session, account_id),
        stakeholders=stakeholder_choices(session, account_id),
        csas=csa.read_csa_data(session, account_id, with_shared=True),
    )


class OverviewTab(AccountTab):
    """The Overview tab for one account (``set_account``). It reloads when something in the
    account changes, the settings or the team, and when the portfolio list changes (another
    account's ARR moves this one's suggested tier): one ``ctx.changed`` per edit."""

    title = "Overview"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: OverviewData | None = None
        self.wide = PortfolioWideCache()
        self.kpis = KpiStrip()
        self.form = AccountForm(ctx)
        self.divisions = DivisionsView(ctx)
        self.activity_log = ActivityLog(ctx)
        self.csa_section = AccountCsaSection(ctx)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.divisions)
        right.addWidget(self.activity_log)
        right.addWidget(self.csa_section)
        # Divisions and the activity log hold the most rows; a few CSAs are allocated.
        for number, stretch in enumerate(RIGHT_SHARES):
            right.setStretchFactor(number, stretch)
        right.setChildrenCollapsible(False)
        self._right_splitter = right
        self._right_shared = False
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(scroll)
        body.addWidget(right)
        self._form_scroll = scroll
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setChildrenCollapsible(False)
        self._body_splitter = body
        self._form_placed = False
        body.installEventFilter(self)  # first laid out when an account is shown
        self._fit_form()

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(self.kpis)
        page_layout.addWidget(body, 1)
        self.set_page(page)

    def touched_by(self, changes: Changes) -> bool:
        return self.account_id is not None and (
            changes.touches_account(self.account_id) or changes.account_list
        )

    def load(self, session: Session, account_id: int, today: dt.date) -> OverviewData:
        return load_overview(session, account_id, today, self.wide)

    def show_data(self, data: OverviewData) -> None:
        card = data.card
        self.kpis.show_kpis(card.kpis, card, data.currency)
        self.form.show_card(card, data.currency, data.team, data.accounts)
        self.divisions.show_rows(card.id, card.name, data.divisions, data.geographies)
        self.activity_log.show_rows(
            card.id, card.name, data.activities, data.team, data.stakeholders, card.csm_id
        )
        self.csa_section.show_data(card.id, card.name, data.csas)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_form()
        self._share_right()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._body_splitter and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
        ):
            self._fit_form()
        return super().eventFilter(watched, event)

    def _share_right(self) -> None:
        """Share the right column's height once it is known (the splitter would size the
        three lists by their size hints, leaving the CSAs the most room)."""
        total = sum(self._right_splitter.sizes())
        if self._right_shared or total <= 0 or not self.isVisible():
            return
        self._right_shared = True
        whole = sum(RIGHT_SHARES)
        self._right_splitter.setSizes([total * share // whole for share in RIGHT_SHARES])

    def _fit_form(self) -> None:
        """Two form columns on a wide window, one on a laptop: the form keeps the width
        its columns need (nothing clipped) and the lists take the rest."""
        columns = 2 if self.width() >= TWO_FORM_COLUMNS_FROM else 1
        body = self._body_splitter  # its width is set before it hears of it (no sizes yet)
        total = body.width() - body.handleWidth() if body.isVisible() else 0
        unchanged = columns == self.form.columns and self._form_scroll.minimumWidth() > 0
        if unchanged and (self._form_placed or total <= 0):
            return
        self.form.set_columns(columns)
        width = (
            self.form.sizeHint().width() + self._form_scroll.verticalScrollBar().sizeHint().width()
        )
        self._form_scroll.setMinimumWidth(width)
        # The form as narrow as its fields allow once the splitter has a width (until then
        # it sized the form by its scroll area's hint, taking the lists' room on a laptop);
        # after that a width the user drags to stays until the form changes columns.
        if total > width:
            body.setSizes([width, total - width])
            self._form_placed = True
