"""The Value sheet's health score: one line per indicator with its sub-score, weight and
thresholds as values, its share and points as formulas, the score their sum; the sentences
that explain it; and the last twelve months as a table and a native line chart."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.enums import HealthIndicator
from cs_planner.domain.value.health import AccountHealth
from cs_planner.palette import INFO
from cs_planner.reports.excel import Column, Formula, Kind, write_cell
from cs_planner.reports.layout import table, write_heading
from cs_planner.reports.value.cells import (
    LAST_COL,
    NO_DATA,
    WIDTHS,
    band_colours,
    band_formula,
    break_before,
    fit_merged,
    header_row,
    merged_text,
    score_colours,
)
from cs_planner.reports.value.metrics import MetricRefs

HEALTH_COLUMNS = (
    Column("Indicator"),  # A
    Column("Reading"),  # B
    Column("Sub-score", Kind.NUMBER),  # C: 0-100, or "no data"
    Column("Weight", Kind.NUMBER),  # D
    Column("Red below", Kind.NUMBER),  # E
    Column("Green from", Kind.NUMBER),  # F
    Column("Share", Kind.PERCENT_1),  # G: D / the weight of the indicators with data
    Column("Points", Kind.NUMBER),  # H: G x C
    # I: the reading's detail, merged to the last column (its width kept: the grid's).
    Column("Why", width=WIDTHS[9], wrap=True),
)
DETAIL = 9
HISTORY_COLUMNS = (
    Column("Month"),  # A: the chart's categories
    Column("As of", Kind.DATE),  # B
    Column("Score", Kind.NUMBER),  # C
    Column("Band"),  # D
)


def write_health(
    ws: Worksheet, top: int, health: AccountHealth, metrics: MetricRefs
) -> tuple[int, str]:
    """The indicators, the score and the sentences from ``top``; returns the first free row
    and the live score's cell ("$H$40")."""
    write_heading(ws, top, 1, "Health score")
    head = top + 1
    first = head + 1
    last = first + len(health.now.parts) - 1
    weight_row, score_row = last + 1, last + 2
    had = f"$D${weight_row}"  # the weight of the indicators with data
    rows = []
    for r, part in enumerate(health.now.parts, start=first):
        reading, w = part.reading, part.weight
        value_metrics = part.indicator is HealthIndicator.VALUE_METRICS
        if value_metrics and metrics.any:
            # Live: the average of the metrics' scores above, moved by any measurement.
            sub: object = metrics.sub_score()
            shown: object = metrics.on_plan_text()
        else:
            sub = reading.score if reading.score is not None else NO_DATA
            shown = reading.value_text
        rows.append(
            (
                part.indicator.label,
                shown,
                sub,
                w.weight,
                w.red_below,
                w.green_from,
                Formula(f"IF(AND(ISNUMBER(C{r}),{had}>0),D{r}/{had},0)"),
                Formula(f"IF(ISNUMBER(C{r}),G{r}*C{r},0)"),
                reading.detail if reading.score is not None else "No data yet.",
            )
        )
    table(ws, head, HEALTH_COLUMNS, rows, freeze=False, autofilter=False)
    header_row(ws, head, [(DETAIL, LAST_COL, "Why")])
    for r, values in enumerate(rows, start=first):
        ws.row_dimensions[r].height = None  # fitted to column I alone: fit the merge instead
        fit_merged(ws, r, DETAIL, LAST_COL, str(values[-1]))
    band_colours(ws, f"C{first}:C{last}", f"C{first}", f"E{first}", f"F{first}")
    subs, weights = f"$C${first}:$C${last}", f"$D${first}:$D${last}"
    write_cell(ws, weight_row, 1, "Weight of the indicators with data", italic=True)
    write_cell(ws, weight_row, 4, Formula(f"SUMPRODUCT(ISNUMBER({subs})*{weights})"),
               kind=Kind.NUMBER, italic=True)  # fmt: skip
    write_cell(ws, score_row, 1, "Health score (these weights)", bold=True)
    score = Formula(f'IF({had}>0,SUM(H{first}:H{last}),"{NO_DATA}")')
    write_cell(ws, score_row, 8, score, kind=Kind.NUMBER, bold=True)
    write_cell(ws, score_row, 9, Formula(band_formula(f"H{score_row}")), bold=True)
    scored_row = score_row + 1
    write_cell(ws, scored_row, 1, f"Health score in cs_planner on {health.now.as_of:%Y-%m-%d}",
               italic=True)  # fmt: skip
    now = health.now.score
    write_cell(ws, scored_row, 8, now if now is not None else NO_DATA, kind=Kind.NUMBER)
    write_cell(ws, scored_row, 9, health.now.band.label if health.now.band else "")
    for r in (score_row, scored_row):
        score_colours(ws, f"H{r}", f"H{r}")
    row = scored_row + 2
    write_heading(ws, row, 1, "What moves the score", size=11)
    for offset, sentence in enumerate(health.sentences, start=1):
        merged_text(ws, row + offset, 1, LAST_COL, sentence)
    end = row + len(health.sentences) + 2
    return end, f"$H${score_row}"


def write_history(ws: Worksheet, top: int, health: AccountHealth, score: str) -> int:
    """The score at each of the last month ends and today (today's is the live score), and
    a line chart of it beside the table."""
    break_before(ws, top)  # the table and its chart on one page
    write_heading(ws, top, 1, "Health over the last twelve months")
    head = top + 1
    rows = []
    last = len(health.history) - 1
    for offset, h in enumerate(health.history):
        r = head + 1 + offset
        today = offset == last
        label = "Today" if today else f"{h.as_of:%b %Y}"
        shown: object = h.score
        if today and h.score is not None:
            shown = Formula(score)  # moves with the weights above
        rows.append((label, h.as_of, shown, Formula(band_formula(f"C{r}"))))
    end = table(ws, head, HISTORY_COLUMNS, rows, freeze=False, autofilter=False)
    if rows:
        score_colours(ws, f"C{head + 1}:C{end - 1}", f"C{head + 1}")
        _chart(ws, head, end - 1)
    # The chart is about 15 rows tall: leave it room below a short table.
    return max(end + 1, head + 17)


def _chart(ws: Worksheet, head: int, last: int) -> None:
    from openpyxl.chart import LineChart, Reference

    chart = LineChart()
    chart.title = "Health score"
    chart.height, chart.width = 8, 20
    chart.y_axis.title = "Score (0-100)"
    chart.y_axis.number_format = "0"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 25
    chart.legend = None
    # openpyxl 3.1 hides both axes unless told otherwise.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.display_blanks = "gap"
    chart.add_data(Reference(ws, min_col=3, min_row=head, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=last))
    series = chart.series[0]
    series.smooth = False
    series.graphicalProperties.line.solidFill = INFO.lstrip("#").upper()
    series.graphicalProperties.line.width = 22000
    ws.add_chart(chart, f"F{head}")
