"""The chart kit's scales and ticks, and a chart painted on a widget and on paper."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from cs_planner.ui.common.plot import (
    ChartView,
    Ink,
    Scale,
    axis_ticks,
    linear_ticks,
    log_ticks,
    spaced,
)


def test_linear_scale_maps_the_ends_and_the_middle() -> None:
    y = Scale(0, 100, 300, 100)  # a y axis: larger values higher up
    assert (y(0), y(50), y(100)) == (300, 200, 100)


def test_log_scale_puts_each_multiple_of_ten_an_equal_step_apart() -> None:
    y = Scale(1_000, 1_000_000, 400, 100, log=True)
    assert y(1_000) == pytest.approx(400)
    assert y(10_000) == pytest.approx(300)
    assert y(100_000) == pytest.approx(200)
    assert y(0) == pytest.approx(400)  # nothing below the axis: a zero sits on it


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0, 10, [0, 2, 4, 6, 8, 10]), (0, 23_000, [0, 5_000, 10_000, 15_000, 20_000]),
     (0.3, 1.7, [0.5, 0.75, 1.0, 1.25, 1.5])],
)  # fmt: skip
def test_linear_ticks_are_round_and_few(low: float, high: float, expected: list) -> None:
    assert linear_ticks(low, high) == pytest.approx(expected)


def test_log_ticks_thin_out_over_many_decades() -> None:
    assert log_ticks(700, 6_000) == pytest.approx([1_000, 2_000, 5_000])
    wide = log_ticks(10, 10_000_000)
    assert wide == pytest.approx([10**n for n in range(1, 8)])
    assert all(math.log10(t).is_integer() for t in log_ticks(1, 1e15))


def test_labels_are_spaced_to_fit() -> None:
    labels = [f"Q{n % 4 + 1} FY{26 + n // 4}" for n in range(20)]
    assert spaced(labels, 10_000, len) == 1
    assert spaced(labels, 100, len) > 1


class Marks:
    """A chart that paints a box and a label: what ChartView and paper ink give it."""

    def __init__(self) -> None:
        self.ink: Ink | None = None

    def paint(self, painter: QPainter, rect: QRectF, ink: Ink) -> list[str]:
        self.ink = ink
        painter.fillRect(rect, QColor("#1f5f99"))
        return ["marked"]


def test_chart_view_paints_its_chart_and_keeps_its_texts(qtbot) -> None:
    view = ChartView(min_height=100)
    qtbot.addWidget(view)
    view.resize(200, 120)
    chart = Marks()
    view.show_chart(chart)
    image = view.grab().toImage()
    assert view.texts() == ["marked"]
    assert image.pixelColor(100, 60) == QColor("#1f5f99")
    assert chart.ink is not None and not chart.ink.paper


def test_paper_ink_is_dark_whatever_the_theme() -> None:
    ink = Ink.on_paper()
    assert ink.paper and ink.text.lightness() < 60
    assert ink.of("#c62828") == QColor("#c62828")


def test_a_chart_paints_on_an_image_as_on_paper(qtbot) -> None:
    image = QImage(100, 50, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    Marks().paint(painter, QRectF(0, 0, 100, 50), Ink.on_paper())
    painter.end()
    assert image.pixelColor(50, 25) == QColor("#1f5f99")


def test_axis_ticks_cover_the_values() -> None:
    ticks = axis_ticks(0, 735_000, 5)
    assert ticks[0] == 0 and ticks[-1] >= 735_000
    assert ticks == pytest.approx([0, 200_000, 400_000, 600_000, 800_000])
    assert axis_ticks(-3.3, 7.1)[0] <= -3.3
