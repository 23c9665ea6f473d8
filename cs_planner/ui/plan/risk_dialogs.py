"""The dialog that adds or edits a risk of the register."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QSpinBox, QWidget

from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.accounts.rules import choices
from cs_planner.domain.enums import RiskCategory, RiskStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.plan.risks import RiskValues
from cs_planner.ui.common.editors import ChoiceBox, DateEdit, text_box
from cs_planner.ui.common.widgets import CheckedFormDialog


def _scale(value: int, tip: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 5)
    box.setValue(value)
    box.setToolTip(tip)
    return box


class RiskDialog(CheckedFormDialog):
    def __init__(
        self, parent: QWidget | None, title: str, initial: RiskValues, team: Sequence[Person]
    ) -> None:
        super().__init__(parent, title)
        self.setMinimumWidth(500)
        self.description = self.add_row(
            "description", "What could go wrong", text_box(initial.description)
        )
        self.description.setTabChangesFocus(True)
        self.category = self.add_row("category", "Category", ChoiceBox())
        self.category.set_items([(c.label, c) for c in RiskCategory])
        self.category.set_value(initial.category)
        self.likelihood = self.add_row(
            "likelihood", "Likelihood", _scale(initial.likelihood, "1 rare to 5 almost certain")
        )
        self.impact = self.add_row(
            "impact", "Impact", _scale(initial.impact, "1 minor to 5 the account is lost")
        )
        self.owner = self.add_row("owner_id", "Owner (our side)", ChoiceBox())
        self.owner.set_items(choices(team, None, initial.owner_id, "(nobody)", show_role=True))
        self.owner.set_value(initial.owner_id)
        self.mitigation = self.add_row("mitigation", "Mitigation", text_box(initial.mitigation))
        self.mitigation.setTabChangesFocus(True)
        self.status = self.add_row("status", "Status", ChoiceBox())
        self.status.set_items([(s.label, s) for s in RiskStatus])
        self.status.set_value(initial.status)
        self.review = self.add_row(
            "review_date", "Review date", DateEdit("Review date", "review_date")
        )
        self.review.set_value(initial.review_date)

    def values(self) -> RiskValues | ValidationError:
        try:
            review = self.review.value()
        except ValidationError as exc:
            return exc
        return RiskValues(
            description=self.description.toPlainText().strip(),
            category=self.category.value(),
            likelihood=self.likelihood.value(),
            impact=self.impact.value(),
            owner_id=self.owner.value(),
            mitigation=self.mitigation.toPlainText().strip(),
            status=self.status.value(),
            review_date=review,
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        initial: RiskValues,
        team: Sequence[Person],
        validate: Callable[[RiskValues], None] | None = None,
    ) -> RiskValues | None:
        answer: RiskValues | None = cls(parent, title, initial, team).run(validate)
        return answer
