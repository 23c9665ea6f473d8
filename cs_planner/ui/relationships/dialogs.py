"""The dialog that adds a stakeholder to the map (the side panel edits the rest)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QWidget

from cs_planner.domain.enums import Level
from cs_planner.domain.relationships.rows import StakeholderValues
from cs_planner.ui.common.editors import ChoiceBox
from cs_planner.ui.common.widgets import CheckedFormDialog


class AddPersonDialog(CheckedFormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        people: list[tuple[str, int]],
        initial: StakeholderValues,
    ) -> None:
        super().__init__(parent, "Add person")
        self.initial = initial
        self.name = QLineEdit(initial.name)
        self.job_title = QLineEdit(initial.title)
        self.level = ChoiceBox()
        self.manager = ChoiceBox()
        self.add_row("name", "Name", self.name)
        self.add_row("title", "Title", self.job_title)
        self.add_row("level", "Level", self.level)
        self.add_row("reports_to_id", "Reports to", self.manager)
        self.level.set_items([(lv.label, lv) for lv in Level])
        self.level.set_value(initial.level)
        self.manager.set_items([("(nobody on the map)", None), *people])
        self.manager.set_value(initial.reports_to_id)
        self.name.setFocus()

    def values(self) -> StakeholderValues:  # not a dict: one row
        return replace(
            self.initial,
            name=self.name.text().strip(),
            title=self.job_title.text().strip(),
            level=self.level.value(),
            reports_to_id=self.manager.value(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        people: list[tuple[str, int]],
        initial: StakeholderValues,
        validate: Callable[[StakeholderValues], None] | None = None,
    ) -> StakeholderValues | None:
        values: StakeholderValues | None = cls(parent, people, initial).run(validate)
        return values
