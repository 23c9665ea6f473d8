"""The relationship map as it is now, with what changed since a snapshot marked on the
cards: the map tab's own scene (``MapScene``: same layout, cards and lines), and over each
card that changed a coloured frame and a tag saying how (new, left, moved, stance)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem

from cs_planner import palette
from cs_planner.domain.relationships.rows import MapData
from cs_planner.domain.workshop.compare import MAP_KINDS, Change, Kind
from cs_planner.ui.relationships.cards import H, W
from cs_planner.ui.relationships.scene import MapScene

# kind -> (tag, colour); the order is the order of the tags on a card
MARKS: dict[Kind, tuple[str, str]] = {
    Kind.PERSON_ADDED: ("New", palette.GOOD),
    Kind.PERSON_LEFT: ("Left", palette.BAD),
    Kind.PERSON_MOVED: ("New manager", palette.INFO),
    Kind.LINE_ADDED: ("New line", palette.INFO),
    Kind.STANCE: ("Stance", palette.WARN),
}
MARK_Z = 5  # above cards (2) and lines (1)


def marks_by_person(changes: list[Change]) -> dict[int, list[Kind]]:
    """The marked kinds of each person, in ``MARKS`` order."""
    found: dict[int, set[Kind]] = {}
    for change in changes:
        if change.kind in MAP_KINDS and change.subject_id is not None:
            found.setdefault(change.subject_id, set()).add(change.kind)
    return {pid: [k for k in MARKS if k in kinds] for pid, kinds in found.items()}


class MarkedMapScene(MapScene):
    """A read-only map (nothing to drag) with the differences marked."""

    def __init__(self) -> None:
        super().__init__()
        self.marked: dict[int, list[Kind]] = {}

    def show(self, data: MapData, changes: list[Change], workshop: bool) -> None:
        self.build(data, presentation=workshop)
        for card in self.cards.values():
            card.setFlags(card.flags() & ~card.GraphicsItemFlag.ItemIsMovable)
        self.marked = {
            pid: kinds for pid, kinds in marks_by_person(changes).items() if pid in self.cards
        }
        font = QFont()
        font.setBold(True)
        for pid, kinds in self.marked.items():
            card = self.cards[pid]
            colour = QColor(MARKS[kinds[0]][1])
            frame = QGraphicsRectItem(QRectF(-4, -4, W + 8, H + 8), card)
            frame.setPen(QPen(colour, 4))
            frame.setBrush(QBrush())
            frame.setZValue(MARK_Z)
            x = 0.0
            for kind in kinds:
                text, tag_colour = MARKS[kind]
                tag = QGraphicsSimpleTextItem(text, card)
                tag.setFont(font)
                tag.setBrush(QBrush(QColor("white")))
                box = tag.boundingRect().adjusted(-5, -2, 5, 2)
                back = QGraphicsRectItem(QRectF(0, 0, box.width(), box.height()), card)
                back.setBrush(QBrush(QColor(tag_colour)))
                back.setPen(QPen(QColor(tag_colour)))
                back.setPos(x, -box.height() - 6)
                back.setZValue(MARK_Z)
                tag.setParentItem(back)
                tag.setPos(5, 2)
                x += box.width() + 4
            card.setToolTip(
                card.toolTip()
                + "\n"
                + ", ".join(MARKS[k][0] for k in kinds)
                + " since the snapshot"
            )
        self.setSceneRect(self.itemsBoundingRect().adjusted(-40, -40, 40, 40))
