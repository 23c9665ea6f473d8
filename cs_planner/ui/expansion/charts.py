"""The expansion charts: ARR history with the zero-to-50x projection and the radar of the
six dimensions (the tab and the PDF), expected ARR by dimension (the portfolio page).
Painted with the QPainter kit of ``ui.common.plot``: the same chart on screen and paper."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from cs_planner.domain.expansion.rows import (
    REFERENCE_MULTIPLES,
    DimensionRow,
    ExpansionData,
    PortfolioExpansion,
)
from cs_planner.domain.quarters import add_quarters
from cs_planner.palette import ARR_LINE, MULTIPLE_LINES
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.plot import (
    Canvas,
    Ink,
    LegendItem,
    Scale,
    axis_ticks,
    log_ticks,
    spaced,
)
from cs_planner.ui.common.theme import BAD

ACTUAL = PLAN = ARR_LINE
TARGET = "#9e9e9e"
REFERENCE = MULTIPLE_LINES
Align = Qt.AlignmentFlag
DASHED, DOTTED = Qt.PenStyle.DashLine, Qt.PenStyle.DotLine
PROJECTION_TITLE = "ARR: history and the next 8 quarters"
BAR_MOST = 30  # the thickest bar, in pixels


NO_ARR_YET = (
    "No ARR yet, so no multiple to project: enter the ARR on the Overview tab\n"
    "to see the path to 5x, 20x and 50x of the initial deal."
)


def projection_series(data: ExpansionData) -> tuple[list[dt.date], list[float], int]:
    """The quarters on the x axis, the actual ARR by quarter (the history, ending with
    today's ARR in the current quarter) and the index of the current quarter, where the
    projection starts."""
    now = add_quarters(data.projection.quarters[0], -1)
    history = [(q, v) for q, v in data.history if q < now] + [(now, data.arr)]
    quarters = [q for q, _ in history] + list(data.projection.quarters)
    return quarters, [v for _, v in history], len(history) - 1


@dataclass(frozen=True)
class ProjectionChart:
    """ARR history (solid), the weighted projection (dashed) and the best case (dotted),
    on a log scale so that 5x, 20x and 50x of the initial deal are all in view."""

    data: ExpansionData

    def paint(self, painter: QPainter, rect: QRectF, ink: Ink) -> list[str]:
        c = Canvas(painter, ink)
        data, p = self.data, self.data.projection
        quarters, actual, start = projection_series(data)
        weighted = [data.arr, *p.weighted] if p.has_arr else []
        best = [data.arr, *p.best] if p.has_arr else []
        x = data.initial_deal_value
        values = [v for v in (*actual, *best) if v > 0] or [x]
        low = min(min(values), x) * 0.7
        high = max(max(values), x * max(REFERENCE_MULTIPLES)) * 1.25
        ticks = log_ticks(low, high)
        money = [fmt.compact_money(t, data.currency) for t in ticks]

        # The title, the legend beside it (or under it when the width is short).
        c.text(
            rect.topLeft(),
            PROJECTION_TITLE,
            points=10,
            bold=True,
            align=Align.AlignLeft | Align.AlignTop,
        )
        items = [LegendItem("ARR (actual)", ACTUAL, 2.2)]
        if p.has_arr:
            items += [
                LegendItem("Projected (weighted)", PLAN, 2, DASHED),
                LegendItem("Best case", PLAN, 1.2, DOTTED),
            ]
        head = c.line_height(10, bold=True)
        legend_width = sum(c.width(i.label) + 30 * c.px for i in items)
        beside = c.width(PROJECTION_TITLE, 10, bold=True) + legend_width + 20 * c.px
        row = rect.top() if beside <= rect.width() else rect.top() + head + 2 * c.px
        c.legend(
            items, QPointF(rect.right(), row + (head - c.line_height()) / 2), align=Align.AlignRight
        )
        top = max(rect.top() + head, row + c.line_height()) + 10 * c.px
        left = rect.left() + max(c.width(m) for m in money) + 8 * c.px
        bottom = rect.bottom() - c.line_height() - 6 * c.px
        area = QRectF(left, top, rect.right() - left - 4 * c.px, bottom - top)
        if area.height() < 20 * c.px or area.width() < 40 * c.px:
            return c.texts
        xs = Scale(-0.3, len(quarters) - 0.7, area.left(), area.right())
        ys = Scale(low, high, area.bottom(), area.top(), log=True)

        for tick, label in zip(ticks, money, strict=True):
            y = ys(tick)
            c.polyline(
                [QPointF(area.left(), y), QPointF(area.right(), y)],
                c.pen(ink.text, 0.6, alpha=0.12),
            )
            c.text(
                QPointF(area.left() - 6 * c.px, y),
                label,
                colour=ink.text,
                align=Align.AlignRight | Align.AlignVCenter,
            )
        self._multiples(c, area, ys, x)
        self._marks(c, area, xs, quarters, start)
        ahead = range(start, len(quarters))
        if p.has_arr:
            upper = [QPointF(xs(i), ys(v)) for i, v in zip(ahead, best, strict=True)]
            lower = [QPointF(xs(i), ys(v)) for i, v in zip(ahead, weighted, strict=True)]
            c.fill([*upper, *reversed(lower)], PLAN, 0.08)
            c.polyline(lower, c.pen(PLAN, 2, DASHED))
            c.polyline(upper, c.pen(PLAN, 1.2, DOTTED))
        history = [QPointF(xs(i), ys(v)) for i, v in enumerate(actual)]
        c.polyline(history, c.pen(ACTUAL, 2.2))
        c.markers(history, ACTUAL, 2.5)
        if p.has_arr:
            end = QPointF(xs(len(quarters) - 1), ys(weighted[-1]) - 4 * c.px)
            c.text(
                end,
                fmt.multiple(p.weighted_multiple_at(len(p.weighted))),
                points=9,
                colour=ink.of(PLAN),
                bold=True,
                align=Align.AlignRight | Align.AlignBottom,
            )
        else:
            c.centred_note(area.adjusted(20 * c.px, 0, -20 * c.px, 0), NO_ARR_YET, 11)
        self._quarters(c, rect, area, xs, quarters)
        c.polyline(
            [area.topLeft(), area.bottomLeft(), area.bottomRight()], c.pen(ink.text, 0.8, alpha=0.5)
        )
        return c.texts

    def _multiples(self, c: Canvas, area: QRectF, ys: Scale, x: float) -> None:
        """The initial deal (1x) and the 5x, 20x and 50x lines, labelled at the left."""
        currency = self.data.currency
        lines = [(1, f"1x = {fmt.compact_money(x, currency)}", c.ink.muted, Qt.PenStyle.SolidLine)]
        for m in REFERENCE_MULTIPLES:
            colour = c.ink.of(REFERENCE[m])
            lines.append((m, f"{m}x  {fmt.compact_money(x * m, currency)}", colour, DASHED))
        for multiple, label, colour, style in lines:
            y = ys(x * multiple)
            c.polyline(
                [QPointF(area.left(), y), QPointF(area.right(), y)],
                c.pen(colour, 1 if multiple > 1 else 0.8, style, 0.8),
            )
            c.text(QPointF(area.left() + 3 * c.px, y - 2 * c.px), label, colour=colour)

    def _marks(
        self, c: Canvas, area: QRectF, xs: Scale, quarters: Sequence[dt.date], start: int
    ) -> None:
        """The framework's yardstick (quarters 6 and 8 after the first deal) and today."""
        pace = self.data.pace
        taken: list[QRectF] = []
        for m in pace.milestones if pace is not None else ():
            if m.quarter not in quarters:
                continue
            x = xs(quarters.index(m.quarter))
            c.polyline(
                [QPointF(x, area.top()), QPointF(x, area.bottom())], c.pen(PLAN, 0.8, DOTTED, 0.6)
            )
            y = area.top() + 2 * c.px
            label = f"Q{m.number} after first deal"
            # Two milestones close together: the second label goes a line lower.
            while any(
                r.intersects(QRectF(x, y, c.width(label, 7), c.line_height(7))) for r in taken
            ):
                y += c.line_height(7)
            taken.append(
                c.text(
                    QPointF(x + 3 * c.px, y),
                    label,
                    points=7,
                    colour=c.ink.of(PLAN),
                    align=Align.AlignLeft | Align.AlignTop,
                )
            )
        x = xs(start)
        c.polyline(
            [QPointF(x, area.top()), QPointF(x, area.bottom())], c.pen(c.ink.muted, 0.8, DOTTED)
        )
        c.text(QPointF(x + 3 * c.px, area.bottom() - 3 * c.px), "today", colour=c.ink.muted)

    def _quarters(
        self, c: Canvas, rect: QRectF, area: QRectF, xs: Scale, quarters: Sequence[dt.date]
    ) -> None:
        labels = [self.data.label(q) for q in quarters]
        step = spaced(labels, area.width(), c.width)
        for n in range(0, len(labels), step):
            # Centred under its quarter, but never past the chart's right edge.
            x = min(xs(n), rect.right() - c.width(labels[n]) / 2)
            c.text(
                QPointF(x, area.bottom() + 4 * c.px),
                labels[n],
                colour=c.ink.text,
                align=Align.AlignHCenter | Align.AlignTop,
            )


def radar_label(row: DimensionRow) -> str:
    if not row.values.applies:
        return f"{row.dimension.label}\n(not pursued)"
    if row.values.target is None or row.current is None:
        return f"{row.dimension.label}\n(no target)"
    if row.below_baseline:
        return f"{row.dimension.label}\nbelow baseline"
    return f"{row.dimension.label}\n{row.progress or 0.0:.0%}"


@dataclass(frozen=True)
class RadarChart:
    """Each dimension's progress from its baseline (the centre) to its target (the dashed
    ring): the measure the cards' bars show (``DimensionRow.progress``). A dimension below
    its baseline sits at the centre, labelled in red."""

    dimensions: Sequence[DimensionRow]

    def shares(self) -> list[float]:
        return [(row.progress if row.values.applies else None) or 0.0 for row in self.dimensions]

    def paint(self, painter: QPainter, rect: QRectF, ink: Ink) -> list[str]:
        c = Canvas(painter, ink)
        count = len(self.dimensions)
        if not count:
            return c.texts
        labels = [radar_label(row) for row in self.dimensions]
        legend = [LegendItem("Target", TARGET, 1.2, DASHED), LegendItem("Current", ACTUAL, 2)]
        c.legend(legend, QPointF(rect.right(), rect.top()), align=Align.AlignRight)
        label_w = max(max(c.width(line) for line in text.split("\n")) for text in labels)
        label_h = 2 * c.line_height()
        top = rect.top() + c.line_height() + 4 * c.px
        room = QRectF(rect.left(), top, rect.width(), rect.bottom() - top)
        # The labels sit just outside the ring (at 1.12 of it), wholly inside the room.
        out = 1.12
        radius = min(room.width() / 2 - label_w - 4 * c.px, room.height() / 2 - label_h) / out
        if radius < 20 * c.px:
            return c.texts
        centre = room.center()

        def point(n: int, share: float) -> QPointF:
            angle = 2 * math.pi * n / count  # the first at the top, then clockwise
            return QPointF(
                centre.x() + radius * share * math.sin(angle),
                centre.y() - radius * share * math.cos(angle),
            )

        grid = c.pen(ink.text, 0.6, alpha=0.15)
        for n in range(count):
            c.polyline([centre, point(n, 1.1)], grid)
        painter.setPen(grid)
        painter.drawEllipse(centre, radius / 2, radius / 2)
        for ring, text in ((0.5, "50%"), (1.0, "100%")):
            c.text(
                QPointF(centre.x() + 3 * c.px, centre.y() - radius * ring),
                text,
                points=7,
                colour=ink.muted,
            )
        painter.setPen(c.pen(TARGET, 1.2, DASHED))
        painter.drawEllipse(centre, radius, radius)
        shape = [point(n, share) for n, share in enumerate(self.shares())]
        c.fill(shape, ACTUAL, 0.15)
        c.polyline([*shape, shape[0]], c.pen(ACTUAL, 2))
        for n, (row, text) in enumerate(zip(self.dimensions, labels, strict=True)):
            at = point(n, out)
            dx, dy = at.x() - centre.x(), at.y() - centre.y()
            horizontal = (
                Align.AlignHCenter
                if abs(dx) < radius * 0.2
                else Align.AlignLeft
                if dx > 0
                else Align.AlignRight
            )
            vertical = (
                Align.AlignVCenter
                if abs(dy) < radius * 0.5
                else Align.AlignBottom
                if dy < 0
                else Align.AlignTop
            )
            red = row.values.applies and row.below_baseline
            c.text(at, text, colour=ink.of(BAD) if red else ink.text, align=horizontal | vertical)
        return c.texts


NO_PIPELINE = "No open opportunity yet:\nadd them on an account's\nExpansion tab."


@dataclass(frozen=True)
class DimensionBars:
    """Expected and best-case expansion ARR by dimension, as horizontal bars, the first
    dimension at the top."""

    data: PortfolioExpansion

    def rows(self) -> list[tuple[str, float, float]]:
        """(dimension, expected, best), top to bottom."""
        return [(d.label, w, b) for d, w, b, _n in self.data.by_dimension]

    def paint(self, painter: QPainter, rect: QRectF, ink: Ink) -> list[str]:
        c = Canvas(painter, ink)
        rows = self.rows()
        if not any(best for _l, _w, best in rows):
            c.centred_note(rect, NO_PIPELINE, 9)
            return c.texts
        legend = [
            LegendItem("Best case", PLAN, box=True, alpha=0.18),
            LegendItem("Expected (weighted)", PLAN, box=True),
        ]
        c.legend(legend, QPointF(rect.center().x(), rect.top()), align=Align.AlignHCenter)
        top = rect.top() + c.line_height() + 8 * c.px
        left = rect.left() + max(c.width(label) for label, _w, _b in rows) + 8 * c.px
        bottom = rect.bottom() - c.line_height() - 6 * c.px
        area = QRectF(left, top, rect.right() - left - 12 * c.px, bottom - top)
        if area.height() < len(rows) * 4 * c.px or area.width() < 40 * c.px:
            return c.texts
        ticks = axis_ticks(0, max(best for _l, _w, best in rows), 5)
        xs = Scale(0, ticks[-1], area.left(), area.right())
        for tick in ticks:
            x = xs(tick)
            c.polyline(
                [QPointF(x, area.top()), QPointF(x, area.bottom())],
                c.pen(ink.text, 0.6, alpha=0.12),
            )
            c.text(
                QPointF(x, area.bottom() + 4 * c.px),
                fmt.compact_money(tick, self.data.currency),
                colour=ink.text,
                align=Align.AlignHCenter | Align.AlignTop,
            )
        slot = area.height() / len(rows)
        thick = min(slot * 0.8, BAR_MOST * c.px)  # a tall page spaces the bars out
        for n, (label, expected, best) in enumerate(rows):
            y = area.top() + (n + 0.5) * slot - thick / 2
            for value, alpha in ((best, 0.18), (expected, 1.0)):
                bar = QRectF(area.left(), y, xs(value) - area.left(), thick)
                c.fill(
                    [bar.topLeft(), bar.topRight(), bar.bottomRight(), bar.bottomLeft()],
                    PLAN,
                    alpha,
                )
            c.text(
                QPointF(area.left() - 6 * c.px, y + slot * 0.4),
                label,
                colour=ink.text,
                align=Align.AlignRight | Align.AlignVCenter,
            )
        c.polyline(
            [area.topLeft(), area.bottomLeft(), area.bottomRight()], c.pen(ink.text, 0.8, alpha=0.5)
        )
        return c.texts
