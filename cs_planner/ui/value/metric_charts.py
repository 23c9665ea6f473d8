"""One small chart per metric: the measurements against the stepped target line, quarter by
quarter, from the baseline on. Drawn on a ``ChartCanvas`` (matplotlib imported when the
first chart draws; ``charts_warmup`` has loaded it by then, usually)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from cs_planner.domain.quarters import add_quarters, quarter_start
from cs_planner.domain.value.metrics import MetricRow, Progress, Verdict, number
from cs_planner.palette import ARR_LINE, BAD, GOOD, MUTED

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TARGET = "#9e9e9e"
VERDICT_COLOURS = {Verdict.AHEAD: GOOD, Verdict.ON_PLAN: GOOD, Verdict.BEHIND: BAD}


def span(metric: MetricRow, fy_start_month: int) -> list[dt.date]:
    """The quarters the chart covers: from the first of baseline, measurements and targets
    to the last of them (at least two)."""
    days = [d for d in (metric.baseline_date,) if d is not None]
    days += [d for _i, d, _v in metric.values] + [q for q, _t in metric.targets]
    if not days:
        return []
    first = quarter_start(min(days), fy_start_month)
    last = quarter_start(max(days), fy_start_month)
    quarters = [first]
    while quarters[-1] < last or len(quarters) < 2:
        quarters.append(add_quarters(quarters[-1], 1))
    return quarters


def draw_metric(
    figure: Figure,
    metric: MetricRow,
    judged: Progress,
    fy_start_month: int,
    label: Callable[[dt.date], str],
) -> None:
    ax = figure.add_subplot()
    quarters = span(metric, fy_start_month)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7)
    if not quarters:
        ax.text(0.5, 0.5, "No baseline, target or measurement yet", transform=ax.transAxes,
                ha="center", va="center", fontsize=8, color=MUTED)  # fmt: skip
        ax.set_xticks([])
        ax.set_yticks([])
        return
    end = add_quarters(quarters[-1], 1)
    if metric.targets:
        xs = [q.toordinal() for q, _t in metric.targets] + [end.toordinal()]
        ys = [t for _q, t in metric.targets]
        ax.step(xs, [*ys, ys[-1]], where="post", color=TARGET, linewidth=1.4,
                linestyle="--", label="Target")  # fmt: skip
    if metric.baseline is not None:
        start = (metric.baseline_date or quarters[0]).toordinal()
        ax.plot([start], [metric.baseline], marker="s", markersize=5, color=MUTED,
                linestyle="none", label="Baseline")  # fmt: skip
    if metric.values:
        xs = [d.toordinal() for _i, d, _v in metric.values]
        ys = [v for _i, _d, v in metric.values]
        ax.plot(xs, ys, color=ARR_LINE, linewidth=1.8, marker="o", markersize=3,
                label="Measured")  # fmt: skip
        colour = VERDICT_COLOURS.get(judged.verdict)
        if colour is not None:
            ax.plot([xs[-1]], [ys[-1]], marker="o", markersize=7, color=colour,
                    linestyle="none")  # fmt: skip
    step = max(1, len(quarters) // 6)
    shown = quarters[::step]
    ax.set_xticks([q.toordinal() for q in shown])
    ax.set_xticklabels([label(q) for q in shown], fontsize=7)
    ax.set_xlim(quarters[0].toordinal() - 5, end.toordinal())
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: number(round(v, 1))))
    ax.grid(axis="y", alpha=0.2)
    ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncol=3, fontsize=7, frameon=False)
