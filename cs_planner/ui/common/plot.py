"""A small chart kit painted with QPainter: scales and ticks, lines, labels and a legend,
and ``ChartView``, the widget a chart is shown in. A chart is an object whose
``paint(painter, rect, ink)`` returns the texts it drew, so one chart paints a tab and a
PDF page (vector). matplotlib stays for the workbooks' pictures: in the window it cost
50 MB and the first chart a second of imports."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from cs_planner.palette import MUTED
from cs_planner.ui.common import theme

Align = Qt.AlignmentFlag
PAPER_TEXT = "#1a1a1a"
MIN_WIDTH = 220  # a chart squeezed narrower says nothing


@dataclass(frozen=True)
class Ink:
    """The colours a chart's text and axes take: the window's palette on screen, dark ink
    on paper."""

    text: QColor
    muted: QColor
    paper: bool = False
    text_scale: float = 1.0  # the widget's type against the app's (workshop mode: larger)

    def of(self, colour: str) -> QColor:
        """A colour that means something, readable as text on this background."""
        return QColor(colour) if self.paper else theme.ink(colour)

    @classmethod
    def screen(cls, widget: QWidget) -> Ink:
        usual = QFontInfo(QApplication.font()).pixelSize()
        scale = max(1.0, QFontInfo(widget.font()).pixelSize() / max(usual, 1))
        return cls(widget.palette().windowText().color(), QColor(theme.muted_text()), False, scale)

    @classmethod
    def on_paper(cls) -> Ink:
        return cls(QColor(PAPER_TEXT), QColor(MUTED), paper=True)


class Chart(Protocol):
    def paint(self, painter: QPainter, rect: QRectF, ink: Ink) -> list[str]:
        """Paint in ``rect``; the texts drawn."""
        ...


class Canvas:
    """One painting of a chart: sizes in the device's units (a pixel at 96 dpi, scaled on
    a PDF page), text in points, and the texts drawn kept (``texts``: what a test reads)."""

    def __init__(self, painter: QPainter, ink: Ink) -> None:
        self.painter, self.ink = painter, ink
        self.px = max(painter.device().logicalDpiY(), 1) / 96
        self.texts: list[str] = []
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def font(self, points: float, *, bold: bool = False) -> QFont:
        font = QFont(self.painter.font())
        font.setPointSizeF(points * self.ink.text_scale)
        font.setBold(bold)
        return font

    def metrics(self, points: float, *, bold: bool = False) -> QFontMetricsF:
        return QFontMetricsF(self.font(points, bold=bold), self.painter.device())

    def pen(
        self,
        colour: QColor | str,
        width: float,
        style: Qt.PenStyle = Qt.PenStyle.SolidLine,
        alpha: float = 1.0,
    ) -> QPen:
        colour = QColor(colour)
        colour.setAlphaF(alpha)
        pen = QPen(colour, width * self.px, style)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def text(
        self,
        at: QPointF,
        text: str,
        *,
        points: float = 8,
        colour: QColor | None = None,
        bold: bool = False,
        align: Qt.AlignmentFlag = Align.AlignLeft | Align.AlignBottom,
    ) -> QRectF:
        """``text`` placed by ``align`` around ``at`` (bottom-left: the text sits above
        and to the right of it); the rectangle it takes."""
        metrics = self.metrics(points, bold=bold)
        size = metrics.boundingRect(QRectF(0, 0, 1e6, 1e6), 0, text).size()
        x, y = at.x(), at.y()
        if align & Align.AlignRight:
            x -= size.width()
        elif align & Align.AlignHCenter:
            x -= size.width() / 2
        if align & Align.AlignBottom:
            y -= size.height()
        elif align & Align.AlignVCenter:
            y -= size.height() / 2
        box = QRectF(x, y, size.width(), size.height())
        flags = int(align & (Align.AlignLeft | Align.AlignRight | Align.AlignHCenter))
        self.painter.setFont(self.font(points, bold=bold))
        self.painter.setPen(colour if colour is not None else self.ink.text)
        self.painter.drawText(box, flags, text)
        self.texts.append(text)
        return box

    def width(self, text: str, points: float = 8, *, bold: bool = False) -> float:
        return self.metrics(points, bold=bold).horizontalAdvance(text)

    def line_height(self, points: float = 8, *, bold: bool = False) -> float:
        return self.metrics(points, bold=bold).height()

    def polyline(self, points: Sequence[QPointF], pen: QPen) -> None:
        if len(points) > 1:
            self.painter.setPen(pen)
            self.painter.drawPolyline(QPolygonF(list(points)))

    def markers(
        self,
        points: Sequence[QPointF],
        colour: QColor | str,
        radius: float,
        *,
        square: bool = False,
    ) -> None:
        self.painter.setPen(Qt.PenStyle.NoPen)
        self.painter.setBrush(QColor(colour))
        r = radius * self.px
        for p in points:
            if square:
                self.painter.drawRect(QRectF(p.x() - r, p.y() - r, 2 * r, 2 * r))
            else:
                self.painter.drawEllipse(p, r, r)
        self.painter.setBrush(Qt.BrushStyle.NoBrush)

    def fill(self, points: Sequence[QPointF], colour: str, alpha: float) -> None:
        shade = QColor(colour)
        shade.setAlphaF(alpha)
        self.painter.setPen(Qt.PenStyle.NoPen)
        self.painter.setBrush(shade)
        self.painter.drawPolygon(QPolygonF(list(points)))
        self.painter.setBrush(Qt.BrushStyle.NoBrush)

    def centred_note(self, rect: QRectF, text: str, points: float = 10) -> None:
        """A sentence in the middle of an empty chart, wrapped to its width."""
        self.painter.setFont(self.font(points))
        self.painter.setPen(self.ink.muted)
        flags = int(Align.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.painter.drawText(rect, flags, text)
        self.texts.append(text)

    def legend(
        self,
        items: Sequence[LegendItem],
        at: QPointF,
        *,
        align: Qt.AlignmentFlag,
        points: float = 8,
    ) -> QRectF:
        """The items in one row, placed by ``align`` (left, right or centre) at ``at``'s
        x, their top at its y; the rectangle taken."""
        swatch, gap = 18 * self.px, 10 * self.px
        widths = [swatch + 4 * self.px + self.width(i.label, points) for i in items]
        total = sum(widths) + gap * (len(items) - 1)
        x = at.x() - (
            total if align & Align.AlignRight else total / 2 if align & Align.AlignHCenter else 0
        )
        height = self.line_height(points)
        for item, width in zip(items, widths, strict=True):
            mid = at.y() + height / 2
            if item.box:
                box = QRectF(x + 4 * self.px, mid - 5 * self.px, 10 * self.px, 10 * self.px)
                shade = QColor(item.colour)
                shade.setAlphaF(item.alpha)
                self.painter.fillRect(box, shade)
            else:
                self.polyline([QPointF(x, mid), QPointF(x + swatch, mid)], item.pen(self))
            self.text(
                QPointF(x + swatch + 4 * self.px, at.y()),
                item.label,
                points=points,
                align=Align.AlignLeft | Align.AlignTop,
            )
            x += width + gap
        return QRectF(at.x() - total if align & Align.AlignRight else at.x(), at.y(), total, height)


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str
    width: float = 2.0
    style: Qt.PenStyle = Qt.PenStyle.SolidLine
    box: bool = False  # a filled square (bars) rather than a line
    alpha: float = 1.0

    def pen(self, canvas: Canvas) -> QPen:
        return canvas.pen(self.colour, self.width, self.style, self.alpha)


@dataclass(frozen=True)
class Scale:
    """Data values ``low``..``high`` onto device coordinates ``start``..``end`` (``end``
    below ``start`` for a y axis), linear or logarithmic."""

    low: float
    high: float
    start: float
    end: float
    log: bool = False

    def __call__(self, value: float) -> float:
        if self.log:
            low, high = math.log10(self.low), math.log10(self.high)
            value = math.log10(max(value, self.low))
        else:
            low, high = self.low, self.high
        share = (value - low) / (high - low) if high != low else 0.5
        return self.start + share * (self.end - self.start)


def linear_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round values from ``low`` to ``high``: steps of 1, 2, 2.5 or 5 times a power of
    ten, at most ``most`` of them."""
    span = high - low
    if span <= 0:
        return [low]
    magnitude = 10 ** math.floor(math.log10(span / most))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if span / (m * magnitude) <= most)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [n * step for n in range(first, last + 1)]


def axis_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """``linear_ticks`` widened by a step at either end where needed, so that the axis
    they span holds ``low`` and ``high``."""
    ticks = linear_ticks(low, high, most)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else abs(ticks[0]) or 1.0
    if ticks[0] > low + 1e-9:
        ticks.insert(0, ticks[0] - step)
    if ticks[-1] < high - 1e-9:
        ticks.append(ticks[-1] + step)
    return ticks


def log_ticks(low: float, high: float, most: int = 7) -> list[float]:
    """1, 2 and 5 times each power of ten from ``low`` to ``high``; the powers of ten
    alone (every other one if need be) when that is too many."""
    decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    for multiples, every in (((1, 2, 5), 1), ((1,), 1), ((1,), 2)):
        ticks = [m * 10.0**d for d in decades[::every] for m in multiples]
        ticks = [t for t in ticks if low <= t <= high]
        if len(ticks) <= most:
            return ticks
    return ticks


def spaced(labels: Sequence[str], room: float, width: Callable[[str], float]) -> int:
    """Every how many labels one is shown so that they fit side by side in ``room``."""
    if not labels:
        return 1
    widest = max(width(label) for label in labels) * 1.2
    return max(1, math.ceil(len(labels) * widest / max(room, 1)))


class ChartView(QWidget):
    """A widget showing one chart (``show_chart``), painted whenever Qt paints it."""

    def __init__(self, parent: QWidget | None = None, *, min_height: int = 260) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.painted: list[str] = []
        self.setMinimumHeight(min_height)
        self.setMinimumWidth(MIN_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, self.minimumHeight())

    def texts(self) -> list[str]:
        """The texts of the last painting (what a reader saw)."""
        return self.painted

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.chart is None:
            return
        painter = QPainter(self)
        try:
            rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
            self.painted = paint_chart(self.chart, painter, rect, Ink.screen(self))
        finally:
            painter.end()


def paint_chart(chart: Chart, painter: QPainter, rect: QRectF, ink: Ink) -> list[str]:
    """Paint ``chart`` in ``rect``; the texts it drew."""
    painter.save()
    try:
        return chart.paint(painter, rect, ink)
    finally:
        painter.restore()
