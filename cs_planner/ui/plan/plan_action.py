"""An action planned from another tab (right-click a stakeholder: "Plan an action with…";
a use case: "Plan the next step…"): a small dialog (title, owner, due date) adds the action
serving that person or use case, and the window shows it on the Plan tab, selected."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.plan import action_edits
from cs_planner.domain.plan.actions import (
    ActionPlan,
    ActionValues,
    Owner,
    Target,
    load_actions,
)
from cs_planner.ui.common.editors import DateEdit
from cs_planner.ui.common.widgets import CheckedFormDialog
from cs_planner.ui.plan.actions_model import grouped_combo
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run, perform


class PlanActionDialog(CheckedFormDialog):
    def __init__(self, parent: QWidget | None, plan: ActionPlan, values: ActionValues) -> None:
        super().__init__(parent, "Plan an action")
        self._values = values
        self.title = self.add_row("title", "Action", QLineEdit(values.title), "What to do")
        self.owner = grouped_combo(None, plan.owners, "(nobody)")
        self.owner.set_value(values.owner)
        self.add_row("owner", "Owner", self.owner, "Someone on our team or at the customer")
        self.due = DateEdit("The due date", "due_date")
        self.due.set_value(values.due_date)
        self.add_row("due_date", "Due", self.due, "YYYY-MM-DD; empty: no date yet")
        serves = plan.target_label(values.serves)
        if serves:
            self.form.addRow("Serves", QLineEdit(serves, readOnly=True))
        self.title.selectAll()
        self.title.setFocus()

    def values(self) -> ActionValues | ValidationError:
        try:
            due = self.due.value()
        except ValidationError as exc:
            return exc
        owner: Owner | None = self.owner.value()
        return replace(self._values, title=self.title.text().strip(), owner=owner, due_date=due)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        plan: ActionPlan,
        values: ActionValues,
        validate: Callable[[Any], None] | None = None,
    ) -> ActionValues | None:
        answer: ActionValues | None = cls(parent, plan, values).run(validate)
        return answer


def plan_action(
    parent: QWidget, ctx: AppContext, account_id: int | None, serves: Target, title: str
) -> int | None:
    """Ask, add the action (one undo step) and ask the window to show it on the Plan tab;
    returns its id (None when cancelled)."""
    if account_id is None:
        return None
    today: dt.date = ctx.today()
    plan = ctx.read(lambda s: load_actions(s, account_id, today))
    start = action_edits.defaults(title, plan.csm_id, today, serves=serves)

    def check(values: ActionValues) -> None:
        dry_run(ctx, lambda s: s.add(action_edits.new_action(s, account_id, values, today)))

    values = PlanActionDialog.ask(parent, plan, start, check)
    if values is None:
        return None
    edit = perform(ctx, action_edits.add_action(account_id, values, today))
    if edit.row_id is not None:
        ctx.showAction.emit(edit.row_id)
    return edit.row_id
