"""The expansion dialogs: an opportunity (add and edit) and one dimension of the plan. They
return values; the edits they lead to are in ``domain.expansion.edits`` (a won opportunity
moves the ARR history forward)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from cs_planner.domain.enums import Dimension, OpportunityStatus
from cs_planner.domain.expansion.edits import check_dimension
from cs_planner.domain.expansion.rows import (
    DEFAULT_UNITS,
    DimensionRow,
    DimensionValues,
    ExpansionData,
    OpportunityValues,
)
from cs_planner.domain.expansion.rules import DERIVED_FROM
from cs_planner.ui.common.editors import (
    CheckEdit,
    ChoiceBox,
    DateEdit,
    NumberEdit,
    SuggestBox,
    TextEdit,
    parse_number,
    text_box,
)
from cs_planner.ui.common.widgets import CheckedFormDialog

W = TypeVar("W", bound=QWidget)


class ExpansionDialog(CheckedFormDialog):
    """The form dialog, with ``typed_row`` handing back the editor it placed (typed)."""

    def typed_row(self, field: str, label: str, widget: W, tip: str = "") -> W:
        self.add_row(field, label, widget, tip)
        return widget


class OpportunityDialog(ExpansionDialog):
    def __init__(
        self, parent: QWidget | None, title: str, initial: OpportunityValues, data: ExpansionData
    ) -> None:
        super().__init__(parent, title)
        self.setMinimumWidth(500)
        self.dimension = self.typed_row("dimension", "Dimension", ChoiceBox())
        self.dimension.set_items([(d.label, d) for d in Dimension])
        self.dimension.set_value(initial.dimension)
        self.title = self.typed_row("title", "Opportunity", QLineEdit(initial.title))
        self.title.setPlaceholderText("e.g. Roll out to the Finance division")
        self.uplift = self.typed_row(
            "acv_uplift",
            f"ACV uplift ({data.currency})",
            NumberEdit("ACV uplift", "acv_uplift"),
            "The annual contract value the opportunity adds (120k or 1.2m work too)",
        )
        self.uplift.set_value(initial.acv_uplift)
        self.confidence = self.typed_row(
            "confidence", "Confidence", QSpinBox(), "How likely it closes; weights the projection"
        )
        self.confidence.setRange(0, 100)
        self.confidence.setSingleStep(5)
        self.confidence.setSuffix(" %")
        self.confidence.setValue(initial.confidence)
        self.quarter = self.typed_row("target_quarter", "Target quarter", ChoiceBox())
        quarters = data.quarter_choices(initial.target_quarter)
        self.quarter.set_items([("(none)", None)] + [(data.label(q), q) for q in quarters])
        self.quarter.set_value(initial.target_quarter)
        self.status = self.typed_row(
            "status",
            "Status",
            ChoiceBox(),
            "Won adds the ACV uplift to the account's ARR and its ARR history",
        )
        self.status.set_items([(s.label, s) for s in OpportunityStatus])
        self.status.set_value(initial.status)
        self.closed = self.typed_row(
            "closed_on", "Closed on", DateEdit("Closed on", "closed_on"), "Empty: today"
        )
        self.closed.set_value(initial.closed_on)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        links = (
            ("use_case_id", "Use case", data.use_cases, initial.use_case_id),
            ("division_id", "Division", data.divisions, initial.division_id),
            ("geography_id", "Geography", data.geographies, initial.geography_id),
            ("product_id", "Product", data.products, initial.product_id),
        )
        self.links: dict[str, ChoiceBox] = {}
        for field, label, choices, current in links:
            box = self.typed_row(field, label, ChoiceBox())
            box.set_items([("(none)", None)] + [(c.label, c.id) for c in choices])
            box.set_value(current)
            self.links[field] = box
        self.notes = self.typed_row("notes", "Notes", text_box(initial.notes))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)

    def _status_changed(self, *_args: object) -> None:
        self.closed.setEnabled(self.status.value() != OpportunityStatus.OPEN)

    def values(self) -> OpportunityValues:  # a read model, not a dict
        status = self.status.value()
        return OpportunityValues(
            dimension=self.dimension.value(),
            title=self.title.text().strip(),
            acv_uplift=float(self.uplift.value()),
            confidence=self.confidence.value(),
            status=status,
            target_quarter=self.quarter.value(),
            closed_on=self.closed.value() if status != OpportunityStatus.OPEN else None,
            notes=self.notes.toPlainText().strip(),
            **{field: box.value() for field, box in self.links.items()},
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        initial: OpportunityValues,
        data: ExpansionData,
        validate: Callable[[OpportunityValues], None] | None = None,
    ) -> OpportunityValues | None:
        values: OpportunityValues | None = cls(parent, title, initial, data).run(validate)
        return values


def figure(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


class OptionalNumber(TextEdit):
    """A number or nothing (an empty field)."""

    def __init__(self, what: str, field: str) -> None:
        super().__init__()
        self._what, self._field = what, field
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("not set")

    def value(self) -> float | None:  # type: ignore[override]
        if not self.text().strip():
            return None
        return float(parse_number(self.text(), self._what, self._field))

    def set_value(self, value: float | None) -> None:  # type: ignore[override]
        if value is None:
            self.setText("")
        else:  # exact, unlike the rounded figures on the cards
            self.setText(f"{value:,.0f}" if float(value).is_integer() else f"{value:,}")


class DimensionDialog(ExpansionDialog):
    def __init__(self, parent: QWidget | None, row: DimensionRow, data: ExpansionData) -> None:
        super().__init__(parent, f"{row.dimension.label} — {data.account_name}")
        self.row = row
        v = row.values
        self.applies = self.typed_row(
            "applies", "Pursued", CheckEdit("This account can grow on this dimension")
        )
        self.applies.set_value(v.applies)
        suggestions = (
            data.usage_metrics
            if row.dimension == Dimension.USAGE
            else (DEFAULT_UNITS[row.dimension],)
        )
        self.unit = self.typed_row("unit", "Unit", SuggestBox(suggestions))
        self.unit.set_value(v.unit or ("" if row.dimension == Dimension.USAGE else row.unit))
        self.unit.setToolTip(
            "The usage metric you track, e.g. workflows per month"
            if row.dimension == Dimension.USAGE
            else "What the figures count"
        )
        self.baseline = self.typed_row(
            "baseline", "Baseline", OptionalNumber("Baseline", "baseline")
        )
        self.baseline.set_value(v.baseline)
        if row.derived:
            label = QLabel(f"{figure(row.current)}  (from {DERIVED_FROM[row.dimension]})")
            label.setWordWrap(True)
            label.setObjectName("muted")
            self.current: OptionalNumber | None = None
            self.add_row("current", "Current", label)
        else:
            self.current = self.typed_row(
                "current", "Current", OptionalNumber("Current", "current")
            )
            self.current.set_value(v.current)
        self.target = self.typed_row("target", "Target", OptionalNumber("Target", "target"))
        self.target.set_value(v.target)
        self.quarter = self.typed_row("target_quarter", "Target quarter", ChoiceBox())
        choices = data.quarter_choices(v.target_quarter)
        self.quarter.set_items([("(none)", None)] + [(data.label(q), q) for q in choices])
        self.quarter.set_value(v.target_quarter)
        self.notes = self.typed_row("notes", "Notes", text_box(v.notes))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)

    def values(self) -> DimensionValues:  # a read model, not a dict
        values = DimensionValues(
            applies=self.applies.value(),
            unit=self.unit.value(),
            baseline=self.baseline.value(),
            current=self.current.value() if self.current else self.row.values.current,
            target=self.target.value(),
            target_quarter=self.quarter.value(),
            notes=self.notes.toPlainText().strip(),
        )
        check_dimension(values)
        return values

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        row: DimensionRow,
        data: ExpansionData,
        validate: Callable[[DimensionValues], None] | None = None,
    ) -> DimensionValues | None:
        values: DimensionValues | None = cls(parent, row, data).run(validate)
        return values
