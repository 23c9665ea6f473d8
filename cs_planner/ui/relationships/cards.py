"""A stakeholder's card on the relationship map, and what its colours and badges mean.

Colours carry meaning: the fill is the person's stance toward us (champion green through
neutral grey to detractor red, favouring a competitor purple: ``palette.STANCE``), the
border weight their influence. Presentation mode draws the same card without stance, notes
or risk flags, so it can be shown to the customer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsPathItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from cs_planner import palette
from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus
from cs_planner.domain.relationships.layout import Spacing
from cs_planner.domain.relationships.rows import StakeholderRow

SPACING = Spacing()
W, H = SPACING.card_width, SPACING.card_height

PRESENTATION_COLOUR = "#5c7cfa"
DEPARTED_COLOUR = palette.DEPARTED
STALE_COLOUR = palette.WARN
REPORTS_COLOUR = "#546e7a"
INFLUENCE_COLOUR = "#3949ab"
SELECTED_COLOUR = "#1e88e5"
TEXT = "#212121"
MUTED_TEXT = "#616161"
# The scale below which a card is drawn without its text (the name would be under 5 px).
DETAIL_SCALE = 0.35

ROLE_SHORT: dict[BuyingRole, str] = {
    BuyingRole.ECONOMIC_BUYER: "Econ. buyer",
    BuyingRole.CHAMPION: "Champion",
    BuyingRole.TECHNICAL_BUYER: "Tech. buyer",
    BuyingRole.USER: "User",
    BuyingRole.COACH: "Coach",
    BuyingRole.BLOCKER: "Blocker",
    BuyingRole.EXECUTIVE_SPONSOR: "Exec. sponsor",
    BuyingRole.PROGRAM_MANAGER: "Program mgr",
}
# Roles the customer should not read on their own org chart in a workshop.
PRIVATE_ROLES = frozenset({BuyingRole.COACH, BuyingRole.BLOCKER})
LEVEL_SHORT = {
    Level.EXECUTIVE: "Executive",
    Level.DIRECTOR_VP: "Director/VP",
    Level.MANAGER: "Manager",
    Level.END_USER: "End user",
}


def tint(colour: str, amount: float) -> QColor:
    """``colour`` mixed with white (``amount`` 1: white)."""
    return QColor(palette.tint(colour, amount))


def role_badges(person: StakeholderRow, presentation: bool) -> list[str]:
    roles = [r for r in BuyingRole if r in person.roles]
    if presentation:
        roles = [r for r in roles if r not in PRIVATE_ROLES]
    return [ROLE_SHORT[r] for r in roles]


class DropTarget(Protocol):
    """The scene a card is on: told where a dragged card was dropped."""

    def card_released(self, card: CardItem, start: QPointF) -> None: ...


class CardItem(QGraphicsObject):
    """One stakeholder. Dragged onto another card it asks to report to them; dropped on
    empty space it asks to be pinned there."""

    def __init__(
        self, person: StakeholderRow, today: dt.date, stale_days: int, presentation: bool
    ) -> None:
        super().__init__()
        self.person = person
        self.presentation = presentation
        days = person.days_since_contact(today)
        self.stale_days = days if person.is_stale(today, stale_days) else None
        self.lines: list[LineItem] = []
        self._press: QPointF | None = None
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
        )
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(2)
        self.setToolTip(self._tooltip())

    @property
    def departed(self) -> bool:
        return not self.person.active and not self.presentation

    def fill_colour(self) -> str:
        if self.presentation:
            return PRESENTATION_COLOUR
        if self.departed:
            return DEPARTED_COLOUR
        return palette.STANCE[self.person.stance]

    def flags_shown(self) -> list[str]:
        """The risk flags on the card (none in presentation mode)."""
        if self.presentation:
            return []
        out: list[str] = []
        if self.person.status == StakeholderStatus.LEFT_COMPANY:
            out.append("Left")
        elif self.person.status == StakeholderStatus.CHANGED_ROLE:
            out.append("Moved")
        if self.stale_days is not None:
            out.append(f"{self.stale_days} d")
        return out

    def _tooltip(self) -> str:
        p = self.person
        lines = [f"<b>{_html(p.name)}</b>", _html(p.title) or "(no title)"]
        lines.append(f"{p.level.label}" + (f" · {_html(p.division)}" if p.division else ""))
        badges = role_badges(p, self.presentation)
        if badges:
            lines.append("Roles: " + ", ".join(badges))
        if not self.presentation:
            lines.append(f"Stance: {p.stance.label} · influence {p.influence} of 5")
            if not p.active:
                lines.append(f"<b>{p.status.label}</b>: a safe switch may be needed")
            if self.stale_days is not None:
                lines.append(f"No contact for {self.stale_days} days")
            if p.notes:
                lines.append(f"<i>{_html(p.notes)}</i>")
        lines.append(f"Relationship owner: {_html(p.owner) or 'nobody yet'}")
        if p.last_contact and not self.presentation:
            lines.append(f"Last contact: {p.last_contact.isoformat()}")
        return "<br>".join(lines)

    def boundingRect(self) -> QRectF:
        return QRectF(-4, -4, W + 8, H + 8)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, W, H), 8, 8)
        return path

    def centre(self) -> QPointF:
        return self.pos() + QPointF(W / 2, H / 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        p = self.person
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.fill_colour()
        card = QRectF(0, 0, W, H)
        weight = 1.0 if self.presentation else 0.8 + 0.55 * p.influence
        border = QColor(SELECTED_COLOUR) if self.isSelected() else QColor(colour).darker(115)
        pen = QPen(border, weight + (1.5 if self.isSelected() else 0))
        if self.departed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(tint(colour, 0.84 if not self.departed else 0.6))
        if option.levelOfDetailFromTransform(painter.worldTransform()) < DETAIL_SCALE:
            # The whole of a large map at once: its text would be a few pixels high, so
            # the card is its colours (stance, border) alone, as a map's overview reads.
            painter.drawRect(card)
            painter.fillRect(QRectF(0, 0, 8, H), QColor(colour))
            return
        painter.drawRoundedRect(card, 8, 8)
        # The stance bar on the left edge.
        bar = QPainterPath()
        bar.addRoundedRect(QRectF(0, 0, 8, H), 4, 4)
        painter.fillPath(bar, QColor(colour))
        text = QColor(MUTED_TEXT if self.departed else TEXT)
        flags = self.flags_shown()
        flag_width = self._draw_flags(painter, flags)
        name_font = QFont(painter.font())
        name_font.setPointSizeF(9.5)
        name_font.setBold(True)
        if self.departed:
            name_font.setStrikeOut(p.status == StakeholderStatus.LEFT_COMPANY)
        painter.setFont(name_font)
        painter.setPen(text)
        _elided(painter, QRectF(14, 5, W - 20 - flag_width, 18), p.name)
        small = QFont(name_font)
        small.setBold(False)
        small.setStrikeOut(False)
        small.setPointSizeF(8)
        painter.setFont(small)
        painter.setPen(QColor(MUTED_TEXT))
        _elided(painter, QRectF(14, 23, W - 20, 16), p.title or p.division or "")
        self._draw_badges(
            painter, small, [LEVEL_SHORT[p.level], *role_badges(p, self.presentation)]
        )
        painter.setFont(small)
        painter.setPen(QColor(MUTED_TEXT))
        owner = f"Ours: {p.owner}" if p.owner else "Ours: nobody yet"
        _elided(painter, QRectF(14, H - 20, W - 70, 16), owner)
        if not self.presentation:
            self._draw_influence(painter, p.influence)

    def _draw_flags(self, painter: QPainter, flags: list[str]) -> float:
        if not flags:
            return 0.0
        font = QFont(painter.font())
        font.setPointSizeF(7.5)
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        right = W - 6
        for flag in reversed(flags):
            width = metrics.horizontalAdvance(flag) + 10
            box = QRectF(right - width, 5, width, 15)
            colour = STALE_COLOUR if flag.endswith(" d") else "#616161"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(box, 7, 7)
            painter.setPen(QColor("white"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, flag)
            right -= width + 4
        return W - 6 - right

    def _draw_badges(self, painter: QPainter, font: QFont, badges: list[str]) -> None:
        badge_font = QFont(font)
        badge_font.setPointSizeF(7.5)
        painter.setFont(badge_font)
        metrics = QFontMetrics(badge_font)
        x, y, limit = 14.0, 44.0, W - 8
        for n, badge in enumerate(badges):
            width = metrics.horizontalAdvance(badge) + 10
            rest = len(badges) - n
            if x + width > limit and rest > 0:
                more = f"+{rest}"
                box = QRectF(x, y, metrics.horizontalAdvance(more) + 10, 16)
                if box.right() > limit:  # no room even for "+n": the tooltip lists them
                    break
                self._badge(painter, box, more, n == 0)
                break
            self._badge(painter, QRectF(x, y, width, 16), badge, n == 0)
            x += width + 4

    @staticmethod
    def _badge(painter: QPainter, box: QRectF, text: str, level: bool) -> None:
        painter.setPen(QPen(QColor("#90a4ae"), 0.8))
        painter.setBrush(QColor("#eceff1") if level else QColor("white"))
        painter.drawRoundedRect(box, 8, 8)
        painter.setPen(QColor("#37474f"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    @staticmethod
    def _draw_influence(painter: QPainter, influence: int) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for n in range(5):
            painter.setBrush(QColor("#455a64") if n < influence else QColor("#cfd8dc"))
            painter.drawEllipse(QPointF(W - 52 + n * 10, H - 12), 3.5, 3.5)

    # --- dragging -------------------------------------------------------------------------
    # The lines follow a dragged card from its mouse events, not from itemChange: an
    # itemChange written in Python is called for every property set on every card (a
    # dozen a card), and building a 300-person map spent half its time there.
    def _moved(self) -> None:
        for line in self.lines:
            line.refresh()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)  # moves this card, and the others selected with it
        scene = self.scene()
        moved = scene.selectedItems() if scene is not None else [self]
        for card in moved:
            if isinstance(card, CardItem):
                card._moved()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._press = self.pos()
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier and self.scene():
            # One card is dragged at a time: a drop means one new manager or one pin.
            for other in self.scene().selectedItems():
                if other is not self:
                    other.setSelected(False)
        self.setZValue(5)  # above the others while dragged
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.setZValue(2)
        start, self._press = self._press, None
        if start is None:
            return
        moved = self.pos() - start
        if abs(moved.x()) + abs(moved.y()) < 6:
            self.setPos(start)
            self._moved()
            return
        scene: Any = self.scene()
        if hasattr(scene, "card_released"):
            drop: DropTarget = scene
            drop.card_released(self, start)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _elided(painter: QPainter, box: QRectF, text: str) -> None:
    metrics = QFontMetrics(painter.font())
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(box.width()))
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)


class LineItem(QGraphicsPathItem):
    """A line between two cards, redrawn when either moves. Subclasses say its path."""

    route: Callable[[], QPainterPath]

    def __init__(self, start: CardItem, end: CardItem) -> None:
        super().__init__()
        self.start, self.end = start, end
        start.lines.append(self)
        end.lines.append(self)
        self.setZValue(0)

    def refresh(self) -> None:
        self.setPath(self.route())
