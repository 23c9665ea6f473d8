"""The Expansion tab on a real portfolio file: dimensions, opportunities (add, edit, win,
delete, all undoable), whitespace cycling with undo, the charts and the models."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget
from sqlalchemy import select

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.changes import Changes
from cs_planner.domain.enums import (
    Dimension,
    Engagement,
    OpportunityStatus,
    UseCaseStatus,
    WhitespaceState,
)
from cs_planner.domain.expansion import queries as eq
from cs_planner.domain.expansion.edits import AddOpportunity, DimensionKey, SaveDimension
from cs_planner.domain.expansion.rows import DimensionValues, OpportunityValues
from cs_planner.domain.model import (
    Account,
    ArrHistory,
    DimensionPlan,
    Division,
    Geography,
    Opportunity,
    Product,
    UseCase,
    WhitespaceCell,
)
from cs_planner.ui.expansion import dialogs
from cs_planner.ui.expansion.dialogs import DimensionDialog
from cs_planner.ui.expansion.opportunities import (
    OppColumn,
    OpportunityModel,
    opportunity_columns,
)
from cs_planner.ui.expansion.tab import EMPTY_TEXT, ExpansionTab
from cs_planner.ui.expansion.whitespace import WhitespaceModel
from cs_planner.ui.shell.undo import perform

NOW = dt.date(2026, 10, 1)


@pytest.fixture
def ids(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        a = create_account(
            s,
            "Harbor Lane",
            50_000,
            arr=200_000,
            active_users=300,
            initial_deal_date=dt.date(2025, 8, 20),  # 2025 Q3
        )
        emea = Geography(account_id=a, region="EMEA", country="Germany")
        ops = Division(account_id=a, name="Operations", engagement=Engagement.ADOPTED)
        hr = Division(account_id=a, name="HR")
        forms, sign = Product(name="Forms"), Product(name="Sign")
        s.add_all([emea, ops, hr, forms, sign])
        s.flush()
        uc = UseCase(account_id=a, title="Intake", status=UseCaseStatus.ADOPTED, geography=emea)
        uc.products = [forms]
        s.add(uc)
        s.add(DimensionPlan(account_id=a, dimension=Dimension.DIVISIONS, baseline=0, target=2))
        s.add(ArrHistory(account_id=a, quarter=dt.date(2026, 7, 1), arr=150_000))
        s.add(ArrHistory(account_id=a, quarter=NOW, arr=200_000))
        s.add(
            Opportunity(
                account_id=a, dimension=Dimension.DIVISIONS, title="Roll out to HR",
                acv_uplift=40_000, confidence=50, target_quarter=dt.date(2027, 4, 1),
                division_id=hr.id,
            )
        )  # fmt: skip
        s.add(
            WhitespaceCell(
                account_id=a, division_id=hr.id, product_id=sign.id,
                state=WhitespaceState.OPPORTUNITY,
            )
        )  # fmt: skip
        s.flush()
        return {"account": a, "ops": ops.id, "hr": hr.id, "forms": forms.id, "sign": sign.id}


@pytest.fixture
def view(qtbot, ctx, ids) -> ExpansionTab:
    widget = ExpansionTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    widget.set_account(ids["account"])
    return widget


def arr(portfolio, account_id: int) -> tuple[float, dict[dt.date, float]]:
    with portfolio.session() as s:
        value = s.get(Account, account_id).arr
        history = dict(s.execute(select(ArrHistory.quarter, ArrHistory.arr)).all())
    return value, history


def test_empty_state_then_an_account(qtbot, ctx, ids) -> None:
    widget = ExpansionTab(ctx)
    qtbot.addWidget(widget)
    widget.set_account(None)
    assert widget._stack.currentWidget() is widget.empty
    assert widget.empty.text() == EMPTY_TEXT
    widget.set_account(ids["account"])
    assert widget._stack.currentWidget() is widget._page
    assert widget.kpis.multiple.value.text() == "4.0x"
    # Counted from the first deal's quarter (2025 Q3), as the framework says: quarter 6 is
    # 2027 Q1, before the HR opportunity (2027 Q2, 40,000 at 50%); quarter 8 is 2027 Q3.
    q6, q8 = widget.kpis.projected[6], widget.kpis.projected[8]
    assert q6.value.text() == "4.0x"  # 200,000 / 50,000
    assert q6.detail.text() == "2027 Q1 · projected · below 5x"
    assert q8.value.text() == "4.4x"  # (200,000 + 20,000) / 50,000
    assert "Best case 4.8x" in q8.toolTip()
    assert "quarter of the first deal (not from today)" in q8.toolTip()
    assert widget.chart_note.text().startswith(
        "Not on pace for 5x by quarter 8 after the first deal (2027 Q3): 4.4x projected"
    )


def test_reloads_for_its_account_only_and_only_on_screen(qtbot, ctx, ids, monkeypatch) -> None:
    tabs = QTabWidget()
    tab = ExpansionTab(ctx)
    tabs.addTab(tab, "Expansion")
    tabs.addTab(QWidget(), "Other")
    qtbot.addWidget(tabs)
    tabs.show()
    tab.set_account(ids["account"])
    loads: list[int] = []
    load = tab.load
    monkeypatch.setattr(tab, "load", lambda *args: loads.append(1) or load(*args))
    with ctx.portfolio.session() as s:
        other = create_account(s, "Other", 10_000)
    users = DimensionValues(baseline=100, target=500)
    perform(ctx, SaveDimension("Other's users", DimensionKey(other, Dimension.USERS), users))
    ctx.notify(Changes(team=True))  # our people: not shown here
    assert loads == [] and not tab.stale
    mine = DimensionKey(ids["account"], Dimension.USERS)
    perform(ctx, SaveDimension("Users", mine, users))
    assert loads == [1]
    assert "target <b>500</b>" in tab.dimensions.cards[Dimension.USERS].figures.text()
    tabs.setCurrentIndex(1)  # hidden: marked stale, read when shown again
    ctx.undo_stack.undo()
    assert loads == [1] and tab.stale
    tabs.setCurrentIndex(0)
    assert loads == [1, 1] and not tab.stale
    assert "target <b>—</b>" in tab.dimensions.cards[Dimension.USERS].figures.text()


def test_dimension_cards_show_derived_values_and_progress(view) -> None:
    card = view.dimensions.cards[Dimension.DIVISIONS]
    assert "current <b>1</b> (derived)" in card.figures.text()
    assert card.bar.value() == 50
    assert "1 open opportunity" in card.opportunities.text()
    assert "Roll out to HR" in card.opportunities.toolTip()
    functionality = view.dimensions.cards[Dimension.FUNCTIONALITY]
    assert "1 of 2" in functionality.figures.text()
    assert "Divisions: 1 more" in view.dimensions.suggestions.text()


def test_edit_a_dimension_and_undo(view, ctx, ids, portfolio, monkeypatch) -> None:
    wanted = DimensionValues(unit="workflows a month", baseline=100, current=250, target=400)
    monkeypatch.setattr(DimensionDialog, "ask", classmethod(lambda cls, *a, **k: wanted))
    view.dimensions.edit(Dimension.USAGE)
    assert "current <b>250</b>" in view.dimensions.cards[Dimension.USAGE].figures.text()
    assert view.dimensions.cards[Dimension.USAGE].bar.value() == 50
    ctx.undo_stack.undo()
    with portfolio.session() as s:
        assert s.scalar(select(DimensionPlan).where(DimensionPlan.dimension == "usage")) is None
    assert "current <b>—</b>" in view.dimensions.cards[Dimension.USAGE].figures.text()


def test_dimension_dialog_keeps_a_target_below_baseline_open(qtbot, view, ids) -> None:
    data = view.data.plan
    dialog = DimensionDialog(view, data.dimension(Dimension.USERS), data)
    qtbot.addWidget(dialog)
    assert dialog.current is None  # users are derived: nothing to type
    dialog.baseline.setText("500")
    dialog.target.setText("100")
    dialog._accept()
    assert dialog.result() == 0
    assert dialog.errors["target"].text() == "The target cannot be below the baseline."
    dialog.target.setText("1.2k")
    assert dialog.values().target == 1200


def test_add_opportunity_then_undo_and_redo_keep_its_id(view, ctx, ids, portfolio, monkeypatch):
    values = OpportunityValues(
        Dimension.USERS, "200 more seats", 30_000, 80, target_quarter=dt.date(2027, 1, 1)
    )
    monkeypatch.setattr(dialogs.OpportunityDialog, "ask", classmethod(lambda cls, *a, **k: values))
    panel = view.opportunities
    panel.add()
    assert [r.values.title for r in panel.model.rows()].count("200 more seats") == 1
    assert panel.selected().values == values
    new_id = panel.selected().id
    assert view.kpis.pipeline.value.text() == "$70k"
    ctx.undo_stack.undo()
    assert len(panel.model.rows()) == 1
    ctx.undo_stack.redo()
    with portfolio.session() as s:
        assert s.get(Opportunity, new_id).title == "200 more seats"


def test_winning_an_opportunity_moves_arr_and_undo_moves_it_back(
    qtbot, view, ctx, ids, portfolio, monkeypatch, today
) -> None:
    panel = view.opportunities
    row = panel.model.rows()[0]
    won = OpportunityValues(**{**row.values.__dict__, "status": OpportunityStatus.WON})
    monkeypatch.setattr(dialogs.OpportunityDialog, "ask", classmethod(lambda cls, *a, **k: won))
    panel.select(row.id)
    with qtbot.waitSignal(
        ctx.changed, timeout=1000, check_params_cb=lambda changes: changes.account_list
    ):  # the list shows ARR
        panel.edit()
    assert ctx.undo_stack.undoText() == "Win opportunity 'Roll out to HR' on Harbor Lane"
    assert arr(portfolio, ids["account"]) == (
        240_000,
        {dt.date(2026, 7, 1): 150_000, NOW: 240_000},
    )
    assert view.kpis.arr.value.text() == "$240k"
    assert panel.model.rows()[0].values.closed_on == today
    ctx.undo_stack.undo()
    assert arr(portfolio, ids["account"]) == (
        200_000,
        {dt.date(2026, 7, 1): 150_000, NOW: 200_000},
    )
    ctx.undo_stack.redo()
    assert arr(portfolio, ids["account"])[0] == 240_000


def test_delete_an_opportunity_and_undo(view, ctx, portfolio) -> None:
    panel = view.opportunities
    panel.select(panel.model.rows()[0].id)
    panel.delete()
    assert panel.stack.currentWidget() is panel.stack.message
    ctx.undo_stack.undo()
    assert panel.model.rowCount() == 1


def test_a_bad_opportunity_is_refused_with_the_database_unchanged(
    view, ctx, portfolio, today
) -> None:
    bad = OpportunityValues(Dimension.USERS, "  ", 10, 50)
    edit = AddOpportunity("Add", view.data.plan.account_id, bad, today)
    assert not view.opportunities.perform(edit)
    assert "title cannot be empty" in view.opportunities.error.text()
    assert ctx.undo_stack.count() == 0
    with portfolio.session() as s:
        assert len(s.scalars(select(Opportunity)).all()) == 1


def test_opportunity_filters_and_sorting(view, ctx, ids, portfolio) -> None:
    with portfolio.session() as s:
        lost = Opportunity(account_id=ids["account"], dimension=Dimension.USERS, title="Seats")
        lost.acv_uplift, lost.confidence, lost.status = 90_000, 10, OpportunityStatus.LOST
        s.add(lost)
    view.reload()
    panel = view.opportunities
    panel.status_filter.set_value(OpportunityStatus.OPEN)
    assert [r.values.title for r in panel.model.rows()] == ["Roll out to HR"]
    panel.status_filter.set_value(None)
    panel.model.sort(OppColumn.UPLIFT, Qt.SortOrder.DescendingOrder)
    assert [r.values.title for r in panel.model.rows()] == ["Seats", "Roll out to HR"]
    panel.dimension_filter.set_value(Dimension.GEOGRAPHIES)
    assert panel.model.rowCount() == 0
    assert panel.stack.message.text() == "No opportunity matches the filter."


def test_the_selected_opportunity_stays_selected_when_the_table_is_sorted(
    view, ids, portfolio
) -> None:
    """Sorting moves the selection with its row: Edit and Delete act on the opportunity the
    user chose, not on whichever one moved into its place."""
    with portfolio.session() as s:
        seats = Opportunity(account_id=ids["account"], dimension=Dimension.USERS, title="Seats")
        seats.acv_uplift, seats.confidence = 90_000, 10
        s.add(seats)
    view.reload()
    panel = view.opportunities
    panel.model.sort(OppColumn.UPLIFT, Qt.SortOrder.AscendingOrder)
    panel.select(panel.model.rows()[0].id)
    chosen = panel.selected()
    assert chosen.values.title == "Roll out to HR"
    panel.model.sort(OppColumn.UPLIFT, Qt.SortOrder.DescendingOrder)
    assert panel.model.rows()[0].values.title == "Seats"
    assert panel.selected() == chosen


def test_whitespace_click_cycles_and_undo_restores(qtbot, view, ctx, ids, portfolio) -> None:
    grid = view.whitespace.products
    model = grid.model
    hr_row = [r.id for r in model.grid.rows].index(ids["hr"])
    forms_col = [c.id for c in model.grid.columns].index(ids["forms"])
    index = model.index(hr_row, forms_col)
    assert model.data(index) == ""  # not assessed
    grid.table.clicked.emit(index)
    assert model.grid.state(ids["hr"], ids["forms"]) == WhitespaceState.OPPORTUNITY
    grid.cycle(model.index(hr_row, forms_col))
    assert model.grid.state(ids["hr"], ids["forms"]) == WhitespaceState.IN_PROGRESS
    assert ctx.undo_stack.undoText() == "Mark HR × Forms as in progress on Harbor Lane"
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert model.grid.state(ids["hr"], ids["forms"]) is None
    with portfolio.session() as s:
        assert (
            s.scalar(select(WhitespaceCell).where(WhitespaceCell.product_id == ids["forms"]))
            is None
        )
    # A total cell does nothing.
    grid.cycle(model.index(model.rowCount() - 1, 0))
    assert ctx.undo_stack.count() == 2


def test_whitespace_cell_shows_open_uplift_and_totals(view, ids) -> None:
    model = view.whitespace.products.model
    hr_row = [r.id for r in model.grid.rows].index(ids["hr"])
    sign_col = [c.id for c in model.grid.columns].index(ids["sign"])
    total_col = model.columnCount() - 1
    # The HR opportunity links HR but no product: the cell shows its state, not money.
    assert model.data(model.index(hr_row, sign_col)) == "Opportunity"
    assert model.data(model.index(hr_row, total_col)) == "0 of 1 live"
    assert model.headerData(total_col, Qt.Orientation.Horizontal) == "Total"
    assert model.data(model.index(hr_row, sign_col), Qt.ItemDataRole.BackgroundRole) is not None


def test_charts_draw(view, qtbot) -> None:
    view.radar.grab()
    labels = view.radar.texts()
    assert {"Target", "Current", "50%", "100%"} <= set(labels)
    assert len([t for t in labels if "\n" in t]) == len(view.data.plan.dimensions)
    view.pages.setCurrentIndex(3)
    view.chart.grab()
    texts = view.chart.texts()
    assert any(text.startswith("50x") for text in texts)
    assert any(text.startswith("1x = ") for text in texts) and "today" in texts


def test_models_pass_the_model_tester(qtmodeltester, portfolio, ids, today) -> None:
    with portfolio.session() as s:
        data = eq.load_expansion(s, ids["account"], today)
        grids = eq.load_whitespace(s, ids["account"])
    opportunities = OpportunityModel(opportunity_columns(data))
    opportunities.set_rows(list(data.opportunities))
    qtmodeltester.check(opportunities)
    whitespace = WhitespaceModel()
    whitespace.set_grid(grids[0], "USD")
    qtmodeltester.check(whitespace)


def test_dimension_module_formats_figures() -> None:
    assert dialogs.figure(1200.0) == "1,200"
    assert dialogs.figure(2.5) == "2.5"
    assert dialogs.figure(None) == "—"


def test_whitespace_menu_sets_a_state_and_asks_for_an_opportunity_in_the_cell(
    view, ctx, ids, portfolio, monkeypatch
) -> None:
    grid = view.whitespace.products
    model = grid.model
    row = [r.id for r in model.grid.rows].index(ids["hr"])
    sign = [c.id for c in model.grid.columns].index(ids["sign"])
    rect = grid.table.visualRect(model.index(row, sign))
    grid._menu(rect.center())
    actions = {a.text(): a for a in grid._open_menu.actions() if a.text()}
    assert not actions["Mark as opportunity"].isEnabled()  # its state now
    actions["Mark as not assessed"].trigger()
    assert model.grid.state(ids["hr"], ids["sign"]) is None
    assert ctx.undo_stack.undoText() == "Mark HR × Sign as not assessed on Harbor Lane"
    ctx.undo_stack.undo()
    assert model.grid.state(ids["hr"], ids["sign"]) == WhitespaceState.OPPORTUNITY

    asked: list[OpportunityValues] = []

    def ask(cls, parent, *, title, initial, data, validate=None):
        asked.append(initial)
        return OpportunityValues(
            **{**initial.__dict__, "title": "Sign for HR", "acv_uplift": 12_000}
        )

    monkeypatch.setattr(dialogs.OpportunityDialog, "ask", classmethod(ask))
    grid._menu(rect.center())
    actions = {a.text(): a for a in grid._open_menu.actions() if a.text()}
    actions["Add an opportunity here…"].trigger()
    assert (asked[0].division_id, asked[0].product_id) == (ids["hr"], ids["sign"])
    assert asked[0].dimension == Dimension.FUNCTIONALITY
    assert model.data(model.index(row, sign)) == "$12k"  # the cell shows its ACV uplift


def test_projection_series_ends_the_history_with_todays_arr(view) -> None:
    from cs_planner.ui.expansion.charts import projection_series

    quarters, actual, start = projection_series(view.data.plan)
    # The stored 2026 Q4 row is replaced by today's ARR; 8 quarters follow it.
    assert quarters[: start + 1] == [dt.date(2026, 7, 1), NOW]
    assert actual == [150_000, 200_000]
    assert len(quarters) == start + 1 + 8
