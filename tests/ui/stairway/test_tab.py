"""The Stairway tab: showing an account's stairway, moving and editing its use cases,
keys and the mouse on the drawing."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from cs_planner.domain.enums import StairStep, UseCaseStatus
from cs_planner.domain.stairway.rows import UseCaseValues
from cs_planner.ui.stairway import actions as stairway_actions
from cs_planner.ui.stairway.tab import EMPTY_TEXT, StairwayTab
from tests.ui.stairway.roadmap import order, stored

R, E, INN, D = StairStep


# --- showing -------------------------------------------------------------------------------


def test_empty_state_until_an_account_is_chosen(qtbot, ctx, ids) -> None:
    w = StairwayTab(ctx)
    qtbot.addWidget(w)
    assert StairwayTab.title == "Stairway"
    assert w._stack.currentWidget() is w.empty and w.empty.text() == EMPTY_TEXT
    w.set_account(ids["account"])
    assert w._stack.currentWidget() is not w.empty
    w.set_account(None)
    assert w._stack.currentWidget() is w.empty


def test_cards_per_step_and_the_step_counts(view, ids) -> None:
    scene = view.staircase
    assert [c.row.title for c in scene.columns[R]] == ["Store audits", "Invoice capture"]
    assert [c.row.title for c in scene.columns[E]] == ["Dashboards"]
    assert scene.columns[INN] == [] and scene.columns[D] == []
    # Steps rise: each next column starts higher.
    tops = [scene.column_top(step) for step in StairStep]
    assert tops == sorted(tops, reverse=True)
    assert view.tiles["adopted"].value.text() == "1 of 3"
    assert view.tiles["users"].value.text() == "80"


def test_overdue_cards_are_flagged(view, ids) -> None:
    cards = view.staircase.cards
    assert cards[ids["Invoice capture"]].overdue  # Q2 2026 passed, still implementing
    assert not cards[ids["Store audits"]].overdue  # adopted
    assert not cards[ids["Dashboards"]].overdue  # 2027 Q1 is ahead


def test_template_is_suggested_with_progress_and_next(view, ids) -> None:
    assert "Suggested template" in view.template_label.text()
    assert "Retail climb" in view.template_label.text()
    assert view.tiles["template"].value.text() == "1 of 3 done"
    headers = [i for i in view.staircase.items() if hasattr(i, "template_line")]
    remediation = next(h for h in headers if h.summary.step == R)
    assert remediation.template_line == "template 1/2"
    assert "✔ Store audits<br>○ Shelf labels" in remediation.toolTip()
    assert "Shelf labels" in view.next_label.text()
    assert view.next_button.text() == "Add to roadmap"


def test_a_broken_template_file_is_reported_and_the_others_load(qtbot, ctx, ids, templates) -> None:
    (templates / "broken.toml").write_text("name = [", encoding="utf-8")
    w = StairwayTab(ctx)
    qtbot.addWidget(w)
    w.set_account(ids["account"])
    assert not w.problems.isHidden()
    assert "broken.toml" in w.problems.text()
    assert "Retail climb" in w.template_label.text()


# --- moving --------------------------------------------------------------------------------


def test_reorder_within_a_step_with_undo(view, ctx, portfolio, ids) -> None:
    before = order(portfolio, ids["account"])
    view.stairway_actions.move(ids["Invoice capture"], R, 0)
    assert order(portfolio, ids["account"])[:2] == [
        ("Invoice capture", R, 0),
        ("Store audits", R, 1),
    ]
    assert view.staircase.columns[R][0].row.title == "Invoice capture"
    assert ctx.undo_stack.undoText() == "Reorder Invoice capture on Remediation"
    ctx.undo_stack.undo()
    assert order(portfolio, ids["account"]) == before
    ctx.undo_stack.redo()
    assert order(portfolio, ids["account"])[0] == ("Invoice capture", R, 0)


def test_drag_to_another_step_with_undo(qtbot, view, ctx, portfolio, ids) -> None:
    scene = view.staircase
    card = scene.cards[ids["Store audits"]]
    drop = QPointF(scene.column_x(INN) + 50, scene.card_y(INN, 0) + 20)
    with qtbot.waitSignal(scene.moveRequested):
        scene.drop(card, drop)
    assert order(portfolio, ids["account"]) == [
        ("Invoice capture", R, 0),
        ("Dashboards", E, 0),
        ("Store audits", INN, 0),
    ]
    assert ctx.undo_stack.undoText() == "Move Store audits from Remediation to Innovation"
    assert view.selected_id == ids["Store audits"]
    ctx.undo_stack.undo()
    assert order(portfolio, ids["account"])[0] == ("Store audits", R, 0)


def test_drop_below_the_last_card_and_back_in_place(qtbot, view, portfolio, ids) -> None:
    scene = view.staircase
    card = scene.cards[ids["Store audits"]]
    scene.drop(card, QPointF(scene.column_x(R) + 20, scene.card_y(R, 0) + 10))
    qtbot.wait(10)
    assert order(portfolio, ids["account"])[0] == ("Store audits", R, 0)  # nothing moved
    with qtbot.waitSignal(scene.moveRequested):
        scene.drop(card, QPointF(scene.column_x(E) + 20, scene.card_y(E, 3)))
    assert ("Store audits", E, 1) in order(portfolio, ids["account"])


def test_keyboard_moves_the_selected_card(qtbot, view, portfolio, ids) -> None:
    view.select(ids["Dashboards"])
    view.stair_view.setFocus()
    with qtbot.waitSignal(view.staircase.moveRequested):
        qtbot.keyClick(
            view.stair_view.viewport(), Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier
        )
    assert ("Dashboards", R, 0) in order(portfolio, ids["account"])


# --- editing ----------------------------------------------------------------------------------


def test_selecting_a_card_shows_it_in_the_panel(view, ids) -> None:
    view.staircase.cards[ids["Dashboards"]].setSelected(True)
    assert view.selected_id == ids["Dashboards"]
    assert view.panel.editors["title"].text() == "Dashboards"
    assert view.panel.editors["status"].value() == UseCaseStatus.PLANNED


def test_panel_edit_with_undo(view, ctx, portfolio, ids) -> None:
    view.select(ids["Dashboards"])
    status = view.panel.editors["status"]
    status.set_value(UseCaseStatus.LIVE)
    status.committed.emit()
    assert stored(portfolio, ids["Dashboards"]).status == UseCaseStatus.LIVE
    assert ctx.undo_stack.undoText() == "Change status of Dashboards from Planned to Live"
    ctx.undo_stack.undo()
    assert stored(portfolio, ids["Dashboards"]).status == UseCaseStatus.PLANNED
    assert view.panel.editors["status"].value() == UseCaseStatus.PLANNED


def test_panel_rejects_bad_input_and_leaves_the_database_alone(view, ctx, portfolio, ids):
    view.select(ids["Dashboards"])
    users = view.panel.editors["users_targeted"]
    users.setText("lots")
    users.editingFinished.emit()
    assert "must be a number" in view.panel.errors["users_targeted"].text()
    title = view.panel.editors["title"]
    title.setText("   ")
    title.editingFinished.emit()
    assert "cannot be empty" in view.panel.errors["title"].text()
    assert stored(portfolio, ids["Dashboards"]).title == "Dashboards"
    assert stored(portfolio, ids["Dashboards"]).users_targeted == 100
    assert ctx.undo_stack.count() == 0


def test_delete_key_in_a_panel_field_edits_the_text_only(qtbot, view, portfolio, ids) -> None:
    view.show()
    view.select(ids["Dashboards"])
    title = view.panel.editors["title"]
    title.setFocus()
    title.setCursorPosition(0)
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    assert title.text() == "ashboards"
    assert stored(portfolio, ids["Dashboards"]) is not None


def test_panel_division_change_reads_well_in_undo(view, ctx, portfolio, ids) -> None:
    view.select(ids["Dashboards"])
    division = view.panel.editors["division_id"]
    division.set_value(None)
    division.committed.emit()
    assert ctx.undo_stack.undoText() == "Change division of Dashboards from Stores to none"
    assert stored(portfolio, ids["Dashboards"]).division_id is None


def test_panel_step_change_moves_to_the_end_of_the_step(qtbot, view, portfolio, ids) -> None:
    view.select(ids["Dashboards"])
    step = view.panel.editors["step"]
    step.set_value(R)
    step.committed.emit()
    assert order(portfolio, ids["account"])[2] == ("Dashboards", R, 2)


def test_add_and_delete_use_cases_with_undo(view, ctx, portfolio, ids, monkeypatch) -> None:
    monkeypatch.setattr(
        stairway_actions.AddUseCaseDialog,
        "ask",
        classmethod(
            lambda cls, parent, step, validate=None: (D, UseCaseValues(title="New market"))
        ),
    )
    view.stairway_actions.add()
    assert order(portfolio, ids["account"])[-1] == ("New market", D, 0)
    new_id = view.selected_id
    assert view.panel.editors["title"].text() == "New market"
    view.stairway_actions.delete()
    assert stored(portfolio, new_id) is None
    ctx.undo_stack.undo()
    assert stored(portfolio, new_id).title == "New market"


def test_add_dialog_validation_keeps_it_open(qtbot, ctx, ids) -> None:
    dialog = stairway_actions.AddUseCaseDialog(None, E)
    qtbot.addWidget(dialog)
    assert dialog.values()[0] == E
    dialog.check = lambda v: stairway_actions.dry_run(
        ctx, lambda s: stairway_actions.edits.new_use_case(s, ids["account"], *v)
    )
    dialog._accept()
    assert "cannot be empty" in dialog.errors["title"].text()
    assert dialog.result() == 0


def test_template_checklist_beside_the_stairway(view, portfolio, ids) -> None:
    view.show()
    assert view.checklist.isVisible()  # nothing selected: the checklist, not the form
    text = view.checklist.text()
    assert "Suggested template:" in text and "1 done (adopted)" in text
    assert "<b>Shelf labels</b>" in text  # the next one, in bold
    assert f"show:{ids['Store audits']}" in text and "add:1" in text
    view.checklist.linkActivated.emit("add:2")  # Local promotions
    assert ("Local promotions", INN, 0) in order(portfolio, ids["account"])
    assert view.panel.editors["title"].text() == "Local promotions"
    assert not view.checklist.isVisible()  # a use case is selected: the form
    view.select(None)
    view.checklist.linkActivated.emit(f"show:{ids['Store audits']}")
    assert view.selected_id == ids["Store audits"]


def test_keys_on_the_drawing(qtbot, view, portfolio, ids) -> None:
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.select(ids["Dashboards"])
    view.stair_view.setFocus()
    qtbot.keyClick(view.stair_view, Qt.Key.Key_Return)
    assert view.panel.editors["title"].hasFocus()
    view.stair_view.setFocus()
    qtbot.keyClick(view.stair_view, Qt.Key.Key_Delete)
    assert stored(portfolio, ids["Dashboards"]) is None


def test_rename_in_the_panel(view, ctx, portfolio, ids) -> None:
    view.select(ids["Dashboards"])
    title = view.panel.editors["title"]
    title.setText("Manager dashboards")
    title.editingFinished.emit()
    assert ctx.undo_stack.undoText() == "Rename Dashboards to Manager dashboards"
    assert stored(portfolio, ids["Dashboards"]).title == "Manager dashboards"
    assert view.staircase.cards[ids["Dashboards"]].row.title == "Manager dashboards"


def test_a_real_mouse_drag_moves_the_card(qtbot, view, ctx, portfolio, ids) -> None:
    from PySide6.QtCore import QPoint

    view.show()
    scene, graphics = view.staircase, view.stair_view
    card = scene.cards[ids["Store audits"]]
    start = graphics.mapFromScene(card.sceneBoundingRect().center())
    end = graphics.mapFromScene(scene.column_x(E) + 60, scene.card_y(E, 1) + 10)
    qtbot.mousePress(graphics.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 9):
        point = start + (end - start) * k / 8
        qtbot.mouseMove(graphics.viewport(), QPoint(int(point.x()), int(point.y())))
    with qtbot.waitSignal(scene.moveRequested):
        qtbot.mouseRelease(graphics.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert ("Store audits", E, 1) in order(portfolio, ids["account"])
    assert ctx.undo_stack.undoText() == "Move Store audits from Remediation to Enhancement"
