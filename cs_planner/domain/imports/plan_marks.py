"""How an exported account plan marks itself so that it can be read back: shared by the
sheets that write the marks (``reports/``) and the reader (``imports/plan_changes.py``),
here in the domain because the reports floor sits above it.

Each editable table carries its rows' record ids in a hidden column right after it, so a
sort in Excel moves them with their rows (the print area skips hidden columns; the print
titles are rows; the autofilter takes the column in). The workbook carries
the portfolio's ``settings.file_id``, the account id and the ids each sheet exported as
custom document properties: they print nowhere, add no sheet for the print checks and the
sheet list to skip, and Excel and LibreOffice keep them when the customer saves."""

from __future__ import annotations

ID_HEADER = "Record id (cs_planner)"
FILE_ID = "cs_planner file id"
ACCOUNT_ID = "cs_planner account id"
WRITE_COUNT = "cs_planner write count"  # settings.write_count when exported
IDS_PREFIX = "cs_planner ids: "  # + the sheet's title -> "3,7,12", the rows it exported


def ids_property(sheet_title: str) -> str:
    return IDS_PREFIX + sheet_title


def join_ids(ids: list[int]) -> str:
    return ",".join(str(i) for i in ids)


def split_ids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip().isdigit()]
