"""The portfolio CSA workbook (``cs-planner export PORTFOLIO --csa``): a month-by-CSA load
grid with conditional formatting, per-CSA utilization, chargeability and revenue, revenue by
month and quarter, and the warnings and coverage gaps."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain import csa, csa_review
from cs_planner.domain import csa_load as load
from cs_planner.domain.csa_review import CoverageGap, CsaFigures, CsaWarning
from cs_planner.domain.portfolio import SettingsData
from cs_planner.domain.quarters import add_months
from cs_planner.reports.excel import (
    Column,
    Entry,
    Formula,
    Kind,
    add_sheet,
    new_workbook,
    save_atomically,
    table,
    write_cell,
    write_entries,
    write_heading,
)
from cs_planner.storage import Portfolio

MONTHS = 6
OVER_FILL = "F4C7C3"  # red: booked beyond capacity
UNDER_FILL = "FFE0B2"  # amber: less than half booked
OVER_FONT = "9C0006"
UNDER_FONT = "6D4C00"


@dataclass(frozen=True)
class CsaWorkbookData:
    settings: SettingsData
    today: dt.date
    start: dt.date
    end: dt.date
    figures: list[CsaFigures]
    warnings: list[CsaWarning]
    coverage: list[CoverageGap]


def read_workbook_data(
    portfolio: Portfolio, today: dt.date, months: int = MONTHS
) -> CsaWorkbookData:
    """Everything in one read transaction: the ``months`` whole months from today's."""
    start = dt.date(today.year, today.month, 1)
    end = load.month_end(add_months(start, months - 1))
    with portfolio.read() as session:
        data = csa.read_csa_data(session)
        coverage = csa_review.read_coverage(session, today)
    figures = csa_review.csa_figures(data, start, end, today)
    return CsaWorkbookData(
        data.settings, today, start, end, figures, csa_review.all_warnings(figures), coverage
    )


def write_csa_workbook(
    portfolio: Portfolio,
    path: str | os.PathLike[str],
    *,
    today: dt.date | None = None,
    months: int = MONTHS,
) -> Path:
    """Write the workbook; returns the path (".xlsx" added if missing). Raises ReportError
    when the file cannot be written (an existing file is then unchanged)."""
    target = Path(path).expanduser()
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    data = read_workbook_data(portfolio, today or dt.date.today(), months)
    workbook = new_workbook("CSA allocation")
    write_load(add_sheet(workbook, "Load"), data)
    write_figures(add_sheet(workbook, "CSAs"), data)
    write_revenue(add_sheet(workbook, "Revenue"), data)
    write_warnings(add_sheet(workbook, "Warnings"), data)
    return save_atomically(workbook, target)


def _title(ws: Worksheet, text: str, data: CsaWorkbookData) -> int:
    write_cell(ws, 1, 1, text, bold=True, size=14)
    return write_entries(
        ws,
        2,
        [
            Entry("Generated", data.today),
            Entry("Period", f"{data.start.isoformat()} to {data.end.isoformat()}"),
        ],
    )


def write_load(ws: Worksheet, data: CsaWorkbookData) -> None:
    row = _title(ws, "CSA load by month (% of capacity)", data)
    write_cell(
        ws,
        row,
        1,
        "Red: booked beyond 100% of capacity. Amber: under 50%.",
        italic=True,
    )
    top = row + 2
    months = data.figures[0].months if data.figures else []
    columns = [Column("CSA"), Column("Hours a week", Kind.NUMBER)] + [
        Column(f"{m.start:%b %Y}", Kind.PERCENT) for m in months
    ]
    rows = [[f.csa.name, f.csa.capacity] + [m.utilization for m in f.months] for f in data.figures]
    if not rows:
        write_cell(ws, top, 1, "No CSAs in the roster.", italic=True)
        return
    end = table(ws, top, columns, rows)
    first, last = get_column_letter(3), get_column_letter(len(columns))
    grid = f"{first}{top + 1}:{last}{end - 1}"
    ws.conditional_formatting.add(
        grid,
        CellIsRule(
            operator="greaterThan",
            formula=["1"],
            fill=PatternFill("solid", fgColor=OVER_FILL, bgColor=OVER_FILL),
            font=Font(color=OVER_FONT, bold=True),
        ),
    )
    ws.conditional_formatting.add(
        grid,
        CellIsRule(
            operator="lessThan",
            formula=["0.5"],
            fill=PatternFill("solid", fgColor=UNDER_FILL, bgColor=UNDER_FILL),
            font=Font(color=UNDER_FONT),
        ),
    )


FIGURE_COLUMNS = (
    Column("CSA"),
    Column("Hours a week", Kind.NUMBER),
    Column("Bill rate", Kind.MONEY),
    Column("Capacity hours", Kind.INT),
    Column("Allocated hours", Kind.INT),
    Column("Utilization", Kind.PERCENT),
    Column("Peak week", Kind.PERCENT),
    Column("Chargeable hours", Kind.INT),
    Column("Chargeability", Kind.PERCENT),
    Column("Target", Kind.PERCENT),
    Column("Against target", Kind.PERCENT),
    Column("Pre-sales share", Kind.PERCENT),
    Column("Vendor-underwritten hours", Kind.INT),
    Column("Billable revenue", Kind.MONEY),
    Column("Warnings", Kind.INT),
)


def _figure_row(f: CsaFigures) -> list:
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
        w.presales_share,
        round(w.vendor_hours),
        round(w.revenue, 2),
        len(f.warnings),
    ]


def write_figures(ws: Worksheet, data: CsaWorkbookData) -> None:
    row = _title(ws, "Utilization, chargeability and billable revenue per CSA", data)
    currency = data.settings.currency
    write_cell(
        ws,
        row,
        1,
        "Utilization: allocated ÷ capacity hours. Chargeability: customer-funded ÷ capacity "
        "hours. Billable revenue: bill rate × chargeable hours.",
        italic=True,
    )
    if not data.figures:
        write_cell(ws, row + 2, 1, "No CSAs in the roster.", italic=True)
        return
    rows = [_figure_row(f) for f in data.figures]
    table(ws, row + 2, FIGURE_COLUMNS, rows, currency=currency)


def write_revenue(ws: Worksheet, data: CsaWorkbookData) -> None:
    row = _title(ws, "Forecast billable revenue by month and quarter", data)
    currency = data.settings.currency
    if not data.figures:
        write_cell(ws, row + 1, 1, "No CSAs in the roster.", italic=True)
        return
    sample = data.figures[0]
    write_heading(ws, row + 1, 1, "By month")
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
    end = table(ws, row + 2, columns, rows, currency=currency)
    _total_row(ws, end, row + 3, len(columns), currency)
    top = end + 2
    write_heading(ws, top, 1, "By quarter (whole quarters)")
    columns = [Column("CSA")] + [Column(label, Kind.MONEY) for label, _q in sample.quarters]
    rows = [[f.csa.name] + [round(q.revenue, 2) for _l, q in f.quarters] for f in data.figures]
    end = table(ws, top + 1, columns, rows, currency=currency, freeze=False, autofilter=False)
    _total_row(ws, end, top + 2, len(columns), currency)


def _total_row(ws: Worksheet, row: int, first_row: int, columns: int, currency: str) -> None:
    write_cell(ws, row, 1, "Total", bold=True)
    for col in range(2, columns + 1):
        letter = get_column_letter(col)
        formula = Formula(f"SUM({letter}{first_row}:{letter}{row - 1})")
        write_cell(ws, row, col, formula, kind=Kind.MONEY, currency=currency, bold=True)


def write_warnings(ws: Worksheet, data: CsaWorkbookData) -> None:
    row = _title(ws, "Warnings and coverage", data)
    write_heading(ws, row + 1, 1, "Warnings")
    if data.warnings:
        rows = [(w.csa, w.kind.label, w.message) for w in data.warnings]
        columns = (Column("CSA"), Column("Warning"), Column("What", width=90, wrap=True))
        end = table(ws, row + 2, columns, rows)
    else:
        write_cell(ws, row + 2, 1, "No warnings in this period.", italic=True)
        end = row + 3
    write_heading(ws, end + 1, 1, "Coverage")
    if not data.coverage:
        write_cell(ws, end + 2, 1, "No coverage gaps.", italic=True)
        return
    rows = [(g.account, g.kind.label, g.detail) for g in data.coverage]
    columns = (Column("Account"), Column("Gap"), Column("Detail", width=90, wrap=True))
    table(ws, end + 2, columns, rows, freeze=False, autofilter=False)
