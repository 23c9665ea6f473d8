"""The pieces the stairway is drawn with: a use-case card coloured by its status (with
its overdue and "next" flags) and the header of a step. Shared by the staircase and the
timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from cs_planner.domain.enums import StairStep
from cs_planner.domain.quarters import quarter_label
from cs_planner.domain.stairway.rows import STEPS, StepSummary, UseCaseRow
from cs_planner.domain.stairway.rules import is_overdue
from cs_planner.palette import USE_CASE_STATUS
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.common.text_fit import LABEL_MAX, TEXT_MAX, rich

STEP_COLOURS = {
    StairStep.REMEDIATION: "#90a4ae",
    StairStep.ENHANCEMENT: "#7986cb",
    StairStep.INNOVATION: "#9575cd",
    StairStep.DISRUPTION: "#ba68c8",
}
STEP_TIPS = {
    StairStep.REMEDIATION: "Fix what is broken or manual today",
    StairStep.ENHANCEMENT: "Improve how the business runs",
    StairStep.INNOVATION: "Differentiate against the closest competitors",
    StairStep.DISRUPTION: "Change the industry: new products, new markets",
}

RIGHT = Qt.AlignmentFlag.AlignRight
CARD_W, CARD_H = 240.0, 104.0
# Narrowest staircase card: on a laptop the cards narrow (texts shorten with "…") rather
# than the staircase running off the side.
MIN_CARD_W = 150.0
COMPACT_W, COMPACT_H = 146.0, 62.0
GAP, MARGIN, RISE, HEADER_H = 12.0, 12.0, 54.0, 70.0


def tinted(colour: str, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


@dataclass(frozen=True)
class CardContext:
    today: dt.date
    fy_start: int
    currency: str
    next_id: int | None  # the recommended next use case, when it is on the roadmap


class CardItem(QGraphicsItem):
    """One use case. ``compact`` cards (the timeline) show the title and status only."""

    def __init__(
        self,
        row: UseCaseRow,
        context: CardContext,
        *,
        compact: bool = False,
        movable: bool,
        width: float = CARD_W,
    ) -> None:
        super().__init__()
        self.row, self.context, self.compact = row, context, compact
        self.width = COMPACT_W if compact else width
        self.height = COMPACT_H if compact else CARD_H
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlag(flags.ItemIsSelectable)
        self.setFlag(flags.ItemIsFocusable)
        self.setFlag(flags.ItemIsMovable, movable)
        self.setCursor(
            Qt.CursorShape.OpenHandCursor if movable else Qt.CursorShape.PointingHandCursor
        )
        self.overdue = is_overdue(row.target_quarter, row.status, context.today)
        self.setToolTip(self._tooltip())
        self.home = QPointF()

    # --- text -----------------------------------------------------------------------

    def quarter_text(self) -> str:
        q = self.row.target_quarter
        return quarter_label(q, self.context.fy_start) if q else "no target quarter"

    def _tooltip(self) -> str:
        r = self.row
        lines = [f"<b>{_esc(r.title)}</b>", f"{r.step.label} · {r.status.label}"]
        if r.problem:
            lines.append(_esc(r.problem, TEXT_MAX))
        lines.append(
            f"Target: {self.quarter_text()}" + (" — <b>overdue</b>" if self.overdue else "")
        )
        if r.division or r.geography:
            lines.append(" · ".join(p for p in (r.division, r.geography) if p))
        lines.append(
            f"Users: {fmt.count(r.users_reached)} reached of {fmt.count(r.users_targeted)}"
        )
        lines.append(f"Value: {fmt.money(r.annual_value, self.context.currency)} a year")
        if r.champion:
            lines.append(f"Champion: {_esc(r.champion)}")
        if r.csa:
            lines.append(f"CSA: {_esc(r.csa)}")
        if self.movable and self.compact:
            lines.append("<i>Drag to another quarter to reschedule</i>")
        elif self.movable:
            lines.append("<i>Drag to reorder or move to another step (Ctrl+arrows)</i>")
        return "<br>".join(lines)

    @property
    def movable(self) -> bool:
        return bool(self.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable)

    # --- painting -------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.width, self.height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        r = self.row
        colour = USE_CASE_STATUS[r.status]
        palette = widget.palette() if widget else None
        text = palette.text().color() if palette else QColor("#202020")
        base = palette.base().color() if palette else QColor("white")
        muted = QColor(theme.MUTED)
        rect = self.boundingRect().adjusted(1, 1, -1, -1)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QBrush(base))
        selected = self.isSelected()
        border = QColor(theme.BAD) if self.overdue else tinted(colour, 200)
        painter.setPen(QPen(QColor("#1565c0") if selected else border, 2.5 if selected else 1.2))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tinted(colour, 40))
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 5, 5)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 7, rect.height()), 3, 3)

        left, right = rect.left() + (11 if self.compact else 14), rect.right() - 6
        width = right - left
        bold = QFont(painter.font())
        bold.setBold(True)
        small = QFont(painter.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        line_h = QFontMetrics(small).height()

        y = rect.top() + 6
        if self.compact:  # the title on up to two lines, then the status line
            small_bold = QFont(small)
            small_bold.setBold(True)
            _two_lines(painter, small_bold, text, QRectF(left, y, width, 2 * line_h), r.title)
            y += 2 * line_h + 2
        else:
            title_w = width - (44 if r.id == self.context.next_id else 0)
            _text(painter, bold, text, QRectF(left, y, title_w, line_h + 2), r.title)
            if r.id == self.context.next_id:
                _badge(painter, small, QRectF(right - 40, y, 40, line_h), "NEXT", "#1565c0")
            y += line_h + 4
        status_font = QFont(small)
        status_font.setBold(True)
        status_w = QFontMetrics(status_font).horizontalAdvance(r.status.label) + 8.0
        late = f"⚠ {self.quarter_text()}"
        if self.overdue and self.compact:  # the late quarter in full; the status yields
            status_w = min(status_w, width - QFontMetrics(status_font).horizontalAdvance(late) - 6)
        elif self.overdue:
            status_w = min(status_w, width - 64)
        _text(
            painter,
            status_font,
            QColor(colour).lighter(135) if base.lightness() < 128 else QColor(colour).darker(115),
            QRectF(left, y, status_w, line_h),
            r.status.label,
        )
        quarter = self.quarter_text()
        if self.overdue and self.compact:  # no room for a badge: the late quarter in red
            _text(
                painter,
                status_font,
                QColor(theme.BAD),
                QRectF(left + status_w, y, width - status_w, line_h),
                late,
                Qt.AlignmentFlag.AlignRight,
            )
            return
        if self.overdue:
            _badge(painter, small, QRectF(right - 62, y, 62, line_h), "OVERDUE", theme.BAD)
            right_text = QRectF(left + status_w, y, width - status_w - 66, line_h)
        else:
            right_text = QRectF(left + status_w, y, width - status_w, line_h)
        _text(
            painter,
            small,
            muted if r.target_quarter is None else text,
            right_text,
            quarter,
            Qt.AlignmentFlag.AlignRight,
        )
        if self.compact:
            return
        y += line_h + 3
        where = (
            " · ".join(p for p in (r.division, r.geography) if p) or "no division or geography yet"
        )
        _text(painter, small, muted, QRectF(left, y, width, line_h), where)
        y += line_h + 3
        users = f"{fmt.count(r.users_reached)} of {fmt.count(r.users_targeted)} users"
        value = fmt.compact_money(r.annual_value, self.context.currency) + " / yr"
        # The value in full when it can be; the users take what is left (a narrow card).
        value_w = min(width / 2 + 20, QFontMetrics(bold).horizontalAdvance(value) + 6)
        _text(painter, small, text, QRectF(left, y, width - value_w, line_h), users)
        _text(
            painter,
            bold,
            text,
            QRectF(right - value_w, y, value_w, line_h + 2),
            value,
            Qt.AlignmentFlag.AlignRight,
        )
        y += line_h + 3
        champion = f"Champion: {r.champion}" if r.champion else "No champion yet"
        _text(
            painter,
            small,
            text if r.champion else QColor(theme.WARN),
            QRectF(left, y, width, line_h),
            champion,
        )

    # --- dragging -------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.home = self.pos()
        self.setZValue(10)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        scene = self.scene()
        if hasattr(scene, "show_drop") and self.movable:
            scene.show_drop(self, self.sceneBoundingRect().center())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.setZValue(0)
        scene = self.scene()
        if hasattr(scene, "drop") and self.movable and self.pos() != self.home:
            scene.drop(self, self.sceneBoundingRect().center())


def _esc(text: str, limit: int = LABEL_MAX) -> str:
    """User text in rich text: escaped, cut and breakable (``text_fit``)."""
    return rich(text, limit)


def _text(
    painter: QPainter,
    font: QFont,
    colour: QColor,
    rect: QRectF,
    text: str,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> None:
    painter.setFont(font)
    painter.setPen(colour)
    shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
    painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)


def _two_lines(painter: QPainter, font: QFont, colour: QColor, rect: QRectF, text: str) -> None:
    """Word-wrapped over two lines, the second elided when the text is longer."""
    metrics = QFontMetrics(font)
    width = int(rect.width())
    words, first = text.split(), ""
    while words and metrics.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first and words:  # one very long word
        first, words = words[0], words[1:]
    half = QRectF(rect.left(), rect.top(), rect.width(), rect.height() / 2)
    _text(painter, font, colour, half, first)
    if words:
        _text(painter, font, colour, half.translated(0, rect.height() / 2), " ".join(words))


def _badge(painter: QPainter, font: QFont, rect: QRectF, text: str, colour: str) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(rect, 3, 3)
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(QColor("white"))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)


class StepHeader(QGraphicsItem):
    """The tread of a step: its name, counts, value, and template progress."""

    def __init__(
        self,
        summary: StepSummary,
        currency: str,
        template: tuple[str, str] = ("", ""),
        width: float = CARD_W,
    ) -> None:
        super().__init__()
        self.summary, self.currency, self.width = summary, currency, width
        self.template_line, detail = template  # "template 2/4", and which ones as HTML
        tip = f"<b>{summary.step.label}</b>: {STEP_TIPS[summary.step]}"
        self.setToolTip(tip + (f"<br><br>{detail}" if detail else ""))

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.width, HEADER_H)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        s = self.summary
        rect = self.boundingRect()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STEP_COLOURS[s.step]))
        painter.drawRoundedRect(rect, 6, 6)
        white = QColor("white")
        big = QFont(painter.font())
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() + 2)
        small = QFont(painter.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        number = STEPS.index(s.step) + 1
        w = self.width
        value = (
            f"{fmt.compact_money(s.value_adopted, self.currency)} realised of "
            f"{fmt.compact_money(s.value, self.currency)}"
        )
        metrics = QFontMetrics(small)
        line = self.template_line
        beside = metrics.horizontalAdvance(f"{value}  {line}") > w - 20 and bool(line)
        if beside:  # a narrow step: "2/3" beside its name, the value on a line of its own
            line = line.removeprefix("template ")
            mark_w = metrics.horizontalAdvance(line) + 8
            _text(painter, small, white, QRectF(w - 10 - mark_w, 8, mark_w, 16), line, RIGHT)
        title_w = w - 20 - (mark_w if beside else 0)
        _text(painter, big, white, QRectF(10, 4, title_w, 24), f"{number}. {s.step.label}")
        counts = f"{s.count} use case{'s' if s.count != 1 else ''} · {s.adopted} adopted"
        _text(painter, small, white, QRectF(10, 28, w - 20, 16), counts)
        if beside or not line:
            _text(painter, small, white, QRectF(10, 44, w - 20, 16), value)
            return
        _text(painter, small, white, QRectF(10, 44, w / 2 + 20, 16), value)
        _text(painter, small, white, QRectF(w / 2 + 20, 44, w / 2 - 30, 16), line, RIGHT)
