"""Tables over pages: a title, a header row repeated on every page the table runs onto,
rows whose long text wraps (a row never splits across pages), and colours that mean
something (overdue in red, a risk's severity)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from cs_planner.ui.common.text_fit import TEXT_MAX, fit
from cs_planner.ui.pdf.document import (
    INK,
    PT,
    RULE,
    Block,
    Measure,
    draw_text,
    font,
)
from cs_planner.ui.pdf.text import heading, paragraph

PAD = 3 * PT
HEADER_FILL = QColor("#eceff1")
ZEBRA = QColor("#f7f9fa")
CELL_POINTS = 8.5


@dataclass(frozen=True)
class Column:
    header: str
    share: float  # of the table's width (the shares are scaled to add up to 1)
    right: bool = False  # figures and dates align right


@dataclass(frozen=True)
class Cell:
    text: str
    colour: QColor = field(default_factory=lambda: QColor(INK))
    bold: bool = False


def _edges(columns: Sequence[Column], width: float) -> list[tuple[float, float]]:
    total = sum(c.share for c in columns)
    edges, x = [], 0.0
    for column in columns:
        w = width * column.share / total
        edges.append((x, w))
        x += w
    return edges


def _flags(column: Column) -> int:
    side = Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft
    return int(Qt.TextFlag.TextWordWrap) | int(side | Qt.AlignmentFlag.AlignTop)


def _row(
    measure: Measure,
    width: float,
    columns: Sequence[Column],
    cells: Sequence[Cell],
    *,
    header: bool = False,
    shade: bool = False,
) -> Block:
    edges = _edges(columns, width)
    fonts = [font(CELL_POINTS, bold=header or c.bold) for c in cells]
    texts = [fit(c.text, TEXT_MAX) for c in cells]
    height = 2 * PAD + max(
        measure.height(f, w - 2 * PAD, t) for f, (_x, w), t in zip(fonts, edges, texts, strict=True)
    )

    def draw(painter: QPainter, rect: QRectF) -> None:
        if header or shade:
            painter.fillRect(rect, HEADER_FILL if header else ZEBRA)
        for (x, w), text, of, cell, column in zip(edges, texts, fonts, cells, columns, strict=True):
            box = QRectF(rect.left() + x + PAD, rect.top() + PAD, w - 2 * PAD, rect.height())
            draw_text(painter, box, text, of, cell.colour, _flags(column))
        painter.setPen(QPen(RULE, 0.5 * PT))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

    return Block(height, draw, keep_with_next=header)


def table_blocks(
    measure: Measure,
    width: float,
    *,
    title: str,
    intro: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    empty: str,
) -> list[Block]:
    """A titled table whose title and header row begin every page it runs onto."""
    header_cells = [Cell(c.header) for c in columns]
    blocks = [heading(measure, width, title)]
    if intro:
        blocks.append(replace(paragraph(measure, width, intro, gap=8 * PT), keep_with_next=True))
    if not rows:
        blocks.append(paragraph(measure, width, empty, of=font(9.5, italic=True), gap=14 * PT))
        return blocks
    blocks.append(_row(measure, width, columns, header_cells, header=True))

    def continued() -> list[Block]:
        return [
            heading(measure, width, f"{title} (continued)", size=11),
            _row(measure, width, columns, header_cells, header=True),
        ]

    body = [
        replace(_row(measure, width, columns, cells, shade=n % 2 == 1), continued=continued)
        for n, cells in enumerate(rows)
    ]
    body[-1] = replace(body[-1], gap_after=18 * PT)  # room before what follows
    return blocks + body
