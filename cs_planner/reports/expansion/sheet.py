"""The account plan's "Expansion" sheet (the "Whitespace" sheet is in ``whitespace``).

Every total a manager might move is a real Excel formula: an opportunity's
expected value is ACV uplift × confidence, the dimension and pipeline totals sum those, and
the projection adds them by target quarter to today's ARR. Changing a confidence in Excel
moves every total, the projected multiples and the native line chart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.rules import NO_MULTIPLE
from cs_planner.domain.enums import OpportunityStatus
from cs_planner.domain.expansion.pace import PACE_QUARTERS
from cs_planner.domain.expansion.queries import load_expansion
from cs_planner.domain.expansion.rows import REFERENCE_MULTIPLES, ExpansionData
from cs_planner.domain.expansion.rules import PAIRINGS
from cs_planner.domain.plan_context import PlanContext
from cs_planner.domain.quarters import add_quarters
from cs_planner.palette import ARR_LINE, MULTIPLE_LINES
from cs_planner.reports.excel import Column, Formula, Kind, write_cell
from cs_planner.reports.layout import table, widen, write_heading

OPEN = OpportunityStatus.OPEN.label  # the status text the formulas test for

DIMENSION_COLUMNS = (
    Column("Pairing"),
    Column("Dimension"),
    Column("Pursued"),
    Column("Unit"),
    Column("Baseline", Kind.NUMBER),
    Column("Current", Kind.NUMBER),
    Column("Target", Kind.NUMBER),
    Column("Target quarter"),
    Column("Progress from baseline", Kind.PERCENT),
    Column("Below baseline"),
    Column("Open ACV uplift", Kind.MONEY),
    Column("Expected", Kind.MONEY),
)
OPPORTUNITY_COLUMNS = (
    Column("Dimension"),  # A
    Column("Opportunity", width=40),  # B
    Column("Target quarter"),  # C
    Column("Quarter starts", Kind.DATE),  # D
    Column("ACV uplift", Kind.MONEY),  # E
    Column("Confidence", Kind.PERCENT),  # F
    Column("Status"),  # G
    Column("Expected", Kind.MONEY),  # H: =IF(G="Open", E*F, 0)
    Column("Closed on", Kind.DATE),  # I
    Column("Linked to", width=45),  # J
)
PROJECTION_COLUMNS = (
    Column("Quarter"),  # A
    Column("Quarter starts", Kind.DATE),  # B
    Column("ARR (actual)", Kind.MONEY),  # C
    Column("Projected (weighted)", Kind.MONEY),  # D
    Column("Best case", Kind.MONEY),  # E
    Column("Multiple (weighted)", Kind.MULTIPLE),  # F
    *(Column(f"{m}x of X", Kind.MONEY) for m in REFERENCE_MULTIPLES),  # G, H, I
)


def read(session: Session, context: PlanContext) -> ExpansionData:
    return load_expansion(session, context.account_id, context.today)


def _ref(col: str, row: int, *, absolute: bool = True) -> str:
    return f"${col}${row}" if absolute else f"{col}{row}"


def _range(col: str, first: int, last: int) -> str:
    return f"${col}${first}:${col}${last}"


def _multiple(arr_today: str, value: str, x: str) -> Formula:
    """``value`` over the initial deal ``x``; a dash while there is no ARR today to
    multiply (as in the app: a projection from nothing is no multiple)."""
    return Formula(f'IF({arr_today}>0,{value}/{x},"{NO_MULTIPLE}")')


# --- the Expansion sheet ---------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Where each block of the Expansion sheet sits (1-based rows): the key figures, the six
    dimensions, the opportunities with their totals, then the projection table."""

    arr: int
    x: int
    kpis: dict[int, int]  # pace quarter -> row
    pace: int
    pipeline: int
    dims_top: int
    opp_top: int
    opp_first: int
    opp_last: int  # < opp_first when there are none
    totals: int
    proj_top: int

    @classmethod
    def of(cls, plan: ExpansionData) -> Layout:
        pace = 7 + len(PACE_QUARTERS)
        dims_top = pace + 4
        opp_top = dims_top + len(plan.dimensions) + 3
        opp_last = opp_top + len(plan.opportunities)
        return cls(
            arr=4,
            x=5,
            kpis={n: 7 + i for i, n in enumerate(PACE_QUARTERS)},
            pace=pace,
            pipeline=pace + 1,
            dims_top=dims_top,
            opp_top=opp_top,
            opp_first=opp_top + 1,
            opp_last=opp_last,
            totals=opp_last + 1,
            proj_top=opp_last + 4,
        )

    def opp_sum(self, column: str, *criteria: tuple[str, str]) -> str:
        """SUMIFS over the opportunities' ``column``; 0 when there are none."""
        if self.opp_last < self.opp_first:
            return "0"
        parts = [_range(column, self.opp_first, self.opp_last)]
        for criteria_column, criterion in criteria:
            parts += [_range(criteria_column, self.opp_first, self.opp_last), criterion]
        return f"SUMIFS({','.join(parts)})"


def write_expansion(ws: Worksheet, plan: ExpansionData, context: PlanContext) -> None:
    at = Layout.of(plan)
    write_cell(ws, 1, 1, f"Expansion plan: {plan.account_name}", bold=True, size=16)
    # The projection table's first rows are the history, then the current quarter and the
    # quarters ahead.
    history = [(q, v) for q, v in plan.history if q < _current_quarter(plan)]
    # Key figures first; some refer to cells further down, which Excel resolves.
    _write_key_figures(ws, plan, at, history, context.currency)
    _write_dimensions(ws, plan, at, context.currency)
    _write_opportunities(ws, plan, at, context.currency)
    _write_projection(ws, plan, at, history, context.currency)


def _write_key_figures(
    ws: Worksheet,
    plan: ExpansionData,
    at: Layout,
    history: list[tuple[dt.date, float]],
    currency: str,
) -> None:
    """ARR, X and the multiple today; quarters 6 and 8 after the first deal, the pace and
    the open pipeline. The milestones count from the first deal's quarter (DOMAIN.md:
    "within six to eight quarters of the first deal"): a past one reads its actual ARR."""
    write_heading(ws, 3, 1, "Zero to 50x")
    arr_ref = _ref("B", at.arr)
    labels = [
        ("ARR today", plan.arr, Kind.MONEY),
        ("Initial deal (X)", plan.initial_deal_value, Kind.MONEY),
        ("Multiple today", _multiple(arr_ref, arr_ref, _ref("B", at.x)), Kind.MULTIPLE),
    ]
    for offset, (label, value, kind) in enumerate(labels):
        write_cell(ws, at.arr + offset, 1, label, bold=True)
        write_cell(ws, at.arr + offset, 2, value, kind=kind, currency=currency)
    table_quarters = [q for q, _ in history] + [_current_quarter(plan), *plan.projection.quarters]
    labels_written = [ws.cell(at.arr + offset, 1) for offset in range(len(labels))]
    for n, row in at.kpis.items():
        m = plan.pace.milestone(n) if plan.pace is not None else None
        if m is None:
            labels_written.append(
                write_cell(ws, row, 1, f"Quarter {n} after the first deal", bold=True)
            )
            write_cell(ws, row, 2, "no first-deal date", italic=True)
            continue
        how = "projected" if m.projected else "actual"
        text = f"Quarter {n} after the first deal ({plan.label(m.quarter)}, {how})"
        labels_written.append(write_cell(ws, row, 1, text, bold=True))
        shown: Formula | float | None = m.multiple
        if m.quarter in table_quarters:
            r = at.proj_top + 1 + table_quarters.index(m.quarter)
            shown = Formula(f"F{r}" if m.projected else f"C{r}/{_ref('B', at.x)}")
        write_cell(ws, row, 2, shown, kind=Kind.MULTIPLE)
    labels_written.append(write_cell(ws, at.pace, 1, "Pace", bold=True))
    write_cell(ws, at.pace, 2, plan.pace.verdict() if plan.pace is not None else "")
    labels_written.append(write_cell(ws, at.pipeline, 1, "Open pipeline, expected", bold=True))
    widen(ws, 1, labels_written)
    write_cell(ws, at.pipeline, 2, Formula(f"H{at.totals}"), kind=Kind.MONEY, currency=currency)


def _write_dimensions(ws: Worksheet, plan: ExpansionData, at: Layout, currency: str) -> None:
    write_heading(ws, at.dims_top - 1, 1, "Six dimensions")
    pairing_of = {d: title for title, *pair in PAIRINGS for d in pair}
    rows = []
    for r, dimension in enumerate(plan.dimensions, start=at.dims_top + 1):
        v = dimension.values
        rows.append(
            (
                pairing_of[dimension.dimension],
                dimension.dimension.label,
                v.applies,
                dimension.unit,
                v.baseline,
                dimension.current,
                v.target,
                plan.label(v.target_quarter),
                dimension.progress,
                "Yes" if v.applies and dimension.below_baseline else "",
                Formula(at.opp_sum("E", ("A", f"B{r}"), ("G", f'"{OPEN}"'))),
                Formula(at.opp_sum("H", ("A", f"B{r}"))),
            )
        )
    table(
        ws, at.dims_top, DIMENSION_COLUMNS, rows, currency=currency,
        freeze=False, autofilter=False,
    )  # fmt: skip


def _write_opportunities(ws: Worksheet, plan: ExpansionData, at: Layout, currency: str) -> None:
    """One row per opportunity, its expected value a formula, and the open totals under."""
    write_heading(ws, at.opp_top - 1, 1, "Opportunities")
    rows = []
    for r, opp in enumerate(plan.opportunities, start=at.opp_first):
        v = opp.values
        rows.append(
            (
                v.dimension.label,
                v.title,
                plan.label(v.target_quarter),
                v.target_quarter,
                v.acv_uplift,
                v.confidence / 100,
                v.status,
                Formula(f'IF(G{r}="{OPEN}",E{r}*F{r},0)'),
                v.closed_on,
                opp.linked,
            )
        )
    table(
        ws, at.opp_top, OPPORTUNITY_COLUMNS, rows, currency=currency,
        freeze=False, autofilter=bool(rows),
    )  # fmt: skip
    write_cell(ws, at.totals, 1, "Open, total", bold=True)
    write_cell(ws, at.totals, 5, Formula(at.opp_sum("E", ("G", f'"{OPEN}"'))), kind=Kind.MONEY,
               currency=currency, bold=True)  # fmt: skip
    expected = f"SUM(H{at.opp_first}:H{at.opp_last})" if at.opp_last >= at.opp_first else "0"
    write_cell(ws, at.totals, 8, Formula(expected), kind=Kind.MONEY, currency=currency,
               bold=True)  # fmt: skip
    if not rows:
        write_cell(ws, at.totals, 2, "No opportunities recorded yet.", italic=True)


def _current_quarter(plan: ExpansionData) -> dt.date:
    return add_quarters(plan.projection.quarters[0], -1)


def _write_projection(
    ws: Worksheet,
    plan: ExpansionData,
    at: Layout,
    history: list[tuple[dt.date, float]],
    currency: str,
) -> None:
    """The quarters table the chart draws: the history, today, then the projection as
    formulas over the opportunities table (``Layout.opp_sum``)."""
    top, opp_sum = at.proj_top, at.opp_sum
    arr, x = _ref("B", at.arr), _ref("B", at.x)
    write_heading(ws, top - 1, 1, "ARR history and projection")
    rows = []
    first = top + 1
    references = [Formula(f"{m}*{x}") for m in REFERENCE_MULTIPLES]
    for quarter, value in history:
        rows.append((plan.label(quarter), quarter, value, None, None, None, *references))
    now = _current_quarter(plan)
    r = first + len(history)
    rows.append((plan.label(now), now, Formula(arr), Formula(arr), Formula(arr),
                 _multiple(arr, f"D{r}", x), *references))  # fmt: skip
    for quarter in plan.projection.quarters:
        r = first + len(rows)
        by_quarter = ("D", f'"<="&B{r}')
        weighted = opp_sum("H", by_quarter)
        best = opp_sum("E", by_quarter, ("G", f'"{OPEN}"'))
        rows.append(
            (
                plan.label(quarter),
                quarter,
                None,
                Formula(f"{arr}+{weighted}"),
                Formula(f"{arr}+{best}"),
                _multiple(arr, f"D{r}", x),
                *references,
            )
        )
    last = table(ws, top, PROJECTION_COLUMNS, rows, currency=currency, freeze=False,
                 autofilter=False) - 1  # fmt: skip
    # Below the table, where it keeps the page as wide as the table (a page of its own
    # when it would not fit under it: printing.keep_picture_on_one_page).
    _add_chart(ws, top, last, plan, anchor=f"A{last + 2}")


def _add_chart(ws: Worksheet, top: int, last: int, plan: ExpansionData, anchor: str) -> None:
    """A native Excel line chart of the projection table, on a log scale like the app's."""
    from openpyxl.chart import LineChart, Reference

    chart = LineChart()
    chart.title = "ARR: history and the next 8 quarters"
    chart.height, chart.width = 11, 26
    chart.y_axis.title = f"ARR ({plan.currency})"
    chart.y_axis.scaling.logBase = 10
    chart.y_axis.majorGridlines = None
    # openpyxl 3.1 hides both axes unless told otherwise.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.display_blanks = "gap"
    # Series: actual, weighted, best case, then the 5x/20x/50x lines (columns C-E, G-I).
    for first_col, last_col in ((3, 5), (7, 9)):
        data = Reference(ws, min_col=first_col, max_col=last_col, min_row=top, max_row=last)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
    styles = ["solid", "dash", "sysDot", "lgDash", "lgDash", "lgDash"]
    lines = [ARR_LINE] * 3 + [MULTIPLE_LINES[m] for m in REFERENCE_MULTIPLES]
    colours = [colour.lstrip("#").upper() for colour in lines]  # as the app draws them
    for series, style, colour in zip(chart.series, styles, colours, strict=True):
        series.smooth = False
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.dashStyle = style
        series.graphicalProperties.line.width = 22000 if style != "lgDash" else 12000
    ws.add_chart(chart, anchor)
