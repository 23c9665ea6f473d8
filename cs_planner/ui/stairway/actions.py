"""What the Stairway tab's buttons, keys and drags do: each edit one undo command."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from cs_planner.domain.edits import Edit
from cs_planner.domain.enums import StairStep
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.quarters import quarter_label
from cs_planner.domain.stairway import edits
from cs_planner.domain.stairway.rows import STEPS, UseCaseValues
from cs_planner.ui.common.widgets import CheckedFormDialog
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run, perform
from cs_planner.ui.stairway.cards import CardItem
from cs_planner.ui.stairway.template_dialogs import ApplyTemplateDialog, SaveTemplateDialog

if TYPE_CHECKING:
    from cs_planner.ui.stairway.tab import StairwayTab


class AddUseCaseDialog(CheckedFormDialog):
    def __init__(self, parent: QWidget | None, step: StairStep) -> None:
        super().__init__(parent, "Add use case")
        self.title = QLineEdit()
        self.add_row("title", "Use case", self.title, "The business problem solved, in a few words")
        self.step = QComboBox()
        self.add_row("step", "Step", self.step)
        for n, s in enumerate(STEPS, start=1):
            self.step.addItem(f"{n}. {s.label}", s)
        self.step.setCurrentIndex(STEPS.index(step))
        self.problem = QPlainTextEdit()
        self.add_row("problem", "Problem solved", self.problem)
        self.problem.setTabChangesFocus(True)
        self.problem.setMaximumHeight(80)
        self.title.setFocus()

    def values(self) -> tuple[StairStep, UseCaseValues]:  # its own
        values = UseCaseValues(
            title=self.title.text().strip(), problem=self.problem.toPlainText().strip()
        )
        return STEPS[self.step.currentIndex()], values

    @classmethod
    def ask(
        cls, parent: QWidget | None, step: StairStep, validate: Callable[[Any], None] | None = None
    ) -> tuple[StairStep, UseCaseValues] | None:
        answer: tuple[StairStep, UseCaseValues] | None = cls(parent, step).run(validate)
        return answer


class StairwayActions:
    """What the Stairway tab's buttons, keys and drags do."""

    def __init__(self, ctx: AppContext, view: StairwayTab) -> None:
        self._ctx, self._view = ctx, view

    def _account(self) -> tuple[int, str] | None:
        screen = self._view.data
        return (screen.stairway.account_id, screen.stairway.account_name) if screen else None

    def _perform(self, edit: Edit) -> bool:
        try:
            perform(self._ctx, edit)
        except ValidationError as exc:
            self._view.error.show_message(exc.message)
            return False
        self._view.error.clear_message()
        return True

    # --- use cases ---------------------------------------------------------------------

    def add(self) -> None:
        account = self._account()
        if account is None:
            return
        account_id, name = account
        current = self._view.row_of(self._view.selected_id)
        step = current.step if current else StairStep.REMEDIATION
        answer = AddUseCaseDialog.ask(
            self._view,
            step,
            validate=lambda v: dry_run(self._ctx, lambda s: edits.new_use_case(s, account_id, *v)),
        )
        if answer is None:
            return
        edit = edits.add_use_case(account_id, name, *answer)
        if self._perform(edit):
            self._view.select(edit.row_id)

    def delete(self) -> None:
        account = self._account()
        row = self._view.row_of(self._view.selected_id)
        if account is None or row is None:
            return
        if self._perform(edits.delete_use_case(account[0], account[1], row.id, row.title)):
            self._view.select(None)

    def move(self, use_case_id: int, step: StairStep, index: int) -> None:
        account = self._account()
        row = self._view.row_of(use_case_id)
        if account is None or row is None:
            return
        if step == row.step:
            text = f"Reorder {row.title} on {step.label}"
        else:
            text = f"Move {row.title} from {row.step.label} to {step.label}"
        self._view.selected_id = use_case_id
        self._perform(edits.MoveUseCase(text, account[0], use_case_id, step, index))

    def reschedule(self, use_case_id: int, quarter: dt.date) -> None:
        """A new target quarter, from a drag on the timeline."""
        screen, account = self._view.data, self._account()
        row = self._view.row_of(use_case_id)
        if screen is None or account is None or row is None:
            return
        label = quarter_label(quarter, screen.choices.fy_start)
        values = dataclasses.replace(row.values, target_quarter=quarter)
        self._view.selected_id = use_case_id
        text = f"Reschedule {row.title} to {label}"
        self._perform(edits.change_use_case(text, account[0], use_case_id, values))

    def take_next(self) -> None:
        """Select the recommended use case, or add it to the roadmap when it is missing."""
        screen = self._view.data
        progress = screen.stairway.progress if screen else None
        if progress is not None and progress.next_item is not None:
            self.take_item(progress.items.index(progress.next_item))

    def take_item(self, index: int) -> None:
        """Select a template use case on the roadmap, or add it when it is missing."""
        screen, account = self._view.data, self._account()
        progress = screen.stairway.progress if screen else None
        if progress is None or account is None or not 0 <= index < len(progress.items):
            return
        item = progress.items[index]
        if item.use_case_id is not None:
            self._view.select(item.use_case_id)
            return
        case = item.case
        values = UseCaseValues(
            title=case.title,
            problem=case.problem,
            usage_metric=case.usage_metric,
            annual_value=case.typical_value,
        )
        edit = edits.add_use_case(account[0], account[1], case.step, values)
        if self._perform(edit):
            self._view.select(edit.row_id)

    def plan_next_step(self, use_case_id: int) -> None:
        """A small dialog adds an action serving the use case; the Plan tab shows it."""
        from cs_planner.domain.plan.actions import Serves
        from cs_planner.ui.plan.plan_action import plan_action

        row = self._view.row_of(use_case_id)
        if row is not None:
            target = (Serves.USE_CASE, row.id)
            plan_action(
                self._view, self._ctx, self._view.account_id, target, f"Next step for {row.title}"
            )

    def use_case_menu(self, use_case_id: int) -> QMenu:
        menu = QMenu(self._view)
        menu.addAction("Plan the next step…", lambda: self.plan_next_step(use_case_id))
        return menu

    def show_menu(self, view: QGraphicsView, point: QPoint) -> None:
        """Right-click on a card: select it and offer what can be done with it."""
        item = view.itemAt(point)
        while item is not None and not isinstance(item, CardItem):
            item = item.parentItem()
        if isinstance(item, CardItem):
            self._view.select(item.row.id)
            self.use_case_menu(item.row.id).exec(view.viewport().mapToGlobal(point))

    # --- templates ---------------------------------------------------------------------

    def apply_template(self) -> None:
        screen, account = self._view.data, self._account()
        if screen is None or account is None:
            return
        data = screen.stairway
        marks: dict[str, str] = {}
        if data.template is not None:
            marks[data.template.key] = "current" if data.template_chosen else "suggested"
        if not data.library.templates:
            self._view.error.show_message("There are no stairway templates to apply.")
            return
        template = ApplyTemplateDialog.ask(
            self._view,
            data.library.templates,
            marks,
            data.template.key if data.template else None,
            data.rows,
            screen.choices.currency,
        )
        if template is None:
            return
        text = f"Apply the template {template.name} to {account[1]}"
        self._perform(edits.ApplyTemplate(text, account[0], template))

    def save_as_template(self) -> None:
        account = self._account()
        if account is None:
            return
        account_id, name = account
        answer = SaveTemplateDialog.ask(
            self._view,
            f"{name} stairway",
            validate=lambda v: dry_run(
                self._ctx, lambda s: edits.new_roadmap_template(s, account_id, *v)
            ),
        )
        if answer is not None:
            self._perform(edits.save_roadmap_as_template(account_id, name, *answer))

    def manage_templates(self) -> None:
        from cs_planner.ui.stairway.template_library import TemplateLibraryDialog

        TemplateLibraryDialog(self._ctx, self._view, self._view.account_id).exec()

    def show_csa_metrics(self) -> None:
        from cs_planner.ui.stairway.csa_metrics import CsaMetricsDialog

        CsaMetricsDialog(self._ctx, self._view).exec()
