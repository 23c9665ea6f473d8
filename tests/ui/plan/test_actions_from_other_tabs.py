"""An action planned from the Relationships tab (map or table: "Plan an action with…") or
the Stairway ("Plan the next step…") lands on the Plan tab's action plan, selected, and is
one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMenu

from cs_planner.demo import generate
from cs_planner.domain.plan.actions import Serves
from cs_planner.ui.plan.plan_action import PlanActionDialog
from cs_planner.ui.relationships import menus
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.opening import open_for_ui
from tests.ui.plan.conftest import SHOWCASE_ACTION, TODAY


@pytest.fixture
def window(qtbot, portfolio_path: Path, tmp_path: Path, monkeypatch):
    portfolio, lock = open_for_ui(portfolio_path)
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    ctx = AppContext(portfolio)
    ctx.today = lambda: TODAY
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ctx, lock, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    asked: list[object] = []

    def ask(cls, parent, plan, values, validate=None):  # the dialog, answered as shown
        asked.append(values)
        validate(values)
        return values

    monkeypatch.setattr(PlanActionDialog, "ask", classmethod(ask))
    win.asked = asked  # type: ignore[attr-defined]
    yield win
    win.close()


def showcase(win: MainWindow) -> int:
    from sqlalchemy import select

    from cs_planner.domain.model import ActionItem

    return win.ctx.read(
        lambda s: s.scalar(select(ActionItem.account_id).where(ActionItem.title == SHOWCASE_ACTION))
    )


def entry(menu: QMenu, text: str):
    return next(a for a in menu.actions() if a.text() == text)


def open_tab(win: MainWindow, name: str):
    win.portfolio_view.select_account(showcase(win))
    assert win.main_area.set_tab(name)
    QApplication.processEvents()
    return win.workspace.current_page()


def selected_on_plan(win: MainWindow):
    assert win.workspace.current_tab() == "Plan"
    panel = win.workspace.current_page().show_section("Objectives and actions").action_plan
    [row] = panel.selected_rows()
    return row


@pytest.mark.parametrize("where", ["table", "map"])
def test_plan_an_action_with_a_stakeholder_lands_on_the_plan_tab(window, where) -> None:
    tab = open_tab(window, "Relationships")
    person = tab.data.stakeholders[0]
    build = menus.table_menu if where == "table" else menus.map_menu
    menu = build(tab, tab, [person], tab.data.team, TODAY)
    entry(menu, "Plan an action with…").trigger()
    QApplication.processEvents()
    row = selected_on_plan(window)
    assert row.title == f"Meet {person.name}"
    assert row.values.serves == (Serves.STAKEHOLDER, person.id)
    assert row.serves_text == f"With: {person.name}"
    assert window.ctx.undo_stack.undoText() == f"Add the action 'Meet {person.name}'"
    window.ctx.undo_stack.undo()
    panel = window.workspace.current_page().show_section("Objectives and actions").action_plan
    assert all(r.id != row.id for r in panel.model.every_row())


def test_two_people_get_no_plan_entry(window) -> None:
    tab = open_tab(window, "Relationships")
    menu = menus.table_menu(tab, tab, tab.data.stakeholders[:2], tab.data.team, TODAY)
    assert "Plan an action with…" not in [a.text() for a in menu.actions()]


def test_plan_the_next_step_of_a_use_case(window) -> None:
    tab = open_tab(window, "Stairway")
    case = tab.data.stairway.rows[0]
    entry(tab.stairway_actions.use_case_menu(case.id), "Plan the next step…").trigger()
    QApplication.processEvents()
    row = selected_on_plan(window)
    assert row.values.serves == (Serves.USE_CASE, case.id)
    assert row.title == f"Next step for {case.title}"
