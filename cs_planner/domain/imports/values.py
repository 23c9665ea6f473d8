"""Cell text to values: dates and numbers as CRMs and spreadsheets write them. A value that
is not one raises ValueError with the sentence the preview shows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?")
_DMY = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
_MONEY = re.compile(r"[\s$€£¥\u00a0\u202f']|USD|EUR|GBP|CHF")


class DateOrder(StrEnum):
    """How a file writes 03/04/2026: decided per column from its values, else the mapping's."""

    DAY_FIRST = "day first"
    MONTH_FIRST = "month first"


@dataclass(frozen=True)
class ColumnOrder:
    """The order a date column's values were read in, and why."""

    order: DateOrder
    decided: bool  # some value could only be read one way (a part above 12)
    ambiguous: bool  # values of both orders: those against the majority have a reason
    slashed: bool  # the column has dd/mm or mm/dd values at all (else the order is moot)


def _parts(text: str) -> tuple[int, int] | None:
    match = _DMY.fullmatch(text.strip())
    return (int(match[1]), int(match[3])) if match else None


def column_order(texts: Iterable[str], default: DateOrder) -> ColumnOrder:
    """A value whose first part is above 12 is day first, whose second part is, month
    first; the majority wins (a tie and a column of neither keep ``default``)."""
    votes = {DateOrder.DAY_FIRST: 0, DateOrder.MONTH_FIRST: 0}
    slashed = False
    for text in texts:
        parts = _parts(text)
        if parts is None:
            continue
        slashed = True
        first, second = parts
        if first > 12 >= second:
            votes[DateOrder.DAY_FIRST] += 1
        elif second > 12 >= first:
            votes[DateOrder.MONTH_FIRST] += 1
    day, month = votes[DateOrder.DAY_FIRST], votes[DateOrder.MONTH_FIRST]
    order = (
        DateOrder.DAY_FIRST if day > month else DateOrder.MONTH_FIRST if month > day else default
    )
    return ColumnOrder(order, bool(day or month), bool(day and month), slashed)


def against(text: str, order: DateOrder) -> bool:
    """The value can only be read in the other order (03/31/2026 when day first)."""
    parts = _parts(text)
    if parts is None:
        return False
    first, second = parts
    return second > 12 >= first if order is DateOrder.DAY_FIRST else first > 12 >= second


def parse_date(text: str, what: str, order: DateOrder = DateOrder.DAY_FIRST) -> dt.date | None:
    """ISO (2026-03-31, with or without a time), and 31.03.2026, 31/03/2026 or 31-03-2026
    in the column's ``order`` (``column_order``): never guessed cell by cell."""
    text = text.strip()
    if not text:
        return None
    try:
        if match := _ISO.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DMY.fullmatch(text):
            first, second, year = int(match[1]), int(match[3]), int(match[4])
            if order is DateOrder.MONTH_FIRST:
                first, second = second, first
            return dt.date(year, second, first)
    except ValueError:
        pass
    raise ValueError(f"{what} '{text}' is not a date (write it as 2026-03-31).")


def parse_number(text: str, what: str) -> float | None:
    """1200000, 1,200,000.50, 1.200.000,50, $1 200 000, 1.2e6; never text such as '5k'."""
    raw = text.strip()
    if not raw:
        return None
    cleaned = _MONEY.sub("", raw)
    if "," in cleaned and "." in cleaned:
        # The last one is the decimal mark.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") > 1 or re.fullmatch(r"-?\d{1,3}(,\d{3})+", cleaned):
        cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{what} '{raw}' is not a number (it has text in it).") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{what} '{raw}' is not a number.")
    if value < 0:
        raise ValueError(f"{what} '{raw}' cannot be negative.")
    return value
