"""An action in full: its text, notes, owner (ours or the customer's), due date, status,
priority and what it serves, in one dialog opened with Enter or a double-click on the
action plan. OK is one undoable edit; a rejected value is shown under its field and the
dialog stays open with nothing written."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from cs_planner.domain.enums import ActionStatus, Priority
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.plan.actions import ActionPlan, ActionValues, with_status
from cs_planner.ui.common.editors import ChoiceBox, DateEdit, text_box
from cs_planner.ui.common.widgets import CheckedFormDialog
from cs_planner.ui.plan.actions_model import HEADING, NOTHING, grouped_combo

# The model's own checks name the columns; the dialog shows them under its fields.
FIELD_OF = {
    "owner_id": "owner",
    "customer_owner_id": "owner",
    "stakeholder_id": "serves",
    "use_case_id": "serves",
    "opportunity_id": "serves",
    "objective_id": "serves",
    "risk_id": "serves",
    "done_on": "status",
}


class ActionDialog(CheckedFormDialog):
    def __init__(self, parent: QWidget | None, plan: ActionPlan, initial: ActionValues) -> None:
        super().__init__(parent, "Edit the action")
        self.setMinimumWidth(520)
        self._initial, self._today = initial, plan.today
        self.title = self.add_row("title", "Action", QLineEdit(initial.title))
        self.notes = self.add_row(
            "notes", "Notes", text_box(initial.notes), "What is agreed, who to ask, links"
        )
        self.notes.setTabChangesFocus(True)
        self.owner = self.add_row(
            "owner",
            "Owner",
            grouped_combo(None, plan.owners, "(nobody)"),
            "Someone on our team or a person at the customer",
        )
        self.owner.set_value(initial.owner)
        self.due = self.add_row("due_date", "Due", DateEdit("Due date", "due_date"))
        self.due.set_value(initial.due_date)
        self.status = self.add_row("status", "Status", ChoiceBox())
        self.status.set_items([(s.label, s) for s in ActionStatus])
        self.status.set_value(initial.status)
        self.priority = self.add_row("priority", "Priority", ChoiceBox())
        self.priority.set_items([(p.label, p) for p in Priority])
        self.priority.set_value(initial.priority)
        self.serves = self.add_row(
            "serves",
            "Serves",
            grouped_combo(None, plan.targets, NOTHING),
            "The objective, risk, use case, opportunity or stakeholder it moves forward",
        )
        self.serves.set_value(initial.serves)

    def values(self) -> ActionValues | ValidationError:
        try:
            due = self.due.value()
        except ValidationError as exc:
            return exc
        owner, serves = self.owner.value(), self.serves.value()
        return with_status(
            ActionValues(
                title=self.title.text().strip(),
                owner=None if owner is HEADING else owner,
                due_date=due,
                status=self._initial.status,
                priority=self.priority.value(),
                serves=None if serves is HEADING else serves,
                done_on=self._initial.done_on,
                notes=self.notes.toPlainText().strip(),
                links=self._initial.links,
            ),
            self.status.value(),
            self._today,
        )

    def validate(self, values: ActionValues | ValidationError) -> None:
        try:
            super().validate(values)
        except ValidationError as exc:
            field = FIELD_OF.get(exc.field or "", exc.field)
            raise ValidationError(exc.message, field) from exc

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        plan: ActionPlan,
        initial: ActionValues,
        validate: Callable[[ActionValues], None] | None = None,
    ) -> ActionValues | None:
        answer: ActionValues | None = cls(parent, plan, initial).run(validate)
        return answer
