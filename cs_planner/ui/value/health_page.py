"""The portfolio's Health page beside Expansion outlook and CSAs: how health is
distributed, the at-risk and advocate tails with their reasons, net and gross revenue
retention and logo churn against best in class, and the tiers the team's hours allow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.changes import Changes
from cs_planner.domain.enums import HealthBand, Tier
from cs_planner.domain.value.portfolio import AccountScore, PortfolioHealth, portfolio_health
from cs_planner.domain.value.retention import CHURN_BEST, NRR_BEST
from cs_planner.domain.value.tiers import TOP_ACCOUNTS_MAX
from cs_planner.palette import BAD, GOOD, MUTED, WARN
from cs_planner.ui.common.account_tab import PortfolioPage
from cs_planner.ui.common.table_model import RowsModel, fit_columns, table_view
from cs_planner.ui.common.widgets import EmptyState, KpiTile
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.value.health_charts import HealthHistogram
from cs_planner.ui.value.health_tables import (
    Disagreement,
    TierLine,
    disagree_columns,
    retention_columns,
    tail_columns,
    tier_columns,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class HealthData:
    health: PortfolioHealth
    currency: str
    fy_start_month: int


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


RETENTION_NOTE = (
    "Each line follows the customers who had ARR at the end of its first quarter to the end "
    "of its last: expansion, contraction and churn of those customers only (customers won "
    "since are not in it). An account churns when it is marked churned with a date on its "
    "Overview; ARR falling to zero alone is contraction."
)


def _section(*parts: tuple[str | None, QWidget, int]) -> QWidget:
    """A sub-tab: each part under its title, with its stretch."""
    section = QWidget()
    layout = QVBoxLayout(section)
    for title, widget, stretch in parts:
        if title:
            layout.addWidget(_title(title))
        layout.addWidget(widget, stretch)
    return section


class HealthPage(PortfolioPage):
    title = "Health"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: HealthData | None = None
        self.at_risk_tile = KpiTile("At risk", "Accounts with a red health score (under 50)")
        self.nrr_tile = KpiTile(
            "Net revenue retention",
            "The last four complete quarters, customers present at the start",
        )
        self.grr_tile = KpiTile("Gross revenue retention", "As NRR, expansion left out")
        self.churn_tile = KpiTile("Logo churn", "Accounts marked churned in the last four quarters")
        self.top_tile = KpiTile(
            "Top tier", "Accounts in the top tier and their share of accounts and revenue"
        )
        kpis = QHBoxLayout()
        for tile in (self.at_risk_tile, self.nrr_tile, self.grr_tile, self.churn_tile,
                     self.top_tile):  # fmt: skip
            kpis.addWidget(tile, 1)
        self.histogram = HealthHistogram()
        self.bands = _note()
        self.retention = RowsModel(retention_columns(1), self)
        self.retention_view = table_view(self.retention, 0, fill=False)
        self.tiers = RowsModel(tier_columns("USD"), self)
        self.tiers_view = table_view(self.tiers, 0, fill=False)
        self.capacity = _note()
        self.retention_view.setToolTip(RETENTION_NOTE)
        self.at_risk = RowsModel(tail_columns("What holds it down most"), self)
        self.advocates = RowsModel(tail_columns("What lifts it most"), self)
        self.at_risk_view = table_view(self.at_risk, 2)
        self.advocates_view = table_view(self.advocates, 2)
        for view, model in ((self.at_risk_view, self.at_risk),
                            (self.advocates_view, self.advocates)):  # fmt: skip
            view.setToolTip("Double-click an account to open its plan")
            view.doubleClicked.connect(lambda index, m=model: self._open(m, index))
        self.at_risk_stack = EmptyState(self.at_risk_view, "No account is amber or red.")
        self.advocates_stack = EmptyState(self.advocates_view, "No account is green yet.")
        self.disagree = RowsModel(disagree_columns(), self)
        self.disagree_view = table_view(self.disagree, 0)
        self.disagree_stack = EmptyState(
            self.disagree_view, "Every tier set by hand agrees with the suggestion."
        )
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        self.sections.addTab(self._accounts_section(), "Accounts")
        self.sections.addTab(
            _section(
                ("Retention, four quarters at a time", self.retention_view, 1),
                (None, _note(RETENTION_NOTE), 0),
            ),
            "Retention",
        )
        self.sections.addTab(
            _section(
                ("Tiers bounded by the team's hours", self.tiers_view, 0),
                (None, self.capacity, 0),
                ("Tier set by hand, against the suggestion", self.disagree_stack, 1),
            ),
            "Tiers",
        )
        layout = QVBoxLayout(self)
        layout.addLayout(kpis)
        layout.addWidget(self.sections, 1)

    def _accounts_section(self) -> QWidget:
        left = QVBoxLayout()
        left.addWidget(_title("Health distribution"))
        left.addWidget(self.histogram, 1)
        left.addWidget(self.bands)
        right = QVBoxLayout()
        right.addWidget(_title("At risk: the lowest scores"))
        right.addWidget(self.at_risk_stack, 1)
        right.addWidget(_title("Advocates: the highest scores"))
        right.addWidget(self.advocates_stack, 1)
        section = QWidget()
        body = QHBoxLayout(section)
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        return section

    def touched_by(self, changes: Changes) -> bool:
        """Any account, the list, the settings (weights, tier hours) or the team (its
        hours)."""
        return bool(changes.accounts) or changes.account_list or changes.settings or changes.team

    def reload(self) -> None:
        self.stale = False

        def read(session: Session) -> HealthData:
            settings = get_settings(session)
            today = self.ctx.today()
            health = portfolio_health(session, today, scores=self.ctx.list_scores(session, today))
            return HealthData(health, settings.currency, settings.fiscal_year_start_month)

        self.data = data = self.ctx.read(read)
        health = data.health
        self.histogram.set_bins(health.distribution.histogram)
        counts = health.distribution.counts
        scored = sum(counts.values())
        unscored = health.distribution.unscored
        self.bands.setText(
            f"{counts[HealthBand.GREEN]:,} green, {counts[HealthBand.AMBER]:,} amber, "
            f"{counts[HealthBand.RED]:,} red{f'; {unscored:,} without data' if unscored else ''}"
            f" (of {len(health.scores):,} accounts that have not churned)."
        )
        red = counts[HealthBand.RED]
        self.at_risk_tile.show_value(
            f"{red:,}",
            f"{red / scored:.0%} of scored accounts; {counts[HealthBand.AMBER]:,} amber"
            if scored
            else "No account has a score yet",
            BAD if red else GOOD,
        )
        self._show_retention(data)
        self._show_tiers(data)
        self.at_risk.set_rows(health.at_risk)
        self.advocates.set_rows(health.advocates)
        # The tails by score: the lowest first at risk, the highest first among advocates.
        self.at_risk_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.advocates_view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.at_risk_stack.set_empty(not health.at_risk)
        self.advocates_stack.set_empty(not health.advocates)
        for view, model in ((self.retention_view, self.retention), (self.tiers_view, self.tiers),
                            (self.at_risk_view, self.at_risk),
                            (self.advocates_view, self.advocates)):  # fmt: skip
            fit_columns(view, model)

    def _show_retention(self, data: HealthData) -> None:
        trend = data.health.retention
        self.retention.set_rows(trend, retention_columns(data.fy_start_month))
        last = trend[-1] if trend else None
        if last is None or last.nrr is None:
            for tile in (self.nrr_tile, self.grr_tile, self.churn_tile):
                tile.show_value("—", "No ARR history four quarters back", MUTED)
            return
        nrr_colour = GOOD if last.nrr_best_in_class else BAD if last.nrr < 1 else WARN
        self.nrr_tile.show_value(
            f"{last.nrr:.0%}", f"Best in class {NRR_BEST[0]:.0%}-{NRR_BEST[1]:.0%}", nrr_colour
        )
        self.grr_tile.show_value(f"{last.grr:.0%}", f"{last.cohort:,} customers at the start")
        churn = last.churn_rate or 0.0
        self.churn_tile.show_value(
            f"{churn:.1%}",
            f"{last.churned:,} of {last.cohort:,}; best in class under {CHURN_BEST:.0%}",
            GOOD if last.churn_best_in_class else BAD,
        )

    def _show_tiers(self, data: HealthData) -> None:
        mix = data.health.tiers
        suggested = {tier: 0 for tier in Tier}
        for tier in mix.suggested.values():
            suggested[tier] += 1
        self.tiers.set_rows(
            [TierLine(share, suggested[share.tier]) for share in mix.shares],
            tier_columns(data.currency),
        )
        top = mix.share(Tier.TOP)
        self.top_tile.show_value(
            f"{top.accounts:,}",
            f"{top.account_share:.0%} of accounts, {top.revenue_share:.0%} of revenue",
            GOOD if mix.top_healthy else WARN,
        )
        team = mix.capacity
        source = "the active CSMs' weekly capacity" if team.from_team else "Settings"
        over = mix.hours > team.team_hours
        text = (
            f"The tiers need {mix.hours:,.0f} hours a month; the team has "
            f"{team.team_hours:,.0f} ({source}){': over capacity' if over else ''}. "
            f"A healthy top tier: under {TOP_ACCOUNTS_MAX:.0%} of the accounts holding a third "
            "to a half of revenue."
        )
        self.capacity.setText(text)
        names = {a.account_id: a for a in data.health.scores}
        rows = [
            Disagreement(names[i].name, names[i].account_id, mix.own[i], mix.suggested[i])
            for i in mix.disagree
            if i in names
        ]
        self.disagree.set_rows(rows)
        self.disagree_stack.set_empty(not rows)
        fit_columns(self.disagree_view, self.disagree)

    def _open(self, model: RowsModel[AccountScore], index: QModelIndex) -> None:
        row = model.row_at(index)
        if row is not None:
            self.ctx.openAccount.emit(row.account_id)
