"""An action edited in full: Enter or a double-click on the action plan opens the dialog;
OK is one undoable edit of every field; a rejected value shows under its field, the dialog
stays open and nothing is written. On the demo's showcase account, a real file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from cs_planner.domain.enums import ActionStatus, Priority
from cs_planner.domain.model import ActionItem
from cs_planner.domain.plan.actions import CUSTOMER, TEAM, Serves
from cs_planner.ui.plan.action_dialog import ActionDialog
from cs_planner.ui.plan.actions_panel import ActionsPanel
from cs_planner.ui.plan.tab import PlanTab
from tests.ui.plan.conftest import SHOWCASE_ACTION, TODAY
from tests.ui.plan.test_actions import panel_of, titles

Fill = Callable[[ActionDialog], None]


def _saved(panel: ActionsPanel, action_id: int) -> ActionItem:
    item = panel.ctx.read(lambda s: s.get(ActionItem, action_id))
    assert item is not None
    return item


EDITED = (
    "title", "notes", "owner_id", "customer_owner_id", "due_date", "status", "priority",
    "done_on", "risk_id", "objective_id", "use_case_id", "opportunity_id", "stakeholder_id",
)  # fmt: skip


def _stored(panel: ActionsPanel, action_id: int) -> tuple[object, ...]:
    """Every column the dialog edits, as saved."""
    item = _saved(panel, action_id)
    return tuple(getattr(item, name) for name in EDITED)


def _open_with(
    monkeypatch: pytest.MonkeyPatch, steps: list[Fill], seen: list[ActionDialog]
) -> None:
    """The dialog's exec: each step fills the form and presses OK; the last result stands."""

    def exec_(dialog: ActionDialog) -> int:
        seen.append(dialog)
        for step in steps:
            step(dialog)
            dialog._accept()
        return dialog.result()

    monkeypatch.setattr(ActionDialog, "exec", exec_)


def _current(qtbot, panel: ActionsPanel, title: str) -> int:
    row = titles(panel).index(title)
    panel.view.setCurrentIndex(panel.model.index(row, 0))
    panel.view.setFocus()
    found = panel.model.row_at(panel.model.index(row, 0))
    assert found is not None
    return found.id


def test_enter_edits_every_field_in_one_undo_step(
    qtbot, monkeypatch: pytest.MonkeyPatch, plan_tab: PlanTab
) -> None:
    panel, ctx = panel_of(plan_tab), plan_tab.ctx
    action_id = _current(qtbot, panel, SHOWCASE_ACTION)
    before = _saved(panel, action_id)
    as_read = _stored(panel, action_id)
    plan = panel.plan
    assert plan is not None
    customer = plan.owners[1][1][0].value
    risk = dict(plan.targets)["Risk"][0].value
    assert customer[0] == CUSTOMER and risk[0] == Serves.RISK
    assert before.objective_id and before.stakeholder_id  # on an objective, with someone

    def fill(d: ActionDialog) -> None:
        assert d.title.text() == SHOWCASE_ACTION
        d.title.setText("Book the executive review with the CFO")
        d.notes.setPlainText("Ask her assistant for a slot in the week of the board.")
        d.owner.set_value(customer)
        d.due.set_value(TODAY + dt.timedelta(days=5))
        d.status.set_value(ActionStatus.IN_PROGRESS)
        d.priority.set_value(Priority.LOW)
        d.serves.set_value(risk)

    seen: list[ActionDialog] = []
    _open_with(monkeypatch, [fill], seen)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert len(seen) == 1
    after = _saved(panel, action_id)
    assert after.title == "Book the executive review with the CFO"
    assert after.notes == "Ask her assistant for a slot in the week of the board."
    assert (after.owner_id, after.customer_owner_id) == (None, customer[1])
    assert after.due_date == TODAY + dt.timedelta(days=5)
    assert after.status == ActionStatus.IN_PROGRESS and after.priority == Priority.LOW
    assert (after.risk_id, after.objective_id, after.stakeholder_id) == (risk[1], None, None)
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == (
        "Change the action 'Book the executive review with the CFO'"
    )
    assert [r.id for r in panel.selected_rows()] == [action_id]  # kept selected
    ctx.undo_stack.undo()
    assert _stored(panel, action_id) == as_read
    ctx.undo_stack.redo()
    assert _saved(panel, action_id).notes.startswith("Ask her assistant")


def test_done_in_the_dialog_stamps_today(
    qtbot, monkeypatch: pytest.MonkeyPatch, plan_tab: PlanTab
) -> None:
    panel = panel_of(plan_tab)
    action_id = _current(qtbot, panel, SHOWCASE_ACTION)
    seen: list[ActionDialog] = []
    _open_with(monkeypatch, [lambda d: d.status.set_value(ActionStatus.DONE)], seen)
    panel.view.doubleClicked.emit(panel.view.currentIndex())
    assert len(seen) == 1
    saved = _saved(panel, action_id)
    assert saved.status == ActionStatus.DONE and saved.done_on == TODAY
    assert saved.objective_id and saved.stakeholder_id  # what it serves is left as it was


@pytest.mark.parametrize(
    ("field", "fill"),
    [
        ("due_date", lambda d: d.due.line.setText("2026-13-40")),
        ("title", lambda d: d.title.setText("   ")),
        ("notes", lambda d: d.notes.setPlainText("x" * 20_001)),
    ],
)
def test_an_error_shows_under_its_field_and_nothing_is_written(
    qtbot, monkeypatch: pytest.MonkeyPatch, plan_tab: PlanTab, field: str, fill: Fill
) -> None:
    panel, ctx = panel_of(plan_tab), plan_tab.ctx
    action_id = _current(qtbot, panel, SHOWCASE_ACTION)
    before = _stored(panel, action_id)
    shown: list[str] = []

    def check(d: ActionDialog) -> None:
        fill(d)
        d.priority.set_value(Priority.LOW)  # a good change beside the bad one

    def look(d: ActionDialog) -> None:
        shown.extend(n for n, label in d.errors.items() if not label.isHidden())
        assert d.errors[field].text()
        assert d.result() != ActionDialog.DialogCode.Accepted  # still open

    seen: list[ActionDialog] = []
    _open_with(monkeypatch, [check, look], seen)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert shown == [field]
    assert ctx.undo_stack.count() == 0
    assert _stored(panel, action_id) == before


def test_an_owner_at_the_customer_is_checked_in_the_dialog(
    qtbot, monkeypatch: pytest.MonkeyPatch, plan_tab: PlanTab
) -> None:
    """The model's check names a column; the dialog shows it under Owner."""
    panel, ctx = panel_of(plan_tab), plan_tab.ctx
    _current(qtbot, panel, SHOWCASE_ACTION)
    other = ctx.read(
        lambda s: s.scalar(
            select(ActionItem.stakeholder_id).where(
                ActionItem.account_id != panel.plan.account_id,  # type: ignore[union-attr]
                ActionItem.stakeholder_id.is_not(None),
            )
        )
    )
    assert other is not None
    shown: list[str] = []

    def fill(d: ActionDialog) -> None:
        d.owner.values.append((CUSTOMER, other))  # a person on another account's map
        d.owner.addItem("Someone elsewhere")
        d.owner.setCurrentIndex(d.owner.count() - 1)

    def look(d: ActionDialog) -> None:
        shown.extend(n for n, label in d.errors.items() if not label.isHidden())

    _open_with(monkeypatch, [fill, look], [])
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert shown == ["owner"]
    assert ctx.undo_stack.count() == 0


def test_f2_still_edits_a_cell_in_place(qtbot, plan_tab: PlanTab) -> None:
    panel = panel_of(plan_tab)
    _current(qtbot, panel, SHOWCASE_ACTION)
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    assert panel.view.state() == panel.view.State.EditingState
    assert TEAM  # the in-place editors are tested in test_actions.py
