"""The expansion charts: ARR history with the zero-to-50x projection and the radar of the
six dimensions (the tab), expected ARR by dimension (the portfolio page). matplotlib (Figure
+ FigureCanvasQTAgg, never pyplot) is imported when a chart first draws, so opening the app
stays fast."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QVBoxLayout, QWidget

from cs_planner.domain.expansion.rows import (
    REFERENCE_MULTIPLES,
    DimensionRow,
    ExpansionData,
    PortfolioExpansion,
)
from cs_planner.domain.quarters import add_quarters
from cs_planner.palette import ARR_LINE, MULTIPLE_LINES
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.theme import BAD, MUTED

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.projections.polar import PolarAxes

ACTUAL = PLAN = ARR_LINE
TARGET = "#9e9e9e"
REFERENCE = MULTIPLE_LINES


class ChartCanvas(QWidget):
    """A matplotlib figure in a widget; ``draw(fn)`` redraws it with ``fn(figure)``."""

    def __init__(self, parent: QWidget | None = None, *, min_height: int = 260) -> None:
        super().__init__(parent)
        self.figure: Figure | None = None
        self.canvas: Any = None
        self.setMinimumHeight(min_height)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def draw(self, paint: Callable[[Figure], None]) -> None:
        figure = self.figure
        if figure is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            figure = self.figure = Figure(figsize=(6, 4), layout="constrained")
            self.canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]  # untyped
            self._layout.addWidget(self.canvas)
        figure.clear()
        paint(figure)
        self.canvas.draw_idle()


NO_ARR_YET = (
    "No ARR yet, so no multiple to project: enter the ARR on the Overview tab\n"
    "to see the path to 5x, 20x and 50x of the initial deal."
)


def projection_series(data: ExpansionData) -> tuple[list[dt.date], list[float], int]:
    """The quarters on the x axis, the actual ARR by quarter (the history, ending with
    today's ARR in the current quarter) and the index of the current quarter, where the
    projection starts."""
    now = add_quarters(data.projection.quarters[0], -1)
    history = [(q, v) for q, v in data.history if q < now] + [(now, data.arr)]
    quarters = [q for q, _ in history] + list(data.projection.quarters)
    return quarters, [v for _, v in history], len(history) - 1


def draw_projection(figure: Figure, data: ExpansionData) -> None:
    """ARR history (solid), the weighted projection (dashed) and the best case (dotted),
    on a log scale so that 5x, 20x and 50x of the initial deal are all in view."""
    ax = figure.add_subplot()
    quarters, actual, start = projection_series(data)
    p = data.projection
    xs = list(range(len(quarters)))
    ahead = xs[start:]
    weighted = [data.arr, *p.weighted]
    best = [data.arr, *p.best]
    ax.plot(xs[: start + 1], actual, color=ACTUAL, linewidth=2.2, marker="o", markersize=3,
            label="ARR (actual)")  # fmt: skip
    if p.has_arr:  # without ARR today, a projection is the pipeline alone, not a multiple
        ax.fill_between(ahead, weighted, best, color=PLAN, alpha=0.08, linewidth=0)
        ax.plot(ahead, weighted, color=PLAN, linewidth=2, linestyle="--",
                label="Projected (weighted)")  # fmt: skip
        ax.plot(ahead, best, color=PLAN, linewidth=1.2, linestyle=":", label="Best case")
    else:
        best = weighted = []
    x = data.initial_deal_value
    values = [v for v in (*actual, *best) if v > 0] or [x]
    low = min(min(values), x) * 0.7
    high = max(max(values), x * max(REFERENCE_MULTIPLES)) * 1.25
    with warnings.catch_warnings():
        # An account without ARR has only zeros to plot: the limits are set just below.
        warnings.filterwarnings("ignore", "Data has no positive values")
        ax.set_yscale("log")
    ax.set_ylim(low, high)
    _draw_multiples(ax, x, data.currency)
    # The framework's yardstick: quarters 6 and 8 after the first deal, where on the axis.
    for m in data.pace.milestones if data.pace is not None else ():
        if m.quarter in quarters:
            at = quarters.index(m.quarter)
            ax.axvline(at, color=PLAN, linewidth=0.8, linestyle=(0, (2, 3)), alpha=0.6)
            ax.annotate(f"Q{m.number} after first deal", (at, high), xytext=(3, -12),
                        textcoords="offset points", fontsize=7, color=PLAN)  # fmt: skip
    ax.axvline(start, color=MUTED, linewidth=0.8, linestyle=":")
    ax.annotate("today", (start, low), xytext=(3, 4), textcoords="offset points",
                fontsize=8, color=MUTED)  # fmt: skip
    if p.has_arr:
        ax.annotate(fmt.multiple(p.weighted_multiple_at(len(p.weighted))),
                    (xs[-1], weighted[-1]), xytext=(-4, 6), textcoords="offset points",
                    ha="right", fontsize=9, color=PLAN, weight="bold")  # fmt: skip
    else:
        ax.text(0.5, 0.5, NO_ARR_YET, transform=ax.transAxes, ha="center", va="center",
                fontsize=11, color=MUTED, wrap=True)  # fmt: skip
    _format_axes(ax, data, quarters)
    # Above the plot, beside the title: never over a line, wherever the ARR sits.
    ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncol=3, fontsize=8, frameon=False)
    ax.set_title("ARR: history and the next 8 quarters", fontsize=10, loc="left")


def _draw_multiples(ax: Axes, x: float, currency: str) -> None:
    """The initial deal (1x) and the 5x, 20x and 50x lines, labelled at the left."""
    ax.axhline(x, color=MUTED, linewidth=0.8)
    ax.annotate(f"1x = {fmt.compact_money(x, currency)}", (0, x), xytext=(2, 3),
                textcoords="offset points", fontsize=8, color=MUTED)  # fmt: skip
    for multiple in REFERENCE_MULTIPLES:
        y = x * multiple
        ax.axhline(y, color=REFERENCE[multiple], linewidth=1, linestyle=(0, (6, 3)), alpha=0.8)
        ax.annotate(f"{multiple}x  {fmt.compact_money(y, currency)}", (0, y),
                    xytext=(2, 3), textcoords="offset points", fontsize=8,
                    color=REFERENCE[multiple])  # fmt: skip


def _format_axes(ax: Axes, data: ExpansionData, quarters: Sequence[dt.date]) -> None:
    """Money on the y axis, at most twelve quarter labels on the x axis, no frame."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    xs = list(range(len(quarters)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt.compact_money(v, data.currency)))
    ax.yaxis.set_minor_formatter(NullFormatter())
    step = max(1, len(xs) // 12)
    ax.set_xticks(xs[::step])
    ax.set_xticklabels([data.label(q) for q in quarters][::step], fontsize=8, rotation=30,
                       ha="right")  # fmt: skip
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlim(-0.3, xs[-1] + 0.3)
    ax.grid(axis="y", alpha=0.2)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def draw_radar(figure: Figure, dimensions: Sequence[DimensionRow]) -> None:
    """Each dimension's progress from its baseline (the centre) to its target (the dashed
    ring): the measure the cards' bars show (``DimensionRow.progress``). A dimension below
    its baseline sits at the centre, labelled in red."""
    import math

    ax = cast("PolarAxes", figure.add_subplot(projection="polar"))
    count = len(dimensions)
    angles = [2 * math.pi * n / count for n in range(count)]
    ax.set_theta_offset(math.pi / 2)  # the first dimension at the top, then clockwise
    ax.set_theta_direction(-1)
    shares = []
    for row in dimensions:
        share = row.progress if row.values.applies else None
        shares.append(share if share is not None else 0.0)
    closed = [*angles, angles[0]]
    ax.plot(closed, [1.0] * (count + 1), color=TARGET, linewidth=1.2, linestyle="--",
            label="Target")  # fmt: skip
    ax.plot(closed, [*shares, shares[0]], color=ACTUAL, linewidth=2, label="Current")
    ax.fill(closed, [*shares, shares[0]], color=ACTUAL, alpha=0.15)
    ax.set_xticks(angles)
    labels = []
    for row, share in zip(dimensions, shares, strict=True):
        if not row.values.applies:
            labels.append(f"{row.dimension.label}\n(not pursued)")
        elif row.values.target is None or row.current is None:
            labels.append(f"{row.dimension.label}\n(no target)")
        elif row.below_baseline:
            labels.append(f"{row.dimension.label}\nbelow baseline")
        else:
            labels.append(f"{row.dimension.label}\n{share:.0%}")
    ax.set_xticklabels(labels, fontsize=8)
    for tick, row in zip(ax.get_xticklabels(), dimensions, strict=True):
        if row.values.applies and row.below_baseline:
            tick.set_color(BAD)
    ax.set_xlim(0, 2 * math.pi)
    ax.set_ylim(0, 1.1)
    ax.set_yticks([0.5, 1.0])
    ax.set_yticklabels(["50%", "100%"], fontsize=7, color=MUTED)
    ax.legend(loc="upper right", bbox_to_anchor=(1.25, 1.12), fontsize=8, frameon=False)


NO_PIPELINE = "No open opportunity yet:\nadd them on an account's\nExpansion tab."


def draw_by_dimension(figure: Figure, data: PortfolioExpansion) -> None:
    """Expected and best-case expansion ARR by dimension, as horizontal bars."""
    from matplotlib.ticker import FuncFormatter

    ax = figure.add_subplot()
    labels = [d.label for d, *_ in data.by_dimension][::-1]
    expected = [w for _d, w, _b, _n in data.by_dimension][::-1]
    best = [b for _d, _w, b, _n in data.by_dimension][::-1]
    ax.barh(labels, best, color=PLAN, alpha=0.18, label="Best case")
    ax.barh(labels, expected, color=PLAN, label="Expected (weighted)")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt.compact_money(v, data.currency)))
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if not any(best):
        ax.text(0.5, 0.5, NO_PIPELINE, transform=ax.transAxes, ha="center", va="center",
                fontsize=9, color=MUTED, wrap=True)  # fmt: skip
        ax.set_xticks([])
        return
    # Above the plot (the figure's, so a narrow page never clips it): inside the axes it
    # covered whichever bar was longest at its corner.
    figure.legend(fontsize=8, frameon=False, loc="outside upper center", ncol=2)
