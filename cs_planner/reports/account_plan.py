"""The Excel account plan: one workbook per account, one sheet per capability.

Sheets are registered in ``SHEETS`` (in workbook order). Each has two halves:
``read(session, context) -> data`` runs inside the single read transaction and returns
plain values (never ORM objects); ``write(worksheet, data, context)`` runs after the
session is closed and writes through ``cs_planner.reports.excel``. A later sheet lives in
its own module (``PlanContext`` is in ``domain/plan_context.py``, so the sheet needs not
import this module) and is added here with one ``register_sheet(...)`` line below the
Summary's.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import (
    get_account,
    get_settings,
)

# Re-exported for the sheets that still import it from here.
from cs_planner.domain.model import Settings
from cs_planner.domain.plan_context import PlanContext as PlanContext
from cs_planner.reports import accounts, changes_sheet, stairway
from cs_planner.reports.csa import sheet as csa_sheet
from cs_planner.reports.expansion import sheet as expansion
from cs_planner.reports.expansion import whitespace
from cs_planner.reports.plan import actions_sheet, renewals_sheet, risks_sheet
from cs_planner.reports.printing import PrintAs, make_print_ready
from cs_planner.reports.record_ids import stamp
from cs_planner.reports.relationships import read_relationships, write_relationships
from cs_planner.reports.value import sheet as value_sheet
from cs_planner.reports.workbooks import new_workbook, save_atomically
from cs_planner.storage import Portfolio

T = TypeVar("T")


@dataclass(frozen=True)
class SheetSpec(Generic[T]):
    """One sheet of the account plan: its tab title, how to read its data, how to write it."""

    title: str
    read: Callable[[Session, PlanContext], T]
    write: Callable[[Worksheet, T, PlanContext], None]
    print_as: PrintAs = field(default_factory=PrintAs)


SHEETS: list[SheetSpec[Any]] = []

_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")


def register_sheet(
    title: str,
    read: Callable[[Session, PlanContext], T],
    write: Callable[[Worksheet, T, PlanContext], None],
    print_as: PrintAs | None = None,
) -> SheetSpec[T]:
    """Append a sheet to the account plan (sheets appear in registration order);
    ``print_as`` says how it prints (by default: its first row repeated on every page,
    the orientation and fit its content needs)."""
    if not title or len(title) > 31 or _BAD_TITLE_CHARS.search(title):
        raise ValueError(f"'{title}' is not a valid sheet title (1-31 characters, no []:*?/\\).")
    if any(spec.title.lower() == title.lower() for spec in SHEETS):
        raise ValueError(f"The account plan already has a sheet called '{title}'.")
    spec = SheetSpec(title, read, write, print_as or PrintAs())
    SHEETS.append(spec)
    return spec


# --- the workbook ---------------------------------------------------------------------


def write_account_plan(
    portfolio: Portfolio,
    account_id: int,
    path: str | os.PathLike[str],
    *,
    today: dt.date | None = None,
    notes: list[str] | None = None,
    customer_copy: bool = False,
    since: str | None = None,
) -> Path:
    """Write the account plan of ``account_id`` to ``path`` (".xlsx" is added if missing);
    ``customer_copy``: without the private layer (``reports.customer_copy``); ``since``:
    the snapshot the "Changes" sheet starts from (None: the latest, if there is one).

    Returns the path written; ``notes`` (if given) receives a line for each text that had
    to be cut to fit a cell. Raises ValidationError for an unknown account and
    ReportError when the file cannot be written (an existing file is then unchanged)."""
    target = _xlsx_path(path)
    today = today or dt.date.today()
    if customer_copy:
        from cs_planner.reports import customer_copy as customer

        with customer.scrubbed_copy(portfolio) as copy:
            return _write(copy, account_id, target, today, notes, customer.customer_sheet, since)
    return _write(portfolio, account_id, target, today, notes, None, since)


def _write(
    portfolio: Portfolio,
    account_id: int,
    target: Path,
    today: dt.date,
    notes: list[str] | None,
    keep: Callable[[str], bool] | None,
    since: str | None = None,
) -> Path:
    """``keep``: the sheets a customer copy keeps (None: every sheet, nothing blanked)."""
    sheets = [spec for spec in SHEETS if keep is None or keep(spec.title)]
    # One transaction for every sheet, so the sheets agree with each other.
    with portfolio.read() as session:
        context = _read_context(session, account_id, today)
        data = [(spec, spec.read(session, context)) for spec in sheets]
        if keep is None or keep(changes_sheet.TITLE):
            changes = changes_sheet.read_changes(session, context, since, keep is not None)
            if changes is not None:
                data.append((CHANGES, changes))
        stamped = session.execute(select(Settings.file_id, Settings.write_count)).one()
    workbook = new_workbook(f"Account plan - {context.account_name}")
    for spec, sheet_data in data:
        ws = workbook.create_sheet(spec.title)
        spec.write(ws, sheet_data, context)
        if keep is not None:
            from cs_planner.reports.customer_copy import blank_private_labels

            blank_private_labels(ws)
        make_print_ready(
            ws, context.account_name, today, spec.print_as, context.settings.paper_size
        )
    stamp(workbook, stamped.file_id, account_id, stamped.write_count)
    return save_atomically(workbook, target, notes)


def _read_context(session: Session, account_id: int, today: dt.date) -> PlanContext:
    return PlanContext(
        account_id=account_id,
        account_name=get_account(session, account_id).name,
        today=today,
        settings=get_settings(session),
    )


def _xlsx_path(path: str | os.PathLike[str]) -> Path:
    target = Path(path).expanduser()
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    return target


# Characters Windows, macOS or Linux refuse in a file name, and control characters.
_UNSAFE_FILENAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_MAX_NAME_BYTES = 150  # well below the usual 255-byte limit, with room for the prefix


def account_plan_path_default(name: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """A file name safe on every desktop system: "Account plan - <name>.xlsx"."""
    safe = " ".join(_UNSAFE_FILENAME.sub(" ", name).split())
    while len(safe.encode("utf-8")) > _MAX_NAME_BYTES:
        safe = safe[:-1]
    safe = safe.strip(" .")  # Windows drops trailing dots and spaces
    filename = f"Account plan - {safe}.xlsx" if safe else "Account plan.xlsx"
    return Path(folder) / filename if folder is not None else Path(filename)


register_sheet("Summary", accounts.read_summary, accounts.write_summary, accounts.PRINT_AS)
register_sheet("Account", accounts.read_account, accounts.write_account)
register_sheet("Relationships", read_relationships, write_relationships)
register_sheet("Stairway", stairway.read, stairway.write)
register_sheet("Expansion", expansion.read, expansion.write_expansion)
register_sheet("Whitespace", whitespace.read_whitespace, whitespace.write_whitespace)
register_sheet("CSA Allocation", csa_sheet.read, csa_sheet.write)
register_sheet("Value", value_sheet.read, value_sheet.write)
register_sheet("Action Plan", actions_sheet.read, actions_sheet.write)
register_sheet("Risks", risks_sheet.read, risks_sheet.write)
register_sheet("Renewals", renewals_sheet.read, renewals_sheet.write)
# Not registered: written after the others only when the account has a snapshot, and read
# with the snapshot asked for (``since``).
CHANGES: SheetSpec[changes_sheet.ChangesData] = SheetSpec(
    changes_sheet.TITLE, changes_sheet.unread, changes_sheet.write_changes, PrintAs()
)
