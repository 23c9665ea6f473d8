"""The card a workshop shows on the room's screen: the customer's view of a person (no
private layer) in type read from the back of the room. Lower than the working card (240x52
against 200x92) and with larger type, so the whole chart of a large organisation fits a
projector's screen at a zoom where no card text is under 14 px: the name and title, one
line each, elided (the tooltip has them whole); the level chip, the buying roles and the
private layer are left out (the tooltip and the panel still say the level)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath

from cs_planner.ui.relationships.card_face import (
    LEFT,
    MUTED,
    SPACING,
    Look,
    Placed,
    _elide,
    _placed,
    _style,
)

# Rows of cards closer together than on the working map: a chart in a room is read whole.
AFAR_SPACING = replace(
    SPACING,
    card_width=240.0,
    card_height=52.0,
    sibling_gap=16.0,
    level_gap=30.0,
    stack_gap=6.0,
    spine_gap=12.0,
)
AFAR_W, AFAR_H = AFAR_SPACING.card_width, AFAR_SPACING.card_height
AFAR_CARD = QRectF(0, 0, AFAR_W, AFAR_H)
NAME_BOX = QRectF(16, 3, AFAR_W - 22, 24)
TITLE_BOX = QRectF(16, 27, AFAR_W - 22, 22)
AFAR_BAR = QPainterPath()
AFAR_BAR.addRoundedRect(QRectF(0, 0, 8, AFAR_H), 4, 4)  # the bar on the left edge
NAME_PT, TITLE_PT = 13.5, 12.0  # 18 and 16 px at 96 dpi: >= 14 px from a zoom of 0.875


class AfarFonts:
    """The afar card's two fonts for a painter whose font is ``base`` (made once each)."""

    _made: dict[str, AfarFonts] = {}

    def __init__(self, base: QFont) -> None:
        self.name = QFont(base)
        self.name.setPointSizeF(NAME_PT)
        self.name.setBold(True)
        self.title = QFont(base)
        self.title.setPointSizeF(TITLE_PT)
        self.title.setBold(False)
        self.name_metrics, self.title_metrics = QFontMetrics(self.name), QFontMetrics(self.title)

    @classmethod
    def of(cls, base: QFont) -> AfarFonts:
        key = base.key()
        found = cls._made.get(key)
        if found is None:
            found = cls._made[key] = cls(base)
        return found


class AfarFace:
    """What one afar card draws, measured once (painting only draws)."""

    def __init__(self, look: Look, fonts: AfarFonts) -> None:
        self.fonts = fonts
        self.bar, self.brush, self.pen, self.selected_pen, self.text = _style(look)
        self.name: Placed = _placed(
            fonts.name, _elide(fonts.name_metrics, look.name, NAME_BOX), NAME_BOX, LEFT
        )
        self.title: Placed = _placed(
            fonts.title, _elide(fonts.title_metrics, look.title, TITLE_BOX), TITLE_BOX, LEFT
        )

    def draw(self, painter: QPainter, selected: bool) -> None:
        painter.setPen(self.selected_pen if selected else self.pen)
        painter.setBrush(self.brush)
        painter.drawRoundedRect(AFAR_CARD, 8, 8)
        painter.fillPath(AFAR_BAR, self.bar)
        painter.setFont(self.fonts.name)
        painter.setPen(self.text)
        painter.drawStaticText(*self.name)
        painter.setFont(self.fonts.title)
        painter.setPen(MUTED)
        painter.drawStaticText(*self.title)
