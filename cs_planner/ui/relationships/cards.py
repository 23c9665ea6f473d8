"""What the relationship map draws: a card per stakeholder, reports-to lines and dashed
influence lines, in a scene built from ``MapData`` and laid out by ``domain.org_layout``.

Colours carry meaning: the fill is the person's stance toward us (champion green through
neutral grey to detractor red, favouring a competitor purple), the border weight their
influence. Presentation mode draws the same chart without stance, notes or risk flags, so
it can be shown to the customer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance
from cs_planner.domain.relationships.layout import Spacing, layout
from cs_planner.domain.relationships.rows import InfluenceRow, MapData, StakeholderRow

SPACING = Spacing()
W, H = SPACING.card_width, SPACING.card_height

STANCE_COLOURS: dict[Stance, str] = {
    Stance.CHAMPION: "#2e7d32",
    Stance.SUPPORTER: "#7cb342",
    Stance.NEUTRAL: "#9e9e9e",
    Stance.SKEPTIC: "#f9a825",
    Stance.DETRACTOR: "#c62828",
    Stance.FAVOURS_COMPETITOR: "#6a1b9a",
}
PRESENTATION_COLOUR = "#5c7cfa"
DEPARTED_COLOUR = "#bdbdbd"
STALE_COLOUR = "#ef6c00"
REPORTS_COLOUR = "#546e7a"
INFLUENCE_COLOUR = "#3949ab"
SELECTED_COLOUR = "#1e88e5"
TEXT = "#212121"
MUTED_TEXT = "#616161"

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
    base = QColor(colour)
    return QColor(
        round(base.red() + (255 - base.red()) * amount),
        round(base.green() + (255 - base.green()) * amount),
        round(base.blue() + (255 - base.blue()) * amount),
    )


def role_badges(person: StakeholderRow, presentation: bool) -> list[str]:
    roles = [r for r in BuyingRole if r in person.roles]
    if presentation:
        roles = [r for r in roles if r not in PRIVATE_ROLES]
    return [ROLE_SHORT[r] for r in roles]


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
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
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
        return STANCE_COLOURS[self.person.stance]

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
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for line in self.lines:
                line.refresh()
        return super().itemChange(change, value)

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
            return
        scene = self.scene()
        if isinstance(scene, MapScene):
            scene.card_released(self, start)


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


class ReportsLine(LineItem):
    """Manager to report: down, across, down (an org chart's elbow)."""

    def __init__(self, manager: CardItem, report: CardItem) -> None:
        super().__init__(manager, report)
        self.setPen(QPen(QColor(REPORTS_COLOUR), 1.6))
        self.refresh()

    def route(self) -> QPainterPath:
        top = self.start.pos() + QPointF(W / 2, H)
        bottom = self.end.pos() + QPointF(W / 2, 0)
        middle = top.y() + (bottom.y() - top.y()) / 2 if bottom.y() > top.y() else top.y() + 16
        path = QPainterPath(top)
        path.lineTo(top.x(), middle)
        path.lineTo(bottom.x(), middle)
        path.lineTo(bottom)
        return path


class InfluenceLine(LineItem):
    """An informal line of influence: dashed, curved, with an arrow at the person swayed."""

    def __init__(self, link: InfluenceRow, source: CardItem, target: CardItem, notes: bool):
        super().__init__(source, target)
        self.link = link
        pen = QPen(QColor(INFLUENCE_COLOUR), 0.8 + 0.5 * link.strength)
        pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setZValue(1)
        tip = f"{source.person.name} influences {target.person.name} (strength {link.strength})"
        if notes and link.note:
            tip += f": {link.note}"
        self.setToolTip(tip)
        self.refresh()

    def route(self) -> QPainterPath:
        a, b = self.start.centre(), self.end.centre()
        a, b = _edge_point(a, b), _edge_point(b, a)
        # Bend sideways so the line does not lie on top of a reports-to line.
        span = max(((b.x() - a.x()) ** 2 + (b.y() - a.y()) ** 2) ** 0.5, 1e-6)
        bend = min(0.18 * span, 60.0) / span  # a gentle arc, even across a wide chart
        normal = QPointF(-(b.y() - a.y()), b.x() - a.x()) * bend
        control = (a + b) / 2 + normal
        path = QPainterPath(a)
        path.quadTo(control, b)
        # The arrowhead, along the curve's last direction.
        direction = b - control
        length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1e-6)
        unit = direction / length
        side = QPointF(-unit.y(), unit.x())
        head = QPolygonF([b, b - unit * 11 + side * 5, b - unit * 11 - side * 5, b])
        path.addPolygon(head)
        return path


def _edge_point(centre: QPointF, towards: QPointF) -> QPointF:
    """Where the line from a card's centre towards ``towards`` leaves the card."""
    dx, dy = towards.x() - centre.x(), towards.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    scale = min(
        (W / 2) / abs(dx) if dx else float("inf"), (H / 2) / abs(dy) if dy else float("inf")
    )
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


class MapScene(QGraphicsScene):
    """The whole map. Signals what the user asked for; the tab turns it into commands."""

    reparentRequested = Signal(int, int)  # person, new manager
    pinRequested = Signal(int, float, float)  # person, x, y

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cards: dict[int, CardItem] = {}
        self.presentation = False
        self.setBackgroundBrush(QBrush(QColor("#fafafa")))

    def build(self, data: MapData, presentation: bool) -> None:
        self.clear()
        self.cards = {}
        self.presentation = presentation
        people = data.stakeholders
        pinned = {p.id: p.pinned for p in people if p.pinned is not None}
        positions = layout([(p.id, p.reports_to_id) for p in people], SPACING, pinned)
        for p in people:
            card = CardItem(p, data.today, data.stale_days, presentation)
            card.setPos(*positions[p.id])
            self.addItem(card)
            self.cards[p.id] = card
        for p in people:
            if p.reports_to_id in self.cards:
                self.addItem(ReportsLine(self.cards[p.reports_to_id], self.cards[p.id]))
        for link in data.links:
            if link.source_id in self.cards and link.target_id in self.cards:
                line = InfluenceLine(
                    link, self.cards[link.source_id], self.cards[link.target_id], not presentation
                )
                self.addItem(line)
        bounds = self.itemsBoundingRect().adjusted(-40, -40, 40, 40)
        self.setSceneRect(bounds)

    def card_released(self, card: CardItem, start: QPointF) -> None:
        """A drag ended: onto another card is a new manager, elsewhere a pinned place."""
        target = next(
            (
                item
                for item in self.items(card.centre())
                if isinstance(item, CardItem) and item is not card
            ),
            None,
        )
        if target is not None:
            card.setPos(start)  # the reload after the command places it under its manager
            self.reparentRequested.emit(card.person.id, target.person.id)
        else:
            self.pinRequested.emit(card.person.id, card.pos().x(), card.pos().y())

    def select_people(self, ids: list[int] | tuple[int, ...]) -> None:
        self.clearSelection()
        for person_id in ids:
            card = self.cards.get(person_id)
            if card is not None:
                card.setSelected(True)
