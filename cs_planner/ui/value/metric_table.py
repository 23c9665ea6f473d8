"""The table of the metrics an account tracks against their plan: Insert tracks one (a
definition, its baseline and date), Enter sets a quarter's target, Del stops tracking it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from cs_planner.domain.edits import Edit, Insert
from cs_planner.domain.enums import MetricSource
from cs_planner.domain.model import AccountMetric
from cs_planner.domain.quarters import next_quarters
from cs_planner.domain.value import metric_edits
from cs_planner.domain.value.metrics import MetricRow, Progress, Verdict, progress, with_unit
from cs_planner.ui.common.columns import StretchWhenRoom
from cs_planner.ui.common.table_model import Align, Col, RowsModel, fit_columns
from cs_planner.ui.common.theme import BAD, GOOD, MUTED
from cs_planner.ui.common.widgets import ListPanel
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run
from cs_planner.ui.value.data import ValueData
from cs_planner.ui.value.metric_dialogs import TargetDialog, TrackMetricDialog

NO_METRICS = (
    "No metric tracked yet. Track the figures that show value — some from product usage, "
    "some the customer shares with consent — with a day-one baseline (Insert)."
)
CONSENT = "Customer-provided: collected with the customer's consent"
VERDICT_COLOURS = {Verdict.AHEAD: GOOD, Verdict.ON_PLAN: GOOD, Verdict.BEHIND: BAD}
TARGET_QUARTERS = 8  # this quarter and the seven after it


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
