"""The Metrics section: the metrics the account tracks against their plan (``metric_table``),
one row to add a measurement to the selected metric (date, default today, and a value), and
a small chart per metric with the sentence that judges it (``metrics.progress``)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.value import metric_edits
from cs_planner.domain.value.metrics import number, progress
from cs_planner.ui.common import theme
from cs_planner.ui.common.editors import DateEdit, ErrorLabel
from cs_planner.ui.common.plot import ChartView
from cs_planner.ui.common.theme import MUTED
from cs_planner.ui.common.widgets import perform_or_say
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform
from cs_planner.ui.value.data import ValueData
from cs_planner.ui.value.metric_charts import MetricChart
from cs_planner.ui.value.metric_dialogs import FigureEdit
from cs_planner.ui.value.metric_table import VERDICT_COLOURS, MetricsTable

CARD_HEIGHT = 270  # a chart with its title and sentence, readable on a laptop


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
        self.remove_button = QPushButton("Delete latest")
        self.remove_button.clicked.connect(self.remove_latest)
        self.date_error, self.value_error = ErrorLabel(), ErrorLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.what, 0, 0)
        grid.addWidget(self.on, 0, 1)
        grid.addWidget(self.value, 0, 2)
        grid.addWidget(self.add_button, 0, 3)
        grid.addWidget(self.remove_button, 0, 4)
        grid.addWidget(self.date_error, 1, 1)
        grid.addWidget(self.value_error, 1, 2, 1, 2)
        grid.setColumnStretch(5, 1)
        table.view.selectionModel().selectionChanged.connect(self.follow)
        table.model.modelReset.connect(self.follow)

    def follow(self, *_args: object) -> None:
        row = self.table.selected()
        self.setEnabled(row is not None)
        unit = f" ({row.metric.unit})" if row is not None and row.metric.unit else ""
        self.what.setText(f"Measure {row.metric.name}{unit}:" if row else "Measure:")
        self.value.setPlaceholderText("value")
        latest = row.metric.latest if row is not None else None
        self.remove_button.setEnabled(latest is not None)
        self.remove_button.setToolTip(
            f"Delete the latest measurement ({number(latest[2])} on {latest[1].isoformat()}); "
            "Ctrl+Z undoes it"
            if latest is not None
            else "No measurement yet"
        )
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
            edit = metric_edits.add_measurement(
                data.account_id, row.metric.name, row.id, on, value, today
            )
            perform(self.ctx, edit)
        except ValidationError as exc:
            label = self.date_error if exc.field == "measured_on" else self.value_error
            label.show_message(exc.message)
            return
        self.value.clear()
        self.on.set_value(today)

    def remove_latest(self) -> None:
        """Take back a mistyped measurement found later (the undo stack reaches only so far)."""
        row, data = self.table.selected(), self.table.data
        latest = row.metric.latest if row is not None else None
        if row is None or data is None or latest is None:
            return
        edit = metric_edits.delete_measurement(data.account_id, row.metric.name, latest[0])
        perform_or_say(self.ctx, edit, self.value_error)


class ChartCard(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.canvas = ChartView(min_height=200)
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
            card.canvas.show_chart(MetricChart(metric, judged, data.fy_start_month, data.label))
