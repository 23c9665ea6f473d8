"""The marks that let an exported account plan be read back (``domain/imports/plan_marks``):
a hidden record-id column beside each editable table, and the workbook's identity."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.imports.plan_marks import (
    ACCOUNT_ID,
    FILE_ID,
    ID_COL,
    ID_HEADER,
    ids_property,
    join_ids,
)


def write_ids(ws: Worksheet, header_row: int, ids: Sequence[int | None]) -> None:
    """The rows' record ids under a header on ``header_row``, in a hidden column (None:
    a row that is no record, such as a subtotal)."""
    ws.cell(header_row, ID_COL, ID_HEADER)
    for offset, record_id in enumerate(ids, start=1):
        if record_id is not None:
            ws.cell(header_row + offset, ID_COL, record_id)
    ws.column_dimensions[get_column_letter(ID_COL)].hidden = True


def stamp(workbook: Workbook, file_id: str, account_id: int) -> None:
    """Which portfolio and account the plan is of, and which rows each sheet exported (so
    a row missing on reading back is one the customer deleted, not one added since)."""
    props = workbook.custom_doc_props
    props.append(StringProperty(name=FILE_ID, value=file_id))
    props.append(IntProperty(name=ACCOUNT_ID, value=account_id))
    for ws in workbook.worksheets:
        top = _header_row(ws)
        if not top:
            continue
        column = ws.iter_rows(min_row=top + 1, min_col=ID_COL, max_col=ID_COL, values_only=True)
        ids = [v for (v,) in column if isinstance(v, int)]
        props.append(StringProperty(name=ids_property(ws.title), value=join_ids(ids) or "-"))


def _header_row(ws: Worksheet) -> int:
    for (row, col), cell in ws._cells.items():
        if col == ID_COL and cell.value == ID_HEADER:
            return int(row)
    return 0
