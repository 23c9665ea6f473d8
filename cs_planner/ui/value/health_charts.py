"""Health's small pictures, painted with QPainter (no matplotlib to import for them): the
portfolio's distribution as ten bars coloured by band, an account's score over the last
year as a line over the red, amber and green bands, and an indicator's contribution bar."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cs_planner.domain.enums import HealthBand
from cs_planner.domain.value.bands import BIN_POINTS, BINS, GREEN_FROM, RED_BELOW, band
from cs_planner.palette import BAD, GOOD, MUTED, WARN
from cs_planner.ui.common import theme

BAND_COLOUR = {HealthBand.RED: BAD, HealthBand.AMBER: WARN, HealthBand.GREEN: GOOD}


def band_colour(score: float | None) -> str:
    return MUTED if score is None else BAND_COLOUR[band(score)]


def _text_pen(widget: QWidget) -> QPen:
    return QPen(widget.palette().windowText().color())


class HealthHistogram(QWidget):
    """Accounts per five points of score, each bar in the colour of its band."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bins: tuple[int, ...] = (0,) * BINS
        self.setMinimumSize(260, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setToolTip(f"Accounts by health score, {BIN_POINTS} points a bar")

    def set_bins(self, bins: Sequence[int]) -> None:
        self.bins = tuple(bins)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 180)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        area = QRectF(4, line + 2, self.width() - 8, self.height() - 2 * line - 8)
        top = max(self.bins) or 1
        width = area.width() / len(self.bins)
        for n, count in enumerate(self.bins):
            height = area.height() * count / top
            bar = QRectF(area.left() + n * width + 2, area.bottom() - height, width - 4, height)
            painter.fillRect(bar, QColor(band_colour(n * BIN_POINTS)))
            painter.setPen(_text_pen(self))
            if count:
                label = QRectF(bar.left(), bar.top() - line - 1, bar.width(), line)
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, f"{count:,}")
            if n % 2 == 0:  # a figure every ten points, at the left edge of its bar
                painter.setPen(QPen(QColor(theme.muted_text())))
                axis = QRectF(area.left() + n * width - width, area.bottom() + 3, 2 * width, line)
                painter.drawText(axis, Qt.AlignmentFlag.AlignCenter, str(n * BIN_POINTS))
        painter.end()


class HealthLine(QWidget):
    """The score at each month end and today, over the bands it falls in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[dt.date, float | None]] = []
        self.setMinimumSize(240, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_points(self, points: Sequence[tuple[dt.date, float | None]]) -> None:
        self.points = list(points)
        scored = [(d, s) for d, s in self.points if s is not None]
        self.setToolTip(
            "\n".join(f"{d:%b %Y}: {s:.0f}" for d, s in scored) or "No score in the last year"
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 140)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = painter.fontMetrics().height()
        left = painter.fontMetrics().horizontalAdvance("100") + 6
        area = QRectF(left, 4, self.width() - left - 6, self.height() - line - 10)

        def y(score: float) -> float:
            return area.bottom() - area.height() * score / 100

        for low, high, colour in ((0, RED_BELOW, BAD), (RED_BELOW, GREEN_FROM, WARN),
                                  (GREEN_FROM, 100, GOOD)):  # fmt: skip
            shade = QColor(colour)
            shade.setAlpha(28)
            painter.fillRect(QRectF(area.left(), y(high), area.width(), y(low) - y(high)), shade)
        painter.setPen(QPen(QColor(theme.muted_text())))
        for mark in (0, RED_BELOW, GREEN_FROM, 100):
            label = QRectF(0, y(mark) - line / 2, left - 4, line)
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{mark:.0f}")  # fmt: skip
        if len(self.points) > 1:
            step = area.width() / (len(self.points) - 1)
            xs = [area.left() + n * step for n in range(len(self.points))]
            for n in (0, len(self.points) - 1):
                label = QRectF(xs[n] - 40, area.bottom() + 4, 80, line)
                text = "today" if n else f"{self.points[0][0]:%b %Y}"
                align = Qt.AlignmentFlag.AlignRight if n else Qt.AlignmentFlag.AlignLeft
                label.moveLeft(xs[n] - 80 if n else xs[n])
                painter.drawText(label, align, text)
            pen = QPen(_text_pen(self).color(), 2)
            painter.setPen(pen)
            scored = [(x, s) for x, (_d, s) in zip(xs, self.points, strict=True) if s is not None]
            for (x0, s0), (x1, s1) in itertools.pairwise(scored):
                painter.drawLine(QPointF(x0, y(s0)), QPointF(x1, y(s1)))
            for x, s in scored:
                painter.setBrush(QColor(band_colour(s)))
                painter.drawEllipse(QPointF(x, y(s)), 3.5, 3.5)
        painter.end()


class ContributionBar(QWidget):
    """An indicator's sub-score as a bar in its band's colour, its share of the weight as
    the bar's full length."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score: float | None = None
        self.colour = MUTED
        self.setMinimumSize(80, 14)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_score(self, score: float | None, colour: str) -> None:
        self.score, self.colour = score, colour
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(160, 14)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        frame = QRectF(0.5, 2.5, self.width() - 1, self.height() - 5)
        back = QColor(theme.muted_text())
        back.setAlpha(40)
        painter.fillRect(frame, back)
        if self.score is not None:
            filled = QRectF(frame.left(), frame.top(), frame.width() * self.score / 100,
                            frame.height())  # fmt: skip
            painter.fillRect(filled, QColor(self.colour))
        painter.end()
