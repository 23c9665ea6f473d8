"""No text cut off on paper: ``shrink_columns`` narrows the widest columns of a sheet too
wide to print readably, ``unclip`` wraps (or widens, or merges over empty neighbours) every
text longer than its room, and makes the rows of wrapped text tall enough (neither Excel
nor LibreOffice grows a row that openpyxl wrote). Used by ``printing.make_print_ready``."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.reports.excel import MAX_WIDTH
from cs_planner.reports.layout import shown_length
from cs_planner.reports.sizes import (
    DEFAULT_FONT,
    DEFAULT_ROW,
    alignment,
    column_width,
    font_size,
    is_bold,
    row_height,
)

MAX_LINES = 40  # a wrapped cell never grows taller than this many lines
MIN_COLUMN = 6  # characters: no column is narrowed below this


def text_chars(text: str, cell: Any) -> float:
    """How many default-width characters ``text`` takes in ``cell``'s font (bold and large
    text are wider)."""
    longest = max((len(line) for line in text.split("\n")), default=0)
    factor = font_size(cell) / DEFAULT_FONT
    if is_bold(cell):
        factor *= 1.1
    return longest * factor


def _merged_starts(ws: Worksheet) -> tuple[set[tuple[int, int]], dict[tuple[int, int], int]]:
    inside: set[tuple[int, int]] = set()
    starts: dict[tuple[int, int], int] = {}
    for merged in ws.merged_cells.ranges:
        starts[(merged.min_row, merged.min_col)] = merged.max_col
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                inside.add((r, c))
    return inside, starts


def _text_cells(ws: Worksheet, last_col: int) -> Iterator[Any]:
    for row in ws.iter_rows(max_col=last_col):
        for cell in row:
            if isinstance(cell.value, str) and cell.data_type == "s":
                yield cell


def unclip(ws: Worksheet, last_col: int, budget: float) -> None:
    """Make every text show whole within columns 1 to ``last_col``: a short overflow
    widens its column while the columns stay within ``budget`` characters, a longer one
    wraps where it is (merged over the empty cells beside it when it has room there), and
    each wrapped row is made tall enough."""
    inside, starts = _merged_starts(ws)
    filled = {(c.row, c.column) for row in ws.iter_rows() for c in row if c.value is not None}
    for cell in list(_text_cells(ws, last_col)):
        key = (cell.row, cell.column)
        if key in inside and key not in starts:
            continue
        end = starts.get(key, cell.column)
        aligned = alignment(cell)
        wrapped = bool(aligned is not None and aligned.wrap_text)
        width = sum(column_width(ws, c) for c in range(cell.column, end + 1))
        need = text_chars(cell.value, cell)
        if wrapped or key in starts:
            if need > width or "\n" in cell.value:
                _wrap(ws, cell, width, last_col)
            continue
        if need <= width:
            continue
        horizontal = aligned.horizontal if aligned is not None else None
        spill = end
        if horizontal in (None, "general", "left"):
            while spill < last_col:
                beside = (cell.row, spill + 1)
                if beside in filled or beside in inside:
                    break
                spill += 1
        room = sum(column_width(ws, c) for c in range(cell.column, spill + 1))
        if need <= room:
            continue  # it spills into empty cells inside the print area
        total = sum(column_width(ws, c) for c in range(1, last_col + 1))
        grow = math.ceil(need) + 1 - column_width(ws, cell.column)
        if spill == cell.column and need <= MAX_WIDTH and total + grow <= budget:
            ws.column_dimensions[get_column_letter(cell.column)].width = math.ceil(need) + 1
            continue
        if spill > cell.column:
            ws.merge_cells(
                start_row=cell.row, start_column=cell.column, end_row=cell.row, end_column=spill
            )
            inside.update((cell.row, c) for c in range(cell.column, spill + 1))
        _wrap(ws, cell, room, last_col)


def shrink_columns(ws: Worksheet, last_col: int, budget: float) -> None:
    """Narrow the widest columns until columns 1 to ``last_col`` take at most ``budget``
    characters: the wide ones share one cap, none narrower than its longest word or
    number (``unclip`` then wraps the texts that no longer fit)."""
    widths = [column_width(ws, c) for c in range(1, last_col + 1)]
    if sum(widths) <= budget:
        return
    floors = _floors(ws, last_col)
    low, high = 0.0, max(widths)
    for _ in range(30):  # bisect the cap
        cap = (low + high) / 2
        if sum(min(w, max(cap, f)) for w, f in zip(widths, floors, strict=True)) > budget:
            high = cap
        else:
            low = cap
    for col, (w, f) in enumerate(zip(widths, floors, strict=True), start=1):
        narrower = min(w, max(low, f))
        if narrower < w:
            ws.column_dimensions[get_column_letter(col)].width = math.floor(narrower)


def _floors(ws: Worksheet, last_col: int) -> list[float]:
    """The narrowest each column can be: its longest word (up to 20 characters: a longer
    one breaks anyway) or number."""
    inside, starts = _merged_starts(ws)
    floors = [float(MIN_COLUMN)] * last_col
    for row in ws.iter_rows(max_col=last_col):
        for cell in row:
            key = (cell.row, cell.column)
            if cell.value is None or (key in inside and starts.get(key) != cell.column):
                continue
            if isinstance(cell.value, str) and cell.data_type == "s":
                words = cell.value.split()
                need = min(max((len(w) for w in words), default=0), 20) * 1.1 + 1
            else:
                need = shown_length(cell.value, cell.data_type == "f")
            floors[cell.column - 1] = max(floors[cell.column - 1], need)
    return floors


def _wrap(ws: Worksheet, cell: Any, width: float, last_col: int) -> None:
    """Wrap ``cell`` at the top and make its row tall enough for its lines in ``width``
    characters."""
    old = alignment(cell)
    if not (old is not None and old.wrap_text):
        cell.alignment = Alignment(
            horizontal=old.horizontal if old is not None else None,
            vertical="top",
            wrap_text=True,
            indent=old.indent if old is not None else 0,
        )
    factor = font_size(cell) / DEFAULT_FONT * (1.1 if is_bold(cell) else 1.0)
    per_line = max(int(width * 1.05 / factor), 1)  # about its width in letters
    lines = sum(wrapped_lines(line, per_line) for line in cell.value.split("\n"))
    height = min(lines, MAX_LINES) * DEFAULT_ROW * font_size(cell) / DEFAULT_FONT
    if height > row_height(ws, cell.row):
        ws.row_dimensions[cell.row].height = height
        top_align_row(ws, cell.row, last_col)


def wrapped_lines(text: str, per_line: int) -> int:
    """How many lines ``text`` takes wrapped at word boundaries in ``per_line``
    characters (a word longer than a line is broken)."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, 0
        if used:
            used += 1
        while len(word) > per_line:
            if used:
                lines, used = lines + 1, 0
            word = word[per_line:]
            lines += 1
        used += len(word)
    return lines


def top_align_row(ws: Worksheet, row: int, last_col: int) -> None:
    """Line a tall row's cells up at the top, beside its wrapped text (a cell that says
    nothing about its vertical alignment sits at the bottom)."""
    # The cells that exist, found by key: ws[row] would work out the sheet's width (every
    # cell scanned) for each row.
    for cell in [c for c in (ws._cells.get((row, col)) for col in range(1, last_col + 1)) if c]:
        old = alignment(cell)
        if cell.value is None or (old is not None and old.vertical):
            continue
        cell.alignment = Alignment(
            horizontal=old.horizontal if old is not None else None,
            vertical="top",
            wrap_text=old.wrap_text if old is not None else None,
            indent=old.indent if old is not None else 0,
        )
