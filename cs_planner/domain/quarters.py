"""Quarters, fiscal years and the day counts the plans are measured in."""

from __future__ import annotations

import datetime as dt


def quarter_start(day: dt.date, fy_start_month: int = 1) -> dt.date:
    """First day of the (fiscal) quarter that contains ``day``."""
    offset = (day.month - fy_start_month) % 3
    return add_months(dt.date(day.year, day.month, 1), -offset)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def add_quarters(quarter: dt.date, count: int) -> dt.date:
    return add_months(quarter, 3 * count)


def next_quarters(today: dt.date, count: int, fy_start_month: int = 1) -> list[dt.date]:
    """The current quarter and the ``count - 1`` after it."""
    first = quarter_start(today, fy_start_month)
    return [add_quarters(first, n) for n in range(count)]


def quarter_label(quarter: dt.date, fy_start_month: int = 1) -> str:
    """'2027 Q1' for calendar years; 'FY2028 Q1' when the fiscal year starts later in the year
    (a fiscal year is named after the calendar year it ends in)."""
    start = quarter_start(quarter, fy_start_month)
    number = (start.month - fy_start_month) % 12 // 3 + 1
    if fy_start_month == 1:
        return f"{start.year} Q{number}"
    fiscal_year = start.year + (1 if start.month >= fy_start_month else 0)
    return f"FY{fiscal_year} Q{number}"


def parse_quarter(text: str, fy_start_month: int = 1) -> dt.date:
    """The quarter ``quarter_label`` wrote ('2027 Q1', 'FY2028 Q1'; a trailing note in
    brackets is ignored); ValueError for anything else."""
    words = text.split("(")[0].split()
    if len(words) == 2 and words[1].upper() in ("Q1", "Q2", "Q3", "Q4"):
        year, number = words[0].upper(), int(words[1][1])
        fiscal = year.startswith("FY")
        if year.removeprefix("FY").isdigit():
            start_year = int(year.removeprefix("FY"))
            if fiscal and fy_start_month != 1:  # named after the year it ends in
                start_year -= 1
            first = dt.date(start_year, fy_start_month if fiscal else 1, 1)
            if fiscal or fy_start_month == 1:  # "2027 Q1" is no fiscal quarter
                return add_quarters(first, number - 1)
    example = quarter_label(dt.date(2027, 1, 1), fy_start_month)
    raise ValueError(f"'{text}' is not a quarter (write it as {example}).")


def years_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / 365.25
