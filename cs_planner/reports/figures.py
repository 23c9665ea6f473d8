"""Pictures for workbooks, drawn with matplotlib's Agg backend: no display and no Qt, so
``cs-planner export`` works on a server. Never pyplot: a Figure per picture."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def render_png(
    draw: Callable[[Figure], None], *, width: float = 10.0, height: float = 6.0, dpi: int = 110
) -> bytes:
    """Call ``draw(figure)`` on a fresh figure (inches) and return it as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    draw(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
