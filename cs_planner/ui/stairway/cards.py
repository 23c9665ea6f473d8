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
from cs_planner.palette import STAIR_STEP, USE_CASE_STATUS
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.common.text_fit import LABEL_MAX, TEXT_MAX, rich

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


class _Pen:
    """What a card is painted with: the painter, its fonts and colours, the text column."""

    def __init__(
        self, painter: QPainter, *, text: QColor, base: QColor, left: float, right: float
    ) -> None:
        self.painter, self.text, self.base = painter, text, base
        self.muted = QColor(theme.MUTED)
        self.left, self.right, self.width = left, right, right - left
        self.bold = QFont(painter.font())
        self.bold.setBold(True)
        self.small = QFont(painter.font())
        self.small.setPointSizeF(max(7.0, self.small.pointSizeF() - 1))
        self.line_h = QFontMetrics(self.small).height()


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
        colour = USE_CASE_STATUS[self.row.status]
        palette = widget.palette() if widget else None
        rect = self.boundingRect().adjusted(1, 1, -1, -1)
        pen = _Pen(
            painter,
            text=palette.text().color() if palette else QColor("#202020"),
            base=palette.base().color() if palette else QColor("white"),
            left=rect.left() + (11 if self.compact else 14),
            right=rect.right() - 6,
        )
        self._frame(painter, rect, colour, pen.base)
        y = self._title(pen, rect.top() + 6)
        if not self._status_line(pen, y, colour) or self.compact:
            return
        self._details(pen, y + pen.line_h + 3)

    def _frame(self, painter: QPainter, rect: QRectF, colour: str, base: QColor) -> None:
        """The card: tinted by its status, a status-coloured edge, a border (blue when
        selected, red when overdue)."""
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

    def _title(self, pen: _Pen, y: float) -> float:
        """The title (compact: on up to two lines; else one, with the NEXT badge); returns
        the top of the next line."""
        r, p = self.row, pen.painter
        if self.compact:
            small_bold = QFont(pen.small)
            small_bold.setBold(True)
            box = QRectF(pen.left, y, pen.width, 2 * pen.line_h)
            _two_lines(p, small_bold, pen.text, box, r.title)
            return y + 2 * pen.line_h + 2
        is_next = r.id == self.context.next_id
        title_w = pen.width - (44 if is_next else 0)
        _text(p, pen.bold, pen.text, QRectF(pen.left, y, title_w, pen.line_h + 2), r.title)
        if is_next:
            _badge(p, pen.small, QRectF(pen.right - 40, y, 40, pen.line_h), "NEXT", "#1565c0")
        return y + pen.line_h + 4

    def _status_line(self, pen: _Pen, y: float, colour: str) -> bool:
        """The status and the target quarter (flagged when overdue); False when a compact
        overdue card has no room for more."""
        r, p, left, width, line_h = self.row, pen.painter, pen.left, pen.width, pen.line_h
        status_font = QFont(pen.small)
        status_font.setBold(True)
        status_w = QFontMetrics(status_font).horizontalAdvance(r.status.label) + 8.0
        late = f"⚠ {self.quarter_text()}"
        if self.overdue and self.compact:  # the late quarter in full; the status yields
            status_w = min(status_w, width - QFontMetrics(status_font).horizontalAdvance(late) - 6)
        elif self.overdue:
            status_w = min(status_w, width - 64)
        dark = pen.base.lightness() < 128
        ink = QColor(colour).lighter(135) if dark else QColor(colour).darker(115)
        _text(p, status_font, ink, QRectF(left, y, status_w, line_h), r.status.label)
        rest = QRectF(left + status_w, y, width - status_w, line_h)
        if self.overdue and self.compact:  # no room for a badge: the late quarter in red
            _text(p, status_font, QColor(theme.BAD), rest, late, RIGHT)
            return False
        if self.overdue:
            _badge(p, pen.small, QRectF(pen.right - 62, y, 62, line_h), "OVERDUE", theme.BAD)
            rest = rest.adjusted(0, 0, -66, 0)
        ink = pen.muted if r.target_quarter is None else pen.text
        _text(p, pen.small, ink, rest, self.quarter_text(), RIGHT)
        return True

    def _details(self, pen: _Pen, y: float) -> None:
        """Where it lands, users and value, champion (full cards only)."""
        r, p, left, width, line_h = self.row, pen.painter, pen.left, pen.width, pen.line_h
        where = (
            " · ".join(x for x in (r.division, r.geography) if x) or "no division or geography yet"
        )
        _text(p, pen.small, pen.muted, QRectF(left, y, width, line_h), where)
        y += line_h + 3
        users = f"{fmt.count(r.users_reached)} of {fmt.count(r.users_targeted)} users"
        value = fmt.compact_money(r.annual_value, self.context.currency) + " / yr"
        # The value in full when it can be; the users take what is left (a narrow card).
        value_w = min(width / 2 + 20, QFontMetrics(pen.bold).horizontalAdvance(value) + 6)
        _text(p, pen.small, pen.text, QRectF(left, y, width - value_w, line_h), users)
        value_box = QRectF(pen.right - value_w, y, value_w, line_h + 2)
        _text(p, pen.bold, pen.text, value_box, value, RIGHT)
        y += line_h + 3
        champion = f"Champion: {r.champion}" if r.champion else "No champion yet"
        ink = pen.text if r.champion else QColor(theme.WARN)
        _text(p, pen.small, ink, QRectF(left, y, width, line_h), champion)

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
        painter.setBrush(QColor(STAIR_STEP[s.step]))
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
