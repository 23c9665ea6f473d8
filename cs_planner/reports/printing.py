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
from dataclasses import dataclass
from typing import Any

from openpyxl.drawing.image import Image
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.enums import PaperSize
from cs_planner.reports.print_cells import shrink_columns, unclip
from cs_planner.reports.sizes import (
    DEFAULT_FONT,
    DEFAULT_ROW,
    column_points,
    column_width,
    columns_points,
    font_size,
    row_height,
)

MIN_FONT = 8.0  # the smallest printed text a manager reads comfortably
# Each paper's portrait width and height in points, and its number in the file's page setup.
PAPER_POINTS = {PaperSize.A4: (595.3, 841.9), PaperSize.LETTER: (612.0, 792.0)}
PAPER_CODE = {PaperSize.A4: 9, PaperSize.LETTER: 1}  # ECMA-376 ST_PaperSize
# The repeated-rows setting that means "the header row of the sheet's main table".
TABLE_HEADER = "table header"
MARGIN = 0.5  # inches, left and right
MARGIN_TOP = 0.75  # inches, top and bottom: room for the header and footer
HEADER = 0.3  # inches from the edge to the header and footer
SLACK = 1.05  # widths are estimates: keep 5% in hand so a fit never comes out smaller


@dataclass(frozen=True)
class PrintAs:
    """How a sheet wants to print: the rows repeated at the top of every page (by default
    the header of a table that ends the sheet, else its first row; see ``title_rows``), portrait
    only (an executive summary), or all on one page."""

    title_rows: str | None = TABLE_HEADER  # or rows ("1:2"), or None: nothing repeated
    portrait: bool = False
    one_page: bool = False


@dataclass(frozen=True)
class Fit:
    """The chosen page setup: the orientation and the scale the page prints at."""

    orientation: str
    scale: float  # 1.0 = 100%
    fit_width: bool  # fit to one page wide (the scale is what that comes to)


# --- sizes --------------------------------------------------------------------------------


def printable(orientation: str, paper: PaperSize = PaperSize.A4) -> tuple[float, float]:
    """The printable width and height of a ``paper`` page in ``orientation``, in points."""
    width, height = PAPER_POINTS[paper]
    if orientation == "landscape":
        width, height = height, width
    return width - 2 * MARGIN * 72, height - 2 * MARGIN_TOP * 72


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
    """The last row and column that show something (cells, pictures, charts); hidden
    columns (a drop-down's list of values) print nothing."""
    hidden: set[int] = set()
    for letter, dim in ws.column_dimensions.items():
        if dim.hidden:  # min and max are set once the file is written or read back
            first = dim.min or column_index_from_string(letter)
            hidden.update(range(first, (dim.max or first) + 1))
    last_row = last_col = 1
    for (row, col), cell in ws._cells.items():
        if cell.value is not None and col not in hidden:
            last_row, last_col = max(last_row, row), max(last_col, col)
    for merged in ws.merged_cells.ranges:
        last_row, last_col = max(last_row, merged.max_row), max(last_col, merged.max_col)
    for d in drawings(ws):
        last_row, last_col = max(last_row, drawing_bottom(ws, d)), max(last_col, d.col)
    return last_row, last_col


# --- the page -------------------------------------------------------------------------------


def choose_fit(
    width: float,
    height: float,
    smallest: float,
    print_as: PrintAs,
    paper: PaperSize = PaperSize.A4,
) -> Fit:
    """The orientation and scale for content ``width`` x ``height`` points whose smallest
    font is ``smallest``: the larger scale of the two orientations (portrait when both
    print at 100%); when even that would print text below ``MIN_FONT``, the smallest
    readable scale, several pages wide."""
    needed = MIN_FONT / smallest
    best: Fit | None = None
    for orientation in ("portrait",) if print_as.portrait else ("portrait", "landscape"):
        page_w, page_h = printable(orientation, paper)
        scale = min(1.0, page_w / (width * SLACK))
        if print_as.one_page:
            scale = min(scale, page_h / (height * SLACK))
        if best is None or scale > best.scale + 1e-9:
            best = Fit(orientation, scale, True)  # fit-to never enlarges: 100% at most
    assert best is not None
    if best.scale >= needed:
        return best
    return Fit(best.orientation, math.ceil(needed * 100) / 100, False)


def budget_chars(
    smallest: float, print_as: PrintAs, columns: int, paper: PaperSize = PaperSize.A4
) -> float:
    """How many characters ``columns`` columns may take together to print one page wide
    with no text below ``MIN_FONT`` (landscape unless the sheet prints portrait)."""
    page_w, _ = printable("portrait" if print_as.portrait else "landscape", paper)
    points = page_w / (MIN_FONT / smallest) / SLACK * 0.995
    return (points / 0.75 - 5 * columns) / 7  # see column_points


def apply_fit(ws: Worksheet, fit: Fit, print_as: PrintAs, paper: PaperSize) -> None:
    setup = ws.page_setup
    setup.orientation = fit.orientation
    setup.paperSize = PAPER_CODE[paper]
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


def keep_picture_on_one_page(ws: Worksheet, drawing: Drawing, fit: Fit, paper: PaperSize) -> None:
    """Shrink ``drawing`` to one printable page at the sheet's scale and, unless it fits
    whole on the page it would start on, start a page at its anchor row (a manual row
    break above it)."""
    page_w, page_h = printable(fit.orientation, paper)
    room_w = page_w / fit.scale / SLACK - columns_points(ws, 1, drawing.col - 1)
    room_h = (page_h / fit.scale - title_rows_height(ws)) / SLACK - DEFAULT_ROW
    factor = min(1.0, room_w / drawing.width, room_h / drawing.height)
    if factor < 1.0:
        drawing.resize(factor)
    # The page it starts on: the first, or the one a break above it (the sheet's own,
    # before a heading over the picture) starts; a fit there needs no break of ours.
    starts = [b.id for b in ws.row_breaks.brk if b.id < drawing.row]
    start = max(starts, default=0)
    above = sum(row_height(ws, r) for r in range(start + 1, drawing.row))
    repeated = title_rows_height(ws) if start else 0.0
    if (above + repeated + drawing.height) * SLACK <= page_h / fit.scale:
        return
    # A heading right above the picture goes over to the new page with it.
    top = (
        drawing.row - 1 if drawing.row > 2 and _says_something(ws, drawing.row - 1) else drawing.row
    )
    ws.row_breaks.append(Break(id=top - 1))


def blocks(ws: Worksheet, last_row: int) -> list[tuple[int, int]]:
    """The first and last rows of each run of rows with something in them, below the title
    row, between blank rows: a heading and its table, a block of entries."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for row in range(2, last_row + 2):
        if row <= last_row and _says_something(ws, row):
            start = row if start is None else start
        elif start is not None:
            out.append((start, row - 1))
            start = None
    return out


def keep_blocks_together(ws: Worksheet, last_row: int, fit: Fit, paper: PaperSize) -> None:
    """Start a page above a block (see ``blocks``) that would straddle a page end but fits a
    page of its own: a short table split over two pages loses its header on the second.
    Walks the pages as the printer fills them: at ``fit``'s scale, the repeated title rows at
    the top of each page after the first, the sheet's own breaks (above pictures) kept."""
    _, page_h = printable(fit.orientation, paper)
    room = page_h / fit.scale / SLACK
    titles = title_rows_height(ws)
    manual = {b.id for b in ws.row_breaks.brk}
    starts = {first: last for first, last in blocks(ws, last_row)}
    used = 0.0
    for row in range(1, last_row + 1):
        if row in starts and used > titles:
            block = sum(row_height(ws, r) for r in range(row, starts[row] + 1))
            if used + block > room and titles + block <= room:
                ws.row_breaks.append(Break(id=row - 1))
                used = titles
        height = row_height(ws, row)
        if used + height > room:  # the printer's own page end
            used = titles
        used += height
        if row in manual:
            used = titles


def _says_something(ws: Worksheet, row: int) -> bool:
    return any(c.value is not None for c in next(ws.iter_rows(min_row=row, max_row=row)))


def table_rows(ws: Worksheet) -> tuple[int, int] | None:
    """The header row and the last row of the sheet's main table: the autofiltered one,
    else the rows below the frozen pane (``layout.table`` sets both)."""
    if ws.auto_filter.ref:
        _, top, _, bottom = range_boundaries(ws.auto_filter.ref)
        return int(top), int(bottom)
    if ws.freeze_panes:
        frozen = int(coordinate_from_string(ws.freeze_panes)[1])
        return (frozen - 1, ws.max_row) if frozen > 1 else None
    return None


def title_rows(ws: Worksheet, print_as: PrintAs, last_row: int) -> str | None:
    """The rows ``print_as`` repeats at the top of each page of ``ws`` (up to ``last_row``
    printed). The table's header only when the table ends the sheet: a printer repeats it
    on every page from the table's first on, so over a block below it (a picture, another
    table) it would name columns that are not there; the sheet's title row then."""
    if print_as.title_rows != TABLE_HEADER:
        return print_as.title_rows
    table = table_rows(ws)
    if table is None or table[1] < last_row:
        return "1:1"
    return f"{table[0]}:{table[0]}"


def make_print_ready(
    ws: Worksheet,
    account: str,
    exported: dt.date,
    print_as: PrintAs | None = None,
    paper: PaperSize = PaperSize.A4,
) -> Fit:
    """Set up ``ws`` to print on ``paper`` (see the module's text); returns the fit chosen."""
    print_as = print_as or PrintAs()
    last_row, last_col = used_range(ws)
    budget = budget_chars(smallest_font(ws), print_as, last_col, paper)
    shrink_columns(ws, last_col, budget)
    unclip(ws, last_col, budget)
    repeated = title_rows(ws, print_as, last_row)
    if repeated and not ws.print_title_rows:
        ws.print_title_rows = repeated
    found = drawings(ws)  # sized to the page below: they never widen it
    width = columns_points(ws, 1, last_col)
    height = sum(row_height(ws, r) for r in range(1, last_row + 1))
    fit = choose_fit(width, height, smallest_font(ws), print_as, paper)
    if not isinstance(ws.row_breaks, RowBreak):
        ws.row_breaks = RowBreak()
    for drawing in found:
        keep_picture_on_one_page(ws, drawing, fit, paper)
    last_row, last_col = used_range(ws)
    if not print_as.one_page:
        keep_blocks_together(ws, last_row, fit, paper)
    apply_fit(ws, fit, print_as, paper)
    if not fit.fit_width:  # several pages wide: each repeats the first column
        ws.print_title_cols = "A:A"
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
    set_header_footer(ws, account, exported)
    set_margins(ws)
    return fit
