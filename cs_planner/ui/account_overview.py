"""The account workspace's Overview tab: KPIs, every account field, the divisions and
geographies, and the activity log. Edits are undo commands saved at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain import csa
from cs_planner.domain.accounts.queries import (
    account_card,
    get_settings,
    list_activities,
    list_divisions,
    list_geographies,
    people,
    stakeholder_choices,
)
from cs_planner.domain.accounts.rows import (
    AccountCard,
    ActivityRow,
    DivisionRow,
    GeographyRow,
    Person,
)
from cs_planner.ui.account_csa import AccountCsaSection
from cs_planner.ui.account_form import AccountForm, KpiStrip
from cs_planner.ui.activity_log import ActivityLog
from cs_planner.ui.divisions_view import DivisionsView
from cs_planner.ui.shell.context import AppContext

EMPTY_TEXT = "Select an account in the list"
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
    divisions: list[DivisionRow]
    geographies: list[GeographyRow]
    activities: list[ActivityRow]
    stakeholders: list[tuple[int, str]]
    csas: csa.CsaData


def load_overview(session: Session, account_id: int, today: dt.date) -> OverviewData:
    return OverviewData(
        card=account_card(session, account_id, today),
        currency=get_settings(session).currency,
        team=people(session),
        divisions=list_divisions(session, account_id),
        geographies=list_geographies(session, account_id),
        activities=list_activities(session, account_id),
        stakeholders=stakeholder_choices(session, account_id),
        csas=csa.read_csa_data(session, account_id, with_shared=True),
    )


class AccountOverview(QWidget):
    """The Overview tab for one account (``set_account``), reloading itself when the
    account, the settings or the team change."""

    title = "Overview"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._account_id: int | None = None
        self._fresh = False  # reloaded in this turn of the event loop
        self.data: OverviewData | None = None

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

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyState")
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty)
        self._stack.addWidget(page)
        self._page = page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

        ctx.accountChanged.connect(self._on_account_changed)
        ctx.accountsChanged.connect(self._on_accounts_changed)
        ctx.settingsChanged.connect(self.reload)
        ctx.teamChanged.connect(self.reload)

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

    @property
    def account_id(self) -> int | None:
        return self._account_id

    def set_account(self, account_id: int | None) -> None:
        self._account_id = account_id
        self.reload()

    def reload(self) -> None:
        """Read everything the tab shows in one transaction and show it."""
        data = self._ctx.read_account(self._account_id, load_overview)
        if data is None:
            self._account_id = None
            self._show_empty()
            return
        self.data = data
        self._fresh = True
        QTimer.singleShot(0, self._settle)
        card = data.card
        self.kpis.show_kpis(card.kpis, card, data.currency)
        self.form.show_card(card, data.currency, data.team)
        self.divisions.show_rows(card.id, card.name, data.divisions, data.geographies)
        self.activity_log.show_rows(
            card.id, card.name, data.activities, data.team, data.stakeholders, card.csm_id
        )
        self.csa_section.show_data(card.id, card.name, data.csas)
        self._stack.setCurrentWidget(self._page)

    def _show_empty(self) -> None:
        self.data = None
        self._stack.setCurrentWidget(self.empty)

    def _settle(self) -> None:
        self._fresh = False

    def _on_account_changed(self, account_id: int) -> None:
        if account_id == self._account_id:
            self.reload()

    def _on_accounts_changed(self) -> None:
        # Another account's ARR moves this one's suggested tier; an edit here has usually
        # just emitted accountChanged too, so skip a second read in the same turn.
        if self._account_id is not None and not self._fresh:
            self.reload()
