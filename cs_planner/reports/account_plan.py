"""The Excel account plan: one workbook per account, one sheet per capability.

Sheets are registered in ``SHEETS`` (in workbook order). Each has two halves:
``read(session, context) -> data`` runs inside the single read transaction and returns
plain values (never ORM objects); ``write(worksheet, data, context)`` runs after the
session is closed and writes through ``cs_planner.reports.excel``. A later sheet lives in
its own module (importing ``PlanContext`` under ``TYPE_CHECKING`` only) and is added here
with one ``register_sheet(...)`` line below the Summary's.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import (
    account_card,
    get_account,
    get_settings,
    list_divisions,
    list_geographies,
)
from cs_planner.domain.accounts.rows import AccountCard, DivisionRow, GeographyRow, SettingsData
from cs_planner.domain.accounts.rules import NO_ARR_YET, NO_MULTIPLE, tree_order
from cs_planner.reports import csa as csa_sheet
from cs_planner.reports import expansion, stairway
from cs_planner.reports.excel import (
    Column,
    Entry,
    Kind,
    add_sheet,
    new_workbook,
    save_atomically,
    table,
    write_cell,
    write_entries,
    write_heading,
)
from cs_planner.reports.relationships import read_relationships, write_relationships
from cs_planner.storage import Portfolio

T = TypeVar("T")


@dataclass(frozen=True)
class PlanContext:
    """What every sheet of one account plan shares."""

    account_id: int
    account_name: str
    today: dt.date
    settings: SettingsData

    @property
    def currency(self) -> str:
        return self.settings.currency


@dataclass(frozen=True)
class SheetSpec(Generic[T]):
    """One sheet of the account plan: its tab title, how to read its data, how to write it."""

    title: str
    read: Callable[[Session, PlanContext], T]
    write: Callable[[Worksheet, T, PlanContext], None]


SHEETS: list[SheetSpec[Any]] = []

_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")


def register_sheet(
    title: str,
    read: Callable[[Session, PlanContext], T],
    write: Callable[[Worksheet, T, PlanContext], None],
) -> SheetSpec[T]:
    """Append a sheet to the account plan (sheets appear in registration order)."""
    if not title or len(title) > 31 or _BAD_TITLE_CHARS.search(title):
        raise ValueError(f"'{title}' is not a valid sheet title (1-31 characters, no []:*?/\\).")
    if any(spec.title.lower() == title.lower() for spec in SHEETS):
        raise ValueError(f"The account plan already has a sheet called '{title}'.")
    spec = SheetSpec(title, read, write)
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
) -> Path:
    """Write the account plan of ``account_id`` to ``path`` (".xlsx" is added if missing).

    Returns the path written; ``notes`` (if given) receives a line for each text that had
    to be cut to fit a cell. Raises ValidationError for an unknown account and
    ReportError when the file cannot be written (an existing file is then unchanged)."""
    target = _xlsx_path(path)
    today = today or dt.date.today()
    # One transaction for every sheet, so the sheets agree with each other.
    with portfolio.read() as session:
        context = _read_context(session, account_id, today)
        data = [(spec, spec.read(session, context)) for spec in SHEETS]
    workbook = new_workbook(f"Account plan - {context.account_name}")
    for spec, sheet_data in data:
        spec.write(add_sheet(workbook, spec.title), sheet_data, context)
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


# --- the Summary sheet ------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryData:
    card: AccountCard
    divisions: list[tuple[DivisionRow, int]]  # in tree order, with depth
    geographies: list[GeographyRow]


def read_summary(session: Session, context: PlanContext) -> SummaryData:
    divisions = list_divisions(session, context.account_id)
    return SummaryData(
        card=account_card(session, context.account_id, context.today),
        divisions=tree_order(divisions),
        geographies=list_geographies(session, context.account_id),
    )


def write_summary(ws: Worksheet, data: SummaryData, context: PlanContext) -> None:
    card = data.card
    write_cell(ws, 1, 1, card.name, bold=True, size=16)
    row = write_entries(
        ws,
        2,
        [
            Entry("Generated", context.today),
            Entry("Portfolio owner", context.settings.owner_name),
        ],
    )
    write_heading(ws, row + 1, 1, "Key figures")
    row = write_entries(ws, row + 2, _kpi_entries(card), currency=context.currency)
    write_heading(ws, row + 1, 1, "Account")
    row = write_entries(ws, row + 2, _card_entries(card), currency=context.currency)
    row = _write_divisions(ws, row + 1, data.divisions)
    _write_geographies(ws, row + 1, data.geographies)


def _kpi_entries(card: AccountCard) -> list[Entry]:
    k = card.kpis
    return [
        Entry("ARR", k.arr, Kind.MONEY),
        Entry("Initial deal (X)", k.initial_deal_value, Kind.MONEY),
        Entry("Expansion multiple", k.multiple, Kind.MULTIPLE)
        if k.multiple is not None
        else Entry("Expansion multiple", f"{NO_MULTIPLE} ({NO_ARR_YET})"),
        Entry("License utilization", k.license_utilization, Kind.PERCENT),
        Entry("Days to renewal", k.days_to_renewal, Kind.INT),
        Entry("Years as a customer", k.years_as_customer, Kind.YEARS),
        Entry("Divisions adopted", f"{k.divisions_adopted} of {k.divisions_total}"),
    ]


def _card_entries(card: AccountCard) -> list[Entry]:
    return [
        Entry("Industry", card.industry),
        Entry("Size band", card.size_band),
        Entry("HQ geography", card.hq_geography),
        Entry("Growth rate", card.growth_rate),
        Entry("Main challenge", card.main_challenge, wrap=True),
        Entry("Tier", card.tier),
        Entry("Suggested tier", card.suggested_tier),
        Entry("Tier override", card.tier_override),
        Entry("Strategic account", card.strategic),
        Entry("Lifecycle stage", card.lifecycle_stage),
        Entry("Initial deal value", card.initial_deal_value, Kind.MONEY),
        Entry("Initial deal date", card.initial_deal_date),
        Entry("ARR", card.arr, Kind.MONEY),
        Entry("Licensed seats", card.licensed_seats, Kind.INT),
        Entry("Active users", card.active_users, Kind.INT),
        Entry("Customer since", card.customer_since),
        Entry("Renewal date", card.renewal_date),
        Entry("Renewal owner", card.renewal_owner),
        Entry("Expansion owner", card.expansion_owner),
        Entry("CSM", card.csm),
        Entry("Executive sponsor", card.executive_sponsor),
        Entry("Reference status", card.reference_status),
        Entry("Maturity level (current)", card.maturity_current, Kind.INT),
        Entry("Maturity level (target)", card.maturity_target, Kind.INT),
        Entry("Notes", card.notes, wrap=True),
    ]


DIVISION_COLUMNS = (
    Column("Division"),
    Column("Parent"),
    Column("Geography"),
    Column("Headcount", Kind.INT),
    Column("Engagement"),
)
GEOGRAPHY_COLUMNS = (Column("Region"), Column("Country"))


def _write_divisions(ws: Worksheet, row: int, divisions: list[tuple[DivisionRow, int]]) -> int:
    write_heading(ws, row, 1, "Divisions")
    if not divisions:
        write_cell(ws, row + 1, 1, "No divisions recorded yet.", italic=True)
        return row + 2
    names = {d.id: d.name for d, _depth in divisions}
    rows = [
        (d.name, names.get(d.parent_id, ""), d.geography, d.headcount, d.engagement)
        for d, _depth in divisions
    ]
    # Small tables under the card: freezing or filtering here would get in the way.
    end = table(ws, row + 1, DIVISION_COLUMNS, rows, freeze=False, autofilter=False)
    for offset, (_division, depth) in enumerate(divisions, start=row + 2):
        if depth:  # show the tree by indenting sub-divisions
            ws.cell(offset, 1).alignment = Alignment(indent=min(depth, 15))
    return end


def _write_geographies(ws: Worksheet, row: int, geographies: list[GeographyRow]) -> int:
    write_heading(ws, row, 1, "Geographies")
    if not geographies:
        write_cell(ws, row + 1, 1, "No geographies recorded yet.", italic=True)
        return row + 2
    rows = [(g.region, g.country) for g in geographies]
    return table(ws, row + 1, GEOGRAPHY_COLUMNS, rows, freeze=False, autofilter=False)


register_sheet("Summary", read_summary, write_summary)
register_sheet("Relationships", read_relationships, write_relationships)
register_sheet("Stairway", stairway.read, stairway.write)
register_sheet("Expansion", expansion.read, expansion.write_expansion)
register_sheet("Whitespace", expansion.read_whitespace, expansion.write_whitespace)
register_sheet("CSA Allocation", csa_sheet.read, csa_sheet.write)
