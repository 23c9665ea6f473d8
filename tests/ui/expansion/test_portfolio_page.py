"""The portfolio's expansion page: expected ARR by dimension, accounts ranked by projected
multiple, refreshed when shown and after an edit."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.changes import Changes
from cs_planner.domain.enums import Dimension
from cs_planner.domain.expansion.edits import AddOpportunity, add_opportunity
from cs_planner.domain.expansion.queries import portfolio_expansion
from cs_planner.domain.expansion.rows import OpportunityValues
from cs_planner.ui.expansion.portfolio_page import (
    DimensionTotalsModel,
    ExpansionPage,
    RankColumn,
    RankedAccountsModel,
)
from cs_planner.ui.shell.undo import perform
from cs_planner.ui.shell.workspace import MainArea

Q1 = dt.date(2027, 1, 1)


@pytest.fixture
def accounts(portfolio, today) -> dict[str, int]:
    with portfolio.session() as s:
        alpha = create_account(s, "Alpha", 10_000, arr=20_000)
        beta = create_account(s, "Beta", 5_000, arr=20_000)
        create_account(s, "Gamma", 50_000, arr=50_000)
        for account, values in (
            (alpha, OpportunityValues(Dimension.USERS, "Seats", 10_000, 50, target_quarter=Q1)),
            (beta, OpportunityValues(Dimension.DIVISIONS, "HR", 40_000, 25, target_quarter=Q1)),
            (beta, OpportunityValues(Dimension.USERS, "More", 8_000, 100)),  # no quarter
        ):
            add_opportunity(s, account, values, today)
        return {"alpha": alpha, "beta": beta}


def test_portfolio_roll_up_reads_every_account(portfolio, accounts, today) -> None:
    with portfolio.session() as s:
        data = portfolio_expansion(s, today)
    by = {d: (w, b, n) for d, w, b, n in data.by_dimension}
    assert by[Dimension.USERS] == (13_000, 18_000, 2)
    assert by[Dimension.DIVISIONS] == (10_000, 40_000, 1)
    assert [a.name for a in data.accounts] == ["Beta", "Alpha", "Gamma"]
    assert data.accounts[0].projected_multiple == 6.0  # the undated one is left out


def test_page_is_in_the_main_area_and_shows_the_ranking(qtbot, ctx, accounts) -> None:
    area = MainArea(ctx)
    qtbot.addWidget(area)
    assert "Expansion outlook" in area.tab_names()
    assert area.set_tab("Expansion outlook")  # shown: refreshed
    page = area.current_page()
    assert isinstance(page, ExpansionPage)
    assert page.ranking.names() == ["Beta", "Alpha", "Gamma"]
    assert page.expected.value.text() == "$23k"
    assert page.at_five.value.text() == "0 of 3"
    assert page.at_five.detail.text() == "1 projected in 8 quarters"
    total = page.dimensions.index(page.dimensions.rowCount() - 1, 2)
    assert page.dimensions.data(total) == "$23,000"
    # The chart draws what the table says: expected (solid) and best case (pale) bars per
    # dimension, top to bottom in the table's order, and the users' bars are the table's.
    rows = page.chart.chart.rows()
    assert [label for label, _w, _b in rows] == [d.label for d in Dimension]
    bars = {label: (expected, best) for label, expected, best in rows}
    assert bars[Dimension.USERS.label] == (13_000, 18_000)
    assert sum(expected for _l, expected, _b in rows) == 23_000
    area.resize(1366, 768)
    area.show()
    page.chart.grab()  # painted: every dimension labelled
    assert {d.label for d in Dimension} <= set(page.chart.texts())
    assert "Expected (weighted)" in page.chart.texts()


def test_page_follows_edits_while_visible(qtbot, ctx, accounts, today) -> None:
    page = ExpansionPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    values = OpportunityValues(Dimension.USAGE, "Volume", 200_000, 100, target_quarter=Q1)
    perform(ctx, AddOpportunity("Add", accounts["alpha"], values, today))
    assert page.ranking.names()[0] == "Alpha"  # (20k + 5k + 200k) / 10k = 22.5x
    ctx.undo_stack.undo()
    assert page.ranking.names()[0] == "Beta"


def test_page_reloads_only_for_what_it_shows_and_only_on_screen(
    qtbot, ctx, accounts, today, monkeypatch
) -> None:
    tabs = QTabWidget()
    page = ExpansionPage(ctx)
    tabs.addTab(page, "Expansion outlook")
    tabs.addTab(QWidget(), "Other")
    qtbot.addWidget(tabs)
    tabs.show()
    loads: list[int] = []
    monkeypatch.setattr(ctx, "read", counting(ctx.read, loads))
    ctx.notify(Changes(team=True))  # our people: nothing the page shows
    assert loads == [] and not page.stale
    values = OpportunityValues(Dimension.USAGE, "Volume", 200_000, 100, target_quarter=Q1)
    perform(ctx, AddOpportunity("Add", accounts["alpha"], values, today))
    assert loads == [1] and page.ranking.names()[0] == "Alpha"
    tabs.setCurrentIndex(1)  # hidden: marked stale, read when shown again
    ctx.undo_stack.undo()
    assert loads == [1] and page.stale
    assert page.ranking.names()[0] == "Alpha"
    tabs.setCurrentIndex(0)
    assert loads == [1, 1] and not page.stale
    assert page.ranking.names()[0] == "Beta"


def counting(read, loads: list[int]):
    def wrapped(query):
        loads.append(1)
        return read(query)

    return wrapped


def test_ranking_sorts_by_any_column(qtbot, ctx, accounts) -> None:
    page = ExpansionPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.ranking.sort(RankColumn.ACCOUNT, Qt.SortOrder.DescendingOrder)
    assert page.ranking.names() == ["Gamma", "Beta", "Alpha"]
    page.ranking.sort(RankColumn.ARR, Qt.SortOrder.DescendingOrder)
    assert page.ranking.names()[0] == "Gamma"


def test_models_pass_the_model_tester(qtmodeltester, portfolio, accounts, today) -> None:
    with portfolio.session() as s:
        data = portfolio_expansion(s, today)
    dimensions = DimensionTotalsModel()
    dimensions.set_data(data)
    qtmodeltester.check(dimensions)
    ranking = RankedAccountsModel()
    ranking.set_data(data)
    qtmodeltester.check(ranking)


def test_double_clicking_a_ranked_account_asks_to_open_it(qtbot, ctx, accounts) -> None:
    page = ExpansionPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    index = page.ranking.index(0, RankColumn.ACCOUNT)
    with qtbot.waitSignal(ctx.openAccount) as opened:
        page.ranking_view.doubleClicked.emit(index)
    assert opened.args == [accounts["beta"]]
