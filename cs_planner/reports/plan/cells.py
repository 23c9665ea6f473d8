"""What the plan's sheets share: drop-down lists that keep typed values valid, a heading
with the as-of line, and exposure bands."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.plan_context import PlanContext
from cs_planner.reports.excel import Formula, write_cell
from cs_planner.reports.layout import write_heading

# Exposure (likelihood x impact) from this on is red, from AMBER_FROM amber, else green.
RED_FROM, AMBER_FROM = 15, 8
INLINE_LIST_MAX = 250  # Excel refuses an inline list longer than 255 characters


def heading(ws: Worksheet, title: str, context: PlanContext, line: str | Formula) -> int:
    """The sheet's title and one line under it; returns the first free row."""
    write_heading(ws, 1, 1, f"{title} - {context.account_name}", size=14)
    write_cell(ws, 2, 1, line, italic=True)
    return 4


def choose_from(
    ws: Worksheet, cells: str, values: Sequence[str], *, spare_col: int, title: str
) -> None:
    """A drop-down of ``values`` on ``cells``: inline when short, else from a hidden column
    ``spare_col`` of the same sheet (a list on the sheet works in every Excel version)."""
    if not values:
        return
    inline = ",".join(values)
    if len(inline) <= INLINE_LIST_MAX and '"' not in inline and "," not in "".join(values):
        source = f'"{inline}"'
    else:
        letter = get_column_letter(spare_col)
        write_cell(ws, 1, spare_col, title)
        for row, value in enumerate(values, start=2):
            write_cell(ws, row, spare_col, value)
        ws.column_dimensions[letter].hidden = True
        sheet = quote_sheetname(ws.title)
        source = f"{sheet}!${letter}$2:${letter}${len(values) + 1}"
    rule = DataValidation(type="list", formula1=source, allow_blank=True)
    rule.error = f"Choose the {title.lower()} from the list."
    rule.errorTitle = title
    rule.showErrorMessage = True
    ws.add_data_validation(rule)
    rule.add(cells)


def whole_number(ws: Worksheet, cells: str, low: int, high: int, title: str) -> None:
    rule = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high))
    rule.error = f"{title} is a whole number from {low} to {high}."
    rule.errorTitle = title
    rule.showErrorMessage = True
    ws.add_data_validation(rule)
    rule.add(cells)


def exposure_band(exposure: int) -> bool | None:
    """Red (True), amber (False) or green (None), as ``colours.band_style`` takes it."""
    return True if exposure >= RED_FROM else False if exposure >= AMBER_FROM else None
