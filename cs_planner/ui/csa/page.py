"""The portfolio's "CSAs" page: the load heatmap, then tabs for per-CSA figures and
warnings, revenue, the allocations (with what-if), the roster, coverage and the scorecard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.team_reads import read_team
from cs_planner.domain.csa import queries, rules
from cs_planner.domain.csa.queries import read_coverage, read_scorecard
from cs_planner.domain.csa.rows import CoverageGap, CsaData, CsaFigures
from cs_planner.ui.common.account_tab import PortfolioPage
from cs_planner.ui.common.table_model import RowsModel, table_view
from cs_planner.ui.common.widgets import EmptyState
from cs_planner.ui.csa.heatmap import HeatmapPanel
from cs_planner.ui.csa.row_heights import FitVisibleRows
from cs_planner.ui.csa.tables import (
    COVERAGE_COLUMNS,
    WARNING_COLUMNS,
    figures_columns,
    revenue_columns,
    scorecard_columns,
)
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.workspace import LazyPage

if TYPE_CHECKING:
    from cs_planner.ui.csa.allocations import AllocationPanel
    from cs_planner.ui.csa.roster import RosterPanel
    from cs_planner.ui.csa.whatif import Snapshot, WhatIfPanel

NO_CSAS = "No CSAs yet. Add your architects on the Roster tab below, then allocate them."


@dataclass(frozen=True)
class PageData:
    data: CsaData
    coverage: list[CoverageGap]


def load_page(session: Session, today: dt.date) -> PageData:
    data = queries.read_csa_data(session)
    return PageData(data=data, coverage=read_coverage(session, today, data.allocations))


# The tabs built when first shown, and filled when shown after a reload: what they show is
# not on the first tab (the roster and the scorecard are whole-portfolio reads of their own).
REVENUE_TAB, ALLOCATIONS_TAB, ROSTER_TAB, COVERAGE_TAB, SCORECARD_TAB = 1, 2, 3, 4, 5
LAZY_TABS = frozenset({REVENUE_TAB, ALLOCATIONS_TAB, ROSTER_TAB, SCORECARD_TAB})


def section(title: str, tip: str = "") -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    label.setToolTip(tip)
    return label


class CsaPage(PortfolioPage):
    """Reloads when anything changed (it shows allocations, accounts, stakeholders, use
    cases, the team and the settings), at once if on screen, else when next shown."""

    title = "CSAs"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.page: PageData | None = None
        self.figures: list[CsaFigures] = []
        self.first = rules.default_period(ctx.today())[0]

        self.heatmap = HeatmapPanel()
        self.heatmap.windowChanged.connect(self._window_changed)
        self.heatmap_stack = EmptyState(self.heatmap, NO_CSAS)

        self.scorecard_model = RowsModel(scorecard_columns(), self)  # its view: when shown
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._figures_page(), "Figures && warnings")
        self.tabs.addTab(LazyPage(self._revenue_page), "Revenue")
        self.tabs.addTab(LazyPage(lambda: self._allocations_page(ctx)), "Allocations && what-if")
        # Each page in a padded column, like the first three: the list no longer jumps to
        # the tab's edge when switching to the roster, coverage or scorecard.
        self.tabs.addTab(LazyPage(lambda: _padded(self._roster_page(ctx))), "Roster")
        self.tabs.addTab(_padded(self._coverage_page()), "Coverage")
        self.tabs.addTab(LazyPage(lambda: _padded(self._scorecard_page())), "Scorecard")
        self._unread = set(LAZY_TABS)
        self.tabs.currentChanged.connect(self._read_tab)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.heatmap_stack)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # --- building -------------------------------------------------------------------------

    def _figures_page(self) -> QWidget:
        self.figures_model: RowsModel[CsaFigures] = RowsModel([], self)
        self.figures_view = table_view(self.figures_model)
        self.warnings_model = RowsModel(WARNING_COLUMNS, self)
        self.warnings_view = table_view(self.warnings_model, stretch=2)
        self.warnings_view.setWordWrap(True)  # the message is the point: show all of it
        FitVisibleRows(self.warnings_view)
        self.no_warnings = EmptyState(self.warnings_view, "No warnings in the weeks shown.")
        figures_page = QWidget()
        column = QVBoxLayout(figures_page)
        self.figures_title = section("Per CSA over the weeks shown")
        column.addWidget(self.figures_title)
        column.addWidget(self.figures_view, 3)
        column.addWidget(section("Warnings"))
        column.addWidget(self.no_warnings, 2)
        return figures_page

    def _revenue_page(self) -> QWidget:
        self.revenue_model: RowsModel[CsaFigures] = RowsModel([], self)
        self.revenue_view = table_view(self.revenue_model, fill=False)
        revenue_page = QWidget()
        column = QVBoxLayout(revenue_page)
        self.revenue_title = section(
            "Forecast billable revenue: bill rate × chargeable hours",
            "Whole months and quarters that the weeks shown touch",
        )
        column.addWidget(self.revenue_title)
        column.addWidget(self.revenue_view, 1)
        return revenue_page

    def _allocations_page(self, ctx: AppContext) -> QWidget:
        from cs_planner.ui.csa.allocations import AllocationPanel
        from cs_planner.ui.csa.whatif import WhatIfPanel

        self.allocations: AllocationPanel = AllocationPanel(
            ctx, account_mode=False, title="All allocations"
        )
        self.whatif: WhatIfPanel = WhatIfPanel(ctx, self.snapshot)
        self.allocations.view.selectionModel().selectionChanged.connect(self._selection_changed)
        allocations_page = QWidget()
        column = QVBoxLayout(allocations_page)
        column.addWidget(self.allocations, 1)
        column.addWidget(self.whatif)
        return allocations_page

    def _roster_page(self, ctx: AppContext) -> QWidget:
        from cs_planner.ui.csa.roster import RosterPanel

        self.roster: RosterPanel = RosterPanel(ctx)
        return self.roster

    def _coverage_page(self) -> QWidget:
        self.coverage_model = RowsModel(COVERAGE_COLUMNS, self)
        self.coverage_view = table_view(self.coverage_model, stretch=2)
        self.coverage_view.doubleClicked.connect(self._open_account)
        self.coverage_view.setToolTip("Double-click to open the account")
        self.no_gaps = EmptyState(
            self.coverage_view,
            "Every top-tier account has a CSA allocated today, and its customer has named an "
            "executive sponsor and a program manager to mirror ours.",
        )
        return self.no_gaps

    def _scorecard_page(self) -> QWidget:
        self.scorecard_view = table_view(self.scorecard_model, fill=False)
        return self.scorecard_view

    # --- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything the page shows in one transaction and show it."""
        self.stale = False
        self.page = self.ctx.read(lambda s: load_page(s, self.ctx.today()))
        self._show()

    def _window_changed(self, first: dt.date) -> None:
        self.first = first
        self._show_window()

    def _show(self) -> None:
        """Show freshly read data: the coverage, the weeks on show, then the tab shown."""
        page = self.page
        if page is None:
            return
        self.coverage_model.set_rows(page.coverage)
        self.no_gaps.set_empty(not page.coverage)
        label = f"Coverage ({len(page.coverage)})" if page.coverage else "Coverage"
        self.tabs.setTabText(COVERAGE_TAB, label)
        self.heatmap_stack.set_empty(not page.data.roster)
        self._unread = set(LAZY_TABS)
        self._show_window()

    def _read_tab(self, index: int) -> None:
        """A tab other than the first, built when first shown and filled when shown after
        a reload (or, for the revenue, a move of the weeks)."""
        holder = self.tabs.widget(index)
        if isinstance(holder, LazyPage):
            holder.build()
        if index not in self._unread or self.page is None:
            return
        self._unread.discard(index)
        data = self.page.data
        if index == REVENUE_TAB:
            period = rules.period_text(self.first, rules.window_end(self.first))
            self.revenue_title.setToolTip(
                f"Whole months and quarters that the weeks shown ({period}) touch"
            )
            columns = revenue_columns(self.figures, data.settings.currency)
            self.revenue_model.set_rows(self.figures, columns)
        elif index == ALLOCATIONS_TAB:
            accounts = self.ctx.read(queries.account_choices)
            flagged = data.over_allocated_ids
            self.allocations.show_rows(data.allocations, data.roster, flagged, accounts=accounts)
            self._selection_changed()
        elif index == ROSTER_TAB:
            team = self.ctx.read(lambda s: read_team(s, self.ctx.today()))
            self.roster.show_rows(team, data.settings)
        elif index == SCORECARD_TAB:
            self.scorecard_model.set_rows(self.ctx.read(read_scorecard))

    def _show_window(self) -> None:
        """What depends on the weeks on show: the heatmap, the figures, the warnings (and
        the revenue, when its tab is next shown)."""
        page = self.page
        if page is None:
            return
        data, today = page.data, self.ctx.today()
        settings = data.settings
        end = rules.window_end(self.first)
        self.figures = rules.csa_figures(data, self.first, end, today)
        period = rules.period_text(self.first, end)
        default = self.first == rules.default_period(today)[0]
        self.figures_title.setText(f"Per CSA, {period}")
        self.figures_title.setToolTip(
            f"The {rules.HEATMAP_WEEKS} weeks shown in the heatmap"
            + (
                f": {rules.PERIOD_RULE}, the period of the CSA workbook too."
                if default
                else f". The CSA workbook covers {rules.PERIOD_RULE} (This week)."
            )
        )
        self.heatmap.show_data(data, self.first, today)
        self.figures_model.set_rows(
            self.figures, figures_columns(settings.currency, settings.presales_share_limit)
        )
        warnings = rules.all_warnings(self.figures)
        self.warnings_model.set_rows(warnings)
        self.no_warnings.set_empty(not warnings)
        self.tabs.setTabText(
            0, f"Figures && warnings ({len(warnings)})" if warnings else "Figures && warnings"
        )
        self._unread.add(REVENUE_TAB)
        self._read_tab(self.tabs.currentIndex())

    # --- what-if --------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        return {
            f.csa.id: (f.csa.name, f.window.utilization, f.window.chargeability)
            for f in self.figures
        }

    def _selection_changed(self, *_args: object) -> None:
        self.whatif.set_allocation(self.allocations.selected(), self.allocations.roster)

    def _open_account(self, index: QModelIndex) -> None:
        gap = self.coverage_model.row_at(index)
        if gap is not None:
            self.ctx.openAccount.emit(gap.account_id)


def _padded(page: QWidget) -> QWidget:
    holder = QWidget()
    QVBoxLayout(holder).addWidget(page)
    return holder
