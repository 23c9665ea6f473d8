"""The portfolio CSA workbook (``cs-planner export PORTFOLIO --csa``): a month-by-CSA load
grid with conditional formatting, per-CSA utilization, chargeability and revenue, revenue by
month and quarter, and the warnings and coverage gaps."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from cs_planner import palette
from cs_planner.domain.accounts.rows import SettingsData
from cs_planner.domain.csa import load, queries, rules, trapped
from cs_planner.domain.csa.queries import read_coverage
from cs_planner.domain.csa.rows import CoverageGap, CsaFigures, CsaWarning
from cs_planner.domain.gc_pause import no_cycle_collection
from cs_planner.reports.excel import Column, Entry, Formula, Kind
from cs_planner.reports.rollup.sheet import Sheet
from cs_planner.reports.workbooks import new_workbook, save_atomically
from cs_planner.storage import Portfolio


def sheet_colour(colour: str) -> str:
    """A palette colour as openpyxl writes it: "#f4c7c3" -> "F4C7C3"."""
    return colour.removeprefix("#").upper()


OVER_FILL = sheet_colour(palette.SHEET_RED_FILL)  # booked beyond capacity (the roll-up's red)
OVER_FONT = sheet_colour(palette.SHEET_RED_TEXT)
AMBER_FILL = sheet_colour(palette.SHEET_AMBER_FILL)  # worth attention (the roll-up's amber)
AMBER_FONT = sheet_colour(palette.SHEET_AMBER_TEXT)


def _band(band: palette.LoadBand) -> tuple[str, str]:
    return sheet_colour(band.background), sheet_colour(band.text)


# The heatmap's bands (``palette.LOAD_BANDS``) as conditional formats, in priority order:
# over 100% is the workbook's pale red; the others are the heatmap's own colours.
LOAD_RULES = (
    ("greaterThan", ["1"], OVER_FILL, OVER_FONT),
    ("equal", ["0"], *_band(palette.LOAD_IDLE)),
    (
        "lessThan",
        [str(load.UNDER_LIMIT)],
        *_band(palette.LOAD_UNDER),
    ),
    (
        "greaterThanOrEqual",
        [str(load.FULL_FROM)],
        *_band(palette.LOAD_FULL),
    ),
    ("greaterThan", ["0"], *_band(palette.LOAD_PART)),
)
LOAD_LEGEND = (
    "Red: booked beyond 100% of capacity. Dark green: 90–100%. Light green: 50–89%. "
    "Blue: under 50%. Grey: idle (0%). As on the CSAs page's heatmap."
)


@dataclass(frozen=True)
class CsaWorkbookData:
    settings: SettingsData
    today: dt.date
    start: dt.date
    end: dt.date
    figures: list[CsaFigures]
    warnings: list[CsaWarning]
    coverage: list[CoverageGap]


def read_workbook_data(portfolio: Portfolio, today: dt.date) -> CsaWorkbookData:
    """Everything in one read transaction, over the period the CSAs page shows by default
    (``rules.default_period``), so both give the same hours and revenue."""
    start, end = rules.default_period(today)
    with portfolio.read() as session:
        data = queries.read_csa_data(session)
        coverage = read_coverage(session, today, data.allocations)
    figures = rules.csa_figures(data, start, end, today, with_calendar=True)
    return CsaWorkbookData(
        data.settings, today, start, end, figures, rules.all_warnings(figures), coverage
    )


def write_csa_workbook(
    portfolio: Portfolio,
    path: str | os.PathLike[str],
    *,
    today: dt.date | None = None,
    notes: list[str] | None = None,
) -> Path:
    """Write the workbook; returns the path (".xlsx" added if missing). Raises ReportError
    when the file cannot be written (an existing file is then unchanged). ``notes`` (if
    given) receives a line for each text that had to be cut to fit a cell."""
    target = Path(path).expanduser()
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    with no_cycle_collection():
        data = read_workbook_data(portfolio, today or dt.date.today())
        # Streamed (``rollup.sheet``): 1,700 CSAs made 70,000 openpyxl cells, written one
        # element each, most of the export's time.
        workbook = new_workbook("CSA allocation", write_only=True)
        write_load(Sheet(workbook, "Load"), data)
        write_figures(Sheet(workbook, "CSAs"), data)
        write_revenue(Sheet(workbook, "Revenue"), data)
        write_warnings(Sheet(workbook, "Warnings"), data)
        return save_atomically(workbook, target, notes)


def _title(sheet: Sheet, text: str, data: CsaWorkbookData) -> int:
    sheet.write(1, 1, text, bold=True, size=14)
    return sheet.entries(
        2,
        [
            Entry("Generated", data.today),
            Entry(
                "Period",
                f"{rules.period_text(data.start, data.end)} ({rules.PERIOD_RULE}, "
                "as on the CSAs page); month and quarter columns: "
                f"{rules.CALENDAR_RULE}",
            ),
        ],
    )


def write_load(sheet: Sheet, data: CsaWorkbookData) -> None:
    row = _title(sheet, "CSA load by month (% of capacity)", data)
    sheet.write(row, 1, LOAD_LEGEND, italic=True)
    top = row + 2
    months = data.figures[0].months if data.figures else []
    columns = [Column("CSA"), Column("Hours a week", Kind.NUMBER)] + [
        Column(f"{m.start:%b %Y}", Kind.PERCENT) for m in months
    ]
    rows = [[f.csa.name, f.csa.capacity] + [m.utilization for m in f.months] for f in data.figures]
    if not rows:
        sheet.write(top, 1, "No CSAs in the roster.", italic=True)
        return
    end = sheet.table(top, columns, rows)
    first, last = get_column_letter(3), get_column_letter(len(columns))
    grid = f"{first}{top + 1}:{last}{end - 1}"
    for operator, formula, fill, font in LOAD_RULES:
        rule = CellIsRule(
            operator=operator,
            formula=formula,
            fill=PatternFill("solid", fgColor=fill, bgColor=fill),
            font=Font(color=font, bold=fill == OVER_FILL),
            stopIfTrue=True,
        )
        sheet.ws.conditional_formatting.add(grid, rule)


FIGURE_COLUMNS = (
    Column("CSA"),
    Column("Hours a week", Kind.NUMBER),
    Column("Bill rate", Kind.MONEY),
    Column("Capacity hours", Kind.INT),
    Column("Allocated hours", Kind.INT),
    Column("Utilization", Kind.PERCENT),
    Column("Peak week", Kind.PERCENT),
    Column("Chargeable hours", Kind.INT),
    Column("Chargeable ÷ capacity", Kind.PERCENT),
    Column("Target", Kind.PERCENT),
    Column("Against target", Kind.PERCENT),
    Column("Chargeable ÷ allocated", Kind.PERCENT),
    Column("Pre-sales share", Kind.PERCENT),
    Column("Vendor-underwritten hours", Kind.INT),
    Column("Billable revenue", Kind.MONEY),
    Column("Warnings", Kind.INT),
)


def _figure_row(f: CsaFigures) -> list[Any]:
    w = f.window
    against = None if w.chargeability is None else w.chargeability - f.csa.target
    return [
        f.csa.name,
        f.csa.capacity,
        f.csa.rate,
        round(w.capacity_hours),
        round(w.allocated_hours),
        w.utilization,
        f.peak_load,
        round(w.chargeable_hours),
        w.chargeability,
        f.csa.target,
        against,
        w.chargeable_of_allocated,
        w.presales_share,
        round(w.vendor_hours),
        round(w.revenue, 2),
        len(f.warnings),
    ]


def write_figures(sheet: Sheet, data: CsaWorkbookData) -> None:
    row = _title(sheet, "Utilization, chargeability and billable revenue per CSA", data)
    currency = data.settings.currency
    sheet.write(
        row,
        1,
        "Utilization: allocated ÷ capacity hours. Chargeability, the measure of the target: "
        "chargeable (customer-funded) ÷ capacity hours; also shown ÷ allocated hours. Billable "
        "revenue: bill rate × chargeable hours. Trapped: "
        f"{trapped.TRAPPED_RULE}.",
        italic=True,
    )
    if not data.figures:
        sheet.write(row + 2, 1, "No CSAs in the roster.", italic=True)
        return
    rows = [_figure_row(f) for f in data.figures]
    sheet.table(row + 2, FIGURE_COLUMNS, rows, currency=currency)


def write_revenue(sheet: Sheet, data: CsaWorkbookData) -> None:
    row = _title(sheet, "Forecast billable revenue by month and quarter", data)
    currency = data.settings.currency
    if not data.figures:
        sheet.write(row + 1, 1, "No CSAs in the roster.", italic=True)
        return
    sample = data.figures[0]
    sheet.heading(row + 1, 1, "By month")
    columns = [Column("CSA")] + [Column(f"{m.start:%b %Y}", Kind.MONEY) for m in sample.months]
    columns.append(Column("Total", Kind.MONEY))
    rows = []
    for offset, f in enumerate(data.figures, start=row + 3):
        last = get_column_letter(len(columns) - 1)
        rows.append(
            [f.csa.name]
            + [round(m.revenue, 2) for m in f.months]
            + [Formula(f"SUM(B{offset}:{last}{offset})")]
        )
    end = sheet.table(row + 2, columns, rows, currency=currency)
    _total_row(sheet, end, row + 3, len(columns), currency)
    top = end + 2
    sheet.heading(top, 1, "By quarter (whole quarters)")
    columns = [Column("CSA")] + [Column(label, Kind.MONEY) for label, _q in sample.quarters]
    by_quarter = [
        [f.csa.name, *(round(q.revenue, 2) for _l, q in f.quarters)] for f in data.figures
    ]
    end = sheet.table(
        top + 1, columns, by_quarter, currency=currency, freeze=False, autofilter=False
    )
    _total_row(sheet, end, top + 2, len(columns), currency)


def _total_row(sheet: Sheet, row: int, first_row: int, columns: int, currency: str) -> None:
    sheet.write(row, 1, "Total", bold=True)
    for col in range(2, columns + 1):
        letter = get_column_letter(col)
        formula = Formula(f"SUM({letter}{first_row}:{letter}{row - 1})")
        sheet.write(row, col, formula, kind=Kind.MONEY, currency=currency, bold=True)


def write_warnings(sheet: Sheet, data: CsaWorkbookData) -> None:
    row = _title(sheet, "Warnings and coverage", data)
    sheet.heading(row + 1, 1, "Warnings")
    if data.warnings:
        rows = [(w.csa, w.kind.label, w.message) for w in data.warnings]
        columns = (Column("CSA"), Column("Warning"), Column("What", width=90, wrap=True))
        end = sheet.table(row + 2, columns, rows)
    else:
        sheet.write(row + 2, 1, "No warnings in this period.", italic=True)
        end = row + 3
    sheet.heading(end + 1, 1, "Coverage")
    if not data.coverage:
        sheet.write(end + 2, 1, "No coverage gaps.", italic=True)
        return
    rows = [(g.account, g.kind.label, g.detail) for g in data.coverage]
    columns = (Column("Account"), Column("Gap"), Column("Detail", width=90, wrap=True))
    sheet.table(end + 2, columns, rows, freeze=False, autofilter=False)
