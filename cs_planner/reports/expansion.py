"""The account plan's "Expansion" and "Whitespace" sheets.

On "Expansion" every total a manager might move is a real Excel formula: an opportunity's
expected value is ACV uplift × confidence, the dimension and pipeline totals sum those, and
the projection adds them by target quarter to today's ARR. Changing a confidence in Excel
moves every total, the projected multiples and the native line chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.rules import NO_MULTIPLE
from cs_planner.domain.enums import OpportunityStatus, WhitespaceState
from cs_planner.domain.expansion import (
    CYCLE,
    PAIRINGS,
    REFERENCE_MULTIPLES,
    STATE_COLOURS,
    STATE_MEANINGS,
    ExpansionData,
    WhitespaceGrid,
)
from cs_planner.domain.expansion_pace import PACE_QUARTERS
from cs_planner.domain.expansion_queries import load_expansion, load_whitespace
from cs_planner.domain.quarters import add_quarters
from cs_planner.reports.excel import (
    Column,
    Formula,
    Kind,
    fit_row_heights,
    table,
    widen,
    write_cell,
    write_heading,
)

if TYPE_CHECKING:
    from cs_planner.reports.account_plan import PlanContext

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


@dataclass(frozen=True)
class WhitespaceData:
    account_name: str
    grids: tuple[WhitespaceGrid, WhitespaceGrid]


def read(session: Session, context: PlanContext) -> ExpansionData:
    return load_expansion(session, context.account_id, context.today)


def read_whitespace(session: Session, context: PlanContext) -> WhitespaceData:
    return WhitespaceData(context.account_name, load_whitespace(session, context.account_id))


def _ref(col: str, row: int, *, absolute: bool = True) -> str:
    return f"${col}${row}" if absolute else f"{col}{row}"


def _range(col: str, first: int, last: int) -> str:
    return f"${col}${first}:${col}${last}"


def _multiple(arr_today: str, value: str, x: str) -> Formula:
    """``value`` over the initial deal ``x``; a dash while there is no ARR today to
    multiply (as in the app: a projection from nothing is no multiple)."""
    return Formula(f'IF({arr_today}>0,{value}/{x},"{NO_MULTIPLE}")')


# --- the Expansion sheet ---------------------------------------------------------------------


def write_expansion(ws: Worksheet, plan: ExpansionData, context: PlanContext) -> None:
    currency = context.currency
    write_cell(ws, 1, 1, f"Expansion plan: {plan.account_name}", bold=True, size=16)
    # Key figures first; some refer to cells further down, which Excel resolves.
    write_heading(ws, 3, 1, "Zero to 50x")
    arr_row, x_row = 4, 5
    kpi_rows = {n: 7 + i for i, n in enumerate(PACE_QUARTERS)}
    pace_row = 7 + len(PACE_QUARTERS)
    pipeline_row = pace_row + 1
    dims_top = pipeline_row + 3
    dims_first = dims_top + 1
    dims_last = dims_first + len(plan.dimensions) - 1
    opp_top = dims_last + 3
    opp_first = opp_top + 1
    opp_last = opp_first + len(plan.opportunities) - 1  # < opp_first when there are none
    totals_row = opp_last + 1
    proj_top = totals_row + 3

    def opp_sum(column: str, *criteria: tuple[str, str]) -> str:
        """SUMIFS over the opportunities' ``column``; 0 when there are none."""
        if opp_last < opp_first:
            return "0"
        parts = [_range(column, opp_first, opp_last)]
        for criteria_column, criterion in criteria:
            parts += [_range(criteria_column, opp_first, opp_last), criterion]
        return f"SUMIFS({','.join(parts)})"

    arr_ref = _ref("B", arr_row)
    labels = [
        ("ARR today", plan.arr, Kind.MONEY),
        ("Initial deal (X)", plan.initial_deal_value, Kind.MONEY),
        ("Multiple today", _multiple(arr_ref, arr_ref, _ref("B", x_row)), Kind.MULTIPLE),
    ]
    for offset, (label, value, kind) in enumerate(labels):
        write_cell(ws, arr_row + offset, 1, label, bold=True)
        write_cell(ws, arr_row + offset, 2, value, kind=kind, currency=currency)
    # The projection table's first rows are the history, then the current quarter and the
    # quarters ahead. The milestones count from the first deal's quarter (DOMAIN.md: "within
    # six to eight quarters of the first deal"): a past one reads its actual ARR there.
    history = [(q, v) for q, v in plan.history if q < _current_quarter(plan)]
    table_quarters = [q for q, _ in history] + [_current_quarter(plan), *plan.projection.quarters]
    labels_written = [ws.cell(arr_row + offset, 1) for offset in range(len(labels))]
    for n, row in kpi_rows.items():
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
        if m.quarter in table_quarters:
            r = proj_top + 1 + table_quarters.index(m.quarter)
            value = Formula(f"F{r}" if m.projected else f"C{r}/{_ref('B', x_row)}")
        else:
            value = m.multiple
        write_cell(ws, row, 2, value, kind=Kind.MULTIPLE)
    labels_written.append(write_cell(ws, pace_row, 1, "Pace", bold=True))
    write_cell(ws, pace_row, 2, plan.pace.verdict() if plan.pace is not None else "")
    labels_written.append(write_cell(ws, pipeline_row, 1, "Open pipeline, expected", bold=True))
    widen(ws, 1, labels_written)
    write_cell(ws, pipeline_row, 2, Formula(f"H{totals_row}"), kind=Kind.MONEY, currency=currency)

    write_heading(ws, dims_top - 1, 1, "Six dimensions")
    pairing_of = {d: title for title, *pair in PAIRINGS for d in pair}
    dimension_rows = []
    for offset, row in enumerate(plan.dimensions):
        r = dims_first + offset
        v = row.values
        dimension_rows.append(
            (
                pairing_of[row.dimension],
                row.dimension.label,
                v.applies,
                row.unit,
                v.baseline,
                row.current,
                v.target,
                plan.label(v.target_quarter),
                row.progress,
                "Yes" if v.applies and row.below_baseline else "",
                Formula(opp_sum("E", ("A", f"B{r}"), ("G", f'"{OPEN}"'))),
                Formula(opp_sum("H", ("A", f"B{r}"))),
            )
        )
    table(
        ws, dims_top, DIMENSION_COLUMNS, dimension_rows, currency=currency,
        freeze=False, autofilter=False,
    )  # fmt: skip

    write_heading(ws, opp_top - 1, 1, "Opportunities")
    opportunity_rows = []
    for offset, opp in enumerate(plan.opportunities):
        r = opp_first + offset
        v = opp.values
        opportunity_rows.append(
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
        ws, opp_top, OPPORTUNITY_COLUMNS, opportunity_rows, currency=currency,
        freeze=False, autofilter=bool(opportunity_rows),
    )  # fmt: skip
    write_cell(ws, totals_row, 1, "Open, total", bold=True)
    write_cell(ws, totals_row, 5, Formula(opp_sum("E", ("G", f'"{OPEN}"'))), kind=Kind.MONEY,
               currency=currency, bold=True)  # fmt: skip
    expected = f"SUM(H{opp_first}:H{opp_last})" if opp_last >= opp_first else "0"
    write_cell(ws, totals_row, 8, Formula(expected), kind=Kind.MONEY, currency=currency,
               bold=True)  # fmt: skip
    if not opportunity_rows:
        write_cell(ws, totals_row, 2, "No opportunities recorded yet.", italic=True)

    _write_projection(ws, plan, proj_top, history, (arr_row, x_row), opp_sum, currency)


def _current_quarter(plan: ExpansionData) -> dt.date:
    return add_quarters(plan.projection.quarters[0], -1)


def _write_projection(
    ws: Worksheet,
    plan: ExpansionData,
    top: int,
    history: list[tuple[dt.date, float]],
    key_rows: tuple[int, int],
    opp_sum: Callable[..., str],
    currency: str,
) -> None:
    """The quarters table the chart draws: the history, today, then the projection as
    formulas over the opportunities table (``opp_sum``)."""
    arr_row, x_row = key_rows
    arr, x = _ref("B", arr_row), _ref("B", x_row)
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
    _add_chart(ws, top, last, plan, anchor=f"L{top}")


def _add_chart(ws: Worksheet, top: int, last: int, plan: ExpansionData, anchor: str) -> None:
    """A native Excel line chart of the projection table, on a log scale like the app's."""
    from openpyxl.chart import LineChart, Reference

    chart = LineChart()
    chart.title = "ARR: history and the next 8 quarters"
    chart.height, chart.width = 9, 18
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
    colours = ["1F5F99", "1F5F99", "1F5F99", "2E7D32", "EF6C00", "6A1B9A"]
    for series, style, colour in zip(chart.series, styles, colours, strict=True):
        series.smooth = False
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.dashStyle = style
        series.graphicalProperties.line.width = 22000 if style != "lgDash" else 12000
    ws.add_chart(chart, anchor)


# --- the Whitespace sheet --------------------------------------------------------------------


def write_whitespace(ws: Worksheet, data: WhitespaceData, context: PlanContext) -> None:
    write_cell(ws, 1, 1, f"Whitespace: {data.account_name}", bold=True, size=16)
    row = _write_legend(ws, 3)
    products, geographies = data.grids
    row = _write_grid(ws, row + 1, "Divisions × products", products, context.currency)
    _write_grid(ws, row + 1, "Divisions × geographies", geographies, context.currency)
    # Division names, legend entries and total labels share column A (the title spills).
    widen(ws, 1, [cell for (cell,) in ws.iter_rows(min_row=3, max_col=1)])


def _write_legend(ws: Worksheet, top: int) -> int:
    write_heading(ws, top, 1, "Legend")
    for offset, state in enumerate(CYCLE, start=1):
        write_cell(ws, top + offset, 1, state.label, fill=STATE_COLOURS[state].lstrip("#"))
        meaning = STATE_MEANINGS[state]
        write_cell(ws, top + offset, 2, meaning[:1].upper() + meaning[1:])
    blank = top + len(CYCLE) + 1
    write_cell(ws, blank, 1, "(blank)")
    write_cell(ws, blank, 2, "Not assessed yet")
    return blank + 1


def cell_text(grid: WhitespaceGrid, key: tuple[int, int], currency: str) -> str:
    state = grid.states.get(key)
    uplift = grid.uplift.get(key, 0.0)
    text = state.label if state else ""
    # Like the app: the uplift shows where there is room to expand, so a live or not
    # relevant cell keeps its plain label (and the COUNTIF totals keep matching it).
    if uplift and state in (None, WhitespaceState.OPPORTUNITY):
        text = f"{text or 'Open'} · {uplift:,.0f} {currency}"
    return text


def _write_grid(ws: Worksheet, top: int, title: str, grid: WhitespaceGrid, currency: str) -> int:
    write_heading(ws, top, 1, title)
    if not grid.rows or not grid.columns:
        write_cell(ws, top + 1, 1, "Nothing to show: the account needs divisions and the "
                   "catalogue products (or the account geographies).", italic=True)  # fmt: skip
        return top + 2
    header = top + 1
    first, last = header + 1, header + len(grid.rows)
    first_col, last_col = 2, 1 + len(grid.columns)
    end_col = get_column_letter(last_col)
    write_cell(ws, header, 1, "Division", bold=True, fill="DDEBF7")
    headers = []
    for c, column in enumerate(grid.columns, start=first_col):
        cell = write_cell(ws, header, c, column.label, bold=True, fill="DDEBF7", wrap=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = max(
            ws.column_dimensions[get_column_letter(c)].width or 0, 16
        )
        headers.append(cell)
    fit_row_heights(ws, headers)
    totals = ("Live", "Relevant", "Open ACV uplift")
    for offset, text in enumerate(totals):
        write_cell(ws, header, last_col + 1 + offset, text, bold=True, fill="DDEBF7")
    for r, division in enumerate(grid.rows, start=first):
        write_cell(ws, r, 1, division.label, bold=True)
        for c, column in enumerate(grid.columns, start=first_col):
            key = (division.id, column.id)
            state = grid.states.get(key)
            fill = STATE_COLOURS[state].lstrip("#") if state else None
            cell = write_cell(ws, r, c, cell_text(grid, key, currency), fill=fill)
            cell.alignment = Alignment(horizontal="center")
        cells = f"B{r}:{end_col}{r}"
        _write_totals(ws, r, last_col + 1, cells, grid.row_total(division.id).uplift, currency)
    for offset, text in enumerate(totals):
        write_cell(ws, last + 1 + offset, 1, f"{text} (column)", bold=True)
    for c, column in enumerate(grid.columns, start=first_col):
        letter = get_column_letter(c)
        cells = f"{letter}{first}:{letter}{last}"
        write_cell(ws, last + 1, c, Formula(f'COUNTIF({cells},"Live")'), kind=Kind.INT)
        write_cell(ws, last + 2, c, _relevant(cells), kind=Kind.INT)
        write_cell(ws, last + 3, c, grid.column_total(column.id).uplift, kind=Kind.MONEY,
                   currency=currency)  # fmt: skip
    return last + 4


def _relevant(cells: str) -> Formula:
    return Formula(f'COUNTA({cells})-COUNTIF({cells},"Not relevant")')


def _write_totals(ws, row: int, col: int, cells: str, uplift: float, currency: str) -> None:
    write_cell(ws, row, col, Formula(f'COUNTIF({cells},"Live")'), kind=Kind.INT)
    write_cell(ws, row, col + 1, _relevant(cells), kind=Kind.INT)
    write_cell(ws, row, col + 2, uplift, kind=Kind.MONEY, currency=currency)
