"""The Value tab's health section: the score in its band's colour with the sentences that
explain it, the last year as a line, and each indicator's sub-score, share of the weight and
points, with what it read. Indicators without data say so and count for nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cs_planner.domain.enums import HealthIndicator
from cs_planner.domain.value.health import AccountHealth
from cs_planner.domain.value.score import GREEN_FROM, RED_BELOW, signed
from cs_planner.palette import MUTED
from cs_planner.ui.common import theme
from cs_planner.ui.value.health_charts import BAND_COLOUR, ContributionBar, HealthLine

WHAT_IT_COUNTS = (
    f"0-100 from the leading indicators below, as of today: red under {RED_BELOW:.0f}, "
    f"amber under {GREEN_FROM:.0f}, green from {GREEN_FROM:.0f}. An indicator without data "
    "is left out and its weight shared by the others. Weights and thresholds: "
    "Portfolio > Settings."
)


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"color: {theme.muted_text()};")
    label.setWordWrap(True)
    return label


class IndicatorRow:
    """One indicator's line in the grid."""

    def __init__(self, grid: QGridLayout, row: int, indicator: HealthIndicator) -> None:
        self.name = QLabel(indicator.label)
        self.score = QLabel()
        self.score.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.bar = ContributionBar()
        self.share = QLabel()
        self.share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.points = QLabel()
        self.points.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail = _muted()  # under the figures, the width of the grid: it reads at 1366
        self.detail.setContentsMargins(0, 0, 0, 6)
        for column, widget in enumerate((self.name, self.score, self.bar, self.share, self.points)):
            grid.addWidget(widget, 2 * row - 1, column)
        grid.addWidget(self.detail, 2 * row, 0, 1, 5)


class HealthPanel(QWidget):
    """``show_health(AccountHealth)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.health: AccountHealth | None = None
        self.score = QLabel("—")
        self.score.setObjectName("healthScore")
        self.score.setStyleSheet("font-size: 34px; font-weight: 700;")
        self.score.setToolTip(WHAT_IT_COUNTS)
        self.band = QLabel()
        self.band.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.sentences = QLabel()
        self.sentences.setWordWrap(True)
        self.sentences.setTextFormat(Qt.TextFormat.PlainText)
        self.line = HealthLine()
        self.move_note = _muted()
        heading = QHBoxLayout()
        heading.addWidget(self.score)
        heading.addWidget(self.band, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(heading)
        left.addWidget(_muted("Health score today"))
        left.addWidget(self.sentences)
        left.addSpacing(8)
        left.addWidget(_title("The last twelve months"))
        left.addWidget(self.line, 1)
        left.addWidget(self.move_note)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        headers = ("Indicator and what it read", "Score", "", "Weight", "Points")
        tips = (
            "",
            "The indicator's own 0-100 score, coloured by its own thresholds",
            "",
            "Its share of the weight of the indicators that have data",
            "What it adds to the health score: weight share × score",
        )
        for column, (text, tip) in enumerate(zip(headers, tips, strict=True)):
            label = QLabel(text)
            label.setObjectName("sectionTitle")
            label.setToolTip(tip)
            grid.addWidget(label, 0, column)
        self.rows = {
            kind: IndicatorRow(grid, n, kind) for n, kind in enumerate(HealthIndicator, start=1)
        }
        grid.setColumnStretch(2, 1)
        grid.setVerticalSpacing(2)
        grid.setRowStretch(2 * len(self.rows) + 1, 1)
        right = QVBoxLayout()
        right.addWidget(_title("What the score is made of"))
        right.addLayout(grid, 1)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.VLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(rule)
        layout.addLayout(right, 3)

    def show_health(self, health: AccountHealth) -> None:
        self.health = health
        now = health.now
        colour = BAND_COLOUR[now.band] if now.band else MUTED
        self.score.setText("—" if now.score is None else f"{now.score:.0f}")
        self.score.setStyleSheet(
            f"font-size: 34px; font-weight: 700; color: {theme.ink(colour).name()};"
        )
        self.band.setText(now.band.label if now.band else "No data yet")
        self.band.setStyleSheet(f"font-size: 15px; font-weight: 600; color: {colour};")
        self.sentences.setText("\n".join(f"• {s}" for s in health.sentences))
        self.line.set_points([(h.as_of, h.score) for h in health.history])
        move = health.biggest_move
        self.move_note.setText(
            f"Biggest monthly move: {signed(move[2])} in {move[0]:%B %Y}, mostly "
            f"{move[1].label.lower()}."
            if move
            else "Not enough history yet for a monthly move."
        )
        for part in now.parts:
            row = self.rows[part.indicator]
            score = part.reading.score
            part_colour = BAND_COLOUR[part.band] if part.band else MUTED
            row.score.setText("no data" if score is None else f"{score:.0f}")
            row.score.setStyleSheet(f"color: {theme.ink(part_colour).name()};")
            row.bar.set_score(score, part_colour)
            row.share.setText(f"{part.share:.0%}" if score is not None else "—")
            row.points.setText(f"{part.points:.1f}" if score is not None else "—")
            row.detail.setText(part.reading.detail)
            w = part.weight
            row.name.setToolTip(
                f"Weight {w.weight:g}; red under {w.red_below:g}, green from {w.green_from:g}"
            )


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label
