"""Money as people read it in a sentence: "$420,000", "420,000 SEK". One function for the
interface and the workbooks (a value message drafted on the tab reads the same on paper)."""

from __future__ import annotations

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "C$", "AUD": "A$"}


def money_text(value: float, currency: str = "USD") -> str:
    symbol = SYMBOLS.get(currency)
    amount = f"{value:,.0f}"
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"
