"""How numbers, money and dates read in the interface."""

from __future__ import annotations

import datetime as dt

from cs_planner.domain.accounts.rules import NO_MULTIPLE
from cs_planner.domain.money import SYMBOLS, money_text


def amount(value: float | None) -> str:
    """120,000 (cents only when there are any); "" for None."""
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def money(value: float | None, currency: str = "USD") -> str:
    return "" if value is None else money_text(value, currency)


def compact_money(value: float | None, currency: str = "USD") -> str:
    """$1.2M, $350k: for KPI tiles and chart labels."""
    if value is None:
        return ""
    symbol = SYMBOLS.get(currency, "")
    suffix = "" if symbol else f" {currency}"
    for size, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{symbol}{value / size:,.1f}{unit}{suffix}".replace(".0" + unit, unit)
    return f"{symbol}{value:,.0f}{suffix}"


def multiple(value: float | None) -> str:
    """12.5x; a dash for no multiple (an account without ARR: see portfolio.NO_ARR_YET)."""
    return NO_MULTIPLE if value is None else f"{value:,.1f}x"


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def days(value: int | None) -> str:
    if value is None:
        return ""
    if value < 0:
        return f"{-value} d ago"
    return "today" if value == 0 else f"in {value} d"
