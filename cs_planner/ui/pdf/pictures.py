"""The relationship map and the stairway on paper: the app's own scenes drawn on the PDF
painter, so they stay vector. A map too large for one page at a readable scale gets an
overview page of the whole map (with where each part is) and then parts of it, a little
overlapping, each labelled "part 2 of 4"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from cs_planner import palette
from cs_planner.domain.enums import Stance
from cs_planner.domain.relationships.rows import MapData
from cs_planner.domain.stairway.rules import step_summaries
from cs_planner.ui.pdf.document import MUTED, PT, RULE, Draw, Measure, Page, draw_text, font
from cs_planner.ui.relationships.cards import INFLUENCE_COLOUR, REPORTS_COLOUR
from cs_planner.ui.relationships.scene import MapScene
from cs_planner.ui.stairway.cards import CardContext
from cs_planner.ui.stairway.scene import StaircaseScene
from cs_planner.ui.stairway.screen import StairwayScreen, template_lines

# The smallest text on a map card is 7.5 pt (badges, flags): drawn at this scale or more
# it prints at 7 pt or more.
SMALLEST_CARD_TEXT = 7.5
READABLE = 7.0 / SMALLEST_CARD_TEXT
# The staircase's smallest text is a point below the app's font (8 pt of 9): shrunk below
# this it would print under 7 pt, so a long staircase runs on over pages instead.
STAIRWAY_READABLE = 0.875
OVERLAP = 48.0  # scene units two neighbouring parts share
BAND_PAD = 24.0  # around a band's cards
STACK_GAP = 24.0  # between two short parts on one page, in scene units
CAPTION = 18 * PT
LEGEND = 16 * PT
LEGEND_POINTS = 7.5


@dataclass(frozen=True)
class Tile:
    source: QRectF  # the part of the scene
    number: int  # 1-based: the page ("part") it is printed on


def _frame(body: QRectF) -> QRectF:
    """Where a picture goes on its page: below the caption, above the legend."""
    return body.adjusted(0, CAPTION, 0, -LEGEND)


def spans(
    lo: float, hi: float, size: float, busy: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Cut ``lo``..``hi`` into pieces at most ``size`` long, each cut in a gap between the
    ``busy`` intervals (cards) when there is one in the piece's second half (the rows of a
    map have such gaps; its columns rarely do), the next piece starting OVERLAP before."""

    def inside(x: float) -> list[tuple[float, float]]:
        return [(a, b) for a, b in busy if a < x < b]

    found: list[tuple[float, float]] = []
    start = lo
    while hi - start > size:
        end = start + size
        cut = end
        while (hit := inside(cut)) and cut > start + size / 2:
            cut = min(a for a, _b in hit) - 1
        if cut <= start + size / 2:
            cut = end  # no gap in reach: cut through
        found.append((start, cut))
        start = cut - OVERLAP
    found.append((start, hi))
    return found


def tiles(source: QRectF, room: QRectF, scale: float, cards: Sequence[QRectF]) -> list[Tile]:
    """Cut a map's ``source`` into parts that fit ``room`` at ``scale``: bands from top to
    bottom, cut between rows of ``cards`` where they can be; each band cut into parts from
    card to card, left to right (a part begins at the first card the parts before it did
    not take, so every card is whole in some part and empty stretches make no page), each
    part only as large as its cards; short parts of a band share a page, one under the
    other. The staircase is cut by ``staircase_parts``."""
    width, height = room.width() / scale, room.height() / scale
    ys = spans(source.top(), source.bottom(), height, [(c.top(), c.bottom()) for c in cards])
    found: list[Tile] = []
    used = 0.0  # of the current page's height, in scene units
    for top, bottom in ys:
        band = QRectF(source.left(), top, source.width(), bottom - top)
        inside = [c for c in cards if band.contains(c.center())]
        if not inside:
            continue
        for n, rect in enumerate(_band_parts(band, inside, width)):
            # Parts of one band share a page; a new band begins a page.
            if n and used + STACK_GAP + rect.height() <= height:
                used += STACK_GAP + rect.height()
                found.append(Tile(rect, found[-1].number))
            else:
                used = rect.height()
                found.append(Tile(rect, (found[-1].number if found else 0) + 1))
    return found


def _band_parts(band: QRectF, cards: Sequence[QRectF], width: float) -> list[QRectF]:
    parts = []
    left_to_right = sorted(cards, key=lambda c: c.center().x())
    while left_to_right:
        start = max(band.left(), left_to_right[0].left() - BAND_PAD)
        end = min(band.right(), start + width)
        taken = [c for c in left_to_right if c.center().x() < end]
        left_to_right = left_to_right[len(taken) :]
        right = min(end, max(c.right() for c in taken) + BAND_PAD)
        top = max(band.top(), min(c.top() for c in taken) - BAND_PAD)
        bottom = min(band.bottom(), max(c.bottom() for c in taken) + BAND_PAD)
        parts.append(QRectF(start, top, right - start, bottom - top))
    return parts


def stacked(parts: Sequence[Tile]) -> list[list[QRectF]]:
    """The parts page by page."""
    pages: list[list[QRectF]] = []
    for tile in parts:
        if len(pages) < tile.number:
            pages.append([])
        pages[tile.number - 1].append(tile.source)
    return pages


def _render(
    painter: QPainter, scene: QGraphicsScene, frame: QRectF, source: QRectF, scale: float
) -> QRectF:
    """Draw ``source`` at ``scale``, top-centred in ``frame``; returns where it went."""
    target = QRectF(0, 0, source.width() * scale, source.height() * scale)
    target.moveTopLeft(QPointF(frame.left() + (frame.width() - target.width()) / 2, frame.top()))
    painter.save()
    painter.setClipRect(target)
    painter.setFont(QGuiApplication.font())  # the scene's items size their text from it
    scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    painter.restore()
    painter.setPen(QPen(RULE, 0.5 * PT))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(target)
    return target


def _render_stacked(
    painter: QPainter,
    scene: QGraphicsScene,
    frame: QRectF,
    sources: Sequence[QRectF],
    scale: float,
) -> None:
    """The parts one page holds, one under the other."""
    frame = QRectF(frame)
    for source in sources:
        placed = _render(painter, scene, frame, source, scale)
        frame.setTop(placed.bottom() + STACK_GAP * scale)


def _caption(painter: QPainter, body: QRectF, title: str, note: str) -> None:
    box = QRectF(body.left(), body.top(), body.width(), CAPTION - 4 * PT)
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    draw_text(painter, box, title, font(10, bold=True), flags=left)
    draw_text(painter, box, note, font(8), MUTED, right)


def _map_legend(painter: QPainter, body: QRectF) -> None:
    """What the colours and lines mean, in one line under the map."""
    y = body.bottom() - LEGEND / 2
    x = body.left()
    measure = Measure(painter.device())
    for stance in Stance:
        painter.fillRect(QRectF(x, y - 4 * PT, 10 * PT, 8 * PT), QColor(palette.STANCE[stance]))
        x += 13 * PT
        x = _legend_text(painter, measure, x, y, stance.label)
    for colour, dashed, text in (
        (REPORTS_COLOUR, False, "reports to"),
        (INFLUENCE_COLOUR, True, "influences"),
    ):
        pen = QPen(QColor(colour), 1.2 * PT)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, y), QPointF(x + 18 * PT, y))
        x = _legend_text(painter, measure, x + 21 * PT, y, text)
    _legend_text(painter, measure, x, y, "card colour: stance; border and dots: influence")


def _legend_text(painter: QPainter, measure: Measure, x: float, y: float, text: str) -> float:
    width = measure.width(font(LEGEND_POINTS), text) + 2
    box = QRectF(x, y - LEGEND / 2, width, LEGEND)
    draw_text(
        painter,
        box,
        text,
        font(LEGEND_POINTS),
        MUTED,
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
    )
    return x + width + 10 * PT


def map_pages(data: MapData, body: QRectF, presentation: bool = False) -> list[Page]:
    """The relationship map on landscape pages: one page when it is readable there, else
    an overview and its parts."""
    section = "Relationship map"
    if not data.stakeholders:
        return [Page(section, _nothing("No stakeholders on the map yet."), landscape=True)]
    scene = MapScene()
    scene.build(data, presentation=presentation)
    scene.setBackgroundBrush(QBrush(Qt.BrushStyle.NoBrush))  # white paper, not the screen's grey
    source = scene.itemsBoundingRect().adjusted(-16, -16, 16, 16)
    frame = _frame(body)
    fit = min(frame.width() / source.width(), frame.height() / source.height())
    count = len(data.stakeholders)
    people = f"{count} {'person' if count == 1 else 'people'}"
    if fit >= READABLE:

        def whole(painter: QPainter, rect: QRectF) -> None:
            _caption(painter, rect, "Relationship map", people)
            _render(painter, scene, _frame(rect), source, min(fit, 1.0))
            if not presentation:  # the legend names the stances
                _map_legend(painter, rect)

        return [Page(section, whole, landscape=True)]
    cards = [card.sceneBoundingRect() for card in scene.cards.values()]
    parts = tiles(source, frame, READABLE, cards)
    pages_of_parts = stacked(parts)
    count_parts = len(pages_of_parts)

    def overview(painter: QPainter, rect: QRectF) -> None:
        note = f"{people}; the {count_parts} parts follow"
        _caption(painter, rect, "Relationship map: overview", note)
        placed = _render(painter, scene, _frame(rect), source, fit)
        _outline_parts(painter, placed, source, fit, parts)
        if not presentation:
            _map_legend(painter, rect)

    pages = [Page(section, overview, landscape=True)]
    for number, sources in enumerate(pages_of_parts, start=1):

        def part(
            painter: QPainter, rect: QRectF, number: int = number, sources: list[QRectF] = sources
        ) -> None:
            _caption(painter, rect, "Relationship map", f"part {number} of {count_parts}")
            _render_stacked(painter, scene, _frame(rect), sources, READABLE)
            if not presentation:  # the legend names the stances
                _map_legend(painter, rect)

        pages.append(Page(section, part, landscape=True))
    return pages


def _outline_parts(
    painter: QPainter, placed: QRectF, source: QRectF, scale: float, parts: Sequence[Tile]
) -> None:
    """On the overview: where each part is, numbered."""
    pen = QPen(QColor("#1565c0"), 0.8 * PT)
    pen.setStyle(Qt.PenStyle.DashLine)
    for tile in parts:
        rect = QRectF(
            placed.left() + (tile.source.left() - source.left()) * scale,
            placed.top() + (tile.source.top() - source.top()) * scale,
            tile.source.width() * scale,
            tile.source.height() * scale,
        )
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        label = QRectF(rect.left() + 2 * PT, rect.top() + 2 * PT, 40 * PT, 14 * PT)
        painter.fillRect(label.adjusted(0, 0, -22 * PT, 0), QColor(255, 255, 255, 220))
        draw_text(painter, label, str(tile.number), font(9, bold=True), QColor("#1565c0"))


def stairway_pages(screen: StairwayScreen, body: QRectF) -> list[Page]:
    """The staircase on landscape pages, as wide as the page allows (never magnified);
    a long staircase runs on over pages from top to bottom."""
    section = "Stairway"
    rows = screen.stairway.rows
    if not rows:
        return [Page(section, _nothing("No use cases on the stairway yet."), landscape=True)]
    c = screen.choices
    progress = screen.stairway.progress
    next_item = progress.next_item if progress else None
    context = CardContext(
        c.today, c.fy_start, c.currency, next_item.use_case_id if next_item else None
    )
    scene = StaircaseScene()
    scene.show_rows(rows, step_summaries(rows), context, template_lines(progress), None)
    scene.clearSelection()
    source = scene.sceneRect()
    frame = body.adjusted(0, CAPTION, 0, 0)
    scale = min(1.0, frame.width() / source.width(), frame.height() / source.height())
    if scale < STAIRWAY_READABLE:  # a long staircase: full width, over several pages
        scale = min(1.0, frame.width() / source.width())
    cards = {key: card.sceneBoundingRect() for key, card in scene.cards.items()}
    parts = staircase_parts(source, frame.height() / scale, cards)
    pages = []
    for number, (part, shown) in enumerate(parts, start=1):
        note = f"part {number} of {len(parts)}" if len(parts) > 1 else f"{len(rows)} use cases"

        def draw(
            painter: QPainter,
            rect: QRectF,
            part: QRectF = part,
            shown: frozenset[int] = shown,
            note: str = note,
        ) -> None:
            _caption(painter, rect, "Stairway", note)
            # Only this part's cards: one crossing its edge is whole on the next page.
            for key, card in scene.cards.items():
                card.setVisible(key in shown)
            try:
                _render(painter, scene, rect.adjusted(0, CAPTION, 0, 0), part, scale)
            finally:
                for card in scene.cards.values():
                    card.setVisible(True)

        pages.append(Page(section, draw, landscape=True))
    return pages


def staircase_parts(
    source: QRectF, height: float, cards: dict[int, QRectF]
) -> list[tuple[QRectF, frozenset[int]]]:
    """Cut a staircase ``height`` scene units a page, from top to bottom: each part shows
    the cards wholly inside it that no part before showed; the next part begins just above
    the highest card left. The columns' cards sit at staggered heights, so no straight cut
    misses them all; this way every card is whole on exactly one page."""
    parts: list[tuple[QRectF, frozenset[int]]] = []
    left = dict(cards)
    top = source.top()
    while True:
        bottom = min(top + height, source.bottom())
        part = QRectF(source.left(), top, source.width(), bottom - top)
        shown = frozenset(k for k, r in left.items() if part.contains(r))
        if not shown and left:  # a card taller than a page: show it cut rather than loop
            shown = frozenset(k for k, r in left.items() if part.intersects(r))
        parts.append((part, shown))
        left = {k: r for k, r in left.items() if k not in shown}
        if not left or bottom >= source.bottom():
            return parts
        top = max(bottom - height / 2, min(r.top() for r in left.values()) - BAND_PAD)


def _nothing(text: str) -> Draw:
    def draw(painter: QPainter, rect: QRectF) -> None:
        draw_text(painter, rect, text, font(10, italic=True), MUTED)

    return draw
