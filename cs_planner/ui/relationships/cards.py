"""A stakeholder's card on the relationship map, and what its colours and badges mean.

Colours carry meaning: the fill is the person's stance toward us (champion green through
neutral grey to detractor red, favouring a competitor purple: ``palette.STANCE``), the
border weight their influence. Presentation mode draws the same card without stance, notes
or risk flags, so it can be shown to the customer."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from cs_planner import palette
from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.domain.workshop.privacy import is_private
from cs_planner.ui.relationships.card_afar import AFAR_H, AFAR_W, AfarFace, AfarFonts
from cs_planner.ui.relationships.card_face import (
    MUTED_TEXT,
    SELECTED_COLOUR,
    SPACING,
    TEXT,
    Face,
    H,
    Look,
    W,
    fonts_for,
)

__all__ = ["MUTED_TEXT", "SELECTED_COLOUR", "SPACING", "TEXT", "H", "W"]

PRESENTATION_COLOUR = "#5c7cfa"
DEPARTED_COLOUR = palette.DEPARTED
STALE_COLOUR = palette.WARN
REPORTS_COLOUR = "#546e7a"
INFLUENCE_COLOUR = "#3949ab"
GREY = "#616161"  # the "left" and "moved" flags

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


_tint = functools.cache(palette.tint)  # a few stance colours, hundreds of cards


ROLE_ORDER = tuple(BuyingRole)  # iterating the enum class itself is slow, per card


def role_badges(person: StakeholderRow, presentation: bool) -> list[str]:
    if not person.roles:
        return []
    if presentation and is_private("stakeholder_role", "role"):
        return []  # workshop mode: the domain says whether buying roles are ours alone
    hidden = PRIVATE_ROLES if presentation else frozenset()
    return [ROLE_SHORT[r] for r in ROLE_ORDER if r in person.roles and r not in hidden]


CARD_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
)
OPEN_HAND = Qt.CursorShape.OpenHandCursor
# The scale below which a card is drawn without its text (the name would be under 5 px).
DETAIL_SCALE = 0.35


class DropTarget(Protocol):
    """The scene a card is on: told where a dragged card was dropped."""

    def card_released(self, card: CardItem, start: QPointF) -> None: ...


class CardItem(QGraphicsItem):
    """One stakeholder. Dragged onto another card it asks to report to them; dropped on
    empty space it asks to be pinned there. A plain QGraphicsItem (no QObject: it has no
    signals) and its flags and cursor made once: hundreds are built on every reload."""

    def __init__(
        self,
        person: StakeholderRow,
        today: dt.date,
        stale_days: int,
        presentation: bool,
        afar: bool = False,
    ) -> None:
        super().__init__()
        self.person = person
        self.presentation = presentation
        # Workshop mode's card for the room's screen (card_afar): presentation only.
        self.afar = afar and presentation
        self.w, self.h = (AFAR_W, AFAR_H) if self.afar else (W, H)
        days = person.days_since_contact(today)
        self.stale_days = days if person.is_stale(today, stale_days) else None
        self.lines: list[LineItem] = []
        self._press: QPointF | None = None
        self._face: Face | AfarFace | None = None
        self.setFlags(CARD_FLAGS)
        self.setCursor(OPEN_HAND)
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
        if not self.presentation:
            lines.append(f"Relationship owner: {_html(p.owner) or 'nobody yet'}")
        if p.last_contact and not self.presentation:
            lines.append(f"Last contact: {p.last_contact.isoformat()}")
        return "<br>".join(lines)

    def boundingRect(self) -> QRectF:
        return QRectF(-4, -4, self.w + 8, self.h + 8)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, self.w, self.h), 8, 8)
        return path

    def centre(self) -> QPointF:
        return self.pos() + QPointF(self.w / 2, self.h / 2)

    def look(self) -> Look:
        """The card's colours and texts (its face measures them once, on first paint)."""
        p = self.person
        colour = self.fill_colour()
        owner = f"Ours: {p.owner}" if p.owner else "Ours: nobody yet"
        if self.presentation and is_private("stakeholder", "owner_id"):
            owner = ""
        return Look(
            colour=colour,
            fill=_tint(colour, 0.84 if not self.departed else 0.6),
            departed=self.departed,
            struck=self.departed and p.status == StakeholderStatus.LEFT_COMPANY,
            weight=1.0 if self.presentation else 0.8 + 0.55 * p.influence,
            name=p.name,
            title=p.title or p.division or "",
            owner=owner,
            badges=[LEVEL_SHORT[p.level], *role_badges(p, self.presentation)],
            flags=[
                (f, STALE_COLOUR if f.endswith(" d") else "#616161") for f in self.flags_shown()
            ],
            influence=None if self.presentation else p.influence,
        )

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < DETAIL_SCALE:
            self._draw_colours(painter)
            return
        if self.afar:
            afar = AfarFonts.of(painter.font())
            if not isinstance(self._face, AfarFace) or self._face.fonts is not afar:
                self._face = AfarFace(self.look(), afar)
        else:
            fonts = fonts_for(painter.font())
            if not isinstance(self._face, Face) or self._face.fonts is not fonts:
                self._face = Face(self.look(), fonts)
        self._face.draw(painter, self.isSelected())

    # --- dragging -------------------------------------------------------------------------
    def _draw_colours(self, painter: QPainter) -> None:
        """The whole of a large map at once: its text would be a few pixels high, so the
        card is its colours (stance, border) alone, as a map's overview reads."""
        colour = self.fill_colour()
        painter.setPen(QPen(QColor(colour).darker(115), 2.0))
        painter.setBrush(_tint(colour, 0.84 if not self.departed else 0.6))
        painter.drawRect(QRectF(0, 0, self.w, self.h))
        painter.fillRect(QRectF(0, 0, 8, self.h), QColor(colour))

    # The lines follow a dragged card from its mouse events, not from itemChange: an
    # itemChange written in Python is called for every property set on every card (a
    # dozen a card), and building a 300-person map spent half its time there.
    def _moved(self) -> None:
        for line in self.lines:
            line.refresh()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)  # moves this card, and the others selected with it
        scene = self.scene()
        for card in scene.selectedItems() if scene is not None else [self]:
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
