"""Keyboard use in front of a customer: Ctrl+1.. switch tabs and pages; the search box
hands over to the list with Down and clears with Esc."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence

from cs_planner.demo import generate
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, portfolio, today, tmp_path: Path) -> MainWindow:
    generate(portfolio, accounts=6, seed=3, today=today)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    win = MainWindow(ctx, None, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_ctrl_digits_show_each_tab_and_page(window: MainWindow, qtbot) -> None:
    names = window.main_area.tab_names()
    assert len(window.tab_actions) == len(names)
    window.portfolio_view.select_account(window.portfolio_view.model.row_at(0).id)
    for number, name in enumerate(names, start=1):
        action = window.tab_actions[number - 1]
        assert action.shortcut() == (
            QKeySequence(f"Ctrl+{number}") if number <= 9 else QKeySequence()
        )
        assert name in action.text()
    # Backwards, so each key really moves somewhere else.
    for number in range(min(len(names), 9), 0, -1):
        key = Qt.Key(Qt.Key.Key_0 + number)
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.main_area.current_tab() == names[number - 1]


def test_search_hands_over_to_the_list_and_clears(window: MainWindow, qtbot) -> None:
    view = window.portfolio_view
    selected = []
    view.accountSelected.connect(selected.append)
    view.focus_search()
    first = view.model.row_at(0)
    qtbot.keyClicks(view.search, first.name[:6])
    assert view.model.rowCount() >= 1
    match = view.model.row_at(0).id
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    assert view.selected_id() == match
    assert selected[-1] == match
    view.search.setFocus()
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    assert view.model.rowCount() == view.model.total
    assert view.selected_id() == match  # clearing the search keeps the account on show


def test_list_says_what_to_do_when_it_shows_nothing(window: MainWindow, qtbot) -> None:
    from cs_planner.ui.accounts.portfolio_list import NO_MATCH

    view = window.portfolio_view
    stack = view.table_stack
    assert stack.currentWidget() is view.table
    view.search.setFocus()
    qtbot.keyClicks(view.search, "no such account")
    assert stack.currentWidget() is stack.message
    assert stack.message.text() == NO_MATCH
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert stack.currentWidget() is view.table


def test_an_empty_portfolio_says_how_to_add_an_account(qtbot, tmp_path: Path) -> None:
    from cs_planner.storage.database import open_portfolio
    from cs_planner.ui.accounts.portfolio_list import NO_ACCOUNTS

    empty = open_portfolio(tmp_path / "empty.csplan", create=True)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(empty), None, settings)
    qtbot.addWidget(win)
    stack = win.portfolio_view.table_stack
    assert stack.currentWidget() is stack.message
    assert stack.message.text() == NO_ACCOUNTS
    assert "Ctrl+Shift+N" in NO_ACCOUNTS
    win.close()


def test_ctrl_l_logs_an_activity_from_any_tab(window: MainWindow, qtbot, monkeypatch) -> None:
    from cs_planner.domain.accounts.rows import ActivityValues
    from cs_planner.domain.enums import ActivityKind
    from cs_planner.ui.accounts.activity_log import ActivityDialog

    asked: list[ActivityValues] = []

    def ask(cls, parent, *, initial, **_kwargs):
        asked.append(initial)
        return ActivityValues(date=initial.date, kind=ActivityKind.CALL, note="Renewal call")

    monkeypatch.setattr(ActivityDialog, "ask", classmethod(ask))
    assert not window.log_activity_action.isEnabled()  # no account on show
    account = window.portfolio_view.model.row_at(0)
    window.portfolio_view.select_account(account.id)
    assert window.log_activity_action.isEnabled()
    assert window.main_area.set_tab("CSAs")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1
    assert window.main_area.current_tab() == "Overview"
    log = window.workspace.current_page().activity_log

    def notes() -> list[str]:
        return [log.model.row_at(log.model.index(r, 0)).note for r in range(log.model.rowCount())]

    qtbot.waitUntil(lambda: "Renewal call" in notes())  # the Overview shows it once shown
    assert window.ctx.undo_stack.undoText().startswith("Add Call of")
