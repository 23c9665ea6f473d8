"""One small chart per metric: the measurements against the stepped target line, quarter by
quarter, from the baseline on. Painted with ``ui.common.plot`` (a ``ChartView`` on the
Value tab)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from cs_planner.domain.quarters import add_quarters, quarter_start
from cs_planner.domain.value.metrics import MetricRow, Progress, Verdict, number
from cs_planner.palette import ARR_LINE, BAD, GOOD, MUTED
from cs_planner.ui.common.plot import Canvas, Ink, LegendItem, Scale, axis_ticks, spaced

TARGET = "#9e9e9e"
VERDICT_COLOURS = {Verdict.AHEAD: GOOD, Verdict.ON_PLAN: GOOD, Verdict.BEHIND: BAD}


def span(metric: MetricRow, fy_start_month: int) -> list[dt.date]:
    """The quarters the chart covers: from the first of baseline, measurements and targets
    to the last of them (at least two)."""
    days = [d for d in (metric.baseline_date,) if d is not None]
    days += [d for _i, d, _v in metric.values] + [q for q, _t in metric.targets]
    if not days:
        return []
    first = quarter_start(min(days), fy_start_month)
    last = quarter_start(max(days), fy_start_month)
    quarters = [first]
    while quarters[-1] < last or len(quarters) < 2:
        quarters.append(add_quarters(quarters[-1], 1))
    return quarters


NO_FIGURES = "No baseline, target or measurement yet"
Align = Qt.AlignmentFlag


@dataclass(frozen=True)
class MetricChart:
    metric: MetricRow
    judged: Progress
    fy_start_month: int
    label: Callable[[dt.date], str]

    def paint(self, painter: QPainter, rect: QRectF, ink: Ink) -> list[str]:
        c = Canvas(painter, ink)
        metric = self.metric
        quarters = span(metric, self.fy_start_month)
        if not quarters:
            c.centred_note(rect, NO_FIGURES, 8)
            return c.texts
        end = add_quarters(quarters[-1], 1)
        values = [t for _q, t in metric.targets] + [v for _i, _d, v in metric.values]
        values += [metric.baseline] if metric.baseline is not None else []
        low, high = min(values), max(values)
        pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
        ticks = axis_ticks(low - pad, high + pad, 4)
        labels = [number(round(t, 1)) for t in ticks]
        items = []
        if metric.targets:
            items.append(LegendItem("Target", TARGET, 1.4, Qt.PenStyle.DashLine))
        if metric.baseline is not None:
            items.append(LegendItem("Baseline", MUTED, 5, box=True))
        if metric.values:
            items.append(LegendItem("Measured", ARR_LINE, 1.8))
        c.legend(items, QPointF(rect.right(), rect.top()), align=Align.AlignRight, points=7)
        top = rect.top() + c.line_height(7) + 6 * c.px
        left = rect.left() + max(c.width(t, 7) for t in labels) + 6 * c.px
        bottom = rect.bottom() - c.line_height(7) - 4 * c.px
        area = QRectF(left, top, rect.right() - left - 4 * c.px, bottom - top)
        if area.height() < 20 * c.px or area.width() < 40 * c.px:
            return c.texts
        xs = Scale(quarters[0].toordinal() - 5, end.toordinal(), area.left(), area.right())
        ys = Scale(ticks[0], ticks[-1], area.bottom(), area.top())
        for tick, text in zip(ticks, labels, strict=True):
            y = ys(tick)
            c.polyline(
                [QPointF(area.left(), y), QPointF(area.right(), y)],
                c.pen(ink.text, 0.6, alpha=0.12),
            )
            c.text(
                QPointF(area.left() - 4 * c.px, y),
                text,
                points=7,
                colour=ink.text,
                align=Align.AlignRight | Align.AlignVCenter,
            )
        if metric.targets:
            steps: list[QPointF] = []
            bounds = [q.toordinal() for q, _t in metric.targets[1:]] + [end.toordinal()]
            for (q, t), until in zip(metric.targets, bounds, strict=True):
                steps += [QPointF(xs(q.toordinal()), ys(t)), QPointF(xs(until), ys(t))]
            c.polyline(steps, c.pen(TARGET, 1.4, Qt.PenStyle.DashLine))
        if metric.baseline is not None:
            at = (metric.baseline_date or quarters[0]).toordinal()
            c.markers([QPointF(xs(at), ys(metric.baseline))], MUTED, 2.5, square=True)
        if metric.values:
            points = [QPointF(xs(d.toordinal()), ys(v)) for _i, d, v in metric.values]
            c.polyline(points, c.pen(ARR_LINE, 1.8))
            c.markers(points, ARR_LINE, 2)
            colour = VERDICT_COLOURS.get(self.judged.verdict)
            if colour is not None:
                c.markers(points[-1:], colour, 3.5)
        shown = [self.label(q) for q in quarters]
        step = max(spaced(shown, area.width(), lambda t: c.width(t, 7)), len(quarters) // 6 or 1)
        for n in range(0, len(quarters), step):
            c.text(
                QPointF(xs(quarters[n].toordinal()), area.bottom() + 3 * c.px),
                shown[n],
                points=7,
                colour=ink.text,
                align=Align.AlignHCenter | Align.AlignTop,
            )
        c.polyline(
            [area.topLeft(), area.bottomLeft(), area.bottomRight()], c.pen(ink.text, 0.8, alpha=0.5)
        )
        return c.texts
