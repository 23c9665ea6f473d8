"""The portfolio list: its model, sorting, filtering and the search box."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.changes import Changes
from cs_planner.domain.enums import LifecycleStage, TeamRole, Tier
from cs_planner.domain.model import TeamMember
from cs_planner.ui.accounts.portfolio_list import Column, PortfolioModel, PortfolioView
from cs_planner.ui.shell.context import AppContext


@pytest.fixture
def ctx(portfolio, today: dt.date) -> AppContext:
    with portfolio.session() as s:
        lena = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        omar = TeamMember(name="Omar Haddad", role=TeamRole.CSM)
        s.add_all([lena, omar])
        s.flush()
        create_account(
            s,
            "Harbor Lane Logistics",
            100_000,
            arr=1_500_000,
            csm_id=lena.id,
            lifecycle_stage=LifecycleStage.EXPAND,
            renewal_date=today + dt.timedelta(days=30),
        )
        create_account(
            s,
            "Kestrel Biotech",
            50_000,
            arr=60_000,
            csm_id=omar.id,
            industry="Life sciences",
            renewal_date=today + dt.timedelta(days=200),
        )
        create_account(
            s,
            "Alder Civic Services",
            20_000,
            arr=90_000,
            tier_override=Tier.TOP,
            lifecycle_stage=LifecycleStage.RENEW,
        )
    context = AppContext(portfolio)
    context.today = lambda: today
    return context


@pytest.fixture
def view(qtbot, ctx: AppContext) -> PortfolioView:
    widget = PortfolioView(ctx)
    qtbot.addWidget(widget)
    widget.reload()
    return widget


def names(model: PortfolioModel) -> list[str]:
    return [model.row_at(i).name for i in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester, view: PortfolioView) -> None:
    qtmodeltester.check(view.model)


def test_columns_show_tier_multiple_and_renewal(view: PortfolioView) -> None:
    model = view.model
    row = model.row_of(next(r.id for r in model._rows if r.name.startswith("Harbor")))
    text = {c: model.index(row, c).data() for c in Column}
    assert text[Column.ARR] == "$1,500,000"
    assert text[Column.MULTIPLE] == "15.0x"
    assert text[Column.RENEWAL].endswith("· in 30 d")
    assert model.index(row, Column.RENEWAL).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert text[Column.CSM] == "Lena Marsh"


def test_sort_by_any_column(view: PortfolioView) -> None:
    view.model.sort(Column.ARR, Qt.SortOrder.DescendingOrder)
    assert names(view.model)[0] == "Harbor Lane Logistics"
    view.model.sort(Column.MULTIPLE, Qt.SortOrder.AscendingOrder)
    assert names(view.model) == ["Kestrel Biotech", "Alder Civic Services", "Harbor Lane Logistics"]
    view.model.sort(Column.CSM, Qt.SortOrder.AscendingOrder)
    assert names(view.model)[-1] == "Alder Civic Services"  # no CSM sorts last


def test_incremental_search_and_filters(qtbot, view: PortfolioView) -> None:
    qtbot.keyClicks(view.search, "life")
    assert names(view.model) == ["Kestrel Biotech"]
    assert view.count.text() == "1 of 3 accounts match"
    view.search.clear()
    view.tier_filter.setCurrentIndex(view.tier_filter.findData(Tier.TOP))
    assert "Alder Civic Services" in names(view.model)
    view.tier_filter.setCurrentIndex(0)
    view.stage_filter.setCurrentIndex(view.stage_filter.findData(LifecycleStage.RENEW))
    assert names(view.model) == ["Alder Civic Services"]
    view.stage_filter.setCurrentIndex(0)
    view.csm_filter.setCurrentIndex(view.csm_filter.findData("Omar Haddad"))
    assert names(view.model) == ["Kestrel Biotech"]
    view.csm_filter.setCurrentIndex(0)
    view.search.setText("LENA ma")  # any case, in the CSM's name too
    assert names(view.model) == ["Harbor Lane Logistics"]
    view.search.setText("harbor")
    view.stage_filter.setCurrentIndex(view.stage_filter.findData(LifecycleStage.RENEW))
    assert names(view.model) == []  # the search and a filter together


def test_selection_survives_filtering_and_emits_the_account(qtbot, view: PortfolioView) -> None:
    kestrel = next(r.id for r in view.model._rows if r.name == "Kestrel Biotech")
    with qtbot.waitSignal(view.accountSelected) as signal:
        view.select_account(kestrel)
    assert signal.args == [kestrel]
    with qtbot.assertNotEmitted(view.accountSelected):
        qtbot.keyClicks(view.search, "kes")
    assert view.selected_id() == kestrel


def test_reloads_only_for_what_it_shows(view: PortfolioView, ctx: AppContext, monkeypatch) -> None:
    calls: list[object] = []
    real_read = ctx.read
    monkeypatch.setattr(ctx, "read", lambda fn: calls.append(fn) or real_read(fn))
    first = view.model.row_at(0)
    assert first is not None
    ctx.notify(Changes.account(first.id))  # inside an account, nothing the list shows
    assert calls == []
    ctx.notify(Changes.account(first.id, listed=True))
    ctx.notify(Changes(team=True))  # CSM names
    ctx.notify(Changes(settings=True))  # the currency
    assert len(calls) == 3


def test_health_column_dot_sort_and_filter(qtbot, tmp_path) -> None:
    """Each account's score in its column and as a dot beside its name, sorted and
    filtered by band once the scores arrive."""
    import datetime as dt

    from cs_planner.demo import generate
    from cs_planner.domain.enums import HealthBand
    from cs_planner.storage import open_portfolio
    from cs_planner.ui.shell.context import AppContext

    today = dt.date(2026, 11, 24)
    portfolio = open_portfolio(tmp_path / "demo.csplan")
    generate(portfolio, accounts=12, seed=7, today=today)
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    view = PortfolioView(ctx)
    qtbot.addWidget(view)
    view.scores_now()
    model = view.model
    texts = [model.index(r, Column.HEALTH).data() for r in range(model.rowCount())]
    assert all(t.isdigit() for t in texts)
    dot = model.index(0, Column.ACCOUNT).data(Qt.ItemDataRole.DecorationRole)
    assert dot is not None and not dot.isNull()
    model.sort(Column.HEALTH, Qt.SortOrder.AscendingOrder)
    assert model.row_at(0).name == "Valemont Markets"  # the red one, lowest
    view.health_filter.setCurrentIndex(view.health_filter.findData(HealthBand.RED))
    assert [model.row_at(r).name for r in range(model.rowCount())] == ["Valemont Markets"]
    assert "Scale of use" in model.index(0, Column.HEALTH).data(Qt.ItemDataRole.ToolTipRole)
    portfolio.close()
