"""The expansion and value pictures: the Expansion tab's charts painted on the PDF
painter (``ui.common.plot``: vector, text as text), and the Value tab's health history
widget."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QWidget

from cs_planner.domain.expansion.rows import ExpansionData
from cs_planner.domain.value.health import AccountHealth
from cs_planner.ui.common.plot import Chart, Ink, paint_chart
from cs_planner.ui.expansion.charts import ProjectionChart, RadarChart
from cs_planner.ui.pdf.document import INK, PT, Block, Measure, Page, flow, font
from cs_planner.ui.pdf.text import bullets, heading, paragraph
from cs_planner.ui.value.health_charts import HealthLine

RADAR_MIN = 180 * PT
RADAR_GAP = 10 * PT


def chart_block(chart: Chart, width: float, height: float, *, gap: float = 10 * PT) -> Block:
    """A chart ``width`` x ``height`` in dark ink, centred in the body's width."""

    def draw(painter: QPainter, rect: QRectF) -> None:
        left = rect.left() + (rect.width() - width) / 2
        paint_chart(chart, painter, QRectF(left, rect.top(), width, height), Ink.on_paper())

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
    customer: bool = False,
) -> list[Page]:
    """The ARR projection and the six dimensions, then the health over the last year."""
    width = body.width()
    chart_h = min(width * 0.4, 300 * PT)
    projection = chart_block(ProjectionChart(expansion), width, chart_h)
    top = [heading(measure, width, "Expansion"), projection]
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
    radar = chart_block(RadarChart(expansion.dimensions), radar_h * 1.4, radar_h, gap=RADAR_GAP)
    if customer:  # the ARR behind the projection and the health's workings are private
        top, below = [heading(measure, width, "Expansion")], []
    blocks = [*top, radar, *below]
    return flow(blocks, body.height(), "Expansion and value")
