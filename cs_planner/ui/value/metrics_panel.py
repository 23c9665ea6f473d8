"""The Metrics section: the metrics the account tracks against their plan (a table), one
row to add a measurement to the selected metric (date, default today, and a value), and a
small chart per metric with the sentence that judges it (``metrics.progress``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.edits import Edit, Insert
from cs_planner.domain.enums import MetricSource
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import AccountMetric
from cs_planner.domain.quarters import next_quarters
from cs_planner.domain.value import metric_edits
from cs_planner.domain.value.metrics import MetricRow, Progress, Verdict, progress, with_unit
from cs_planner.ui.common import theme
from cs_planner.ui.common.columns import StretchWhenRoom
from cs_planner.ui.common.editors import DateEdit, ErrorLabel
from cs_planner.ui.common.table_model import Align, Col, RowsModel, fit_columns
from cs_planner.ui.common.theme import BAD, GOOD, MUTED
from cs_planner.ui.common.widgets import ListPanel
from cs_planner.ui.expansion.charts import ChartCanvas
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run, perform
from cs_planner.ui.value.data import ValueData
from cs_planner.ui.value.metric_charts import draw_metric
from cs_planner.ui.value.metric_dialogs import FigureEdit, TargetDialog, TrackMetricDialog

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NO_METRICS = (
    "No metric tracked yet. Track the figures that show value — some from product usage, "
    "some the customer shares with consent — with a day-one baseline (Insert)."
)
CONSENT = "Customer-provided: collected with the customer's consent"
VERDICT_COLOURS = {Verdict.AHEAD: GOOD, Verdict.ON_PLAN: GOOD, Verdict.BEHIND: BAD}
TARGET_QUARTERS = 8  # this quarter and the seven after it
CARD_HEIGHT = 270  # a chart with its title and sentence, readable on a laptop


@dataclass(frozen=True)
class PlanRow:
    id: int
    metric: MetricRow
    judged: Progress


def _figure(value: float | None, unit: str) -> str:
    return "—" if value is None else with_unit(value, unit)


def _on(what: str, on: dt.date | None) -> str | None:
    return f"{what} on {on.isoformat()}" if on else None


def plan_columns(data: ValueData | None) -> list[Col[PlanRow]]:
    def target(r: PlanRow) -> str:
        j = r.judged
        if j.target is None or j.quarter is None:
            return "—"
        where = data.label(j.quarter) if data else j.quarter.isoformat()
        return f"{with_unit(j.target, r.metric.unit)} ({where})"

    def source(r: PlanRow) -> str:
        return "customer" if r.metric.source == MetricSource.CUSTOMER_PROVIDED else "usage"

    # The verdict next to the name: on a laptop the columns after it scroll sideways.
    return [
        Col("Metric", lambda r: r.metric.name, lambda r: r.metric.name.lower(),
            tip=lambda r: r.metric.description or None),
        Col("Against plan", lambda r: r.judged.text, lambda r: r.judged.gap,
            colour=lambda r: VERDICT_COLOURS.get(r.judged.verdict, MUTED)),
        Col("Latest", lambda r: _figure(r.judged.latest, r.metric.unit),
            lambda r: r.judged.measured_on or dt.date.min, Align.RIGHT,
            tip=lambda r: _on("Measured", r.judged.measured_on)),
        Col("Target in force", target, lambda r: r.judged.quarter or dt.date.min, Align.RIGHT,
            header_tip="The target of the latest measurement's quarter (or the one before)"),
        Col("Baseline", lambda r: _figure(r.metric.baseline, r.metric.unit),
            lambda r: r.metric.baseline_date or dt.date.min, Align.RIGHT,
            tip=lambda r: _on("Taken", r.metric.baseline_date),
            header_tip="The value on day one (the date in the cell's tooltip)"),
        Col("Better", lambda r: "lower" if r.metric.lower_is_better else "higher",
            lambda r: r.metric.lower_is_better, header_tip="Whether higher or lower is better"),
        Col("Source", source, lambda r: r.metric.source.value,
            tip=lambda r: CONSENT if r.metric.source == MetricSource.CUSTOMER_PROVIDED
            else "From product usage data",
            header_tip="Product usage data, or figures the customer shares with consent"),
    ]  # fmt: skip


class MetricsTable(ListPanel):
    """The tracked metrics: Insert tracks one, Enter sets a target, Del stops tracking."""

    def __init__(self, ctx: AppContext) -> None:
        self.model: RowsModel[PlanRow] = RowsModel(plan_columns(None))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        super().__init__(ctx, "Metrics against plan", self.table, NO_METRICS, "Track metric…")
        self.model.setParent(self)
        fit_columns(self.table, self.model)
        StretchWhenRoom(self.table, 1)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # As tall as a few metrics: the charts below want the room.
        self.add_button.setToolTip("Track another metric, with its baseline (Insert)")
        self.edit_button.setText("Set target…")
        self.edit_button.setToolTip("Set the selected metric's target for a quarter (Enter)")
        self.delete_button.setText("Stop tracking")
        self.delete_button.setToolTip(
            "Stop tracking the selected metric, with its targets and measurements (Del); "
            "Ctrl+Z undoes it"
        )
        self.data: ValueData | None = None

    def show_data(self, data: ValueData) -> None:
        self.data = data
        rows = [PlanRow(m.id, m, progress(m)) for m in data.metrics]
        self.set_rows(data.account_id, data.account_name,
                      lambda: self.model.set_rows(rows, plan_columns(data)))  # fmt: skip
        if self.selected() is None and rows:
            self.select(self.model.rows()[0].id)
        # As tall as its rows (three at least, seven at most): the charts want the room.
        row = self.table.verticalHeader().defaultSectionSize()
        shown = min(7, max(3, len(rows)))
        frame = 2 * self.table.frameWidth() + self.table.horizontalScrollBar().sizeHint().height()
        self.stack.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                    + shown * row + frame)  # fmt: skip

    def add(self) -> None:
        data = self.data
        if data is None:
            return
        tracked = {m.metric_id for m in data.metrics}
        choices = [d for d in data.definitions if d.id not in tracked]
        if not choices:
            self.error.show_message("The account tracks every metric the portfolio defines.")
            return
        today, account_id = self._ctx.today(), data.account_id
        names = {d.id: d.name for d in choices}

        def edit(v: tuple[int, float | None, dt.date | None]) -> Insert[AccountMetric]:
            return metric_edits.track_metric(account_id, names[v[0]], v[0], v[1], v[2], today)

        values = TrackMetricDialog.ask(self, choices, today, self._checker(edit))
        if values is not None:
            self.perform_insert(edit(values))

    def edit(self) -> None:
        row, data = self.selected(), self.data
        if row is None or data is None:
            return
        today, metric = self._ctx.today(), row.metric
        quarters = next_quarters(today, TARGET_QUARTERS, data.fy_start_month)

        def edit(v: tuple[dt.date, float]) -> metric_edits.SetMetricTarget:
            text = f"Target {metric.name} for {data.label(v[0])}: {with_unit(v[1], metric.unit)}"
            return metric_edits.SetMetricTarget(text, data.account_id, metric.id, v[0], v[1], today,
                                           data.fy_start_month)  # fmt: skip

        choices = [(data.label(q), q) for q in quarters]
        values = TargetDialog.ask(self, metric, choices, self._checker(edit))
        if values is not None:
            self.perform(edit(values))

    def _checker(self, edit: Callable[[Any], Edit]) -> Callable[[Any], None]:
        """A dialog's check: a dry run of the edit its values make."""
        return lambda values: dry_run(self._ctx, lambda s: edit(values).apply(s))

    def delete(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            row, account_id, _name = chosen
            self.perform(metric_edits.untrack_metric(account_id, row.metric.name, row.id))


class MeasureRow(QWidget):
    """Measure the selected metric: a date (today unless changed) and a value, Enter adds."""

    def __init__(self, ctx: AppContext, table: MetricsTable) -> None:
        super().__init__()
        self.ctx, self.table = ctx, table
        self.what = QLabel("Measure:")
        self.on = DateEdit("The measurement date", "measured_on")
        self.on.setToolTip("Today or earlier, not before the baseline (empty: today)")
        self.value = FigureEdit("The measured value", "value")
        self.value.setToolTip("The value measured (Enter adds it)")
        self.value.returnPressed.connect(self.add)
        self.add_button = QPushButton("Add measurement")
        self.add_button.setToolTip("Add the measurement (Enter in the value); Ctrl+Z undoes it")
        self.add_button.clicked.connect(self.add)
        self.date_error, self.value_error = ErrorLabel(), ErrorLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.what, 0, 0)
        grid.addWidget(self.on, 0, 1)
        grid.addWidget(self.value, 0, 2)
        grid.addWidget(self.add_button, 0, 3)
        grid.addWidget(self.date_error, 1, 1)
        grid.addWidget(self.value_error, 1, 2, 1, 2)
        grid.setColumnStretch(4, 1)
        table.view.selectionModel().selectionChanged.connect(self.follow)
        table.model.modelReset.connect(self.follow)

    def follow(self, *_args: object) -> None:
        row = self.table.selected()
        self.setEnabled(row is not None)
        unit = f" ({row.metric.unit})" if row is not None and row.metric.unit else ""
        self.what.setText(f"Measure {row.metric.name}{unit}:" if row else "Measure:")
        self.value.setPlaceholderText("value")
        if self.on.line.text() == "":
            self.on.set_value(self.ctx.today())

    def add(self) -> None:
        row, data = self.table.selected(), self.table.data
        self.date_error.clear_message()
        self.value_error.clear_message()
        if row is None or data is None:
            return
        today = self.ctx.today()
        try:
            on = self.on.value() or today
            value = self.value.value()
            assert value is not None
            edit = metric_edits.add_measurement(data.account_id, row.metric.name, row.id, on, value,
                                           today)  # fmt: skip
            perform(self.ctx, edit)
        except ValidationError as exc:
            label = self.date_error if exc.field == "measured_on" else self.value_error
            label.show_message(exc.message)
            return
        self.value.clear()
        self.on.set_value(today)


class ChartCard(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.canvas = ChartCanvas(min_height=200)
        self.setFixedHeight(CARD_HEIGHT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.verdict)
        layout.addWidget(self.canvas, 1)


class MetricsPanel(QWidget):
    COLUMNS = 2

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ValueData | None = None
        self.table = MetricsTable(ctx)
        self.measure = MeasureRow(ctx, self.table)
        self.measure.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.cards: list[ChartCard] = []
        self._stale = False
        self.charts = QWidget()
        column = QVBoxLayout(self.charts)
        column.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        column.addLayout(self.grid)
        column.addStretch(1)  # the cards keep their height; room left stays below them
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.charts)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.measure)
        layout.addWidget(scroll, 1)
        self.chart_scroll = scroll

    def show_data(self, data: ValueData) -> None:
        self.data = data
        self.table.show_data(data)
        data = replace(data, metrics=tuple(r.metric for r in self.table.model.rows()))
        self.data = data
        self.measure.follow()
        self.chart_scroll.setVisible(bool(data.metrics))
        while len(self.cards) < len(data.metrics):
            card = ChartCard()
            n = len(self.cards)
            self.grid.addWidget(card, n // self.COLUMNS, n % self.COLUMNS)
            self.cards.append(card)
        for n, card in enumerate(self.cards):
            card.setVisible(n < len(data.metrics))
        for card, metric in zip(self.cards, data.metrics, strict=False):
            judged = progress(metric)
            card.title.setText(f"{metric.name}" + (f" ({metric.unit})" if metric.unit else ""))
            card.verdict.setText(judged.text[:1].upper() + judged.text[1:])
            colour = VERDICT_COLOURS.get(judged.verdict, MUTED)
            card.verdict.setStyleSheet(f"color: {theme.ink(colour).name()};")
        self._stale = True
        QTimer.singleShot(0, self, self.draw_charts)

    def draw_charts(self) -> None:
        """Draw once the layout has settled and only while on screen."""
        data = self.data
        if data is None or not self._stale or not self.isVisible():
            return
        self._stale = False
        for card, metric in zip(self.cards, data.metrics, strict=False):
            judged = progress(metric)
            card.canvas.draw(partial(draw_chart, metric=metric, judged=judged, data=data))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.draw_charts()


def draw_chart(figure: Figure, *, metric: MetricRow, judged: Progress, data: ValueData) -> None:
    draw_metric(figure, metric, judged, data.fy_start_month, data.label)
