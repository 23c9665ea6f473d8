"""What every sheet of the roll-up workbook shares: its title, the multiples' names, the
title block and headers that wrap."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.relationships.coverage import LEVELS_GOAL
from cs_planner.domain.rollup.rows import Rollup
from cs_planner.reports.excel import Entry, Kind, write_cell
from cs_planner.reports.layout import LINE_HEIGHT, write_entries

TITLE = "Portfolio roll-up"
LEVELS_HEADER = f"Levels covered (of {LEVELS_GOAL})"
# The two portfolio multiples, each labelled where it is shown: they answer different
# questions and differ whenever large accounts grew faster or slower than small ones.
TOTAL_MULTIPLE = "Total ARR ÷ total initial deals"
MEAN_MULTIPLE = "Mean of the accounts' multiples"
FTE_FORMAT = "0.00"


def title(ws: Worksheet, text: str, data: Rollup) -> int:
    """Title and the generated date; returns the first free row."""
    write_cell(ws, 1, 1, text, bold=True, size=14)
    entries = [Entry("Generated", data.today), Entry("Accounts", len(data.accounts), Kind.INT)]
    if data.owner:
        entries.append(Entry("Portfolio of", data.owner))
    return write_entries(ws, 2, entries)


def wrap_headers(ws: Worksheet, row: int, first: int, last: int, lines: int = 2) -> None:
    """Long headers wrap over two lines rather than widening narrow number columns."""
    for col in range(first, last + 1):
        ws.cell(row=row, column=col).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[row].height = lines * LINE_HEIGHT


def yes(flag: bool) -> str:
    return "Yes" if flag else ""
