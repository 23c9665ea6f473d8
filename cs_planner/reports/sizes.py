"""Sizes on paper, as Excel and LibreOffice work them out: a column's width is in
characters of the default font (Calibri 11: 7 pixels a digit at 96 pixels an inch, plus 5
pixels of padding), a row's height and a font's size in points (1/72 inch)."""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

DEFAULT_FONT = 11.0  # openpyxl's default font size (Calibri 11)
DEFAULT_ROW = 15.0  # points: the default row height openpyxl writes
DEFAULT_WIDTH = 8.43  # characters: Excel's default column width


def column_points(width: float | None) -> float:
    """A column ``width`` (characters) in points."""
    chars = width or DEFAULT_WIDTH
    return (chars * 7 + 5) * 0.75


def column_width(ws: Worksheet, col: int) -> float:
    letter = get_column_letter(col)
    # `in` first: looking a letter up creates it with Excel's default.
    if letter in ws.column_dimensions:
        return ws.column_dimensions[letter].width or DEFAULT_WIDTH
    for dimension in ws.column_dimensions.values():  # a file read back groups equal columns
        if dimension.min and dimension.max and dimension.min <= col <= dimension.max:
            return dimension.width or DEFAULT_WIDTH
    return DEFAULT_WIDTH


def row_height(ws: Worksheet, row: int) -> float:
    height = ws.row_dimensions[row].height if row in ws.row_dimensions else None
    return height or DEFAULT_ROW


def columns_points(ws: Worksheet, first: int, last: int) -> float:
    return sum(column_points(column_width(ws, c)) for c in range(first, last + 1))


def font(cell: Any) -> Any:
    """The cell's font, read from the workbook's list (``cell.font`` makes a proxy object
    each time: a sheet's print setup reads thousands)."""
    return cell.parent.parent._fonts[cell._style.fontId] if cell.has_style else None


def alignment(cell: Any) -> Any:
    """The cell's alignment, read like ``font``."""
    return cell.parent.parent._alignments[cell._style.alignmentId] if cell.has_style else None


def font_size(cell: Any) -> float:
    found = font(cell)
    return float(found.sz) if found is not None and found.sz else DEFAULT_FONT


def is_bold(cell: Any) -> bool:
    found = font(cell)
    return bool(found is not None and found.b)
