"""What the Stairway tab's buttons, keys and drags do: each edit one undo command."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from cs_planner.domain.enums import StairStep
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import UseCase
from cs_planner.domain.quarters import quarter_label
from cs_planner.domain.stairway.edits import (
    new_template,
    new_use_case,
    template_from_roadmap,
    update_use_case,
)
from cs_planner.domain.stairway.rows import STEPS, UseCaseValues
from cs_planner.ui.common.widgets import CheckedFormDialog
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import DbCommand, DeleteRows, InsertRow, UpdateVia, dry_run, perform
from cs_planner.ui.stairway.template_dialogs import ApplyTemplateDialog, SaveTemplateDialog
from cs_planner.ui.stairway_commands import ApplyTemplate, MoveUseCase

if TYPE_CHECKING:
    from cs_planner.ui.stairway.tab import StairwayView


class AddUseCaseDialog(CheckedFormDialog):
    def __init__(self, parent: QWidget | None, step: StairStep) -> None:
        super().__init__(parent, "Add use case")
        self.title = self.add_row(
            "title", "Use case", QLineEdit(), "The business problem solved, in a few words"
        )
        self.step = self.add_row("step", "Step", QComboBox())
        for n, s in enumerate(STEPS, start=1):
            self.step.addItem(f"{n}. {s.label}", s)
        self.step.setCurrentIndex(STEPS.index(step))
        self.problem = self.add_row("problem", "Problem solved", QPlainTextEdit())
        self.problem.setTabChangesFocus(True)
        self.problem.setMaximumHeight(80)
        self.title.setFocus()

    def values(self) -> tuple[StairStep, UseCaseValues]:
        values = UseCaseValues(
            title=self.title.text().strip(), problem=self.problem.toPlainText().strip()
        )
        return STEPS[self.step.currentIndex()], values

    @classmethod
    def ask(cls, parent: QWidget | None, step: StairStep, validate=None):
        return cls(parent, step).run(validate)


class StairwayActions:
    def __init__(self, ctx: AppContext, view: StairwayView) -> None:
        self._ctx, self._view = ctx, view

    def _account(self) -> tuple[int, str] | None:
        screen = self._view.screen
        return (screen.data.account_id, screen.data.account_name) if screen else None

    def _perform(self, command: DbCommand) -> bool:
        try:
            perform(command)
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
            validate=lambda v: dry_run(self._ctx, lambda s: new_use_case(s, account_id, *v)),
        )
        if answer is None:
            return
        step, values = answer
        command = InsertRow(
            self._ctx,
            f"Add {values.title} to the stairway of {name}",
            lambda s: new_use_case(s, account_id, step, values),
            account_id,
        )
        if self._perform(command):
            self._view.select(command.row_id)

    def delete(self) -> None:
        account = self._account()
        row = self._view.row_of(self._view.selected_id)
        if account is None or row is None:
            return
        text = f"Delete {row.title} from the stairway of {account[1]}"
        if self._perform(DeleteRows(self._ctx, text, UseCase, [row.id], account[0])):
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
        self._perform(MoveUseCase(self._ctx, text, account[0], use_case_id, step, index))

    def reschedule(self, use_case_id: int, quarter: dt.date) -> None:
        """A new target quarter, from a drag on the timeline."""
        screen, account = self._view.screen, self._account()
        row = self._view.row_of(use_case_id)
        if screen is None or account is None or row is None:
            return
        label = quarter_label(quarter, screen.choices.fy_start)
        values = dataclasses.replace(row.values, target_quarter=quarter)
        self._view.selected_id = use_case_id
        text = f"Reschedule {row.title} to {label}"
        self._perform(UpdateVia(self._ctx, text, update_use_case, use_case_id, values, account[0]))

    def take_next(self) -> None:
        """Select the recommended use case, or add it to the roadmap when it is missing."""
        screen = self._view.screen
        progress = screen.data.progress if screen else None
        if progress is not None and progress.next_item is not None:
            self.take_item(progress.items.index(progress.next_item))

    def take_item(self, index: int) -> None:
        """Select a template use case on the roadmap, or add it when it is missing."""
        screen, account = self._view.screen, self._account()
        progress = screen.data.progress if screen else None
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
        command = InsertRow(
            self._ctx,
            f"Add {case.title} to the stairway of {account[1]}",
            lambda s: new_use_case(s, account[0], case.step, values),
            account[0],
        )
        if self._perform(command):
            self._view.select(command.row_id)

    # --- templates ---------------------------------------------------------------------

    def apply_template(self) -> None:
        screen, account = self._view.screen, self._account()
        if screen is None or account is None:
            return
        data = screen.data
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
        self._perform(ApplyTemplate(self._ctx, text, account[0], template))

    def save_as_template(self) -> None:
        account = self._account()
        if account is None:
            return
        account_id, name = account

        def build(session, values: tuple[str, str]):
            template = template_from_roadmap(session, account_id, values[0], values[1])
            return new_template(session, template)

        answer = SaveTemplateDialog.ask(
            self._view,
            f"{name} stairway",
            validate=lambda v: dry_run(self._ctx, lambda s: build(s, v)),
        )
        if answer is None:
            return
        command = InsertRow(
            self._ctx,
            f"Save the stairway of {name} as the template {answer[0]}",
            lambda s: build(s, answer),
            account_id,
        )
        self._perform(command)

    def manage_templates(self) -> None:
        from cs_planner.ui.stairway.template_library import TemplateLibraryDialog

        TemplateLibraryDialog(self._ctx, self._view, self._view.account_id).exec()

    def show_csa_metrics(self) -> None:
        from cs_planner.ui.stairway.template_library import CsaMetricsDialog

        CsaMetricsDialog(self._ctx, self._view).exec()
