"""The objectives at the top of the Plan tab: add, edit, move and delete, each undoable; a
bad value is shown under its field and keeps the dialog open."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from cs_planner.domain.enums import ObjectiveStatus
from cs_planner.domain.plan.objectives import ObjectiveValues
from cs_planner.ui.plan.objectives_panel import ObjectiveDialog, ObjectivesPanel
from cs_planner.ui.plan.tab import PlanTab


def panel_of(tab: PlanTab) -> ObjectivesPanel:
    return tab.show_section("Objectives and actions").objectives  # type: ignore[attr-defined]


def answer(monkeypatch, values: ObjectiveValues | None) -> None:
    def ask(cls, parent, data, current, validate=None):
        if values is not None and validate is not None:
            validate(values)
        return values

    monkeypatch.setattr(ObjectiveDialog, "ask", classmethod(ask))


def test_add_edit_move_delete_each_undo(plan_tab: PlanTab, monkeypatch, qtmodeltester) -> None:
    panel, stack = panel_of(plan_tab), plan_tab.ctx.undo_stack
    qtmodeltester.check(panel.model)
    count = panel.model.rowCount()
    values = ObjectiveValues(
        "Open two new regions", "Regions live", target_date=dt.date(2027, 3, 31)
    )
    answer(monkeypatch, values)
    panel.add()
    assert panel.model.rowCount() == count + 1
    assert panel.selected().title == "Open two new regions"
    assert stack.undoText() == "Add the objective 'Open two new regions'"

    answer(monkeypatch, replace(values, status=ObjectiveStatus.AT_RISK))
    panel.edit()
    assert panel.selected().status == ObjectiveStatus.AT_RISK

    panel.move_by(-1)
    titles = [r.title for r in panel.model.rows()]
    assert titles[-2] == "Open two new regions"
    assert stack.undoText() == "Move 'Open two new regions' up"
    stack.undo()
    assert [r.title for r in panel.model.rows()][-1] == "Open two new regions"

    monkeypatch.setattr("cs_planner.ui.plan.objectives_panel.confirm", lambda *a: True)
    panel.select(next(r.id for r in panel.model.rows() if r.title == "Open two new regions"))
    panel.delete()
    assert panel.model.rowCount() == count
    stack.undo()
    assert panel.model.rowCount() == count + 1


def test_the_dialog_shows_a_bad_value_under_its_field(qtbot, plan_tab: PlanTab) -> None:
    panel = panel_of(plan_tab)
    dialog = ObjectiveDialog(panel, panel.data, None)
    qtbot.addWidget(dialog)
    dialog.check = None
    dialog.title.setText("Grow")
    dialog.target.set_value(None)
    dialog.target.line.setText("31/12/2027")
    dialog._accept()
    assert dialog.result() == 0
    assert dialog.errors["target_date"].isVisibleTo(dialog)
    assert "type a date as YYYY-MM-DD" in dialog.errors["target_date"].text()


def test_a_blank_title_is_refused_under_its_field(qtbot, plan_tab: PlanTab) -> None:
    panel = panel_of(plan_tab)
    dialog = ObjectiveDialog(panel, panel.data, None)
    qtbot.addWidget(dialog)
    from cs_planner.domain.plan import objective_edits
    from cs_planner.ui.shell.undo import dry_run

    account = panel.data.account_id
    dialog.check = lambda v: dry_run(
        plan_tab.ctx,
        lambda s: s.add(objective_edits.new_objective(s, account, v, plan_tab.ctx.today())),
    )
    dialog.title.setText("   ")
    dialog._accept()
    assert dialog.result() == 0
    assert dialog.errors["title"].isVisibleTo(dialog)
    assert plan_tab.ctx.undo_stack.count() == 0
