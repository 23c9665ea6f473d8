"""Cell text to values: dates and numbers as CRMs and spreadsheets write them. A value that
is not one raises ValueError with the sentence the preview shows."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?")
_DMY = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
_MONEY = re.compile(r"[\s$€£¥\u00a0\u202f']|USD|EUR|GBP|CHF")


def parse_date(text: str, what: str) -> dt.date | None:
    """ISO (2026-03-31, with or without a time), 31.03.2026 and 31/03/2026 (day first in
    Europe; month first when the day cannot be a month: 03/31/2026)."""
    text = text.strip()
    if not text:
        return None
    try:
        if match := _ISO.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DMY.fullmatch(text):
            first, second, year = int(match[1]), int(match[3]), int(match[4])
            if match[2] == "/" and second > 12:  # US: month/day/year
                return dt.date(year, first, second)
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
