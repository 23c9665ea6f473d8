"""The CSAs page on a real portfolio file: heatmap (model tester, colours, scrolling, cell
details), figures and warnings, allocations and roster edits with undo, what-if, coverage."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from cs_planner.domain.accounts.rows import MemberValues
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.changes import Changes
from cs_planner.domain.csa import queries
from cs_planner.domain.csa.edits import new_allocation, new_csa
from cs_planner.domain.csa.rows import AllocationValues, CsaValues
from cs_planner.domain.enums import AllocationPhase, Funding, RequestedBy, TeamRole, Tier
from cs_planner.domain.model import CsaAllocation, TeamMember
from cs_planner.palette import LOAD_BANDS, LOAD_FULL, LOAD_IDLE, LOAD_UNDER
from cs_planner.ui.accounts.team_dialogs import PersonDialog, RetireDialog
from cs_planner.ui.common import theme
from cs_planner.ui.csa.allocation_dialog import AllocationDialog
from cs_planner.ui.csa.page import (
    ALLOCATIONS_TAB,
    REVENUE_TAB,
    ROSTER_TAB,
    SCORECARD_TAB,
    CsaPage,
)
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.workspace import MainArea

D = dt.date
MONDAY = D(2026, 11, 23)  # the week of the conftest's today (2026-11-24)


@pytest.fixture
def ids(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        ada = new_csa(s, CsaValues("Ada Brennan", capacity_hours_per_week=40, bill_rate=200))
        rui = new_csa(s, CsaValues("Rui Santos"))
        s.flush()
        kestrel = create_account(s, "Kestrel", 10_000, tier_override=Tier.TOP)
        harbor = create_account(s, "Harbor Lane", 20_000, tier_override=Tier.TOP)
        first = new_allocation(
            s, AllocationValues(ada.id, kestrel, D(2026, 11, 23), D(2027, 1, 29), fraction=0.75)
        )
        second = new_allocation(
            s,
            AllocationValues(
                ada.id,
                harbor,
                D(2026, 12, 7),
                D(2026, 12, 18),
                fraction=0.5,
                phase=AllocationPhase.PRESALES,
                funding=Funding.VENDOR_UNDERWRITTEN,
                requested_by=RequestedBy.SALES,
            ),
        )
        s.flush()
        return {
            "ada": ada.id,
            "rui": rui.id,
            "kestrel": kestrel,
            "harbor": harbor,
            "first": first.id,
            "second": second.id,
        }


@pytest.fixture
def page(qtbot, ctx, ids) -> CsaPage:
    widget = CsaPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    widget.refresh()
    return widget


def patch_ask(monkeypatch, dialog: type, answer: Any) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    def ask(cls, parent, **kwargs):
        seen.append(kwargs)
        return answer

    monkeypatch.setattr(dialog, "ask", classmethod(ask))
    return seen


def allocation(portfolio, allocation_id: int) -> CsaAllocation | None:
    with portfolio.session() as s:
        row = s.get(CsaAllocation, allocation_id)
        if row is not None:
            s.expunge(row)
        return row


def test_page_is_registered_in_the_main_area(qtbot, ctx, ids) -> None:
    area = MainArea(ctx)
    qtbot.addWidget(area)
    assert "CSAs" in area.tab_names()
    assert area.set_tab("CSAs") and isinstance(area.current_page(), CsaPage)


def test_heatmap_model_loads_and_colours(page, qtmodeltester) -> None:
    model = page.heatmap.model
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 26)
    assert model.week_at(0) == MONDAY
    assert model.csa_at(0).name == "Ada Brennan"
    # Week of Dec 7: 75% on Kestrel + 50% pre-sales on Harbor Lane.
    over = model.index(0, 2)
    assert model.data(over) == "125"
    assert model.data(over, Qt.ItemDataRole.BackgroundRole) == QColor(theme.BAD)
    assert "Harbor Lane" in model.data(over, Qt.ItemDataRole.ToolTipRole)
    idle = model.index(1, 0)  # Rui has nothing: idle is neutral grey, not a warning colour
    assert model.data(idle) == "0"
    assert model.data(idle, Qt.ItemDataRole.BackgroundRole) == QColor(LOAD_IDLE.background)
    assert LOAD_IDLE.background != LOAD_UNDER.background
    for band in LOAD_BANDS:  # no band wears the orange of a warning
        assert QColor(band.background) != QColor(theme.WARN)
    labels = [w.text().strip() for w in page.heatmap.findChildren(QLabel) if w.styleSheet()]
    assert labels == ["over 100%", "90–100%", "50–89%", "under 50%", "idle (0%)"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Nov\n23"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "\n30"


def test_clicking_a_cell_lists_the_allocations_behind_it(page, qtbot) -> None:
    view = page.heatmap.table
    index = page.heatmap.model.index(0, 2)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    details = [page.heatmap.details.item(n).text() for n in range(page.heatmap.details.count())]
    assert len(details) == 2
    assert details[0].startswith("Kestrel: 75%")
    assert "Pre-sales diagnostic" in details[1]
    assert "125%" in page.heatmap.details_title.text()


def test_scrolling_moves_the_window_and_the_figures(page) -> None:
    ada_before = page.figures[0].window.allocated_hours
    page.heatmap.later.click()
    assert page.heatmap.model.week_at(0) == MONDAY + dt.timedelta(weeks=4)
    assert page.figures[0].window.start == MONDAY + dt.timedelta(weeks=4)
    assert page.figures[0].window.allocated_hours < ada_before
    page.heatmap.earlier.click()
    page.heatmap.earlier.click()
    assert page.heatmap.model.week_at(0) == MONDAY - dt.timedelta(weeks=4)
    page.heatmap.this_week.click()
    assert page.heatmap.model.week_at(0) == MONDAY


def test_figures_and_warnings(page, qtmodeltester) -> None:
    page.tabs.setCurrentIndex(REVENUE_TAB)  # built and filled when first shown
    for model in (page.figures_model, page.warnings_model, page.revenue_model):
        qtmodeltester.check(model)
    ada = page.figures_model.rows()[0]
    assert ada.csa.name == "Ada Brennan" and ada.peak_load == pytest.approx(1.25)
    kinds = [w.kind.value for w in page.warnings_model.rows()]
    assert kinds == ["over_allocated"]
    assert page.tabs.tabText(0) == "Figures && warnings (1)"
    headers = [
        page.revenue_model.headerData(n, Qt.Orientation.Horizontal)
        for n in range(page.revenue_model.columnCount())
    ]
    assert headers[:3] == ["CSA", "Nov 2026", "Dec 2026"] and "2027 Q2" in headers


def test_coverage_lists_top_accounts_without_a_csa(ctx, page, qtmodeltester, portfolio) -> None:
    """The rules of the roll-up: a CSA allocated today (Ada starts on Harbor Lane only in
    December), and a customer who mirrored our commitment (nobody has, at either)."""
    qtmodeltester.check(page.coverage_model)
    before = [(g.account, g.kind.label) for g in page.coverage_model.rows()]
    assert sorted(before) == [
        ("Harbor Lane", "Mirrored commitment missing"),
        ("Harbor Lane", "Top tier, no CSA"),
        ("Kestrel", "Mirrored commitment missing"),
    ]
    harbor = next(g for g in page.coverage_model.rows() if g.kind.label == "Top tier, no CSA")
    assert harbor.detail.endswith("Ada Brennan is planned from 2026-12-07.")
    with portfolio.session() as s:
        create_account(s, "Lonely Top", 5_000, tier_override=Tier.TOP)
    ctx.notify(Changes(account_list=True))
    lonely = [g.kind.label for g in page.coverage_model.rows() if g.account == "Lonely Top"]
    assert sorted(lonely) == ["Mirrored commitment missing", "Top tier, no CSA"]
    assert page.tabs.tabText(4) == "Coverage (5)"


def test_scorecard_model(page, qtmodeltester) -> None:
    assert page.scorecard_model.rowCount() == 0  # read when its tab is first shown
    page.tabs.setCurrentIndex(SCORECARD_TAB)
    qtmodeltester.check(page.scorecard_model)
    assert [r.accounts_served for r in page.scorecard_model.rows()] == [2, 0]


def test_add_allocation_on_the_page_with_undo(page, ctx, ids, portfolio, monkeypatch) -> None:
    page.tabs.setCurrentIndex(ALLOCATIONS_TAB)  # built and filled when first shown
    before = page.allocations.model.rowCount()
    new = AllocationValues(ids["rui"], ids["harbor"], D(2027, 1, 4), D(2027, 3, 26), 1.0)
    seen = patch_ask(monkeypatch, AllocationDialog, new)
    assert page.heatmap.model.data(page.heatmap.model.index(1, 6)) == "0"
    page.allocations.add()
    assert seen[0]["accounts"] == [(ids["harbor"], "Harbor Lane"), (ids["kestrel"], "Kestrel")]
    assert page.allocations.model.rowCount() == before + 1
    assert ctx.undo_stack.undoText() == "Allocate Rui Santos 100% to Harbor Lane"
    model = page.heatmap.model
    assert model.load_at(1, 6) == pytest.approx(1.0)  # week of Jan 4
    jan_4 = model.index(1, 6)
    assert model.data(jan_4) == "100"  # the cells shown before the edit are made again
    assert model.data(jan_4, Qt.ItemDataRole.BackgroundRole) == QColor(LOAD_FULL.background)
    ctx.undo_stack.undo()
    assert page.allocations.model.rowCount() == before
    assert model.load_at(1, 6) == 0
    assert model.data(jan_4) == "0"
    assert model.data(jan_4, Qt.ItemDataRole.BackgroundRole) == QColor(LOAD_IDLE.background)


def test_the_dialog_validates_by_a_dry_run(qtbot, ctx, ids, portfolio) -> None:
    with portfolio.session() as s:
        roster = queries.read_roster(s)
    dialog = AllocationDialog(
        None,
        "Allocate CSA",
        AllocationValues(ids["ada"], None, D(2026, 12, 1), D(2026, 11, 1)),
        roster,
        [(ids["kestrel"], "Kestrel")],
        lambda _account: [],
    )
    qtbot.addWidget(dialog)
    from cs_planner.ui.shell.undo import dry_run

    dialog.check = lambda v: dry_run(ctx, lambda s: new_allocation(s, v))
    dialog._accept()
    assert not dialog.errors["account_id"].isHidden()
    dialog.account.set_value(ids["kestrel"])
    dialog._accept()
    assert "end date" in dialog.errors["end_date"].text()
    with portfolio.session() as s:
        assert s.query(CsaAllocation).count() == 2


def test_what_if_moves_an_allocation_and_undo_puts_it_back(page, ctx, ids, portfolio) -> None:
    page.tabs.setCurrentIndex(ALLOCATIONS_TAB)  # built and filled when first shown
    page.allocations.select(ids["first"])
    whatif = page.whatif
    assert whatif.row is not None and whatif.row.id == ids["first"]
    assert page.figures[1].window.utilization == 0  # Rui before
    whatif.csa.set_value(ids["rui"])
    whatif.csa.committed.emit()
    assert allocation(portfolio, ids["first"]).csa_id == ids["rui"]
    assert page.figures[1].window.utilization > 0
    assert page.heatmap.model.load_at(1, 0) == pytest.approx(0.75)
    assert "Rui Santos: utilization 0% →" in whatif.result.text()
    assert ctx.undo_stack.undoText() == "Move Ada Brennan's allocation on Kestrel to Rui Santos"
    whatif.undo.click()
    assert allocation(portfolio, ids["first"]).csa_id == ids["ada"]
    assert page.heatmap.model.load_at(1, 0) == 0


def test_what_if_fraction_and_bad_dates(page, ctx, ids, portfolio) -> None:
    page.tabs.setCurrentIndex(ALLOCATIONS_TAB)  # built and filled when first shown
    page.allocations.select(ids["first"])
    whatif = page.whatif
    whatif.fraction.set_value(0.25)
    whatif.fraction.committed.emit()
    assert allocation(portfolio, ids["first"]).fraction == 0.25
    assert page.heatmap.model.load_at(0, 0) == pytest.approx(0.25)
    count = ctx.undo_stack.count()
    whatif.end.setDate(D(2026, 1, 1))
    whatif.end.editingFinished.emit()
    assert "end date" in whatif.error.text()
    assert ctx.undo_stack.count() == count
    assert allocation(portfolio, ids["first"]).end_date == D(2027, 1, 29)


def test_roster_add_edit_retire_with_undo(page, ctx, ids, portfolio, monkeypatch) -> None:
    """The roster is the Team page's panel with the role fixed to CSA: one person dialog,
    and someone the plan refers to is retired, not deleted."""
    page.tabs.setCurrentIndex(ROSTER_TAB)
    roster = page.roster
    seen = patch_ask(monkeypatch, PersonDialog, MemberValues("Mia Chen", TeamRole.CSA, "", 32))
    roster.add()
    assert seen[-1]["fixed_role"] and seen[-1]["initial"].role == TeamRole.CSA
    assert [r.name for r in roster.model.rows()] == ["Ada Brennan", "Mia Chen", "Rui Santos"]
    assert page.heatmap.model.rowCount() == 3
    roster.select(ids["rui"])
    patch_ask(monkeypatch, PersonDialog, MemberValues("Rui Santos", TeamRole.CSA, bill_rate=320))
    roster.edit()
    assert ctx.undo_stack.undoText() == "Edit Rui Santos"
    with portfolio.session() as s:
        assert s.get(TeamMember, ids["rui"]).bill_rate == 320
    # Ada has two allocations: no delete, and retiring waits until they have ended.
    roster.select(ids["ada"])
    assert not roster.delete_button.isEnabled()
    assert "2 CSA allocations" in roster.delete_button.toolTip()
    roster.delete()  # the Del key: says why, changes nothing
    assert "retire them instead" in roster.error.text()
    page.tabs.setCurrentIndex(ALLOCATIONS_TAB)  # each tab filled when shown
    assert page.allocations.model.rowCount() == 2
    page.tabs.setCurrentIndex(ROSTER_TAB)
    patch_ask(monkeypatch, RetireDialog, D(2026, 12, 31))
    roster.retire()
    assert "allocated after 2026-12-31 (Kestrel)" in roster.error.text()
    patch_ask(monkeypatch, RetireDialog, D(2027, 1, 29))
    roster.retire()
    assert ctx.undo_stack.undoText() == "Retire Ada Brennan on 2027-01-29"
    # Still on her allocations (marked) and in the heatmap's weeks, but offered no more.
    assert [r.name for r in roster.model.rows()] == ["Mia Chen", "Rui Santos"]
    page.tabs.setCurrentIndex(ALLOCATIONS_TAB)
    assert page.allocations.model.data(page.allocations.model.index(0, 0)).endswith("(retired)")
    assert page.heatmap.model.rowCount() == 3
    new = AllocationValues(ids["rui"], ids["kestrel"], MONDAY, MONDAY)
    dialog = AllocationDialog(None, "Allocate", new, page.allocations.roster, [], lambda _a: [])
    page.tabs.setCurrentIndex(ROSTER_TAB)
    offered = [dialog.csa.itemText(i) for i in range(dialog.csa.count())]
    assert offered == ["Mia Chen", "Rui Santos"]
    dialog.deleteLater()
    ctx.undo_stack.undo()
    assert [r.name for r in roster.model.rows()] == ["Ada Brennan", "Mia Chen", "Rui Santos"]
    # Mia is referred to by nothing: she may be deleted, and undo brings her back.
    roster.select(next(r.id for r in roster.model.rows() if r.name == "Mia Chen"))
    assert roster.delete_button.isEnabled()
    roster.delete()
    assert ctx.undo_stack.undoText() == "Delete Mia Chen"
    assert [r.name for r in roster.model.rows()] == ["Ada Brennan", "Rui Santos"]
    ctx.undo_stack.undo()
    assert len(roster.model.rows()) == 3


def test_person_dialog_shows_bad_numbers_under_their_field(qtbot) -> None:
    dialog = PersonDialog(None, "Add CSA", MemberValues("Ada", TeamRole.CSA), (250.0, 0.7))
    qtbot.addWidget(dialog)
    dialog.capacity.setText("lots")
    dialog._accept()
    assert "number" in dialog.errors["capacity_hours_per_week"].text()
    dialog.capacity.setText("30")
    dialog.target.setText("65%")
    assert dialog.values() == MemberValues("Ada", TeamRole.CSA, "", 30, None, 0.65)


def test_roster_and_allocation_models_pass_the_model_tester(page, qtmodeltester) -> None:
    page.tabs.setCurrentIndex(ROSTER_TAB)  # built and filled when first shown
    qtmodeltester.check(page.roster.model)
    page.tabs.setCurrentIndex(ALLOCATIONS_TAB)
    qtmodeltester.check(page.allocations.model)
    model = page.allocations.model
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert model.rows()[0].fraction == 0.75
    # Ada is over 100% in December: both of her allocations are flagged.
    assert model.is_flagged(ids_of(model)[0]) and model.is_flagged(ids_of(model)[1])


def ids_of(model) -> list[int]:
    return [r.id for r in model.rows()]


def test_portfolio_list_has_a_csa_column(qtbot, ctx, ids, qtmodeltester) -> None:
    from cs_planner.ui.accounts.portfolio_list import Column, PortfolioView

    view = PortfolioView(ctx)
    qtbot.addWidget(view)
    view.reload()
    model = view.model
    qtmodeltester.check(model)
    assert model.headerData(Column.CSA, Qt.Orientation.Horizontal) == "CSA"
    shown = {
        model.data(model.index(r, Column.ACCOUNT)): model.data(model.index(r, Column.CSA))
        for r in range(model.rowCount())
    }
    assert shown == {"Harbor Lane": "", "Kestrel": "Ada Brennan"}
    model.sort(Column.CSA, Qt.SortOrder.AscendingOrder)
    assert model.row_at(0).name == "Kestrel"  # accounts without a CSA sort last


def test_double_clicking_a_coverage_gap_opens_the_account(qtbot, portfolio_path, tmp_path):
    from PySide6.QtCore import QSettings

    from cs_planner.ui.shell.main_window import MainWindow
    from cs_planner.ui.shell.opening import open_for_ui

    portfolio, lock = open_for_ui(portfolio_path)
    with portfolio.session() as s:
        lonely = create_account(s, "Lonely Top", 5_000, tier_override=Tier.TOP)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(portfolio), lock, settings)
    qtbot.addWidget(window)
    assert window.main_area.set_tab("CSAs")
    page = window.main_area.current_page()
    assert {g.account for g in page.coverage_model.rows()} == {"Lonely Top"}
    page.coverage_view.doubleClicked.emit(page.coverage_model.index(0, 0))
    assert window.main_area.currentWidget() is window.main_area.workspace
    assert window.workspace.account_id == lonely
    window.close()


def test_a_hidden_page_reloads_when_next_shown(qtbot, ctx, ids) -> None:
    """Scoped refresh: an edit made while the page is behind another tab only marks it
    stale; it reads again when it comes to the front."""
    from PySide6.QtWidgets import QTabWidget, QWidget

    from cs_planner.domain.csa.edits import add_allocation
    from cs_planner.ui.shell.undo import perform

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    page = CsaPage(ctx)
    tabs.addTab(page, "CSAs")
    tabs.addTab(QWidget(), "Elsewhere")
    tabs.show()
    page.tabs.setCurrentIndex(ALLOCATIONS_TAB)
    before = page.allocations.model.rowCount()
    tabs.setCurrentIndex(1)
    new = AllocationValues(ids["rui"], ids["harbor"], D(2027, 1, 4), D(2027, 3, 26), 1.0)
    perform(ctx, add_allocation("Allocate Rui Santos 100% to Harbor Lane", new))
    assert page.stale and page.allocations.model.rowCount() == before
    tabs.setCurrentIndex(0)
    assert not page.stale and page.allocations.model.rowCount() == before + 1
