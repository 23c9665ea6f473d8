"""The Value sheet's metrics against plan: one summary line per metric (definition,
baseline, the latest measurement against the target in force, attainment and "on plan" as
formulas) and, at the foot of the sheet, every quarterly target and measurement, each
measurement judged against the target in force on its day, also as formulas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.enums import MetricDirection
from cs_planner.domain.quarters import quarter_label
from cs_planner.domain.value.facts import MetricSeries
from cs_planner.domain.value.indicators import ON_PLAN
from cs_planner.reports.excel import Column, Formula, Kind, write_cell
from cs_planner.reports.layout import table, write_heading
from cs_planner.reports.value.cells import NO_DATA, break_before

NO_METRICS = (
    "No metrics are tracked for this account yet: add them with a baseline and quarterly "
    "targets on the Value tab."
)
HIGHER = MetricDirection.HIGHER_IS_BETTER.label
LOWER = MetricDirection.LOWER_IS_BETTER.label

SUMMARY_COLUMNS = (
    Column("Metric"),  # A
    Column("Unit"),  # B
    Column("Direction"),  # C
    Column("Baseline", Kind.NUMBER),  # D
    Column("Baseline date", Kind.DATE),  # E
    Column("Latest on", Kind.DATE),  # F
    Column("Latest", Kind.NUMBER),  # G: =E of its measurement line below
    Column("Target quarter"),  # H
    Column("Target", Kind.NUMBER),  # I: =D of the target line in force
    Column("Attainment", Kind.PERCENT),  # J: (G-D)/(I-D)
    Column("On plan"),  # K: J >= ON_PLAN
    Column("Score (0-100)", Kind.NUMBER),  # L: J as a sub-score, what the health score averages
)
TIMELINE_COLUMNS = (
    Column("Metric"),  # A
    Column("Date", Kind.DATE),  # B
    Column("Quarter"),  # C
    Column("Target", Kind.NUMBER),  # D: a target line's target; a measurement's in force
    Column("Measured", Kind.NUMBER),  # E
    Column("Attainment", Kind.PERCENT),  # F
    Column("On plan"),  # G
)


@dataclass(frozen=True)
class MetricRefs:
    """Where the health block finds the metrics: the summary's attainment, on-plan and
    score columns (no rows: ``first`` > ``last``)."""

    top: int  # the block's heading
    first: int
    last: int

    @property
    def end(self) -> int:
        """The first free row below the summary (its lines, or the line saying there are none)."""
        return max(self.last, self.top + 1) + 2

    def span(self, col: str) -> str:
        return f"${col}${self.first}:${col}${self.last}"

    @property
    def any(self) -> bool:
        return self.last >= self.first

    def on_plan_text(self) -> Formula:
        """ "2 of 3": the metrics on plan of those judged, as the app says it."""
        judged = f"COUNT({self.span('J')})"
        on = f'COUNTIF({self.span("K")},"Yes")'
        return Formula(f'IF({judged}=0,"",{on}&" of "&{judged})')

    def sub_score(self) -> Formula | str:
        scores = self.span("L")
        if not self.any:
            return NO_DATA
        return Formula(f'IF(COUNT({scores})=0,"{NO_DATA}",AVERAGE({scores}))')


def attainment(value: str, target: str, baseline: str, direction: str) -> Formula:
    """``indicators.attainment`` over cells: how far along the step from baseline to target
    the value is; a zero step is met or not. Blank (not judged) without the three figures."""
    met = f'IF(IF({direction}="{LOWER}",{value}<={target},{value}>={target}),1,0)'
    step = f"({value}-{baseline})/({target}-{baseline})"
    missing = f'OR({baseline}="",{target}="",{value}="")'
    return Formula(f'IF({missing},"",IF({target}={baseline},{met},{step}))')


def on_plan(ref: str) -> Formula:
    return Formula(f'IF({ref}="","",IF({ref}>={ON_PLAN:g},"Yes","No"))')


def plan_metrics(top: int, metrics: tuple[MetricSeries, ...]) -> MetricRefs:
    """Where the summary lines will be when the block's heading is at ``top``: the health
    block below refers to them before they are written."""
    first = top + 2
    return MetricRefs(top, first, first + len(metrics) - 1)


def write_summary(
    ws: Worksheet,
    refs: MetricRefs,
    metrics: tuple[MetricSeries, ...],
    found: list[tuple[int | None, int | None]],
    today: dt.date,
    fy: int,
) -> None:
    """The summary lines; ``found`` holds each metric's latest measurement and target rows
    in the timeline (``write_timeline``)."""
    write_heading(ws, refs.top, 1, "Metrics against plan")
    if not metrics:
        write_cell(ws, refs.top + 1, 1, NO_METRICS, italic=True)
        return
    lines = range(refs.first, refs.last + 1)
    rows = [
        _summary(m, s, latest, target, today, fy)
        for s, m, (latest, target) in zip(lines, metrics, found, strict=True)
    ]
    table(ws, refs.top + 1, SUMMARY_COLUMNS, rows, freeze=False, autofilter=False)


def write_timeline(
    ws: Worksheet,
    top: int,
    refs: MetricRefs,
    metrics: tuple[MetricSeries, ...],
    today: dt.date,
    fy: int,
) -> tuple[int, list[tuple[int | None, int | None]]]:
    """Every target and measurement from ``top`` (its heading); returns the first free row
    and, per metric, the rows of its latest measurement and of the target in force for it."""
    if not metrics:
        return top, []
    break_before(ws, top)
    write_heading(ws, top, 1, "Metrics: targets and measurements")
    lines: list[tuple[object, ...]] = []
    found = []
    for s, m in zip(range(refs.first, refs.last + 1), metrics, strict=True):
        more, latest, target = _timeline(m, s, top + 2 + len(lines), today, fy)
        lines += more
        found.append((latest, target))
    end = table(ws, top + 1, TIMELINE_COLUMNS, lines, freeze=False, autofilter=True)
    return end + 1, found


def _summary(
    m: MetricSeries,
    s: int,
    latest_row: int | None,
    target_row: int | None,
    today: dt.date,
    fy: int,
) -> tuple[object, ...]:
    latest = m.latest(today)
    quarter = next((q for q, _ in reversed(m.targets) if latest and q <= latest[0]), None)
    return (
        m.name,
        m.unit,
        LOWER if m.lower_is_better else HIGHER,
        m.baseline,
        m.baseline_date,
        latest[0] if latest else None,
        Formula(f"E{latest_row}") if latest_row else None,
        quarter_label(quarter, fy) if quarter else None,
        Formula(f"D{target_row}") if target_row else None,
        attainment(f"G{s}", f"I{s}", f"D{s}", f"C{s}"),
        on_plan(f"J{s}"),
        Formula(f'IF(J{s}="","",MAX(0,MIN(100,100*J{s})))'),
    )


def _timeline(
    m: MetricSeries, s: int, top: int, today: dt.date, fy: int
) -> tuple[list[tuple[object, ...]], int | None, int | None]:
    """The metric's targets and measurements by date (a target first on its quarter's first
    day: it is in force that day); also the rows of the latest measurement up to ``today``
    and of the target in force for it."""
    events = sorted(
        [(q, 0, t) for q, t in m.targets] + [(d, 1, v) for d, v in m.values],
        key=lambda e: (e[0], e[1]),
    )
    lines: list[tuple[object, ...]] = []
    in_force: int | None = None
    latest_row = target_row = None
    for day, kind, figure in events:
        r = top + len(lines)
        if kind == 0:
            in_force = r
            lines.append((m.name, day, quarter_label(day, fy), figure, None, None, None))
            continue
        target = Formula(f"D{in_force}") if in_force else None
        judged = attainment(f"E{r}", f"D{r}", f"$D${s}", f"$C${s}")
        label = quarter_label(day, fy)
        lines.append((m.name, day, label, target, figure, judged, on_plan(f"F{r}")))
        if day <= today:
            latest_row, target_row = r, in_force
    return lines, latest_row, target_row
