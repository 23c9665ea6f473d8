"""Portfolio > Health and tiers: each indicator's weight and thresholds, the hours a month
each tier needs, and the CSM team's hours. One undo step for the lot."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.enums import HealthIndicator, Tier
from cs_planner.domain.value.score import Weight
from cs_planner.domain.value.settings import HealthSettings, UpdateHealthSettings, check
from cs_planner.ui.common.dialogs import FormDialog, error_label

if TYPE_CHECKING:
    from cs_planner.ui.shell.context import AppContext

TIER_TIPS = {
    Tier.TOP: "High touch: executive relationships, business reviews against objectives",
    Tier.LEVERAGED: "A CSM handles many more of these, with automation and benchmarks",
    Tier.SCALABLE: "Self-service and pooled CSMs for alerts",
}


def _box(value: float, high: float, decimals: int = 0, suffix: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, high)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setValue(value)
    return box


class HealthSettingsDialog(FormDialog):
    def __init__(self, current: HealthSettings, team_now: float, parent: QWidget | None = None):
        super().__init__("Health and tiers", parent)
        grid = QGridLayout()
        for column, text in enumerate(("Indicator", "Weight", "Red under", "Green from")):
            header = QLabel(text)
            header.setObjectName("sectionTitle")
            grid.addWidget(header, 0, column)
        self.boxes: dict[HealthIndicator, tuple[QDoubleSpinBox, ...]] = {}
        for row, kind in enumerate(HealthIndicator, start=1):
            w = current.weights[kind]
            boxes = (_box(w.weight, 100), _box(w.red_below, 100), _box(w.green_from, 100))
            grid.addWidget(QLabel(kind.label), row, 0)
            for column, box in enumerate(boxes, start=1):
                grid.addWidget(box, row, column)
            self.boxes[kind] = boxes
        holder = QWidget()
        holder.setLayout(grid)
        holder.setToolTip(
            "An indicator's weight counts only while it has data: the weights of those that "
            "have are shared out to 100%. Its score is red under the first threshold and "
            "green from the second."
        )
        title = QLabel("Health indicators")
        title.setObjectName("sectionTitle")
        self.errors["weight"] = error_label()
        top = cast(QVBoxLayout, self.layout())
        for n, widget in enumerate((title, holder, self.errors["weight"])):
            top.insertWidget(n, widget)
        tiers = QLabel("Tiers and capacity")
        tiers.setObjectName("sectionTitle")
        top.insertWidget(3, tiers)
        self.setMinimumWidth(620)
        self.hours = {
            tier: self.add_row(
                f"{tier.value}_tier_hours",
                f"{tier.label} tier: hours a month per account",
                _box(current.tier_hours[tier], 744, 2, " h"),
                TIER_TIPS[tier],
            )
            for tier in Tier
        }
        self.from_team = QCheckBox(f"Use the active CSMs' capacity ({team_now:,.0f} h a month)")
        self.from_team.setChecked(current.team_hours is None)
        self.team = _box(current.team_hours or team_now, 1_000_000, 0, " h")
        self.team.setEnabled(current.team_hours is not None)
        self.from_team.toggled.connect(lambda on: self.team.setEnabled(not on))
        self.add_row(
            "csm_team_hours",
            "The CSM team's hours a month",
            self.team,
            "The hours the CSMs give their accounts; the top tier grows while they last",
        )
        self.form.addRow("", self.from_team)

    def values(self) -> HealthSettings:
        return HealthSettings(
            weights={
                kind: Weight(*(box.value() for box in boxes)) for kind, boxes in self.boxes.items()
            },
            tier_hours={tier: box.value() for tier, box in self.hours.items()},
            team_hours=None if self.from_team.isChecked() else self.team.value(),
        )

    def validate(self, values: HealthSettings) -> None:
        from cs_planner.domain.model import HealthWeight  # SQLAlchemy: after the first paint

        check(values)
        for kind, w in values.weights.items():  # a bad line's message shows under the grid
            HealthWeight(
                indicator=kind.value,
                weight=w.weight,
                red_below=w.red_below,
                green_from=w.green_from,
            ).check()

    @classmethod
    def ask(
        cls, current: HealthSettings, team_now: float, parent: QWidget | None = None
    ) -> HealthSettings | None:
        dialog = cls(current, team_now, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_health_settings(ctx: AppContext, parent: QWidget) -> None:
    from cs_planner.domain.value.settings import read_health_settings
    from cs_planner.domain.value.tiers import csm_hours
    from cs_planner.ui.shell import undo

    current = ctx.read(read_health_settings)
    new = HealthSettingsDialog.ask(current, ctx.read(csm_hours), parent)
    if new is not None and new != current:
        undo.perform(ctx, UpdateHealthSettings(new))
