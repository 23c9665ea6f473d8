"""matplotlib imported in idle time, after the window's first paint, so the first chart a
user opens (the Expansion tab, a roll-up picture) does not wait ~0.7 s for it.

``warm_up()`` is called once the window is painted. It imports the pieces the charts use
(Figure, the Qt canvas, tickers, the polar projection, the font list) one per event-loop
turn, so the window stays responsive between them. Calling it again does nothing; a chart
opened before it finished simply imports what is left itself."""

from __future__ import annotations

import importlib
import sys

from PySide6.QtCore import QTimer

# In import order: each step is one event-loop turn.
MODULES = (
    "matplotlib",
    "matplotlib.font_manager",  # reads the cached font list
    "matplotlib.figure",
    "matplotlib.ticker",
    "matplotlib.projections.polar",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_qtagg",
)

_started = False
_drawn = False


def warm_up(delay_ms: int = 0) -> None:
    """Start importing matplotlib ``delay_ms`` after the event loop is next idle."""
    global _started
    if _started:
        return
    _started = True
    QTimer.singleShot(delay_ms, lambda: _step(0))


def is_warm() -> bool:
    """Everything the charts import is imported, and a first text drawn."""
    return _drawn and all(name in sys.modules for name in MODULES)


def _step(index: int) -> None:
    importlib.import_module(MODULES[index])
    QTimer.singleShot(0, (lambda: _step(index + 1)) if index + 1 < len(MODULES) else _draw)


def _draw() -> None:
    """A tiny figure with a line and a label, drawn off screen: loads the font file and
    fills matplotlib's text caches, the rest of a first chart's delay."""
    global _drawn
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(1, 1), dpi=20)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.plot([0, 1], [0, 1])
    axes.set_title("warm", fontsize=8)
    figure.canvas.draw()
    _drawn = True
