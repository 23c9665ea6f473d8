"""The relationship map's scene: a card per stakeholder, reports-to lines and dashed
influence lines, built from ``MapData`` and laid out by ``domain.relationships.layout``."""

from __future__ import annotations

import functools
from dataclasses import replace

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from cs_planner.domain.relationships.fitting import fitted
from cs_planner.domain.relationships.layout import Spacing, chart, route
from cs_planner.domain.relationships.rows import InfluenceRow, MapData
from cs_planner.domain.workshop.privacy import is_private
from cs_planner.ui.relationships.card_afar import AFAR_SPACING
from cs_planner.ui.relationships.cards import (
    INFLUENCE_COLOUR,
    REPORTS_COLOUR,
    SPACING,
    CardItem,
    LineItem,
)

REPORTS_PEN = QPen(QColor(REPORTS_COLOUR), 1.6)


class ReportsLine(LineItem):
    """Manager to report: down, across, down (an org chart's elbow); to a stacked report,
    down its column's spine and into the card's left edge (``layout.route``)."""

    def __init__(
        self,
        manager: CardItem,
        report: CardItem,
        stacked: bool = False,
        wrap: tuple[float, float] | None = None,
        spacing: Spacing = SPACING,
    ) -> None:
        super().__init__(manager, report)
        self.stacked, self.wrap, self.spacing = stacked, wrap, spacing
        self.setPen(REPORTS_PEN)
        self.refresh()

    def route(self) -> QPainterPath:
        start, end = self.start.pos(), self.end.pos()
        points = route(
            (start.x(), start.y()), (end.x(), end.y()), self.stacked, self.spacing, self.wrap
        )
        path = QPainterPath(QPointF(*points[0]))
        for point in points[1:]:
            path.lineTo(QPointF(*point))
        return path


class InfluenceLine(LineItem):
    """An informal line of influence: dashed, curved, with an arrow at the person swayed."""

    def __init__(self, link: InfluenceRow, source: CardItem, target: CardItem, notes: bool):
        super().__init__(source, target)
        self.link = link
        self.setPen(_influence_pen(link.strength))
        self.setZValue(1)
        tip = f"{source.person.name} influences {target.person.name} (strength {link.strength})"
        if notes and link.note:
            tip += f": {link.note}"
        self.setToolTip(tip)
        self.refresh()

    def route(self) -> QPainterPath:
        a, b = self.start.centre(), self.end.centre()
        a, b = _edge_point(a, b, self.start), _edge_point(b, a, self.end)
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


@functools.cache
def _influence_pen(strength: int) -> QPen:
    """Dashed, heavier the stronger the influence (made once per strength)."""
    pen = QPen(QColor(INFLUENCE_COLOUR), 0.8 + 0.5 * strength)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _edge_point(centre: QPointF, towards: QPointF, card: CardItem) -> QPointF:
    """Where the line from a card's centre towards ``towards`` leaves the card."""
    dx, dy = towards.x() - centre.x(), towards.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    scale = min(
        (card.w / 2) / abs(dx) if dx else float("inf"),
        (card.h / 2) / abs(dy) if dy else float("inf"),
    )
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


class MapScene(QGraphicsScene):
    """The whole map. Signals what the user asked for; the tab turns it into commands."""

    reparentRequested = Signal(int, int)  # person, new manager
    pinRequested = Signal(int, float, float)  # person, x, y

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # No index: the map is built whole and drawn whole; keeping a BSP tree of a few
        # hundred items cost more in building than it saved in finding one.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.cards: dict[int, CardItem] = {}
        self.presentation = False
        self.setBackgroundBrush(QBrush(QColor("#fafafa")))

    def build(
        self, data: MapData, presentation: bool, screen: tuple[float, float] | None = None
    ) -> None:
        """The map of ``data``. With a ``screen`` (workshop mode: the view's size in scene
        units at its zoom floor) the cards are the room's (card_afar) and the chart is laid
        out to fit that screen (``fitting.fitted``); pinned places are then not used, as
        they were chosen for the working cards."""
        self.clear()
        self.cards = {}
        self.presentation = presentation
        people = data.stakeholders
        nodes = [(p.id, p.reports_to_id) for p in people]
        afar = presentation and screen is not None
        if afar and screen is not None:
            spacing = replace(AFAR_SPACING, screen=screen)
            drawn = fitted(nodes, spacing)
        else:
            spacing = SPACING
            pinned = {p.id: p.pinned for p in people if p.pinned is not None}
            drawn = chart(nodes, SPACING, pinned)
        positions = drawn.positions
        for p in people:
            card = CardItem(p, data.today, data.stale_days, presentation, afar)
            card.setPos(*positions[p.id])
            self.addItem(card)
            self.cards[p.id] = card
        for p in people:
            if p.reports_to_id in self.cards:
                manager, report = self.cards[p.reports_to_id], self.cards[p.id]
                stacked, wrap = p.id in drawn.stacked, drawn.wrapped.get(p.id)
                self.addItem(ReportsLine(manager, report, stacked, wrap, spacing))
        # Who sways whom is our read of the account: not drawn for the customer.
        links = [] if presentation and is_private("influence_link", "source_id") else data.links
        for link in links:
            if link.source_id in self.cards and link.target_id in self.cards:
                line = InfluenceLine(
                    link, self.cards[link.source_id], self.cards[link.target_id], not presentation
                )
                self.addItem(line)
        margin = 20 if afar else 40  # the room's chart fills the screen, no scroll bars
        bounds = self.itemsBoundingRect().adjusted(-margin, -margin, margin, margin)
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
        elif card.afar:  # the room's chart is laid out to fit: a place there is not kept
            card.setPos(start)
            card._moved()
        else:
            self.pinRequested.emit(card.person.id, card.pos().x(), card.pos().y())

    def card_of(self, item: QGraphicsItem | None) -> CardItem | None:
        """The card an item is or is drawn on (a click on a badge is a click on its card)."""
        if item is None:
            return None
        parent = item.parentItem()
        return next((c for c in self.cards.values() if c is item or c is parent), None)

    def select_people(self, ids: list[int] | tuple[int, ...]) -> None:
        self.clearSelection()
        for person_id in ids:
            card = self.cards.get(person_id)
            if card is not None:
                card.setSelected(True)
