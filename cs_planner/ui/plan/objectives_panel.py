"""The customer's objectives, the top of the plan: a list with add, edit, delete and move up
or down (each one undo step), and the dialog that edits one (bad input is shown under its
field, the dialog stays open)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from cs_planner import palette
from cs_planner.domain.enums import ObjectiveStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.plan import objective_edits
from cs_planner.domain.plan.objectives import ObjectiveRow, Objectives, ObjectiveValues
from cs_planner.ui.common.editors import DateEdit
from cs_planner.ui.common.table_model import Col, RowsModel, table_view
from cs_planner.ui.common.widgets import CheckedFormDialog, ListPanel, button, confirm
from cs_planner.ui.plan.actions_model import ValueCombo
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

STATUS_COLOUR = {
    ObjectiveStatus.ON_TRACK: palette.GOOD,
    ObjectiveStatus.ACHIEVED: palette.GOOD,
    ObjectiveStatus.AT_RISK: palette.WARN,
    ObjectiveStatus.MISSED: palette.BAD,
    ObjectiveStatus.NOT_STARTED: palette.MUTED,
}
ORDER = {s: n for n, s in enumerate(ObjectiveStatus)}


def columns() -> list[Col[ObjectiveRow]]:
    return [
        Col("#", lambda r: str(r.position), lambda r: r.position),
        Col("Objective", lambda r: r.title, lambda r: r.title.casefold(), tip=lambda r: r.title),
        Col(
            "How it is measured",
            lambda r: r.measured_by,
            lambda r: r.measured_by.casefold(),
            tip=lambda r: r.values.measure or r.measured_by or None,
        ),
        Col(
            "Target date",
            lambda r: r.target_date.isoformat() if r.target_date else "",
            lambda r: r.target_date or dt.date.max,
        ),
        Col(
            "Status",
            lambda r: r.status.label,
            lambda r: ORDER[r.status],
            colour=lambda r: STATUS_COLOUR[r.status],
        ),
    ]


class ObjectiveDialog(CheckedFormDialog):
    def __init__(
        self, parent: QWidget | None, data: Objectives, current: ObjectiveValues | None
    ) -> None:
        super().__init__(parent, "Edit the objective" if current else "Add an objective")
        current = current or ObjectiveValues(title="")
        self.title = self.add_row(
            "title",
            "Objective",
            QLineEdit(current.title),
            "What the customer wants to achieve this year",
        )
        self.link = ValueCombo()
        self.link.add("(described in words)", None)
        if data.metrics:
            self.link.add_heading("Value metrics")
            for choice in data.metrics:
                self.link.add(f"   {choice.label}", ("metric", choice.value))
        if data.use_cases:
            self.link.add_heading("Use cases")
            for choice in data.use_cases:
                self.link.add(f"   {choice.label}", ("use_case", choice.value))
        if current.metric_id is not None:
            self.link.set_value(("metric", current.metric_id))
        elif current.use_case_id is not None:
            self.link.set_value(("use_case", current.use_case_id))
        self.add_row(
            "metric_id",
            "Measured by",
            self.link,
            "One of the account's value metrics or a use case, or only words",
        )
        self.errors["use_case_id"] = self.errors["metric_id"]
        self.measure = self.add_row(
            "measure",
            "How, in words",
            QLineEdit(current.measure),
            "The measure and the target agreed with the customer",
        )
        self.target = DateEdit("The target date", "target_date")
        self.target.set_value(current.target_date)
        self.add_row("target_date", "Target date", self.target, "By when; empty: no date yet")
        self.status = ValueCombo()
        for status in ObjectiveStatus:
            self.status.add(status.label, status)
        self.status.set_value(current.status)
        self.add_row("status", "Status", self.status)
        self.title.setFocus()

    def values(self) -> ObjectiveValues | ValidationError:
        try:
            target = self.target.value()
        except ValidationError as exc:
            return exc
        link = self.link.value()
        kind, link_id = link if isinstance(link, tuple) else (None, None)
        return ObjectiveValues(
            title=self.title.text().strip(),
            measure=self.measure.text().strip(),
            metric_id=link_id if kind == "metric" else None,
            use_case_id=link_id if kind == "use_case" else None,
            target_date=target,
            status=self.status.value(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        data: Objectives,
        current: ObjectiveValues | None,
        validate: Callable[[Any], None] | None = None,
    ) -> ObjectiveValues | None:
        answer: ObjectiveValues | None = cls(parent, data, current).run(validate)
        return answer


class ObjectivesPanel(ListPanel):
    def __init__(self, ctx: AppContext) -> None:
        self.model: RowsModel[ObjectiveRow] = RowsModel(columns())
        view = table_view(self.model, stretch=2)
        view.setSortingEnabled(False)  # their order is the plan's: move them up and down
        self.up_button = button("Up", lambda: self.move_by(-1), "Move the objective up (Alt+Up)")
        self.down_button = button("Down", lambda: self.move_by(1), "Move it down (Alt+Down)")
        super().__init__(
            ctx,
            "Objectives",
            view,
            "No objectives yet: add what the customer wants to achieve this year.",
            "Add objective…",
            extra=(self.up_button, self.down_button),
        )
        self.add_button.setToolTip("Add an objective (Insert)")
        self.data: Objectives | None = None
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):  # on the list only
            action = QAction(view)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _c=False, step=step: self.move_by(step))
            view.addAction(action)

    def show_data(self, data: Objectives) -> None:
        self.data = data
        self.set_rows(data.account_id, data.account_name, lambda: self.model.set_rows(data.rows))

    def _validate(self, check: Callable[[Any], Any]) -> Callable[[Any], None]:
        return lambda values: dry_run(self._ctx, lambda s: check(values)(s))

    def add(self) -> None:
        data, today = self.data, self._ctx.today()
        if data is None:
            return

        def step(values: ObjectiveValues) -> Callable[[Any], Any]:
            return lambda s: s.add(objective_edits.new_objective(s, data.account_id, values, today))

        values = ObjectiveDialog.ask(self, data, None, self._validate(step))
        if values is not None:
            self.perform_insert(objective_edits.add_objective(data.account_id, values, today))

    def edit(self) -> None:
        row, data = self.selected(), self.data
        if row is None or data is None:
            return

        def step(values: ObjectiveValues) -> Callable[[Any], Any]:
            return lambda s: objective_edits.update_objective(s, row.id, values)

        values = ObjectiveDialog.ask(self, data, row.values, self._validate(step))
        if values is not None and values != row.values:
            self.perform(objective_edits.change_objective(data.account_id, row.id, values))

    def delete(self) -> None:
        row, data = self.selected(), self.data
        if row is None or data is None:
            return
        if confirm(
            self,
            "Delete the objective",
            f"Delete '{row.title}'? Its actions stay, serving nothing (Ctrl+Z undoes).",
        ):
            self.perform(objective_edits.delete_objective(data.account_id, row.id, row.title))

    def move_by(self, step: int) -> None:
        row, data = self.selected(), self.data
        if row is None or data is None:
            return
        order = [r.id for r in self.model.rows()]
        positions = objective_edits.moved(order, row.id, step)
        if positions is not None:
            up = step < 0
            self.perform(objective_edits.move_objective(data.account_id, row.title, positions, up))
