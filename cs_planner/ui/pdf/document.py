"""The PDF's pages: paper and geometry, fonts and wrapped text, blocks flowed over pages,
the header (account name) and footer (page N of M, the date) on every page, and the page
loop that paints them with ``QPdfWriter``.

Everything is laid out before anything is painted, so the footer knows the page count.
Device units are 1/96 inch (``RESOLUTION``): the app's scenes are drawn in those units on
screen, so they print at the size they are shown with point-sized fonts unchanged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
)

from cs_planner import APP_NAME

RESOLUTION = 96  # device units per inch
PT = RESOLUTION / 72  # device units per point
MARGIN = 40 * PT  # around the page
BAND = 22 * PT  # the header's and the footer's height, outside the body
FOOTER_GAP = 4 * PT  # between the body and the footer's rule
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
INK = QColor("#212121")
MUTED = QColor("#616161")
RULE = QColor("#b0bec5")
WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def page_size(paper: str) -> QPageSize:
    try:
        return QPageSize(PAPERS[paper.lower()])
    except KeyError:
        raise ValueError(f"Paper is 'a4' or 'letter', not '{paper}'.") from None


def body_rect(paper: str, landscape: bool) -> QRectF:
    """Where a page's content goes, in device units (inside the margins, header and footer)."""
    size = page_size(paper).sizePoints()
    width, height = size.width() * PT, size.height() * PT
    if landscape:
        width, height = height, width
    top, bottom = MARGIN + BAND, height - MARGIN - BAND
    return QRectF(MARGIN, top, width - 2 * MARGIN, bottom - top - FOOTER_GAP)


def font(points: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """The app's font family at ``points`` (a point is a point on paper)."""
    made = QFont(QGuiApplication.font())
    made.setPointSizeF(points)
    made.setBold(bold)
    made.setItalic(italic)
    return made


class Measure:
    """Wrapped text heights on the PDF device (metrics depend on the device's resolution)."""

    def __init__(self, device: QPaintDevice) -> None:
        self.device = device
        self._metrics: dict[str, QFontMetricsF] = {}

    def metrics(self, of: QFont) -> QFontMetricsF:
        key = of.key()
        found = self._metrics.get(key)
        if found is None:
            found = self._metrics[key] = QFontMetricsF(of, self.device)
        return found

    def height(self, of: QFont, width: float, text: str) -> float:
        """The height ``text`` takes wrapped to ``width`` (one line when empty)."""
        metrics = self.metrics(of)
        if not text:
            return metrics.height()
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), WRAP, text).height()

    def width(self, of: QFont, text: str) -> float:
        return self.metrics(of).horizontalAdvance(text)


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    of: QFont,
    colour: QColor = INK,
    flags: int = WRAP,
) -> None:
    painter.setFont(of)
    painter.setPen(QPen(colour))
    painter.drawText(rect, flags, text)


Draw = Callable[[QPainter, QRectF], None]


@dataclass(frozen=True)
class Block:
    """A piece of a flowing page: its height at the body's width and how it draws itself
    in the rectangle it is given (the body's width, ``height`` high)."""

    height: float
    draw: Draw
    keep_with_next: bool = False  # a heading stays with what follows it
    gap_after: float = 0.0
    # What a page begins with when this block is the first on it (a table's title and
    # header row when the table runs onto another page).
    continued: Callable[[], Sequence[Block]] | None = None


@dataclass(frozen=True)
class Page:
    """One page: its orientation, the section named in the header, and how to draw its
    body into the body rectangle."""

    section: str
    draw: Draw
    landscape: bool = False


def flow(
    blocks: Sequence[Block], room: float, section: str, *, landscape: bool = False
) -> list[Page]:
    """Lay ``blocks`` top to bottom over as many pages as they need; a page that begins
    with a block that says how it is ``continued`` begins with that. A block taller than a
    page is cut at the bottom."""
    pages: list[list[Block]] = []
    current: list[Block] = []
    used = 0.0
    for n, block in enumerate(blocks):
        need = block.height
        # A heading takes the next block's room too, so it never ends a page.
        if block.keep_with_next and n + 1 < len(blocks):
            need += block.gap_after + blocks[n + 1].height
        if current and used + need > room:
            pages.append(current)
            current = list(block.continued()) if block.continued else []
            used = sum(b.height + b.gap_after for b in current)
        current.append(block)
        used += block.height + block.gap_after
    if current or not pages:
        pages.append(current)
    return [Page(section, _stack(page), landscape) for page in pages]


def _stack(blocks: list[Block]) -> Draw:
    def draw(painter: QPainter, rect: QRectF) -> None:
        y = rect.top()
        for block in blocks:
            height = min(block.height, rect.bottom() - y)
            if height <= 0:
                break
            painter.save()
            painter.setClipRect(QRectF(rect.left(), y, rect.width(), height))
            block.draw(painter, QRectF(rect.left(), y, rect.width(), height))
            painter.restore()
            y += block.height + block.gap_after

    return draw


@dataclass
class Document:
    """The plan's pages and what its header and footer say."""

    title: str  # the account name, in every header
    today: dt.date
    paper: str = "a4"
    pages: list[Page] = field(default_factory=list)

    def render(self, writer: QPdfWriter) -> None:
        """Paint every page on ``writer`` (set up by ``new_writer``)."""
        painter = QPainter()
        try:
            for number, page in enumerate(self.pages, start=1):
                _orient(writer, page.landscape)
                if number == 1:
                    if not painter.begin(writer):
                        raise OSError("The PDF could not be started.")
                    painter.setRenderHints(
                        QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                    )
                elif not writer.newPage():
                    raise OSError("The PDF could not take another page.")
                body = body_rect(self.paper, page.landscape)
                self._header_footer(painter, body, page.section, number)
                painter.save()
                page.draw(painter, body)
                painter.restore()
        finally:
            if painter.isActive():  # also after an error: the half-made PDF is dropped
                painter.end()

    def _header_footer(self, painter: QPainter, body: QRectF, section: str, number: int) -> None:
        top = QRectF(body.left(), MARGIN, body.width(), BAND - 6 * PT)
        bottom = QRectF(
            body.left(), body.bottom() + FOOTER_GAP + 6 * PT, body.width(), BAND - 6 * PT
        )
        small, bold = font(8), font(8.5, bold=True)
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # The account name takes the room the section leaves, elided rather than overlapping.
        room = body.width() - Measure(painter.device()).width(small, section) - 24 * PT
        title = QFontMetricsF(bold, painter.device()).elidedText(
            self.title, Qt.TextElideMode.ElideRight, max(room, 40 * PT)
        )
        draw_text(painter, top, title, bold, INK, left)
        draw_text(painter, top, section, small, MUTED, right)
        painter.setPen(QPen(RULE, 0.75 * PT))
        painter.drawLine(top.bottomLeft(), top.bottomRight())
        painter.drawLine(bottom.topLeft(), bottom.topRight())
        stamp = f"Account plan · {self.today:%d %b %Y}"
        draw_text(painter, bottom, stamp, small, MUTED, left)
        draw_text(painter, bottom, f"Page {number} of {len(self.pages)}", small, MUTED, right)


def _orient(writer: QPdfWriter, landscape: bool) -> None:
    wanted = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    if writer.pageLayout().orientation() != wanted:
        writer.setPageOrientation(wanted)


def new_writer(buffer: QBuffer, paper: str, title: str) -> QPdfWriter:
    """A PDF writer into ``buffer``: ``paper`` portrait, no margins of Qt's (ours are drawn),
    device units of 1/96 inch."""
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(page_size(paper), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    return writer


def pdf_bytes(paper: str, title: str, build: Callable[[QPdfWriter], Document]) -> bytes:
    """Lay out (``build`` measures text on the writer) and paint a document in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = new_writer(buffer, paper, title)
    document = build(writer)
    document.render(writer)  # the painter's end writes the PDF's trailer into the buffer
    buffer.close()
    return bytes(data.data())
