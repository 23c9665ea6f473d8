"""The rules every workbook cs_planner writes follows.

Every cell goes through ``write_cell``: user text can never become a formula (formula
injection), dates are real dates, money carries the portfolio currency, enums read as their
labels. Real formulas are written only when wrapped in ``Formula``. ``save_atomically``
never leaves a half-written file in place of a good one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.reports import ReportError, tempfiles
from cs_planner.reports.safe_text import is_formula_like

CREATOR = "cs_planner"
CELL_MAX = 32_767  # Excel's limit for the text in one cell (UTF-16 code units)
HEADER_FILL = "DDEBF7"
MIN_WIDTH = 8
MAX_WIDTH = 60

# Characters XML 1.0 cannot carry (openpyxl raises IllegalCharacterError on the C0 ones);
# tab, LF and CR are legal and handled separately.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Kind(StrEnum):
    """How a value is shown: the number format of its cell."""

    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    DATETIME = "datetime"
    PERCENT = "percent"
    PERCENT_1 = "percent_1"
    MULTIPLE = "multiple"
    YEARS = "years"


_FORMATS: dict[Kind, str] = {
    Kind.INT: "#,##0",
    Kind.NUMBER: "#,##0.00",
    Kind.DATE: "yyyy-mm-dd",
    Kind.DATETIME: "yyyy-mm-dd hh:mm",
    Kind.PERCENT: "0%",
    Kind.PERCENT_1: "0.0%",
    Kind.MULTIPLE: '0.0"x"',
    Kind.YEARS: "0.0",
}

# Symbols shown before the amount; any other ISO code is shown after it ("1,000 SEK").
_CURRENCY_SYMBOLS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "CHF": "CHF ",
    "CAD": "CA$",
    "AUD": "A$",
}


@dataclass(frozen=True)
class Formula:
    """A real Excel formula such as ``Formula("SUMPRODUCT(C2:C9,D2:D9)")``.

    The only way to put a formula in a cell: plain strings are always text."""

    text: str

    def __post_init__(self) -> None:
        if _ILLEGAL_XML.search(self.text):
            raise ValueError(f"A formula cannot contain control characters: {self.text!r}")

    @property
    def excel(self) -> str:
        return "=" + self.text.removeprefix("=")


@dataclass(frozen=True)
class Column:
    """One column of a ``table``: header text, how its values are shown, optional width."""

    header: str
    kind: Kind = Kind.TEXT
    width: float | None = None
    wrap: bool = False
    centre: bool = False  # small ordinals (an order, a 1-5 score) sit apart from neighbours


@dataclass(frozen=True)
class Entry:
    """One label/value line of a ``write_entries`` block (an account card, a KPI list)."""

    label: str
    value: Any
    kind: Kind | None = None
    wrap: bool = False


# --- number formats ---------------------------------------------------------------------


def money_format(currency: str) -> str:
    """Whole-unit money in ``currency``: '"$"#,##0' for USD, '#,##0 "SEK"' for others."""
    code = "".join(ch for ch in currency.upper() if "A" <= ch <= "Z")[:3]
    symbol = _CURRENCY_SYMBOLS.get(code)
    if symbol:
        return f'"{symbol}"#,##0'
    return f'#,##0 "{code}"' if code else "#,##0"


def number_format(kind: Kind, currency: str | None = None) -> str | None:
    """The Excel number format for ``kind`` (None: leave the cell's General format)."""
    if kind is Kind.MONEY:
        if not currency:
            raise ValueError("Money cells need the portfolio currency.")
        return money_format(currency)
    return _FORMATS.get(kind)


# --- cells ---------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Text as a cell can store it: no XML-illegal characters, line breaks as LF.

    XML parsers turn a raw CR into LF anyway (end-of-line normalisation), so normalising
    here makes the result the same in every reader rather than reader-dependent."""
    text = _ILLEGAL_XML.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _plain(value: Any) -> Any:
    """The value as the cell stores it: enums as labels, bools as Yes/No, NaN as empty."""
    if isinstance(value, Enum):  # before str: a StrEnum is a str too
        return getattr(value, "label", None) or str(value.value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)  # Excel has no time zones: local time
    if value is None or isinstance(value, Formula | str | dt.date):
        return value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, int | float):
        return value if math.isfinite(value) else None
    return str(value)


def _default_kind(value: Any) -> Kind | None:
    if isinstance(value, dt.datetime):
        return Kind.DATETIME
    if isinstance(value, dt.date):
        return Kind.DATE
    return None


def write_cell(
    ws: Worksheet,
    row: int,
    col: int,
    value: Any,
    *,
    kind: Kind | None = None,
    currency: str | None = None,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    fill: str | None = None,
    wrap: bool = False,
) -> Cell:
    """Write one value; the only function that puts values into cells.

    ``kind`` picks the number format (``Kind.MONEY`` needs ``currency``); dates get a date
    format by themselves. Strings are always stored as text, whatever they start with."""
    value = _plain(value)
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Formula):
        cell.value = value.excel
        cell.data_type = "f"
    elif isinstance(value, str):
        _set_text(cell, value)
    else:
        cell.value = value
    if kind is Kind.NUMBER and isinstance(value, int | float) and float(value).is_integer():
        kind = Kind.INT  # 1,200 rather than 1,200.00
    fmt = number_format(kind, currency) if kind else None
    fmt = fmt or (number_format(dk) if (dk := _default_kind(value)) else None)
    if fmt and value is not None and not isinstance(value, str):
        cell.number_format = fmt
    if bold or italic or size:
        cell.font = Font(bold=bold, italic=italic, size=size)
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _utf16_length(text: str) -> int:
    """Excel counts UTF-16 code units: a character beyond the BMP counts twice. Counted
    without encoding, which would copy the text (and lazily import a codec)."""
    if len(text) <= CELL_MAX // 2:
        return len(text)  # even if every character took two units it would fit
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _cut(text: str) -> str:
    """The longest start of ``text`` that fits a cell with an ellipsis after it (never
    half of a character outside the Basic Multilingual Plane)."""
    head = text.encode("utf-16-le")[: (CELL_MAX - 1) * 2]
    return head.decode("utf-16-le", errors="ignore") + "…"


def cut_texts(workbook: Workbook) -> list[str]:
    """What ``write_cell`` had to cut in ``workbook``: one line per cell, for the report."""
    return list(getattr(workbook, "_cs_planner_cut", []))


def _note_cut(cell: Cell, length: int) -> None:
    """Say so in the cell (a comment) and in the workbook's list for the export report:
    openpyxl would cut the text silently."""
    comment = Comment(
        f"Cut: this text has {length:,} characters and a cell holds at most {CELL_MAX:,}. "
        "The whole text is in cs_planner.",
        CREATOR,
    )
    comment.width, comment.height = 240, 80
    cell.comment = comment
    ws = cell.parent
    workbook = ws.parent
    cut = getattr(workbook, "_cs_planner_cut", None)
    if cut is None:
        cut = []
        workbook._cs_planner_cut = cut
    cut.append(
        f"{ws.title}!{cell.coordinate}: a text of {length:,} characters was cut to "
        f"{CELL_MAX:,}, Excel's limit for a cell (marked with … and a comment)."
    )


def _set_text(cell: Cell, text: str) -> None:
    text = clean_text(text)
    if not text:
        cell.value = None
        return
    if _utf16_length(text) > CELL_MAX:
        _note_cut(cell, len(text))
        text = _cut(text)
    cell.value = text
    # openpyxl guesses a type from the text ("=..." a formula, "#N/A" an error): undo that.
    cell.data_type = "s"
    if is_formula_like(text):
        # Excel then shows a leading apostrophe when the cell is edited, so editing and
        # confirming the cell keeps it text instead of turning it into a formula.
        cell.quotePrefix = True


# --- layout -----------------------------------------------------------------------------


def _shown_length(cell: Cell) -> int:
    """Roughly how many characters a cell shows, for column widths."""
    value = cell.value
    if value is None:
        return 0
    if cell.data_type == "f":
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
    wanted = max((_shown_length(c) for c in cells), default=0) + 2
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
        letter = get_column_letter(cell.column)
        width = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0
        chars = max(int((width or MIN_WIDTH) * 1.1), 1)
        lines = sum(max(1, -(-len(line) // chars)) for line in cell.value.split("\n"))
        height = min(lines, 15) * LINE_HEIGHT
        current = ws.row_dimensions[cell.row].height or LINE_HEIGHT
        if height > current:
            ws.row_dimensions[cell.row].height = height


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
        labels.append(write_cell(ws, row, col, entry.label, bold=True))
        values.append(
            write_cell(
                ws, row, col + 1, entry.value, kind=entry.kind, currency=currency, wrap=entry.wrap
            )
        )
        # A card reads down one edge: numbers and dates align left like the text.
        values[-1].alignment = Alignment(
            horizontal="left", wrap_text=entry.wrap, vertical="top" if entry.wrap else None
        )
        if entry.wrap:
            labels[-1].alignment = Alignment(vertical="top")
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
    for offset, column in enumerate(columns):
        header = write_cell(
            ws, top_row, left_col + offset, column.header, bold=True, fill=HEADER_FILL
        )
        cells[offset].append(header)
    for row_offset, values in enumerate(rows, start=1):
        if len(values) != len(columns):
            raise ValueError(f"Row {row_offset} has {len(values)} values, not {len(columns)}.")
        for offset, (column, value) in enumerate(zip(columns, values, strict=True)):
            cell = write_cell(
                ws,
                top_row + row_offset,
                left_col + offset,
                value,
                kind=column.kind,
                currency=currency,
                wrap=column.wrap,
            )
            if column.centre or top_align:
                cell.alignment = Alignment(
                    horizontal="center" if column.centre else None,
                    vertical="top" if top_align else None,
                    wrap_text=column.wrap,
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


# --- workbooks --------------------------------------------------------------------------


def add_picture(ws: Worksheet, png: bytes, anchor: str, *, width: int | None = None) -> None:
    """Place a PNG on the sheet with its top-left corner at ``anchor`` (e.g. "H2"),
    scaled to ``width`` pixels if given."""
    import io

    from openpyxl.drawing.image import Image

    image = Image(io.BytesIO(png))
    if width is not None and image.width:
        image.height = round(image.height * width / image.width)
        image.width = width
    ws.add_image(image, anchor)


def new_workbook(title: str) -> Workbook:
    """An empty workbook (no sheets yet: add them with ``add_sheet``) with its properties."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # openpyxl's default "Sheet"; ours are added by name
    workbook.properties.creator = CREATOR
    workbook.properties.lastModifiedBy = CREATOR
    workbook.properties.title = clean_text(title)
    return workbook


def add_sheet(workbook: Workbook, title: str) -> Worksheet:
    """A new sheet at the end, set up to print landscape and one page wide."""
    ws = workbook.create_sheet(title)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _check_destination(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        raise ReportError(f"The folder {folder} does not exist. Choose an existing folder.")
    if not folder.is_dir():
        raise ReportError(f"{folder} is not a folder. Choose a folder to save the workbook in.")
    if path.is_dir():
        raise ReportError(f"{path} is a folder. Choose a file name for the workbook.")


def save_atomically(
    workbook: Workbook, path: str | os.PathLike[str], notes: list[str] | None = None
) -> Path:
    """Save ``workbook`` at ``path`` all at once: a crash or an error mid-way leaves the
    previous file (if any) untouched and no temporary file behind (what a killed export
    left is removed by the next one: ``reports.tempfiles``).

    ``notes`` (if given) receives a line for each text cut to fit a cell (``cut_texts``).
    Raises ReportError with a message for the user when the file cannot be written."""
    path = Path(path).expanduser()
    _check_destination(path)
    if not workbook.worksheets:
        raise ValueError("A workbook needs at least one sheet before it can be saved.")
    tempfiles.clean_export_leftovers(path.parent)
    temp: Path | None = None
    try:
        with (
            tempfiles.openpyxl_temp_files_in_our_folder(),
            tempfile.NamedTemporaryFile(
                delete=False,
                dir=path.parent,
                prefix=tempfiles.EXPORT_PREFIX,
                suffix=tempfiles.EXPORT_SUFFIX,
            ) as handle,
        ):
            temp = Path(handle.name)
            tempfiles.lock(handle.fileno())  # a concurrent export's clean-up leaves it alone
            workbook.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(path, temp)
        os.replace(temp, path)
    except BaseException as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ReportError(
                f"Cannot save {path.name} in {path.parent}: {exc.strerror or exc}. "
                "If the file is open in Excel, close it there and try again."
            ) from exc
        raise
    _sync_folder(path.parent)
    if notes is not None:
        notes.extend(cut_texts(workbook))
    return path


def _keep_mode(path: Path, temp: Path) -> None:
    """Replacing a file keeps its permissions; a new one stays private (0600 from
    tempfile), like the portfolio it comes from."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(temp, path.stat().st_mode & 0o7777)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder this way)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
