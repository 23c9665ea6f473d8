"""The account plan's "Summary" sheet: the account's key figures, every field of its card,
its divisions as a tree and its geographies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import account_card, list_divisions, list_geographies
from cs_planner.domain.accounts.rows import AccountCard, DivisionRow, GeographyRow
from cs_planner.domain.accounts.rules import NO_ARR_YET, NO_MULTIPLE, tree_order
from cs_planner.reports.excel import Column, Entry, Kind, write_cell
from cs_planner.reports.layout import table, write_entries, write_heading
from cs_planner.reports.printing import PrintAs

# An executive summary: one portrait page.
PRINT_AS = PrintAs(title_rows=None, portrait=True, one_page=True)

if TYPE_CHECKING:
    from cs_planner.reports.account_plan import PlanContext


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
    names: dict[int | None, str] = {d.id: d.name for d, _depth in divisions}
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
