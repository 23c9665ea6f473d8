"""The customer copy of an account plan: what the customer may see, and nothing else.

It is written from a scrubbed copy of the portfolio (``domain.workshop.scrub``: private
rows deleted, private fields blanked), so the values are not there to leak; the private
sheets are left out and what a private label heads (a column, or a key figure's row) is
blanked, so no empty "Stance" column promises what it hides. Both follow
``domain.workshop.privacy``, the one declaration."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.workshop.privacy import LABELS, SHEETS, Layer
from cs_planner.domain.workshop.scrub import scrub
from cs_planner.reports import ReportError
from cs_planner.storage import Portfolio, open_portfolio


@contextlib.contextmanager
def scrubbed_copy(portfolio: Portfolio) -> Iterator[Portfolio]:
    """A copy of ``portfolio`` without its private layer, in a private temporary folder
    removed afterwards; the CSM's file is only read."""
    if portfolio.path is None:
        raise ReportError("A customer copy is made from a portfolio file, not a server.")
    with tempfile.TemporaryDirectory(prefix="cs-planner-customer-") as folder:
        copy = open_portfolio(portfolio.save_copy(Path(folder) / "customer.csplan"))
        try:
            with copy.session() as session:
                scrub(session)
            yield copy
        finally:
            copy.close()


def customer_sheet(title: str) -> bool:
    return SHEETS.get(title) is Layer.SHARED


def label_layer(text: str) -> Layer | None:
    """A label's declaration; "Quarter 6 after the first deal (2027 Q2, projected)" is
    declared without what its brackets add."""
    text = text.strip()
    return LABELS.get(text) or LABELS.get(text.split(" (")[0].strip())


def blank_private_labels(ws: Worksheet) -> None:
    """Blank each private label with what it heads: below a table header, its column down
    to the table's end (the first empty row), the whole table when most of its columns are
    private; beside a key figure, the rest of its row."""
    for row in ws.iter_rows():
        labels = [c for c in row if isinstance(c.value, str) and c.font is not None and c.font.b]
        header = len(labels) >= 2
        layers = [label_layer(str(c.value)) for c in labels]
        mostly = header and layers.count(Layer.PRIVATE) > layers.count(Layer.SHARED)
        for cell, layer in zip(labels, layers, strict=True):
            if layer is not Layer.PRIVATE and not mostly:
                continue
            if not header:
                for other in row[cell.column - 1 :]:
                    if not isinstance(other, MergedCell):
                        other.value = None
                continue
            r = cell.row
            while r <= ws.max_row:
                target = ws.cell(r, cell.column)
                if r > cell.row and all(c.value is None for c in ws[r]):
                    break
                if not isinstance(target, MergedCell):
                    target.value = None
                r += 1
