"""The account plan's "Summary" sheet, an executive summary on one portrait page (the key
figures, health, what to pursue next, relationship coverage, objectives, next steps and top
risks), and its "Account" sheet: every field of the card, the divisions as a tree and the
geographies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import account_card, list_divisions, list_geographies
from cs_planner.domain.accounts.rows import AccountCard, DivisionRow, GeographyRow
from cs_planner.domain.accounts.rules import NO_ARR_YET, NO_MULTIPLE, tree_order
from cs_planner.domain.enums import Severity
from cs_planner.domain.findings import Finding
from cs_planner.domain.plan.actions import ActionRow
from cs_planner.domain.plan.objectives import ObjectiveRow
from cs_planner.domain.plan.risks import RiskRow
from cs_planner.domain.value.health import AccountHealth, account_health
from cs_planner.palette import SEVERITY_WORDS
from cs_planner.reports import summary
from cs_planner.reports.excel import Column, Entry, Kind, write_cell
from cs_planner.reports.layout import table, write_entries, write_heading
from cs_planner.reports.plan.reads import (
    next_steps,
    read_actions,
    read_objectives,
    read_risks,
    top_objectives,
    top_risks,
)
from cs_planner.reports.printing import PrintAs

# An executive summary: one portrait page.
PRINT_AS = PrintAs(title_rows=None, portrait=True, one_page=True)

if TYPE_CHECKING:
    from cs_planner.reports.account_plan import PlanContext


@dataclass(frozen=True)
class SummaryData:
    card: AccountCard
    health: AccountHealth
    pursue: list[str]
    findings: list[Finding]
    objectives: list[ObjectiveRow]
    steps: list[ActionRow]
    risks: list[RiskRow]


def read_summary(session: Session, context: PlanContext) -> SummaryData:
    aid, today = context.account_id, context.today
    return SummaryData(
        card=account_card(session, aid, today),
        health=account_health(session, aid, today),
        pursue=summary.pursue_next(session, aid, today, context.currency),
        findings=summary.relationship_findings(session, aid, today),
        objectives=top_objectives(read_objectives(session, aid)),
        steps=next_steps(read_actions(session, aid, today).rows),
        risks=top_risks(read_risks(session, aid)),
    )


# Four columns shared by every block: a short key, the text, a second text, a short value.
WIDTHS = (22, 44, 30, 16)
OBJECTIVE_COLUMNS = (
    Column("Status", width=WIDTHS[0]),
    Column("Objective", width=WIDTHS[1], wrap=True),
    Column("Measured by", width=WIDTHS[2], wrap=True),
    Column("Target date", Kind.DATE, width=WIDTHS[3], centre=True),
)
STEP_COLUMNS = (
    Column("Due", Kind.DATE, width=WIDTHS[0], centre=True),
    Column("Action", width=WIDTHS[1], wrap=True),
    Column("Owner", width=WIDTHS[2], wrap=True),
    Column("Priority", width=WIDTHS[3]),
)
RISK_COLUMNS = (
    Column("Likelihood × impact", width=WIDTHS[0]),
    Column("Risk", width=WIDTHS[1], wrap=True),
    Column("Mitigation", width=WIDTHS[2], wrap=True),
    Column("Owner", width=WIDTHS[3], wrap=True),
)


def write_summary(ws: Worksheet, data: SummaryData, context: PlanContext) -> None:
    card = data.card
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
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
    first = row + 2
    row = write_entries(ws, first, _kpi_entries(card), currency=context.currency)
    write_entries(ws, first, _status_entries(card, data.health), col=3)
    row = _write_sentences(ws, row + 1, "Health", data.health.sentences[:3], "Not scored yet.")
    row = _write_sentences(ws, row, "What to pursue next", data.pursue,
                           "No expansion target or open opportunity yet.")  # fmt: skip
    row = _write_findings(ws, row, data.findings)
    row = _write_block(ws, row, "Objectives", OBJECTIVE_COLUMNS, [
        (o.status, o.title, o.measured_by, o.target_date) for o in data.objectives
    ], "No objectives recorded yet.")  # fmt: skip
    row = _write_block(ws, row, "Next steps", STEP_COLUMNS, [
        (s.due_date, s.title, s.owner_name, s.priority.label) for s in data.steps
    ], "No open actions.")  # fmt: skip
    _write_block(ws, row, "Top risks", RISK_COLUMNS, [
        (f"{r.values.likelihood} × {r.values.impact} = {r.exposure}",
         f"{r.values.description} ({r.values.category.label})", r.values.mitigation, r.owner)
        for r in data.risks
    ], "No open risks.")  # fmt: skip


def _status_entries(card: AccountCard, health: AccountHealth) -> list[Entry]:
    now = health.now
    return [
        Entry("Renewal date", card.renewal_date),
        Entry("Tier", card.tier),
        Entry("Lifecycle stage", card.lifecycle_stage),
        Entry("Health score", round(now.score) if now.score is not None else "no data", Kind.INT),
        Entry("Health band", now.band.label if now.band is not None else "no data"),
    ]


def _write_sentences(ws: Worksheet, row: int, title: str, lines: Sequence[str], empty: str) -> int:
    """A heading and one sentence a row (a long one wraps over the page's width)."""
    write_heading(ws, row, 1, title)
    for offset, line in enumerate(lines or [empty], start=1):
        write_cell(ws, row + offset, 1, line, italic=not lines)
    return row + max(len(lines), 1) + 2


def _write_findings(ws: Worksheet, row: int, findings: list[Finding]) -> int:
    write_heading(ws, row, 1, "Relationship coverage")
    if not findings:
        write_cell(ws, row + 1, 1, "No stakeholders recorded yet.", italic=True)
        return row + 3
    for offset, finding in enumerate(findings, start=1):
        write_cell(ws, row + offset, 1, SEVERITY_WORDS[Severity(finding.severity)], italic=True)
        write_cell(ws, row + offset, 2, finding.text)
    return row + len(findings) + 2


def _write_block(
    ws: Worksheet,
    row: int,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    empty: str,
) -> int:
    write_heading(ws, row, 1, title)
    if not rows:
        write_cell(ws, row + 1, 1, empty, italic=True)
        return row + 3
    return table(ws, row + 1, columns, rows, freeze=False, autofilter=False) + 1


# --- the Account sheet ----------------------------------------------------------------------


@dataclass(frozen=True)
class AccountData:
    card: AccountCard
    divisions: list[tuple[DivisionRow, int]]  # in tree order, with depth
    geographies: list[GeographyRow]


def read_account(session: Session, context: PlanContext) -> AccountData:
    divisions = list_divisions(session, context.account_id)
    return AccountData(
        card=account_card(session, context.account_id, context.today),
        divisions=tree_order(divisions),
        geographies=list_geographies(session, context.account_id),
    )


def write_account(ws: Worksheet, data: AccountData, context: PlanContext) -> None:
    write_cell(ws, 1, 1, data.card.name, bold=True, size=16)
    write_heading(ws, 3, 1, "Account")
    row = write_entries(ws, 4, _card_entries(data.card), currency=context.currency)
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
