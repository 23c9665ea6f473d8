"""How a sheet is laid out: columns wide enough for what they show, rows tall enough for
wrapped text, headings, label-value entries and tables, every cell through ``write_cell``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.reports.excel import (
    HEADER_FILL,
    MAX_WIDTH,
    MIN_WIDTH,
    WRAP_TOP,
    Align,
    Column,
    Entry,
    write_cell,
)

# --- layout -----------------------------------------------------------------------------


def _shown_length(cell: Cell) -> int:
    return shown_length(cell.value, cell.data_type == "f")


def shown_length(value: Any, formula: bool = False) -> int:
    """Roughly how many characters a cell shows, for column widths (``value`` as stored)."""
    if value is None:
        return 0
    if formula:
        return 12
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int | float):
        return len(f"{value:,.1f}") + 2  # room for a currency symbol or a suffix
    return max(len(line) for line in str(value).split("\n"))


def widen(ws: Worksheet, col: int, cells: Sequence[Cell]) -> None:
    """Make column ``col`` fit ``cells`` (capped; never narrower than it already is, so
    blocks sharing a column all fit). Longer text wraps or spills over."""
    widen_to(ws, col, max((_shown_length(c) for c in cells), default=0))


def widen_to(ws: Worksheet | WriteOnlyWorksheet, col: int, longest: int) -> None:
    """Make column ``col`` fit ``longest`` characters (see ``widen``)."""
    wanted = longest + 2
    letter = get_column_letter(col)
    # `in` first: looking a letter up in column_dimensions creates it with Excel's default.
    current = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0
    width = min(max(wanted, MIN_WIDTH), MAX_WIDTH)
    ws.column_dimensions[letter].width = max(current or 0, width)


LINE_HEIGHT = 15  # points per line of the default 11-point font


def fit_row_heights(ws: Worksheet, cells: Sequence[Cell]) -> None:
    """Give rows with wrapped text the height their lines need: neither Excel nor
    LibreOffice reliably grows a row that openpyxl wrote, and an overflowing cell would
    hide the row below."""
    for cell in cells:
        if not (cell.alignment and cell.alignment.wrap_text) or not isinstance(cell.value, str):
            continue
        fit_row_height(ws, cell.row, cell.column, cell.value)


def fit_row_height(ws: Worksheet | WriteOnlyWorksheet, row: int, col: int, text: str) -> None:
    """Make ``row`` tall enough for ``text`` wrapped in column ``col`` (see
    ``fit_row_heights``)."""
    letter = get_column_letter(col)
    width = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0
    chars = max(int((width or MIN_WIDTH) * 1.1), 1)
    lines = sum(max(1, -(-len(line) // chars)) for line in text.split("\n"))
    height = min(lines, 15) * LINE_HEIGHT
    current = ws.row_dimensions[row].height or LINE_HEIGHT
    if height > current:
        ws.row_dimensions[row].height = height


def write_heading(ws: Worksheet, row: int, col: int, text: str, *, size: float = 12) -> Cell:
    """A section heading above a block or a table."""
    return write_cell(ws, row, col, text, bold=True, size=size)


def write_entries(
    ws: Worksheet,
    top_row: int,
    entries: Sequence[Entry],
    *,
    col: int = 1,
    currency: str | None = None,
) -> int:
    """Label/value pairs, labels bold in ``col`` and values beside them.

    Returns the first free row below the block."""
    labels: list[Cell] = []
    values: list[Cell] = []
    for offset, entry in enumerate(entries):
        row = top_row + offset
        top = Align(vertical="top") if entry.wrap else None
        labels.append(write_cell(ws, row, col, entry.label, bold=True, align=top))
        # A card reads down one edge: numbers and dates align left like the text.
        left = Align("left", "top" if entry.wrap else None, entry.wrap)
        values.append(
            write_cell(
                ws, row, col + 1, entry.value, kind=entry.kind, currency=currency, align=left
            )
        )
    widen(ws, col, labels)
    # Plain text spills into the empty cells beside it; only numbers, dates and wrapped
    # text need the column's width (a long value would widen a table's column below).
    widen(
        ws,
        col + 1,
        [v for v, e in zip(values, entries, strict=True) if e.wrap or not isinstance(v.value, str)],
    )
    fit_row_heights(ws, values)
    return top_row + len(entries)


def table_align(column: Column, top_align: bool) -> Align | None:
    """How a table's cells in ``column`` align (``top_align``: a column of the table wraps)."""
    if column.centre or top_align:
        return Align("center" if column.centre else None, "top" if top_align else None, column.wrap)
    return WRAP_TOP if column.wrap else None


def table(
    ws: Worksheet,
    top_row: int,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    *,
    left_col: int = 1,
    currency: str | None = None,
    freeze: bool = True,
    autofilter: bool = True,
) -> int:
    """A table: bold filled header, one line per row, widths fitted to the content.

    ``freeze`` keeps the header in view while scrolling; ``autofilter`` adds Excel's filter
    buttons (a sheet has one autofilter, so only its main table should ask for it).
    Returns the first free row below the table."""
    cells: list[list[Cell]] = [[] for _ in columns]
    top_align = any(column.wrap for column in columns)  # a row's cells line up with its text
    aligns = [table_align(column, top_align) for column in columns]
    for offset, column in enumerate(columns):
        header = write_cell(
            ws, top_row, left_col + offset, column.header, bold=True, fill=HEADER_FILL
        )
        cells[offset].append(header)
    for row_offset, values in enumerate(rows, start=1):
        if len(values) != len(columns):
            raise ValueError(f"Row {row_offset} has {len(values)} values, not {len(columns)}.")
        for offset, (column, value, align) in enumerate(zip(columns, values, aligns, strict=True)):
            cell = write_cell(
                ws,
                top_row + row_offset,
                left_col + offset,
                value,
                kind=column.kind,
                currency=currency,
                align=align,
            )
            cells[offset].append(cell)
    for offset, column in enumerate(columns):
        if column.width is not None:
            ws.column_dimensions[get_column_letter(left_col + offset)].width = column.width
        else:
            widen(ws, left_col + offset, cells[offset])
    for offset, column in enumerate(columns):
        if column.wrap:
            fit_row_heights(ws, cells[offset][1:])
    bottom = top_row + len(rows)
    if freeze:
        ws.freeze_panes = f"A{top_row + 1}"  # rows only: keep every column scrollable
    if autofilter:
        if ws.auto_filter.ref:
            raise ValueError(f"Sheet '{ws.title}' already has an autofilter.")
        last = get_column_letter(left_col + len(columns) - 1)
        ws.auto_filter.ref = f"{get_column_letter(left_col)}{top_row}:{last}{bottom}"
    return bottom + 1
