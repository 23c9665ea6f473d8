"""What the Value sheet's blocks share: the column grid, header rows, text merged across
columns, and the red/amber/green conditional colours."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.enums import HealthBand
from cs_planner.domain.value.score import GREEN_FROM, RED_BELOW
from cs_planner.palette import SHEET_AMBER_FILL, SHEET_AMBER_TEXT, SHEET_RED_FILL, SHEET_RED_TEXT
from cs_planner.reports.excel import HEADER_FILL, WRAP_TOP, write_cell
from cs_planner.reports.layout import LINE_HEIGHT

# One grid for every block, so the blocks line up and print one page wide: names in A,
# short figures after. Text longer than a column is merged across the columns on its right.
# 164 characters in all: within what prints one page wide at 8 pt on A4 and on Letter, so
# no column is narrowed for paper (a metric's name in A would then wrap into tall rows).
LAST_COL = 12  # L
WIDTHS = {1: 34, 2: 13, 3: 18} | {col: 11 for col in range(4, LAST_COL + 1)}
# Excel's own "good" green: the palette has the sheets' red and amber only.
GREEN_FILL, GREEN_TEXT = "#c6efce", "#006100"
NO_DATA = "no data"


def set_widths(ws: Worksheet) -> None:
    for col, width in WIDTHS.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def header_row(ws: Worksheet, row: int, headers: Sequence[tuple[int, int, str]]) -> None:
    """A header row in the tables' style: (first column, last column, text) per header, a
    header over several columns merged."""
    for first, last, text in headers:
        for col in range(first, last + 1):  # the fill under the whole merged range
            write_cell(ws, row, col, text if col == first else None, bold=True, fill=HEADER_FILL)
        if last > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def merged_text(
    ws: Worksheet, row: int, first: int, last: int, text: str, *, italic: bool = False
) -> None:
    """Wrapped text across columns ``first``..``last``, its row made tall enough: Excel does
    not grow a row for a merged cell."""
    write_cell(ws, row, first, text, italic=italic, align=WRAP_TOP)
    fit_merged(ws, row, first, last, text)


def fit_merged(ws: Worksheet, row: int, first: int, last: int, text: str) -> None:
    """Merge ``first``..``last`` on ``row`` and give the row the lines ``text`` needs."""
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    width = sum(_width(ws, col) for col in range(first, last + 1))
    chars = max(int(width * 1.2), 1)  # a merge has no padding between its columns
    lines = sum(max(1, -(-len(line) // chars)) for line in text.split("\n")) if text else 1
    height = min(lines, 15) * LINE_HEIGHT
    if height > (ws.row_dimensions[row].height or LINE_HEIGHT):
        ws.row_dimensions[row].height = height


def _width(ws: Worksheet, col: int) -> float:
    letter = get_column_letter(col)
    return (ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0) or 8.43


def band_formula(ref: str) -> str:
    """The overall band of the score in ``ref`` as text, blank without a score."""
    red, amber, green = (b.label for b in HealthBand)
    return (
        f'IF(ISNUMBER({ref}),IF({ref}<{RED_BELOW:g},"{red}",'
        f'IF({ref}<{GREEN_FROM:g},"{amber}","{green}")),"")'
    )


def _colours(fill: str, text: str) -> dict[str, Any]:
    fill, text = fill.lstrip("#").upper(), text.lstrip("#").upper()
    return {"fill": PatternFill("solid", fgColor=fill, bgColor=fill), "font": Font(color=text)}


def band_colours(ws: Worksheet, cells: str, first: str, red_below: str, green_from: str) -> None:
    """Red, amber and green on ``cells`` (a range whose top-left cell is ``first``) against
    the thresholds ``red_below`` and ``green_from`` (numbers or cell references, relative
    ones moving down the range with it). Text ("no data") is left uncoloured: Excel would
    count it above any number."""
    has = f"ISNUMBER({first})"
    rules = (
        (f"AND({has},{first}<{red_below})", SHEET_RED_FILL, SHEET_RED_TEXT),
        (
            f"AND({has},{first}>={red_below},{first}<{green_from})",
            SHEET_AMBER_FILL,
            SHEET_AMBER_TEXT,
        ),
        (f"AND({has},{first}>={green_from})", GREEN_FILL, GREEN_TEXT),
    )
    for formula, fill, text in rules:
        ws.conditional_formatting.add(cells, FormulaRule(formula=[formula], **_colours(fill, text)))


def score_colours(ws: Worksheet, cells: str, first: str) -> None:
    """The overall score's bands: red below 50, amber below 75, green from 75."""
    band_colours(ws, cells, first, f"{RED_BELOW:g}", f"{GREEN_FROM:g}")


def break_before(ws: Worksheet, row: int) -> None:
    """Start a new printed page at ``row`` (a block that should not be cut in two)."""
    from openpyxl.worksheet.pagebreak import Break

    ws.row_breaks.append(Break(id=row - 1))
