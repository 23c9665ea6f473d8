"""The metric dialogs: track a metric (definition, baseline and its date) and set a
quarter's target (a measurement is one row under the table, ``metrics_panel``). A value
that is not a number, or one the domain refuses (a dry run of the edit), shows under its
field and the dialog stays open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.value.metrics import Definition, MetricRow, number
from cs_planner.ui.common.editors import ChoiceBox, DateEdit, TextEdit, parse_number
from cs_planner.ui.common.widgets import CheckedFormDialog


class FigureEdit(TextEdit):
    """A metric's figure (negative allowed); ``value()`` raises for anything else."""

    def __init__(self, what: str, field: str, *, optional: bool = False) -> None:
        super().__init__()
        self._what, self._field, self._optional = what, field, optional
        if optional:
            self.setPlaceholderText("not known")

    def value(self) -> float | None:  # type: ignore[override]
        if self._optional and not self.text().strip():
            return None
        return float(parse_number(self.text(), self._what, self._field))


def _unit(unit: str) -> str:
    return f" ({unit})" if unit else ""


class TrackMetricDialog(CheckedFormDialog):
    def __init__(
        self, parent: QWidget | None, choices: Sequence[Definition], today: dt.date
    ) -> None:
        super().__init__(parent, "Track a metric")
        self.metric_box = ChoiceBox()
        self.metric_box.set_items([(f"{d.name}{_unit(d.unit)}", d.id) for d in choices])
        self.add_row(
            "metric_id", "Metric", self.metric_box, "A metric the account does not track yet"
        )
        self.about = QLabel()
        self.about.setObjectName("muted")
        self.about.setWordWrap(True)
        self.add_row("about", "", self.about)
        self.baseline = FigureEdit("The baseline", "baseline", optional=True)
        self.add_row("baseline", "Baseline", self.baseline, "The value on day one (the benchmark)")
        self.baseline_date = DateEdit("The baseline date", "baseline_date")
        self.baseline_date.set_value(today)
        self.add_row("baseline_date", "Baseline taken on", self.baseline_date,
                     "When the baseline was taken; later measurements date from it")  # fmt: skip
        self._choices = {d.id: d for d in choices}
        self.metric_box.currentIndexChanged.connect(self._describe)
        self._describe()

    def _describe(self, *_args: object) -> None:
        chosen = self._choices.get(self.metric_box.value())
        if chosen is None:
            self.about.setText("")
            return
        self.about.setText(f"{chosen.direction.label}; {chosen.source.label.lower()}"
                           + (" (needs the customer's consent)"
                              if chosen.source.value == "customer_provided" else ""))  # fmt: skip

    def values(self) -> tuple[int, float | None, dt.date | None]:
        if self.metric_box.value() is None:
            raise ValidationError("Choose a metric.", "metric_id")
        return self.metric_box.value(), self.baseline.value(), self.baseline_date.value()

    @classmethod
    def ask(
        cls, parent: QWidget | None, choices: Sequence[Definition], today: dt.date,
        validate: Callable[[Any], None] | None = None,
    ) -> tuple[int, float | None, dt.date | None] | None:  # fmt: skip
        values: tuple[int, float | None, dt.date | None] | None = cls(parent, choices, today).run(
            validate
        )
        return values


class TargetDialog(CheckedFormDialog):
    def __init__(
        self, parent: QWidget | None, metric: MetricRow, quarters: Sequence[tuple[str, dt.date]],
    ) -> None:  # fmt: skip
        super().__init__(parent, f"Target for {metric.name}")
        self.quarter = ChoiceBox()
        self.quarter.set_items(list(quarters))
        self.add_row("quarter", "Quarter", self.quarter, "This quarter or a later one")
        self.target = FigureEdit("The target", "target")
        targets = dict(metric.targets)
        better = "Lower is better" if metric.lower_is_better else "Higher is better"
        self.add_row("target", f"Target{_unit(metric.unit)}", self.target, better)

        def show_existing(*_args: object) -> None:
            current = targets.get(self.quarter.value())
            self.target.setText("" if current is None else number(current))

        self.quarter.currentIndexChanged.connect(show_existing)
        show_existing()

    def values(self) -> tuple[dt.date, float]:
        value = self.target.value()
        assert value is not None
        return self.quarter.value(), value

    @classmethod
    def ask(
        cls, parent: QWidget | None, metric: MetricRow, quarters: Sequence[tuple[str, dt.date]],
        validate: Callable[[Any], None] | None = None,
    ) -> tuple[dt.date, float] | None:  # fmt: skip
        values: tuple[dt.date, float] | None = cls(parent, metric, quarters).run(validate)
        return values
