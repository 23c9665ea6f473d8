"""The six dimensions in their three pairings: one card per dimension with its baseline,
current and target, a progress bar and the open opportunities behind it; a dialog
(``dialogs.DimensionDialog``) edits it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.enums import Dimension, OpportunityStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.expansion.edits import (
    DimensionKey,
    SaveDimension,
    save_dimension,
)
from cs_planner.domain.expansion.rows import (
    DimensionRow,
    ExpansionData,
    Suggestion,
)
from cs_planner.domain.expansion.rules import DERIVED_FROM, PAIRINGS, PROGRESS_RULE
from cs_planner.domain.findings import Finding
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.editors import ErrorLabel
from cs_planner.ui.common.findings import FindingLabel, FindingList
from cs_planner.ui.common.text_fit import LABEL_MAX, TEXT_MAX, clip, fit, rich
from cs_planner.ui.common.theme import BAD, GOOD, MUTED, ink
from cs_planner.ui.expansion.dialogs import DimensionDialog, figure
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run, perform

OPEN = OpportunityStatus.OPEN
DIMENSION_TIPS: dict[Dimension, str] = {
    Dimension.USAGE: "Depth: how much the current users rely on the product. Pick the usage "
    "metric that shows it (the unit) and record its value.",
    Dimension.USE_CASES: "New business problems solved with the product.",
    Dimension.USERS: "More people using the product.",
    Dimension.FUNCTIONALITY: "Features, modules and products not yet used.",
    Dimension.DIVISIONS: "Departments and business units.",
    Dimension.GEOGRAPHIES: "Regions and countries.",
}


class DimensionCard(QFrame):
    """One dimension: its figures, a progress bar and its open opportunities."""

    editRequested = Signal(object)  # Dimension

    def __init__(self, dimension: Dimension, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dimension = dimension
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(DIMENSION_TIPS[dimension])
        self.title = QLabel(dimension.label)
        self.title.setObjectName("sectionTitle")
        self.status = QLabel()
        self.status.setObjectName("muted")
        # Wraps rather than widen the card: two cards a row fit beside the radar on a laptop.
        self.status.setWordWrap(True)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip(f"Change the {dimension.label.lower()} plan")
        self.edit_button.clicked.connect(lambda: self.editRequested.emit(self.dimension))
        # As wide as its text needs, not the style's 80 px: two cards with a unit beside
        # their title must fit side by side on a laptop.
        metrics = self.edit_button.fontMetrics()
        self.edit_button.setMinimumWidth(metrics.horizontalAdvance("Edit…") + 24)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        # Why a dimension is not pursued: our notes, which workshop mode hides while the
        # figures stay. Never hidden here, only emptied, so that a reload in workshop
        # mode cannot show it again.
        self.notes = QLabel()
        self.notes.setObjectName("muted")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)  # escaped for it
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(True)
        self.bar.setMaximumHeight(16)
        self.bar.installEventFilter(self)
        self.opportunities = QLabel()
        self.opportunities.setObjectName("muted")
        self.opportunities.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.status, 1)
        head.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.figures)
        layout.addWidget(self.notes)
        layout.addWidget(self.bar)
        layout.addWidget(self.opportunities)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.bar and event.type() == QEvent.Type.FontChange:
            # Workshop mode's larger type: a bar as tall as its text.
            self.bar.setMaximumHeight(max(16, self.bar.fontMetrics().height() + 2))
        return super().eventFilter(watched, event)

    def show_row(self, row: DimensionRow, data: ExpansionData, titles: Sequence[str]) -> None:
        v = row.values
        money = partial(fmt.compact_money, currency=data.currency)
        if not v.applies:
            self.status.setText("not pursued for this account")
            self.figures.setText("Not a growth lever for this account today.")
            self.figures.setStyleSheet(f"color: {MUTED};")
            self.notes.setText(_escape(v.notes, TEXT_MAX).replace("\n", "<br>"))
            self.bar.hide()
            self.opportunities.setText("")
            self.setEnabled(True)
            return
        self.figures.setStyleSheet("")
        self.notes.setText("")
        self.bar.show()
        current = figure(row.current)
        if row.out_of is not None:
            current += f" of {row.out_of}"
        by = f" by {data.label(v.target_quarter)}" if v.target_quarter else ""
        derived = " (derived)" if row.derived else ""
        self.status.setText(fit(row.unit, 60))
        below = ""
        if row.below_baseline:
            below = f" <span style='color:{ink(BAD).name()}'>(below baseline)</span>"
        self.figures.setText(
            f"Baseline <b>{figure(v.baseline)}</b> → current <b>{current}</b>{derived}{below}"
            f" → target <b>{figure(v.target)}</b>{by}"
        )
        self.figures.setToolTip(
            f"Current value from {DERIVED_FROM[row.dimension]}."
            if row.derived
            else "Current value as recorded (Edit… to update it)."
        )
        self._show_progress(row)
        if row.open_count:
            plural = "opportunity" if row.open_count == 1 else "opportunities"
            self.opportunities.setText(
                f"{row.open_count} open {plural}: {money(row.open_value)} ACV uplift, "
                f"{money(row.weighted_value)} expected"
            )
            self.opportunities.setToolTip("\n".join(clip(title) for title in titles))
        else:
            self.opportunities.setText("No open opportunity behind this target yet.")
            self.opportunities.setToolTip("")

    def _show_progress(self, row: DimensionRow) -> None:
        """The bar: the share of the way from baseline to target, red below the baseline,
        green once the target is reached."""
        progress = row.progress
        self.bar.setToolTip(f"Progress: {PROGRESS_RULE}, as on the radar")
        if progress is None:
            self.bar.setValue(0)
            self.bar.setFormat("no target yet")
            self.bar.setStyleSheet("")
        elif row.below_baseline:
            self.bar.setValue(0)
            self.bar.setFormat("below baseline: ground lost")
            self.bar.setStyleSheet(
                "QProgressBar { text-align: center; color: "
                f"{ink(BAD).name()}; border: 1px solid {BAD}; border-radius: 2px; }}"
            )
        else:
            self.bar.setValue(round(progress * 100))
            self.bar.setFormat("target reached" if progress >= 1 else "%p% of the way to target")
            # Styled, the bar loses Fusion's centred text: centre it again, white on green.
            self.bar.setStyleSheet(
                "QProgressBar { text-align: center; color: white; border: 1px solid "
                f"{GOOD}; border-radius: 2px; }} QProgressBar::chunk {{ background: {GOOD}; }}"
                if progress >= 1
                else ""
            )


class DimensionsPanel(QWidget):
    """The three pairings, side by side, and the ranked suggestions under them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.data: ExpansionData | None = None
        self.cards: dict[Dimension, DimensionCard] = {}
        pairings = QVBoxLayout()
        pairings.setContentsMargins(0, 0, 0, 0)
        for title, *pair in PAIRINGS:
            box = QGroupBox(title)
            box.setToolTip(" and ".join(d.label for d in pair) + " grow together.")
            inner = QHBoxLayout(box)
            inner.setContentsMargins(6, 4, 6, 6)
            for dimension in pair:
                card = DimensionCard(dimension)
                card.editRequested.connect(self.edit)
                self.cards[dimension] = card
                inner.addWidget(card, 1)
            pairings.addWidget(box)
        self.suggestions = QLabel()
        self.suggestions.setWordWrap(True)
        self.suggestions.setTextFormat(Qt.TextFormat.RichText)
        self.suggestions.setToolTip(
            "Ranked by the share of the way still to go to each target, weighted by the "
            "expected (confidence-weighted) value of the open opportunities behind it."
        )
        self.error = ErrorLabel()
        # Targets the whitespace grid contradicts, as the coverage panel shows its findings.
        self.checks = FindingList((0, 0, 0, 4), "The plan contradicts the whitespace grid")
        heading = self.suggestions_heading = QLabel("What to pursue next")
        heading.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.checks)  # first: a contradiction is read before the figures
        layout.addLayout(pairings)
        layout.addWidget(heading)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def show_data(self, data: ExpansionData) -> None:
        if self.data is None or self.data.account_id != data.account_id:
            self.error.clear_message()
        self.data = data
        for row in data.dimensions:
            titles = [
                f"{o.values.title} ({fmt.compact_money(o.values.acv_uplift, data.currency)}, "
                f"{o.values.confidence}%)"
                for o in data.opportunities
                if o.values.dimension == row.dimension and o.values.status == OPEN
            ]
            self.cards[row.dimension].show_row(row, data, titles)
        self.suggestions.setText(suggestions_html(data.suggestions))

    @property
    def check_labels(self) -> list[FindingLabel]:
        return self.checks.labels

    def show_checks(self, found: Sequence[Finding]) -> None:
        self.checks.show_findings(found)

    def edit(self, dimension: Dimension) -> None:
        data = self.data
        if data is None:
            return
        row = data.dimension(dimension)
        key = DimensionKey(data.account_id, dimension)
        values = DimensionDialog.ask(
            self,
            row,
            data,
            lambda v: dry_run(self._ctx, lambda s: save_dimension(s, key, v)),
        )
        if values is None or values == row.values:
            return
        text = f"Change the {dimension.label.lower()} plan of {data.account_name}"
        try:
            perform(self._ctx, SaveDimension(text, key, values))
        except ValidationError as exc:
            self.error.show_message(exc.message)
        else:
            self.error.clear_message()


def suggestions_html(suggestions: Sequence[Suggestion]) -> str:
    if not suggestions:
        return (
            "Every pursued dimension has reached its target, or none has a target yet: "
            "set targets with Edit… on each dimension."
        )
    items = "".join(f"<li>{_escape(s.text, TEXT_MAX)}</li>" for s in suggestions)
    return f"<ol style='margin-left: 12px'>{items}</ol>"


def _escape(text: str, limit: int = LABEL_MAX) -> str:
    """User text in rich text: escaped, cut and breakable (``text_fit``)."""
    return rich(text, limit)
