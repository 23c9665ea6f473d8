"""Flowing text as blocks: headings, wrapped paragraphs and bulleted lists, each measured
at the body's width on the PDF device."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from cs_planner.ui.common.text_fit import TEXT_MAX, fit
from cs_planner.ui.pdf.document import INK, MUTED, PT, RULE, Block, Measure, draw_text, font

BULLET_INDENT = 12 * PT


def heading(measure: Measure, width: float, text: str, *, size: float = 13) -> Block:
    """A section heading with a rule under it; it stays with what follows."""
    of = font(size, bold=True)
    height = measure.height(of, width, text) + 5 * PT

    def draw(painter: QPainter, rect: QRectF) -> None:
        draw_text(painter, rect, text, of, INK)
        painter.setPen(RULE)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

    return Block(height, draw, keep_with_next=True, gap_after=6 * PT)


def paragraph(
    measure: Measure,
    width: float,
    text: str,
    *,
    of: QFont | None = None,
    colour: QColor = INK,
    gap: float = 4 * PT,
) -> Block:
    """Wrapped text (cut to ``TEXT_MAX`` characters: a note can be 20,000)."""
    of = of or font(9.5)
    text = fit(text, TEXT_MAX)
    height = measure.height(of, width, text)
    return Block(height, lambda p, r: draw_text(p, r, text, of, colour), gap_after=gap)


def bullets(
    measure: Measure,
    width: float,
    items: Sequence[str | tuple[str, QColor]],
    *,
    of: QFont | None = None,
) -> list[Block]:
    """One block per item (a long list breaks between items), each with a bullet that
    may have a colour of its own (a finding's severity)."""
    of = of or font(9)
    blocks = []
    for item in items:
        text, dot = (item, MUTED) if isinstance(item, str) else item
        text = fit(text, TEXT_MAX)
        height = measure.height(of, width - BULLET_INDENT, text)

        def draw(painter: QPainter, rect: QRectF, text: str = text, dot: QColor = dot) -> None:
            draw_text(
                painter, QRectF(rect.left(), rect.top(), BULLET_INDENT, rect.height()), "●", of, dot
            )
            inner = rect.adjusted(BULLET_INDENT, 0, 0, 0)
            draw_text(painter, inner, text, of, INK)

        blocks.append(Block(height, draw, gap_after=2 * PT))
    return blocks


def spacer(height: float) -> Block:
    return Block(height, lambda _p, _r: None)
