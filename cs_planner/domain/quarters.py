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


def years_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / 365.25
