"""The expansion and value pictures: the Expansion tab's matplotlib charts written as SVG
and drawn through QtSvg (vector on paper, text as outlines), and the Value tab's health
history widget painted on the PDF painter."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QRectF
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from cs_planner.domain.expansion.rows import ExpansionData
from cs_planner.domain.value.health import AccountHealth
from cs_planner.ui.pdf.document import INK, PT, RESOLUTION, Block, Measure, Page, flow, font
from cs_planner.ui.pdf.text import bullets, heading, paragraph
from cs_planner.ui.value.health_charts import HealthLine

if TYPE_CHECKING:
    from matplotlib.figure import Figure

RADAR_MIN = 180 * PT
EMPTY_PATH = re.compile(rb"<path\s[^>]*/>")
RADAR_GAP = 10 * PT


def svg(draw: Callable[[Figure], None], width: float, height: float) -> bytes:
    """``draw(figure)`` on a figure ``width`` x ``height`` device units, as SVG."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    # Text as text, not outlines: sharp, searchable in the PDF, and no empty glyph
    # (a space) for QtSvg to complain about.
    with rc_context({"svg.fonttype": "none"}):
        figure = Figure(figsize=(width / RESOLUTION, height / RESOLUTION), layout="constrained")
        FigureCanvasSVG(figure)
        draw(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg")
    return EMPTY_PATH.sub(_drop_empty, buffer.getvalue())


def _drop_empty(match: re.Match[bytes]) -> bytes:
    """Leave out a path that draws nothing: one without data (an empty line: no ARR yet),
    which QtSvg reports, or whose points are all one point (the radar's area when every
    dimension is at zero), which Qt's PDF engine writes as a broken path."""
    data = re.search(rb'\sd="([^"]*)"', match.group(0))
    if data is None:
        return b""
    numbers = re.findall(rb"-?[\d.]+(?:e-?\d+)?", data.group(1))
    points = set(zip(numbers[::2], numbers[1::2], strict=False))
    return b"" if len(points) <= 1 else match.group(0)


def svg_block(data: bytes, width: float, height: float, *, gap: float = 10 * PT) -> Block:
    """A picture ``width`` x ``height`` (its natural size: text at the size drawn),
    centred in the body's width."""
    renderer = QSvgRenderer(QByteArray(data))

    def draw(painter: QPainter, rect: QRectF) -> None:
        left = rect.left() + (rect.width() - width) / 2
        renderer.render(painter, QRectF(left, rect.top(), width, height))

    return Block(height, draw, gap_after=gap)


def widget_block(widget: QWidget, width: float, height: float, *, gap: float = 8 * PT) -> Block:
    """A QPainter widget (the health line) painted on the page at ``width`` x ``height``."""
    widget.resize(round(width), round(height))
    palette = widget.palette()  # dark ink on paper, whatever the desktop's theme
    palette.setColor(QPalette.ColorRole.WindowText, INK)
    widget.setPalette(palette)

    def draw(painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.translate(rect.topLeft())
        # DrawChildren only: no window background over the paper.
        widget.render(painter, QPoint(0, 0), renderFlags=QWidget.RenderFlag.DrawChildren)
        painter.restore()

    return Block(height, draw, gap_after=gap)


def expansion_and_value_pages(
    measure: Measure,
    body: QRectF,
    expansion: ExpansionData,
    health: AccountHealth,
    health_line: HealthLine,
) -> list[Page]:
    """The ARR projection and the six dimensions, then the health over the last year."""
    from cs_planner.ui.expansion.charts import draw_projection, draw_radar

    width = body.width()
    chart_h = min(width * 0.4, 300 * PT)
    projection = svg(lambda f: draw_projection(f, expansion), width, chart_h)
    top = [heading(measure, width, "Expansion"), svg_block(projection, width, chart_h)]
    health_line.set_points([(h.as_of, h.score) for h in health.history])
    below = [
        heading(measure, width, "Health over the last year"),
        widget_block(health_line, width, 110 * PT),
        *bullets(measure, width, list(health.sentences)),
    ]
    if health.biggest_move is not None:
        month, indicator, change = health.biggest_move
        below.append(
            paragraph(
                measure,
                width,
                f"Biggest monthly move: {change:+.0f} points by {month:%b %Y}, "
                f"mostly {indicator.label.lower()}.",
                of=font(8.5, italic=True),
            )
        )
    # The radar takes the room the rest leaves on the page (within reason), so the
    # expansion and the health share one page.
    used = sum(b.height + b.gap_after for b in (*top, *below)) + RADAR_GAP
    radar_h = max(RADAR_MIN, min(body.height() - used, width * 0.5))
    radar = svg(lambda f: draw_radar(f, expansion.dimensions), radar_h * 1.25, radar_h)
    blocks = [*top, svg_block(radar, radar_h * 1.25, radar_h, gap=RADAR_GAP), *below]
    return flow(blocks, body.height(), "Expansion and value")
