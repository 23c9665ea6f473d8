"""The marks that let an exported account plan be read back (``domain/imports/plan_marks``):
a hidden record-id column beside each editable table, and the workbook's identity."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.imports.plan_marks import (
    ACCOUNT_ID,
    FILE_ID,
    ID_HEADER,
    WRITE_COUNT,
    ids_property,
    join_ids,
)


def write_ids(ws: Worksheet, header_row: int, col: int, ids: Sequence[int | None]) -> None:
    """The rows' record ids under a header on ``header_row`` in column ``col``, hidden (None:
    a row that is no record, such as a subtotal).

    ``col`` is the column right after the table: a sort in Excel moves the cells of the
    table's current region (and of its autofilter, widened here to take the column in), so
    each id stays on its row. Hidden columns print nothing and are outside the print area."""
    ws.cell(header_row, col, ID_HEADER)
    for offset, record_id in enumerate(ids, start=1):
        if record_id is not None:
            ws.cell(header_row + offset, col, record_id)
    ws.column_dimensions[get_column_letter(col)].hidden = True
    if ws.auto_filter.ref:
        left, top, right, bottom = range_boundaries(ws.auto_filter.ref)
        if right == col - 1 and top == header_row:
            first, last = get_column_letter(left), get_column_letter(col)
            ws.auto_filter.ref = f"{first}{top}:{last}{bottom}"


def stamp(workbook: Workbook, file_id: str, account_id: int, write_count: int) -> None:
    """Which portfolio and account the plan is of, and which rows each sheet exported (so
    a row missing on reading back is one the customer deleted, not one added since)."""
    props = workbook.custom_doc_props
    props.append(StringProperty(name=FILE_ID, value=file_id))
    props.append(IntProperty(name=ACCOUNT_ID, value=account_id))
    props.append(IntProperty(name=WRITE_COUNT, value=write_count))
    for ws in workbook.worksheets:
        found = _id_header(ws)
        if found is None:
            continue
        top, col = found
        column = ws.iter_rows(min_row=top + 1, min_col=col, max_col=col, values_only=True)
        ids = [v for (v,) in column if isinstance(v, int)]
        props.append(StringProperty(name=ids_property(ws.title), value=join_ids(ids) or "-"))


def _id_header(ws: Worksheet) -> tuple[int, int] | None:
    for (row, col), cell in ws._cells.items():
        if cell.value == ID_HEADER:
            return int(row), int(col)
    return None
