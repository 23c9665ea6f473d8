"""What a stakeholder's card draws, worked out once per card: its fonts (shared by every
card), elided texts, badge and flag boxes, pens and brushes. A map repaints its cards on
every scroll and zoom; painting then only draws, it measures nothing and makes no fonts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QStaticText,
    QTransform,
)

from cs_planner.domain.relationships.layout import Spacing

SPACING = Spacing()
W, H = SPACING.card_width, SPACING.card_height
CARD = QRectF(0, 0, W, H)
NAME_BOX_TOP, TITLE_BOX = (14.0, 5.0), QRectF(14, 23, W - 20, 16)
OWNER_BOX = QRectF(14, H - 20, W - 70, 16)
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter


def _bar() -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, 8, H), 4, 4)
    return path


BAR = _bar()  # the stance bar on the left edge
DOTS = [QPointF(W - 52 + n * 10, H - 12) for n in range(5)]


T = TypeVar("T")
Placed = tuple[QPointF, QStaticText]  # a text, laid out, and where it goes
Box = tuple[QRectF, Placed, QColor]  # a flag: where, its text and its colour


@dataclass(frozen=True)
class Fonts:
    """The card's fonts, derived from the painter's font, and their metrics."""

    name: QFont
    struck: QFont  # the name of someone who left
    small: QFont
    badge: QFont
    flag: QFont
    name_metrics: QFontMetrics
    small_metrics: QFontMetrics
    badge_metrics: QFontMetrics
    flag_metrics: QFontMetrics
    # What cards measured with these fonts share (badges, flags, titles and owners
    # repeat from card to card; stance colours and influence weights are few).
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, compare=False)

    def once(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        found = self.memo.get(key, _MISSING)
        if found is _MISSING:
            found = self.memo[key] = make()
        return found  # type: ignore[no-any-return]


_MISSING = object()
_FONTS: dict[str, Fonts] = {}


def fonts_for(base: QFont) -> Fonts:
    """The card fonts for a painter whose font is ``base``, made once per base font."""
    key = base.key()
    found = _FONTS.get(key)
    if found is None:
        name = QFont(base)
        name.setPointSizeF(9.5)
        name.setBold(True)
        struck = QFont(name)
        struck.setStrikeOut(True)
        small = QFont(name)
        small.setBold(False)
        small.setPointSizeF(8)
        badge = QFont(small)
        badge.setPointSizeF(7.5)
        flag = QFont(base)
        flag.setPointSizeF(7.5)
        flag.setBold(True)
        measure = QFontMetrics
        found = _FONTS[key] = Fonts(
            name, struck, small, badge, flag, measure(name), measure(small), measure(badge),
            measure(flag),
        )  # fmt: skip
    return found


@dataclass(frozen=True)
class Look:
    """A card's colours and texts, independent of fonts (cards.CardItem makes it)."""

    colour: str
    fill: str
    departed: bool
    struck: bool
    weight: float
    name: str
    title: str
    owner: str
    badges: list[str]
    flags: list[tuple[str, str]]  # text, colour
    influence: int | None  # the dots, none in presentation mode


class Face:
    """Everything one card draws, measured with one set of fonts."""

    def __init__(self, look: Look, fonts: Fonts) -> None:
        self.fonts = fonts
        style = (look.colour, look.fill, look.weight, look.departed)
        self.bar, self.brush, self.pen, self.selected_pen, self.text = fonts.once(
            ("style", *style), lambda: _style(look)
        )
        self.name_font = fonts.struck if look.struck else fonts.name
        flags = tuple(look.flags)
        self.flags, right = fonts.once(("flags", flags), lambda: self._flags(flags))
        flag_width = W - 6 - right
        name_box = QRectF(*NAME_BOX_TOP, W - 20 - flag_width, 18)
        name = _elide(fonts.name_metrics, look.name, name_box)
        self.name = _placed(self.name_font, name, name_box, LEFT)
        self.title = fonts.once(("title", look.title), lambda: self._small(look.title, TITLE_BOX))
        self.owner = fonts.once(("owner", look.owner), lambda: self._small(look.owner, OWNER_BOX))
        badges = tuple(look.badges)
        self.badges = fonts.once(("badges", badges), lambda: self._badges(badges))
        self.dots = None if look.influence is None else DOT_ROWS[min(max(look.influence, 0), 5)]

    def _small(self, text: str, box: QRectF) -> Placed:
        """A line in the small font, elided to ``box``."""
        fonts = self.fonts
        return _placed(fonts.small, _elide(fonts.small_metrics, text, box), box, LEFT)

    def _flags(self, flags: tuple[tuple[str, str], ...]) -> tuple[list[Box], float]:
        out: list[Box] = []
        right = W - 6
        for flag, colour in reversed(flags):
            width = self.fonts.flag_metrics.horizontalAdvance(flag) + 10
            box = QRectF(right - width, 5, width, 15)
            out.append((box, _placed(self.fonts.flag, flag, box, CENTRE), QColor(colour)))
            right -= width + 4
        return out, right if flags else W - 6

    def _badges(self, badges: tuple[str, ...]) -> list[tuple[QRectF, Placed, bool]]:
        """Side by side from the left; what does not fit becomes "+n" (the tooltip has
        them all), or nothing when even that does not fit."""
        metrics = self.fonts.badge_metrics
        out: list[tuple[QRectF, Placed, bool]] = []
        x, y, limit = 14.0, 44.0, W - 8
        for n, badge in enumerate(badges):
            width = metrics.horizontalAdvance(badge) + 10
            if x + width > limit:
                more = f"+{len(badges) - n}"
                box = QRectF(x, y, metrics.horizontalAdvance(more) + 10, 16)
                if box.right() <= limit:
                    out.append((box, _placed(self.fonts.badge, more, box, CENTRE), n == 0))
                break
            box = QRectF(x, y, width, 16)
            out.append((box, _placed(self.fonts.badge, badge, box, CENTRE), n == 0))
            x += width + 4
        return out

    def draw(self, painter: QPainter, selected: bool) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.selected_pen if selected else self.pen)
        painter.setBrush(self.brush)
        painter.drawRoundedRect(CARD, 8, 8)
        painter.fillPath(BAR, self.bar)
        fonts = self.fonts
        if self.flags:
            painter.setFont(fonts.flag)
            for box, flag, colour in self.flags:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawRoundedRect(box, 7, 7)
                painter.setPen(WHITE)
                painter.drawStaticText(*flag)
        painter.setFont(self.name_font)
        painter.setPen(self.text)
        painter.drawStaticText(*self.name)
        painter.setFont(fonts.small)
        painter.setPen(MUTED)
        painter.drawStaticText(*self.title)
        if self.badges:
            painter.setFont(fonts.badge)
            for box, badge, level in self.badges:
                painter.setPen(BADGE_PEN)
                painter.setBrush(BADGE_LEVEL if level else WHITE)
                painter.drawRoundedRect(box, 8, 8)
                painter.setPen(BADGE_TEXT)
                painter.drawStaticText(*badge)
            painter.setFont(fonts.small)
            painter.setPen(MUTED)
        painter.drawStaticText(*self.owner)
        if self.dots is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            for centre, colour in self.dots:
                painter.setBrush(colour)
                painter.drawEllipse(centre, 3.5, 3.5)


def _placed(font: QFont, text: str, box: QRectF, align: Qt.AlignmentFlag) -> Placed:
    """``text`` laid out once (drawStaticText then only draws its glyphs, several times
    faster than drawText), where drawText would put it aligned in ``box``."""
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)  # a name like "<b>" is not markup
    static.prepare(QTransform(), font)
    return QFontMetricsF(font).boundingRect(box, align, text).topLeft(), static


def _elide(metrics: QFontMetrics, text: str, box: QRectF) -> str:
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(box.width()))


def _style(look: Look) -> tuple[QBrush, QBrush, QPen, QPen, QColor]:
    """The stance bar, the fill, the border (plain and selected) and the text colour."""
    colour = QColor(look.colour)
    pen = QPen(colour.darker(115), look.weight)
    selected = QPen(QColor(SELECTED_COLOUR), look.weight + 1.5)
    if look.departed:
        pen.setStyle(Qt.PenStyle.DashLine)
        selected.setStyle(Qt.PenStyle.DashLine)
    text = QColor(MUTED_TEXT if look.departed else TEXT)
    return QBrush(colour), QBrush(QColor(look.fill)), pen, selected, text


SELECTED_COLOUR = "#1e88e5"
TEXT = "#212121"
MUTED_TEXT = "#616161"
MUTED = QColor(MUTED_TEXT)
WHITE = QColor("white")
BADGE_PEN = QPen(QColor("#90a4ae"), 0.8)
BADGE_LEVEL = QColor("#eceff1")
BADGE_TEXT = QColor("#37474f")
DOT_ON, DOT_OFF = QColor("#455a64"), QColor("#cfd8dc")
# The five influence dots, filled up to each possible influence (0 to 5).
DOT_ROWS = [
    [(c, DOT_ON if n < influence else DOT_OFF) for n, c in enumerate(DOTS)]
    for influence in range(6)
]
