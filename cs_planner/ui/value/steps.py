"""The maturity model drawn as steps rising left to right, like the stairway's, with the
account's level on day one, now and its target marked on them. A painted widget: a few
rectangles and labels need no scene."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from cs_planner.domain.value.maturity import MaturityData
from cs_planner.palette import GOOD, INFO, MUTED
from cs_planner.ui.common import theme

MARGIN, RISE, GAP = 12, 22, 6
MARKER_ROOM = 26  # under the steps: the markers and their labels


@dataclass(frozen=True)
class Marker:
    label: str
    level: int
    colour: str
    filled: bool


def markers(data: MaturityData) -> list[Marker]:
    found = []
    if data.day_one is not None:
        found.append(Marker("Day one", data.day_one, MUTED, True))
    if data.current is not None:
        found.append(Marker("Now", data.current, INFO, True))
    if data.target is not None:
        found.append(Marker("Target", data.target, GOOD, False))
    return found


class MaturitySteps(QWidget):
    """One step per level; the step the account is at now is filled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: MaturityData | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def show_data(self, data: MaturityData) -> None:
        self.data = data
        self.setToolTip("" if data.levels else "No maturity model yet")
        self.updateGeometry()
        self.update()

    def _count(self) -> int:
        return len(self.data.levels) if self.data else 0

    def sizeHint(self) -> QSize:
        return QSize(640, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self._height())

    def _height(self) -> int:
        line = self.fontMetrics().height()
        return 2 * MARGIN + 3 * line + max(0, self._count() - 1) * RISE + MARKER_ROOM

    def step_rect(self, level: int) -> QRectF:
        """Level 1 at the left, lowest; each one higher and further right."""
        count = self._count()
        width = (self.width() - 2 * MARGIN - (count - 1) * GAP) / max(1, count)
        bottom = self.height() - MARGIN - MARKER_ROOM
        top = MARGIN + (count - level) * RISE
        x = MARGIN + (level - 1) * (width + GAP)
        return QRectF(x, top, width, bottom - top)

    def level_at(self, point: QPointF) -> int | None:
        for row in self.data.levels if self.data else ():
            if self.step_rect(row.level).contains(point):
                return row.level
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and self.data:
            level = self.level_at(QPointF(event.pos()))
            row = next((r for r in self.data.levels if r.level == level), None)
            if row is None:
                QToolTip.hideText()
                return True
            parts = [f"<b>{row.level} · {row.name}</b>"]
            if row.values.behaviours:
                parts.append(row.values.behaviours.replace("\n", "<br>"))
            if row.values.marks:
                parts.append("Marked by: " + row.values.marks.replace("\n", ", "))
            QToolTip.showText(event.globalPos(), "<br>".join(parts), self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        data = self.data
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.windowText().color()
        if data is None or not data.levels:
            painter.setPen(QColor(theme.muted_text()))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No maturity model yet")
            return
        metrics = QFontMetrics(self.font())
        for row in data.levels:
            rect = self.step_rect(row.level)
            reached = data.current is not None and row.level <= data.current
            fill = QColor(INFO)
            fill.setAlpha(200 if row.level == data.current else 70 if reached else 18)
            painter.setPen(QPen(QColor(INFO), 1))
            painter.setBrush(QBrush(fill))
            painter.drawRoundedRect(rect, 4, 4)
            ink = QColor("#ffffff") if row.level == data.current else text
            painter.setPen(ink)
            inner = rect.adjusted(6, 4, -6, -4)
            bold = painter.font()
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(inner, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                             str(row.level))  # fmt: skip
            bold.setBold(False)
            painter.setFont(bold)
            name_box = inner.adjusted(0, metrics.height(), 0, 0)
            painter.drawText(name_box, Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             fitted(row.name, metrics, name_box))  # fmt: skip
        self._paint_markers(painter, data, metrics)

    def _paint_markers(self, painter: QPainter, data: MaturityData, metrics: QFontMetrics) -> None:
        """Markers under their step; two on one step share its width."""
        found = [m for m in markers(data) if 1 <= m.level <= len(data.levels)]
        line = metrics.height()
        for marker in found:
            same = [m for m in found if m.level == marker.level]
            share = same.index(marker)
            rect = self.step_rect(marker.level)
            slot = rect.width() / len(same)
            x = rect.left() + share * slot
            y = rect.bottom() + 6
            colour = theme.ink(marker.colour)
            painter.setPen(QPen(colour, 2))
            painter.setBrush(QBrush(colour) if marker.filled else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QRectF(x + 2, y, 10, 10))
            label = metrics.elidedText(marker.label, Qt.TextElideMode.ElideRight, int(slot) - 16)
            left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(QRectF(x + 16, y - 3, slot - 16, line), left, label)


def fitted(name: str, metrics: QFontMetrics, box: QRectF) -> str:
    """The name as it fits the box wrapped at words: whole, or cut short with "…"."""
    flags = int(Qt.TextFlag.TextWordWrap)

    def fits(text: str) -> bool:
        room = metrics.boundingRect(0, 0, int(box.width()), 10_000, flags, text)
        return room.height() <= box.height() and room.width() <= box.width()

    if fits(name):
        return name
    shorter = name
    while shorter and not fits(shorter + "…"):
        shorter = shorter[:-1]
    return shorter.rstrip() + "…"
