"""The account workspace's Expansion tab: the zero-to-50x KPIs above four pages (the six
dimensions with suggestions and a radar, the opportunities, the whitespace grids, and the
ARR projection chart). Every edit is a domain edit performed on the undo stack; the tab
reloads when an action changes its account or the settings (``AccountTab``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.rules import NO_ARR_YET
from cs_planner.domain.changes import Changes
from cs_planner.domain.enums import OpportunityStatus
from cs_planner.domain.expansion.pace import PACE_QUARTERS
from cs_planner.domain.expansion.queries import load_expansion, load_whitespace
from cs_planner.domain.expansion.rows import ExpansionData, WhitespaceGrid
from cs_planner.domain.expansion.rules import HORIZON, expansion_contradictions
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.account_tab import AccountTab
from cs_planner.ui.common.plot import ChartView
from cs_planner.ui.common.theme import GOOD, MUTED, WARN
from cs_planner.ui.common.widgets import KpiTile
from cs_planner.ui.expansion.charts import ProjectionChart, RadarChart
from cs_planner.ui.expansion.dimensions import DimensionsPanel
from cs_planner.ui.expansion.opportunities import OpportunitiesPanel
from cs_planner.ui.expansion.whitespace import WhitespacePanel
from cs_planner.ui.shell.context import AppContext

EMPTY_TEXT = "Select an account in the list to plan its expansion"
MULTIPLE_TIP = "Expansion multiple = ARR ÷ the initial deal value X."
MILESTONE_TIP = (
    "The ambition is 5x, 20x or 50x of the initial deal within six to eight quarters of the "
    "first deal, so this counts {n} quarters from the quarter of the first deal (not from "
    "today). A quarter already past shows the ARR recorded for it; one to come, today's ARR "
    "plus the confidence-weighted uplift of the open opportunities targeted by then."
)


@dataclass(frozen=True)
class ExpansionPageData:
    plan: ExpansionData
    grids: tuple[WhitespaceGrid, WhitespaceGrid]


def load_page(session: Session, account_id: int, today: dt.date) -> ExpansionPageData:
    return ExpansionPageData(
        plan=load_expansion(session, account_id, today, fmt.money),
        grids=load_whitespace(session, account_id),
    )


class ExpansionKpis(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arr = KpiTile("ARR today", "Annual recurring revenue today")
        self.initial = KpiTile("Initial deal (X)", "The first contract's annual value")
        self.multiple = KpiTile("Multiple today", MULTIPLE_TIP)
        self.projected = {
            # A no-break space: a narrow tile wraps before "Quarter 6", not before "6".
            n: KpiTile(f"Quarter\u00a0{n} after the first deal", MILESTONE_TIP.format(n=n))
            for n in PACE_QUARTERS
        }
        self.pipeline = KpiTile(
            "Open pipeline", "ACV uplift of all open opportunities, and its expected value"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for tile in (self.arr, self.initial, self.multiple, *self.projected.values()):
            layout.addWidget(tile, 1)
        layout.addWidget(self.pipeline, 1)

    def show_data(self, data: ExpansionData) -> None:
        money = partial(fmt.compact_money, currency=data.currency)
        p = data.projection
        self.arr.show_value(money(data.arr))
        self.initial.show_value(money(data.initial_deal_value))
        if not p.has_arr:
            # A projection from no ARR would read as growth from nothing: say why instead.
            self.multiple.show_value(fmt.multiple(None), "no ARR yet")
            self.multiple.setToolTip(NO_ARR_YET)
            for tile in self.projected.values():
                tile.show_value(fmt.multiple(None), "no ARR to project from yet")
                tile.setToolTip(NO_ARR_YET)
        else:
            self.multiple.show_value(fmt.multiple(p.multiple_today), "of the initial deal")
            self.multiple.setToolTip(MULTIPLE_TIP)
            self._show_pace(data)
        open_rows = [o for o in data.opportunities if o.values.status == OpportunityStatus.OPEN]
        self.pipeline.show_value(
            money(sum(o.values.acv_uplift for o in open_rows)),
            f"{len(open_rows)} open · {money(sum(o.weighted for o in open_rows))} expected",
        )

    def _show_pace(self, data: ExpansionData) -> None:
        """Quarters 6 and 8 after the first deal: actual or projected, and the pace."""
        pace = data.pace
        for n, tile in self.projected.items():
            m = pace.milestone(n) if pace is not None else None
            if m is None:
                tile.show_value("—", "no first-deal date", MUTED)
                tile.setToolTip(pace.verdict() if pace is not None else "")
                continue
            value = "—" if m.multiple is None else fmt.multiple(m.multiple)
            how = "projected" if m.projected else "actual"
            verdict = f"on pace for {m.reached[-1]}x" if m.reached else "below 5x"
            if not m.projected:
                verdict = f"reached {m.reached[-1]}x" if m.reached else "below 5x"
            tile.show_value(
                value,
                f"{data.label(m.quarter)} · {how} · {verdict}",
                GOOD if m.reached else WARN,
            )
            best = f" Best case {fmt.multiple(m.best)}." if m.projected and m.best else ""
            tile.setToolTip(f"{MILESTONE_TIP.format(n=n)}{best}")


class _UpDownScrollArea(QScrollArea):
    """Scrolls up and down only: at least as wide as its content's minimum, so the
    dimension cards never hide behind a sideways scroll bar (the radar gives up width)."""

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the cards' texts changed their minimum width
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        width = (
            content.minimumSizeHint().width()
            + self.verticalScrollBar().sizeHint().width()
            + 2 * self.frameWidth()
        )
        return QSize(max(hint.width(), width), hint.height())


class ExpansionTab(AccountTab):
    """The Expansion tab for one account (``set_account``)."""

    title = "Expansion"
    empty_text = EMPTY_TEXT

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: ExpansionPageData | None = None

        self.kpis = ExpansionKpis()
        self.dimensions = DimensionsPanel(ctx)
        self.radar = ChartView(min_height=300)
        self.radar.setMinimumWidth(240)
        self.radar.setToolTip(
            "Each dimension's progress from its baseline (the centre) to its target (the "
            "dashed ring), as on its card; a dimension below its baseline is marked in red."
        )
        self.opportunities = OpportunitiesPanel(ctx)
        self.whitespace = WhitespacePanel(ctx)
        for grid in (self.whitespace.products, self.whitespace.geographies):
            grid.opportunityRequested.connect(self.opportunities.add_in_cell)
        self.chart = ChartView(min_height=320)
        self.chart_note = QLabel()
        self.chart_note.setObjectName("muted")
        self.chart_note.setWordWrap(True)
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        # Alt+D, O, W, Z switch pages (the menus use P, E, V and H).
        self._plan_page = self._plan()
        self.pages.addTab(self._plan_page, "Six &dimensions")
        # In a padded page like the other three, so the list keeps their margins.
        opportunities_page = QWidget()
        QVBoxLayout(opportunities_page).addWidget(self.opportunities)
        self.pages.addTab(opportunities_page, "&Opportunities")
        self.pages.addTab(self.whitespace, "&Whitespace")
        self._projection_page = QWidget()
        projection_layout = QVBoxLayout(self._projection_page)
        projection_layout.addWidget(self.chart, 1)
        projection_layout.addWidget(self.chart_note)
        self.pages.addTab(self._projection_page, "&Zero to 50x")
        self.pages.setTabToolTip(3, "ARR history and the projection for the next 8 quarters")

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(self.kpis)
        page_layout.addWidget(self.pages, 1)
        self.set_page(page)

    def _plan(self) -> QWidget:
        """The six dimensions' cards (scrolling up and down) beside the radar."""
        plan = QWidget()
        plan_layout = QHBoxLayout(plan)
        scroll = _UpDownScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.dimensions)
        self._plan_scroll = scroll
        plan_layout.addWidget(scroll, 3)
        radar_box = QVBoxLayout()
        radar_title = QLabel("Progress from baseline to target")
        radar_title.setObjectName("sectionTitle")
        radar_title.setWordWrap(True)
        radar_box.addWidget(radar_title)
        radar_box.addWidget(self.radar, 1)
        plan_layout.addLayout(radar_box, 2)
        return plan

    def touched_by(self, changes: Changes) -> bool:
        """Its account, or the settings (currency, fiscal year); not the team or templates."""
        return self.account_id in changes.accounts or changes.settings

    def load(self, session: Session, account_id: int, today: dt.date) -> ExpansionPageData:
        return load_page(session, account_id, today)

    def show_data(self, data: ExpansionPageData) -> None:
        plan = data.plan
        self.kpis.show_data(plan)
        self.dimensions.show_data(plan)
        self.dimensions.show_checks(expansion_contradictions(plan.dimensions, *data.grids))
        self.opportunities.show_data(plan)
        self.whitespace.show_grids(plan.account_id, plan.account_name, data.grids, plan.currency)
        self.chart_note.setText(projection_note(plan))
        # Painted when shown: a chart costs nothing until its page is on screen.
        self.radar.show_chart(RadarChart(plan.dimensions))
        self.chart.show_chart(ProjectionChart(plan))


def projection_note(data: ExpansionData) -> str:
    p = data.projection
    parts = [
        data.pace.verdict() if data.pace is not None else "",
        f"Solid: ARR by quarter. Dashed: today's ARR plus the confidence-weighted uplift of "
        f"the open opportunities by their target quarter, for the next {HORIZON} quarters; "
        f"dotted: the best case, every open opportunity won. Reference lines at 5x, 20x and "
        f"50x of the initial deal ({fmt.money(data.initial_deal_value, data.currency)}); "
        "markers at quarters 6 and 8 after the first deal.",
    ]
    if p.unplaced:
        parts.append(f"{p.unplaced} open opportunity(ies) without a target quarter are left out.")
    if p.beyond:
        parts.append(f"{p.beyond} open opportunity(ies) target a later quarter.")
    return " ".join(part for part in parts if part)
