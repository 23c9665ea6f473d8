"""The org chart laid out to fit one screen (workshop mode: the whole chart read at once
from the back of a room). Pure: no Qt, no database.

``layout.chart`` keeps a chart side by side while it reads whole and otherwise wraps
wide rows a screen wide. To fit a given screen at a given scale the shape matters more:
taller leaf columns make a chart narrower and taller, narrower rows make it taller.
So a few shapes are laid out (each linear in the number of people) and the one that
shows the whole chart largest on ``Spacing.screen`` is kept."""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import replace
from typing import TypeVar

from cs_planner.domain.relationships.layout import Chart, Spacing, bounds, chart

K = TypeVar("K", bound=Hashable)

# Leaves per column, and rows' widths as fractions of the screen's width, tried (a row a
# little wider than the screen can still make the chart shown largest on it).
STACKS = (3, 4, 5, 6, 8, 10)
WIDTHS = (math.inf, 1.5, 1.25, 1.1, 1.0, 0.8, 0.6)


def scale_to_fit(drawn: Chart[K], spacing: Spacing) -> float:
    """The largest scale at which the whole of ``drawn`` shows on ``spacing.screen``."""
    left, top, right, bottom = bounds(drawn.positions, spacing)
    if right <= left or bottom <= top:
        return math.inf
    return min(spacing.screen[0] / (right - left), spacing.screen[1] / (bottom - top))


def fitted(nodes: Sequence[tuple[K, K | None]], spacing: Spacing) -> Chart[K]:
    """Of the shapes tried, the chart shown largest on ``spacing.screen`` (the first
    tried of equals: side by side, short columns)."""
    best: tuple[float, Chart[K]] | None = None
    for stack in STACKS:
        for width in WIDTHS:
            # An infinite readable scale makes ``chart`` lay out this one shape.
            shape = replace(
                spacing,
                stack=stack,
                wrap_width=spacing.screen[0] * width,
                readable_scale=math.inf,
            )
            drawn = chart(nodes, shape)
            fit = scale_to_fit(drawn, spacing)
            if best is None or fit > best[0] + 1e-9:
                best = (fit, drawn)
    return best[1] if best is not None else Chart({}, frozenset())
