"""The Health page and the Value tab's health section, on the demo portfolio."""

from __future__ import annotations

import datetime as dt

from cs_planner.demo import story
from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.changes import Changes
from cs_planner.domain.enums import HealthBand, HealthIndicator, Tier
from cs_planner.domain.model import Account
from cs_planner.domain.value.health import account_health
from cs_planner.ui.shell.workspace import MainArea
from cs_planner.ui.value.health_page import HealthPage
from cs_planner.ui.value.health_panel import HealthPanel
from tests.ui.value.conftest import TODAY


def test_health_page_beside_the_other_portfolio_pages(qtbot, demo_ctx) -> None:
    area = MainArea(demo_ctx)
    qtbot.addWidget(area)
    names = area.tab_names()
    assert names.index("Health") == names.index("Expansion outlook") + 1
    assert area.set_tab("Health")
    page = area.current_page()
    assert isinstance(page, HealthPage)
    assert page.data is not None


def test_page_shows_the_distribution_tails_retention_and_tiers(qtbot, demo_ctx) -> None:
    page = HealthPage(demo_ctx)
    qtbot.addWidget(page)
    page.reload()
    health = page.data.health
    assert sum(page.histogram.bins) == len(health.scores) == 12
    assert page.at_risk.rowCount() == len(health.at_risk) >= 1
    first = page.at_risk.row_at(0)
    assert first.name == "Valemont Markets" and first.band == HealthBand.RED
    assert "Scale of use" in page.at_risk.data(page.at_risk.index(0, 2))
    assert page.at_risk_tile.value.text() == str(health.distribution.counts[HealthBand.RED])
    assert page.retention.rowCount() == 4
    last = health.retention[-1]
    assert page.nrr_tile.value.text() == f"{last.nrr:.0%}"
    tiers = {page.tiers.row_at(n).share.tier: page.tiers.row_at(n) for n in range(3)}
    assert sum(t.share.accounts for t in tiers.values()) == 12
    assert tiers[Tier.TOP].suggested >= 1
    assert page.disagree.rowCount() == len(health.tiers.disagree)


def test_double_click_opens_the_account(qtbot, demo_ctx) -> None:
    page = HealthPage(demo_ctx)
    qtbot.addWidget(page)
    page.reload()
    with qtbot.waitSignal(demo_ctx.openAccount) as opened:
        page.at_risk_view.doubleClicked.emit(page.at_risk.index(0, 0))
    assert opened.args == [page.at_risk.row_at(0).account_id]


def test_page_reloads_when_an_account_changes(qtbot, demo_ctx) -> None:
    page = HealthPage(demo_ctx)
    qtbot.addWidget(page)
    page.reload()
    with demo_ctx.write() as session:
        gone = session.get(Account, page.at_risk.row_at(0).account_id)
        gone.churned_on = TODAY - dt.timedelta(days=3)
    demo_ctx.notify(Changes.account(gone.id, listed=True))  # in no window: reloads at once
    assert not page.stale
    assert len(page.data.health.scores) == 11  # the churned account left the distribution


def test_health_panel_shows_score_sentences_and_every_indicator(qtbot, demo_ctx) -> None:
    with demo_ctx.portfolio.read() as session:
        health = account_health(session, find_account(session, story.NAME), TODAY)
    panel = HealthPanel()
    qtbot.addWidget(panel)
    panel.show_health(health)
    assert panel.score.text() == f"{health.now.score:.0f}"
    assert panel.band.text() == health.now.band.label
    assert panel.sentences.text().splitlines()[0] == f"• {health.sentences[0]}"
    assert len(panel.line.points) == 12
    for part in health.now.parts:
        row = panel.rows[part.indicator]
        expected = "no data" if part.reading.score is None else f"{part.reading.score:.0f}"
        assert row.score.text() == expected
        assert row.detail.text() == part.reading.detail
    licence = panel.rows[HealthIndicator.LICENSE_UTILIZATION]
    assert licence.share.text().endswith("%")


def test_an_account_without_data_says_so(qtbot, demo_ctx) -> None:
    from cs_planner.domain.accounts.writes import create_account

    with demo_ctx.write() as session:
        new = create_account(session, "Brand New", 1_000)
    with demo_ctx.portfolio.read() as session:
        health = account_health(session, new, TODAY)
    panel = HealthPanel()
    qtbot.addWidget(panel)
    panel.show_health(health)
    assert panel.score.text() == "—"
    assert panel.band.text() == "No data yet"
    assert all(r.score.text() == "no data" for r in panel.rows.values())
    assert "No indicator has data" in panel.sentences.text()
