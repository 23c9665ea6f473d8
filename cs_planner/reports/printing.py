"""How a sheet prints: the page, the scale, titles, headers and footers, pictures kept whole.

A sheet is written first; ``make_print_ready`` then reads what it holds and chooses the
orientation and the fit so that no text prints smaller than ``MIN_FONT`` points (the
scale times the smallest font on the sheet), wraps or widens the cells whose text would be
cut, and moves each picture to the top of a page of its own when it would not fit the
rest of the page, shrunk to fit one page. Excel and LibreOffice print from these settings;
neither grows a row for wrapped text that openpyxl wrote, so the heights are set here.

Sizes are in points (1/72 inch). A column's width is in characters of the default font
(Calibri 11: 7 pixels a digit at 96 pixels an inch, plus 5 pixels of padding).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.reports.excel import MAX_WIDTH

MIN_FONT = 8.0  # the smallest printed text a manager reads comfortably
DEFAULT_FONT = 11.0  # openpyxl's default font size (Calibri 11)
DEFAULT_ROW = 15.0  # points: the default row height openpyxl writes
DEFAULT_WIDTH = 8.43  # characters: Excel's default column width
# A4's width and Letter's height: a page set up for these prints whole on either paper.
PAGE_WIDTH = 595.0
PAGE_HEIGHT = 792.0
MARGIN = 0.5  # inches, left and right
MARGIN_TOP = 0.75  # inches, top and bottom: room for the header and footer
HEADER = 0.3  # inches from the edge to the header and footer
SLACK = 1.05  # widths are estimates: keep 5% in hand so a fit never comes out smaller
MAX_LINES = 40  # a wrapped cell never grows taller than this many lines
MIN_COLUMN = 6  # characters: no column is narrowed below this


@dataclass(frozen=True)
class PrintAs:
    """How a sheet wants to print: the rows repeated at the top of every page, portrait
    only (an executive summary), or all on one page."""

    title_rows: str | None = "1:1"
    portrait: bool = False
    one_page: bool = False


@dataclass(frozen=True)
class Fit:
    """The chosen page setup: the orientation and the scale the page prints at."""

    orientation: str
    scale: float  # 1.0 = 100%
    fit_width: bool  # fit to one page wide (the scale is what that comes to)


# --- sizes --------------------------------------------------------------------------------


def column_points(width: float | None) -> float:
    """A column ``width`` (characters) in points."""
    chars = width or DEFAULT_WIDTH
    return (chars * 7 + 5) * 0.75


def printable(orientation: str) -> tuple[float, float]:
    """The printable width and height of a page in ``orientation``, in points."""
    width, height = PAGE_WIDTH, PAGE_HEIGHT
    if orientation == "landscape":
        width, height = height, width
    return width - 2 * MARGIN * 72, height - 2 * MARGIN_TOP * 72


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


def font_size(cell: Any) -> float:
    return float(cell.font.sz) if cell.has_style and cell.font and cell.font.sz else DEFAULT_FONT


def smallest_font(ws: Worksheet) -> float:
    """The smallest font size of any cell that shows something."""
    sizes = [font_size(c) for row in ws.iter_rows() for c in row if c.value is not None]
    return min(sizes, default=DEFAULT_FONT)


# --- what the sheet holds ---------------------------------------------------------------------


@dataclass
class Drawing:
    """A picture or a chart: its anchor cell and its size in points."""

    item: Any
    row: int
    col: int
    width: float
    height: float

    def resize(self, factor: float) -> None:
        self.width *= factor
        self.height *= factor
        if isinstance(self.item, Image):
            self.item.width = round(self.item.width * factor)
            self.item.height = round(self.item.height * factor)
        else:  # a chart, in centimetres
            self.item.width *= factor
            self.item.height *= factor


def drawings(ws: Worksheet) -> list[Drawing]:
    """The sheet's pictures and charts, top to bottom."""
    found = []
    for item in [*ws._images, *ws._charts]:
        anchor = item.anchor
        if isinstance(anchor, str):
            letters, row = coordinate_from_string(anchor)
            col = column_index_from_string(letters)
        else:  # an AnchorMarker-based anchor: 0-based
            row, col = anchor._from.row + 1, anchor._from.col + 1
        if isinstance(item, Image):
            width, height = item.width * 0.75, item.height * 0.75  # pixels at 96 an inch
        else:
            width, height = item.width / 2.54 * 72, item.height / 2.54 * 72
        found.append(Drawing(item, row, col, width, height))
    return sorted(found, key=lambda d: d.row)


def drawing_bottom(ws: Worksheet, drawing: Drawing) -> int:
    """The last row the drawing covers."""
    row, covered = drawing.row, row_height(ws, drawing.row)
    while covered < drawing.height:
        row += 1
        covered += row_height(ws, row)
    return row


def drawing_right(ws: Worksheet, drawing: Drawing) -> int:
    """The last column the drawing covers."""
    col, covered = drawing.col, column_points(column_width(ws, drawing.col))
    while covered < drawing.width:
        col += 1
        covered += column_points(column_width(ws, col))
    return col


def used_range(ws: Worksheet) -> tuple[int, int]:
    """The last row and column that show something (cells, pictures, charts)."""
    last_row = last_col = 1
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                last_row, last_col = max(last_row, cell.row), max(last_col, cell.column)
    for merged in ws.merged_cells.ranges:
        last_row, last_col = max(last_row, merged.max_row), max(last_col, merged.max_col)
    for d in drawings(ws):
        last_row, last_col = max(last_row, drawing_bottom(ws, d)), max(last_col, d.col)
    return last_row, last_col


# --- no text cut off --------------------------------------------------------------------------


def text_chars(text: str, cell: Any) -> float:
    """How many default-width characters ``text`` takes in ``cell``'s font (bold and large
    text are wider)."""
    longest = max((len(line) for line in text.split("\n")), default=0)
    factor = font_size(cell) / DEFAULT_FONT
    if cell.has_style and cell.font and cell.font.b:
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
        wrapped = bool(cell.alignment and cell.alignment.wrap_text)
        width = sum(column_width(ws, c) for c in range(cell.column, end + 1))
        need = text_chars(cell.value, cell)
        if wrapped or key in starts:
            if need > width or "\n" in cell.value:
                _wrap(ws, cell, width)
            continue
        if need <= width:
            continue
        horizontal = cell.alignment.horizontal if cell.alignment else None
        spill = end
        if horizontal in (None, "general", "left"):
            while spill < last_col and (cell.row, spill + 1) not in filled | inside:
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
        _wrap(ws, cell, room)


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
    from cs_planner.reports.layout import shown_length

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


def _wrap(ws: Worksheet, cell: Any, width: float) -> None:
    """Wrap ``cell`` at the top and make its row tall enough for its lines in ``width``
    characters."""
    old = cell.alignment
    if not (old and old.wrap_text):
        cell.alignment = Alignment(
            horizontal=old.horizontal if old else None,
            vertical="top",
            wrap_text=True,
            indent=old.indent if old else 0,
        )
    factor = font_size(cell) / DEFAULT_FONT * (1.1 if cell.font and cell.font.b else 1.0)
    per_line = max(int(width * 1.1 / factor), 1)
    lines = sum(max(1, -(-len(line) // per_line)) for line in cell.value.split("\n"))
    height = min(lines, MAX_LINES) * DEFAULT_ROW * font_size(cell) / DEFAULT_FONT
    if height > row_height(ws, cell.row):
        ws.row_dimensions[cell.row].height = height
        top_align_row(ws, cell.row)


def top_align_row(ws: Worksheet, row: int) -> None:
    """Line a tall row's cells up at the top, beside its wrapped text (a cell that says
    nothing about its vertical alignment sits at the bottom)."""
    for cell in ws[row]:
        if cell.value is None or (cell.alignment and cell.alignment.vertical):
            continue
        old = cell.alignment
        cell.alignment = Alignment(
            horizontal=old.horizontal if old else None,
            vertical="top",
            wrap_text=old.wrap_text if old else None,
            indent=old.indent if old else 0,
        )


# --- the page -------------------------------------------------------------------------------


def choose_fit(width: float, height: float, smallest: float, print_as: PrintAs) -> Fit:
    """The orientation and scale for content ``width`` x ``height`` points whose smallest
    font is ``smallest``: the larger scale of the two orientations (portrait when both
    print at 100%); when even that would print text below ``MIN_FONT``, the smallest
    readable scale, several pages wide."""
    needed = MIN_FONT / smallest
    best: Fit | None = None
    for orientation in ("portrait",) if print_as.portrait else ("portrait", "landscape"):
        page_w, page_h = printable(orientation)
        scale = min(1.0, page_w / (width * SLACK))
        if print_as.one_page:
            scale = min(scale, page_h / (height * SLACK))
        if best is None or scale > best.scale + 1e-9:
            best = Fit(orientation, scale, scale < 1.0)
    assert best is not None
    if best.scale >= needed:
        return best
    return Fit(best.orientation, math.ceil(needed * 100) / 100, False)


def budget_chars(smallest: float, print_as: PrintAs, columns: int) -> float:
    """How many characters ``columns`` columns may take together to print one page wide
    with no text below ``MIN_FONT`` (landscape unless the sheet prints portrait)."""
    page_w, _ = printable("portrait" if print_as.portrait else "landscape")
    points = page_w / (MIN_FONT / smallest) / SLACK * 0.995
    return (points / 0.75 - 5 * columns) / 7  # see column_points


def apply_fit(ws: Worksheet, fit: Fit, print_as: PrintAs) -> None:
    setup = ws.page_setup
    setup.orientation = fit.orientation
    if fit.fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        setup.fitToWidth = 1
        setup.fitToHeight = 1 if print_as.one_page else 0
        setup.scale = None
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        setup.fitToWidth = setup.fitToHeight = None
        setup.scale = round(fit.scale * 100)


def header_text(text: str, limit: int = 80) -> str:
    """``text`` as a header shows it literally: "&" doubled (a single one starts a code)."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("&", "&&")


def set_header_footer(ws: Worksheet, account: str, exported: dt.date) -> None:
    """The account and the sheet at the top of every page; when the data was exported and
    "Page N of M" at the bottom."""
    ws.oddHeader.left.text = header_text(account)
    ws.oddHeader.right.text = "&A"
    ws.oddFooter.left.text = f"Exported {exported:%Y-%m-%d}"
    ws.oddFooter.right.text = "Page &P of &N"


def set_margins(ws: Worksheet) -> None:
    margins = ws.page_margins
    margins.left = margins.right = MARGIN
    margins.top = margins.bottom = MARGIN_TOP
    margins.header = margins.footer = HEADER


def title_rows_height(ws: Worksheet) -> float:
    titles = ws.print_title_rows
    if not titles:
        return 0.0
    first, last = (int(part.strip("$")) for part in titles.split(":"))
    return sum(row_height(ws, r) for r in range(first, last + 1))


def keep_picture_on_one_page(ws: Worksheet, drawing: Drawing, fit: Fit) -> None:
    """Shrink ``drawing`` to one printable page at the sheet's scale and, unless it fits
    on the first page, start a page at its anchor row (a manual row break above it)."""
    page_w, page_h = printable(fit.orientation)
    room_w = page_w / fit.scale / SLACK - columns_points(ws, 1, drawing.col - 1)
    room_h = (page_h / fit.scale - title_rows_height(ws)) / SLACK - DEFAULT_ROW
    factor = min(1.0, room_w / drawing.width, room_h / drawing.height)
    if factor < 1.0:
        drawing.resize(factor)
    above = sum(row_height(ws, r) for r in range(1, drawing.row))
    if (above + drawing.height) * SLACK <= page_h / fit.scale:
        return  # on the first page, whole
    if all(b.id != drawing.row - 1 for b in ws.row_breaks.brk):
        ws.row_breaks.append(Break(id=drawing.row - 1))


def make_print_ready(
    ws: Worksheet, account: str, exported: dt.date, print_as: PrintAs | None = None
) -> Fit:
    """Set up ``ws`` to print (see the module's text); returns the fit chosen."""
    print_as = print_as or PrintAs()
    last_row, last_col = used_range(ws)
    budget = budget_chars(smallest_font(ws), print_as, last_col)
    shrink_columns(ws, last_col, budget)
    unclip(ws, last_col, budget)
    if print_as.title_rows and not ws.print_title_rows:
        ws.print_title_rows = print_as.title_rows
    found = drawings(ws)  # sized to the page below: they never widen it
    width = columns_points(ws, 1, last_col)
    height = sum(row_height(ws, r) for r in range(1, last_row + 1))
    fit = choose_fit(width, height, smallest_font(ws), print_as)
    if not isinstance(ws.row_breaks, RowBreak):
        ws.row_breaks = RowBreak()
    for drawing in found:
        keep_picture_on_one_page(ws, drawing, fit)
    last_row, last_col = used_range(ws)
    apply_fit(ws, fit, print_as)
    if not fit.fit_width:  # several pages wide: each repeats the first column
        ws.print_title_cols = "A:A"
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
    set_header_footer(ws, account, exported)
    set_margins(ws)
    return fit
