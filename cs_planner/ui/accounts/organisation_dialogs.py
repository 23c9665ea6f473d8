"""The dialogs for a division and a geography: ``ask(...) -> values | None``, a rejected
value shown under its field with the dialog kept open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from cs_planner.domain.accounts.rows import DivisionValues, GeographyValues
from cs_planner.domain.enums import Engagement
from cs_planner.ui.common.editors import ChoiceBox
from cs_planner.ui.common.widgets import CheckedFormDialog


class DivisionDialog(CheckedFormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: DivisionValues,
        parents: list[tuple[str, int | None]],
        geographies: list[tuple[str, int | None]],
    ) -> None:
        super().__init__(parent, title)
        self.name = self.add_row("name", "Name", QLineEdit(initial.name))
        self.parent_box = self.add_row("parent_id", "Part of", ChoiceBox())
        self.parent_box.set_items(parents)
        self.parent_box.set_value(initial.parent_id)
        self.geography = self.add_row("geography_id", "Geography", ChoiceBox())
        self.geography.set_items(geographies)
        self.geography.set_value(initial.geography_id)
        self.headcount = self.add_row("headcount", "Headcount", QSpinBox())
        self.headcount.setRange(0, 10_000_000)
        self.headcount.setGroupSeparatorShown(True)
        self.headcount.setValue(initial.headcount)
        self.engagement = self.add_row(
            "engagement",
            "Engagement",
            ChoiceBox(),
            "Is the product adopted in this division, being evaluated, or not (yet) used?",
        )
        self.engagement.set_items([(e.label, e) for e in Engagement])
        self.engagement.set_value(initial.engagement)

    def values(self) -> DivisionValues:
        return DivisionValues(
            name=self.name.text().strip(),
            parent_id=self.parent_box.value(),
            geography_id=self.geography.value(),
            headcount=self.headcount.value(),
            engagement=self.engagement.value(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        initial: DivisionValues,
        parents: list[tuple[str, int | None]],
        geographies: list[tuple[str, int | None]],
        validate: Callable[[DivisionValues], None] | None = None,
    ) -> DivisionValues | None:
        answer: DivisionValues | None = cls(parent, title, initial, parents, geographies).run(
            validate
        )
        return answer


class GeographyDialog(CheckedFormDialog):
    def __init__(self, parent: QWidget | None, title: str, initial: GeographyValues) -> None:
        super().__init__(parent, title)
        self.region = self.add_row("region", "Region", QLineEdit(initial.region))
        self.region.setPlaceholderText("e.g. EMEA, North America")
        self.country = self.add_row("country", "Country", QLineEdit(initial.country))
        self.country.setPlaceholderText("optional, e.g. Germany")

    def values(self) -> GeographyValues:
        return GeographyValues(self.region.text().strip(), self.country.text().strip())

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        initial: GeographyValues,
        validate: Callable[[GeographyValues], None] | None = None,
    ) -> GeographyValues | None:
        answer: GeographyValues | None = cls(parent, title, initial).run(validate)
        return answer
