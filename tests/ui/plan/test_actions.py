"""The action plan on the showcase account: add in one row with the keyboard, edit in place,
filter, sort, mark several done in one undo step, delete with undo; overdue in red."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor

from cs_planner import palette
from cs_planner.domain.enums import ActionStatus, Priority
from cs_planner.domain.model import ActionItem
from cs_planner.domain.plan.actions import TEAM, is_overdue
from cs_planner.ui.common import theme
from cs_planner.ui.plan.actions_model import FIELDS, ActionDelegate, ValueCombo
from cs_planner.ui.plan.actions_panel import ActionsPanel
from cs_planner.ui.plan.tab import PlanTab
from tests.ui.plan.conftest import SHOWCASE_ACTION, TODAY

Role = Qt.ItemDataRole


def panel_of(tab: PlanTab) -> ActionsPanel:
    return tab.show_section("Objectives and actions").action_plan  # type: ignore[attr-defined]


def titles(panel: ActionsPanel) -> list[str]:
    return [r.title for r in panel.model.rows()]


def select(panel: ActionsPanel, names: list[str]) -> None:
    selection = panel.view.selectionModel()
    selection.clearSelection()
    for name in names:
        index = panel.model.index(titles(panel).index(name), 0)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        selection.select(index, flags)


def test_the_model_passes_qt_checks(plan_tab: PlanTab, qtmodeltester) -> None:
    qtmodeltester.check(panel_of(plan_tab).model)


def test_add_in_one_row_with_the_keyboard_then_undo(qtbot, plan_tab: PlanTab) -> None:
    panel, ctx = panel_of(plan_tab), plan_tab.ctx
    before = panel.model.total
    panel.view.setFocus()
    qtbot.keyClick(
        panel.view,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert panel.add_line.hasFocus()
    qtbot.keyClicks(panel.add_line, "Send the renewal quote")
    qtbot.keyClick(panel.add_line, Qt.Key.Key_Return)
    assert panel.model.total == before + 1
    assert panel.add_line.text() == ""
    [added] = panel.selected_rows()
    assert added.title == "Send the renewal quote"
    assert added.values.owner == (TEAM, panel.plan.csm_id)
    assert added.owner_name and added.due_date == TODAY + dt.timedelta(days=14)
    assert ctx.undo_stack.undoText() == "Add the action 'Send the renewal quote'"
    ctx.undo_stack.undo()
    assert panel.model.total == before
    assert "Send the renewal quote" not in titles(panel)


def test_a_blank_line_adds_nothing(qtbot, plan_tab: PlanTab) -> None:
    panel = panel_of(plan_tab)
    qtbot.keyClicks(panel.add_line, "   ")
    qtbot.keyClick(panel.add_line, Qt.Key.Key_Return)
    assert plan_tab.ctx.undo_stack.count() == 0


def test_edit_in_place_through_the_delegate(plan_tab: PlanTab) -> None:
    panel, ctx = panel_of(plan_tab), plan_tab.ctx
    row = titles(panel).index(SHOWCASE_ACTION)
    index = panel.model.index(row, FIELDS.index("priority"))
    delegate = panel.view.itemDelegate()
    assert isinstance(delegate, ActionDelegate)
    editor = delegate.createEditor(panel.view.viewport(), None, index)  # type: ignore[arg-type]
    assert isinstance(editor, ValueCombo)
    delegate.setEditorData(editor, index)
    assert editor.value() == Priority.HIGH
    editor.set_value(Priority.LOW)
    delegate.setModelData(editor, panel.model, index)
    changed = next(r for r in panel.model.rows() if r.title == SHOWCASE_ACTION)
    assert changed.priority == Priority.LOW
    assert ctx.undo_stack.undoText() == f"Change the priority of '{SHOWCASE_ACTION}'"
    assert [r.title for r in panel.selected_rows()] == [SHOWCASE_ACTION]  # kept selected

    owners = delegate.createEditor(
        panel.view.viewport(),
        None,  # type: ignore[arg-type]
        panel.model.index(row, FIELDS.index("owner")),
    )
    assert isinstance(owners, ValueCombo)
    labels = [owners.itemText(i) for i in range(owners.count())]
    assert labels[:2] == ["(nobody)", "Our team"]
    assert any(text.startswith("At ") for text in labels)  # the customer's people
    ctx.undo_stack.undo()
    assert next(r for r in panel.model.rows() if r.title == SHOWCASE_ACTION).priority == (
        Priority.HIGH
    )


def test_overdue_rows_are_red(plan_tab: PlanTab) -> None:
    panel = panel_of(plan_tab)
    red = theme.ink(palette.BAD).name()
    for number, row in enumerate(panel.model.rows()):
        colour = panel.model.data(panel.model.index(number, 2), Role.ForegroundRole)
        late = isinstance(colour, QColor) and colour.name() == red
        assert late == is_overdue(row, TODAY), row.title


def test_filters_mine_overdue_this_month_and_words(plan_tab: PlanTab) -> None:
    panel = panel_of(plan_tab)
    every = panel.model.rows()
    panel.overdue.setChecked(True)
    assert titles(panel) == [r.title for r in every if is_overdue(r, TODAY)]
    assert SHOWCASE_ACTION in titles(panel)
    panel.overdue.setChecked(False)
    panel.this_month.setChecked(True)
    assert all(r.due_date and r.due_date <= dt.date(2026, 11, 30) for r in panel.model.rows())
    assert panel.count.text() == f"{panel.model.rowCount()} of {len(every)}"
    panel.this_month.setChecked(False)
    assert panel.mine.isEnabled()  # the demo's owner is on the team
    panel.mine.setChecked(True)
    assert panel.model.rows() and all(
        r.values.owner == (TEAM, panel.plan.me) for r in panel.model.rows()
    )
    panel.mine.setChecked(False)
    panel.search.setText("summit")
    assert titles(panel) == ["Invite the champion to speak at our summit"]
    panel.search.clear()
    assert len(panel.model.rows()) == len(every)


def test_mine_is_off_with_a_reason_when_the_owner_is_not_on_the_team(plan_tab: PlanTab) -> None:
    from cs_planner.domain.model import Settings

    with plan_tab.ctx.portfolio.session() as s:
        s.get(Settings, 1).owner_name = "Somebody Else"
    plan_tab.reload()
    panel = panel_of(plan_tab)
    assert not panel.mine.isEnabled()
    assert "No one on the team is named 'Somebody Else'" in panel.mine.toolTip()


def test_sort_by_any_column(plan_tab: PlanTab) -> None:
    panel = panel_of(plan_tab)
    panel.view.sortByColumn(FIELDS.index("priority"), Qt.SortOrder.AscendingOrder)
    order = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
    ranks = [order[r.priority] for r in panel.model.rows()]
    assert ranks == sorted(ranks)
    panel.view.sortByColumn(FIELDS.index("title"), Qt.SortOrder.DescendingOrder)
    names = [t.casefold() for t in titles(panel)]
    assert names == sorted(names, reverse=True)


def test_bulk_mark_done_is_one_undo_step(qtbot, plan_tab: PlanTab) -> None:
    panel, ctx = panel_of(plan_tab), plan_tab.ctx
    chosen = [r.title for r in panel.model.rows() if r.status != ActionStatus.DONE][:3]
    select(panel, chosen)
    assert panel.done_button.isEnabled()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert ctx.undo_stack.count() == 1 and ctx.undo_stack.undoText() == "Mark 3 actions done"
    done = {r.title: r for r in panel.model.rows() if r.title in chosen}
    assert {r.status for r in done.values()} == {ActionStatus.DONE}
    assert {r.values.done_on for r in done.values()} == {TODAY}
    assert sorted(r.title for r in panel.selected_rows()) == sorted(chosen)
    ctx.undo_stack.undo()
    assert all(r.status != ActionStatus.DONE for r in panel.model.rows() if r.title in chosen)


def test_delete_with_undo(qtbot, plan_tab: PlanTab) -> None:
    panel, ctx = panel_of(plan_tab), plan_tab.ctx
    select(panel, [SHOWCASE_ACTION])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert SHOWCASE_ACTION not in titles(panel)
    assert ctx.undo_stack.undoText() == "Delete 1 action"
    ctx.undo_stack.undo()
    assert SHOWCASE_ACTION in titles(panel)
    assert ctx.read(lambda s: s.query(ActionItem).filter_by(title=SHOWCASE_ACTION).count()) == 1


def test_a_refused_edit_says_why_under_the_table(plan_tab: PlanTab) -> None:
    panel = panel_of(plan_tab)
    row = titles(panel).index(SHOWCASE_ACTION)
    assert not panel.model.setData(panel.model.index(row, 0), "   ")
    assert panel.error.isVisible() and "title" in panel.error.text().lower()
    assert plan_tab.ctx.undo_stack.count() == 0
