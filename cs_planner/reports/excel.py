"""The rules every workbook cs_planner writes follows.

Every cell goes through ``write_cell``: user text can never become a formula (formula
injection), dates are real dates, money carries the portfolio currency, enums read as their
labels. Real formulas are written only when wrapped in ``Formula``. ``save_atomically``
never leaves a half-written file in place of a good one.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.reports.safe_text import is_formula_like

CREATOR = "cs_planner"
CELL_MAX = 32_767  # Excel's limit for the text in one cell (UTF-16 code units)
HEADER_FILL = "DDEBF7"
MIN_WIDTH = 8
# The workbook's default font, named on every font we make: a font without a name prints
# in the office suite's fallback (a serif in LibreOffice), not like the cells around it.
FONT_NAME = "Calibri"
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


@functools.cache
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


def plain(value: Any) -> Any:
    """The value as the cell stores it: enums as labels, bools as Yes/No, NaN as empty."""
    exact = type(value)  # the common plain types first: a large sheet has 100,000s
    if value is None or exact is str or exact is int:
        return value
    if exact is float:
        return value if math.isfinite(value) else None
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


class Align(NamedTuple):
    """A cell's alignment, as ``write_cell`` takes it (None: Excel's default). A tuple: it
    is part of the key a cell's style is looked up by, cell after cell."""

    horizontal: str | None = None
    vertical: str | None = None
    wrap: bool | None = None
    indent: float = 0


WRAP_TOP = Align(vertical="top", wrap=True)


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
    align: Align | None = None,
) -> Cell:
    """Write one value; the only function that puts values into cells.

    ``kind`` picks the number format (``Kind.MONEY`` needs ``currency``); dates get a date
    format by themselves. Strings are always stored as text, whatever they start with.
    ``wrap`` wraps the text at the top of the cell; ``align`` says how instead."""
    value = plain(value)
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Formula):
        cell.value = value.excel
        cell.data_type = "f"
    elif isinstance(value, str):
        _set_text(cell, value)
    else:
        cell.value = value
    fmt = cell_format(value, kind, currency)
    if align is None and wrap:
        align = WRAP_TOP
    if fmt or bold or italic or size or fill or align:
        _style(cell, (fmt, bold, italic, size, fill, align))
    return cell


def cell_format(value: Any, kind: Kind | None, currency: str | None) -> str | None:
    """The number format ``write_cell`` gives a value (as ``plain`` made it); None leaves
    the cell's General format (text, empty cells)."""
    if kind is Kind.NUMBER and isinstance(value, int | float) and float(value).is_integer():
        kind = Kind.INT  # 1,200 rather than 1,200.00
    fmt = number_format(kind, currency) if kind else None
    fmt = fmt or (number_format(dk) if (dk := _default_kind(value)) else None)
    if not fmt or value is None or isinstance(value, str):
        return None
    return fmt


_StyleKey = tuple[str | None, bool, bool, float | None, str | None, Align | None]


def _style(cell: Cell, key: _StyleKey) -> None:
    """Give ``cell`` the number format, font, fill and alignment of ``key``. Each
    combination's style is made once per workbook and copied to every later cell: making
    style objects per cell (and openpyxl hashing each into the workbook's lists) cost more
    than the rest of a large sheet's writing."""
    workbook = cell.parent.parent
    made: dict[_StyleKey, StyleArray] | None = getattr(workbook, "_cs_planner_styles", None)
    if made is None:
        made = workbook._cs_planner_styles = {}
    array = made.get(key)
    # A cell styled already (a quote prefix for formula-like text) keeps that: it gets the
    # key's parts one by one, and its style is not the key's to copy.
    fresh = not cell.has_style
    if array is not None and fresh:
        cell._style = StyleArray(array)  # a copy
        return
    apply_style(cell, *key)
    if array is None and fresh:
        made[key] = StyleArray(cell._style)


def apply_style(
    cell: Cell,
    fmt: str | None,
    bold: bool,
    italic: bool,
    size: float | None,
    fill: str | None,
    align: Align | None,
) -> None:
    """Give ``cell`` a number format, font, fill and alignment, as ``write_cell`` does."""
    if fmt:
        cell.number_format = fmt
    if bold or italic or size:
        cell.font = Font(name=FONT_NAME, bold=bold, italic=italic, size=size)
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    if align:
        cell.alignment = Alignment(
            horizontal=align.horizontal,
            vertical=align.vertical,
            wrap_text=align.wrap,
            indent=align.indent,
        )


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


def cut_comment(length: int) -> Comment:
    """The comment on a cell whose text had to be cut: openpyxl would cut it silently."""
    comment = Comment(
        f"Cut: this text has {length:,} characters and a cell holds at most {CELL_MAX:,}. "
        "The whole text is in cs_planner.",
        CREATOR,
    )
    comment.width, comment.height = 240, 80
    return comment


def note_cut(workbook: Workbook, sheet: str, coordinate: str, length: int) -> None:
    """Say in the workbook's list for the export report that a text was cut."""
    cut = getattr(workbook, "_cs_planner_cut", None)
    if cut is None:
        cut = []
        workbook._cs_planner_cut = cut
    cut.append(
        f"{sheet}!{coordinate}: a text of {length:,} characters was cut to "
        f"{CELL_MAX:,}, Excel's limit for a cell (marked with … and a comment)."
    )


def text_to_store(text: str) -> tuple[str | None, int]:
    """What a cell stores of ``text`` (None: nothing) and, when it had to be cut to fit a
    cell, the length of the whole text (0 when it fits)."""
    text = clean_text(text)
    if not text:
        return None, 0
    if _utf16_length(text) > CELL_MAX:
        return _cut(text), len(text)
    return text, 0


def _set_text(cell: Cell, text: str) -> None:
    stored, length = text_to_store(text)
    if stored is None:
        cell.value = None
        return
    if length:
        cell.comment = cut_comment(length)
        ws = cell.parent
        note_cut(ws.parent, ws.title, cell.coordinate, length)
    # Stored as text as it is: openpyxl's setter would guess a type from it ("=..." a
    # formula, "#N/A" an error) and search it again for the characters clean_text removed
    # (a regular expression per cell: a tenth of a large workbook's writing).
    cell._value = stored
    cell.data_type = "s"
    if is_formula_like(stored):
        # Excel then shows a leading apostrophe when the cell is edited, so editing and
        # confirming the cell keeps it text instead of turning it into a formula.
        cell.quotePrefix = True
