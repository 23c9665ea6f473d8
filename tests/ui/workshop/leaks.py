"""Finding private values in what is shown: texts, cells, a PDF's words."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from cs_planner.domain.workshop.private_values import PrivateValues
from cs_planner.ui.common import format as fmt


def amount_forms(value: float) -> set[str]:
    return {fmt.money(value), fmt.amount(value), fmt.compact_money(value)}


def leaks(texts: list[str], secrets: PrivateValues) -> list[str]:
    """Each shown text that holds a private value, with the value."""
    found = []
    whole = " \n ".join(texts)
    for text in secrets.texts:
        if text in whole:
            found.append(f"text {text!r}")
    for value in secrets.amounts:
        for form in amount_forms(value):
            if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d])", whole):
                found.append(f"amount {form!r}")
    for word in secrets.words:
        if re.search(rf"\b{re.escape(word)}\b", whole):  # as labelled (titles differ)
            found.append(f"word {word!r}")
    return sorted(set(found))


def workbook_texts(path: Path) -> list[str]:
    """Every cell's text but in hidden columns (a drop-down's list: the whole team's names,
    which are shared)."""
    return [
        str(c.value)
        for ws in openpyxl.load_workbook(path)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None and not ws.column_dimensions[get_column_letter(c.column)].hidden
    ]
