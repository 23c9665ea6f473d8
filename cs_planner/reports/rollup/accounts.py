"""The roll-up workbook's Accounts sheet: every account on one line, by ARR, with its
highlights (red and amber as conditional formats) and a Total row of formulas."""

from __future__ import annotations

from typing import Any

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from cs_planner import palette
from cs_planner.domain.relationships.coverage import LEVELS_GOAL, LEVELS_RULE
from cs_planner.domain.rollup.rows import RENEWAL_WINDOW, AccountRollup, Rollup
from cs_planner.domain.value.portfolio import AccountScore
from cs_planner.reports.excel import Align, Column, Formula, Kind
from cs_planner.reports.rollup.layout import (
    FTE_FORMAT,
    LEVELS_HEADER,
    TITLE,
    TOTAL_MULTIPLE,
    title,
    yes,
)
from cs_planner.reports.rollup.sheet import Sheet

# --- Accounts ------------------------------------------------------------------------------

ACCOUNT_COLUMNS: tuple[Column, ...] = (
    Column("Account"),
    Column("Tier"),
    Column("Strategic", width=10),
    Column("Stage"),
    Column("CSM"),
    Column("CSAs allocated now"),
    Column("CSA FTE", Kind.NUMBER, width=9, centre=True),
    Column("Industry"),
    Column("Parent account"),
    Column("ARR", Kind.MONEY, width=14),
    Column("Initial deal X", Kind.MONEY, width=13),
    Column("Multiple", Kind.MULTIPLE, width=10),
    Column("Multiple in 8 quarters from today", Kind.MULTIPLE, width=12),
    Column("Open pipeline (weighted)", Kind.MONEY, width=13),
    Column("Renewal date", Kind.DATE, width=12),
    Column("Days to renewal", Kind.INT, width=10),
    Column("License utilization", Kind.PERCENT, width=11),
    Column("Health", Kind.INT, width=9, centre=True),
    Column("Health band", width=10, centre=True),
    Column(LEVELS_HEADER, Kind.INT, width=10, centre=True),
    Column("Single-threaded", width=10, centre=True),
    Column("Champions", Kind.INT, width=11, centre=True),
    Column("Stale relationships", Kind.INT, width=14, centre=True),
    Column("Safe switches needed", Kind.INT, width=10, centre=True),
    Column("Use cases adopted", Kind.INT, width=10, centre=True),
    Column("Use cases", Kind.INT, width=10, centre=True),
    Column("Overdue use cases", Kind.INT, width=10, centre=True),
    Column("Reference status"),
)
# Columns whose total is a plain SUM.
SUMMED = {
    "CSA FTE": Kind.NUMBER,
    "ARR": Kind.MONEY,
    "Initial deal X": Kind.MONEY,
    "Open pipeline (weighted)": Kind.MONEY,
    "Safe switches needed": Kind.INT,
    "Use cases adopted": Kind.INT,
    "Use cases": Kind.INT,
    "Overdue use cases": Kind.INT,
}


def column_of(header: str) -> int:
    """The 1-based column of an Accounts header."""
    return next(i for i, c in enumerate(ACCOUNT_COLUMNS, start=1) if c.header == header)


def account_row(a: AccountRollup, health: AccountScore | None = None) -> list[Any]:
    """``health``: the account's (None: churned, or the roll-up read without health)."""
    score = None if health is None or health.score is None else round(health.score)
    band = health.band.label if health is not None and health.band is not None else None
    return [
        a.name,
        a.tier,
        yes(a.strategic),
        a.stage,
        a.csm,
        ", ".join(a.csas),
        a.csa_fte or None,
        a.industry,
        a.parent,
        round(a.arr, 2),
        round(a.initial_deal_value, 2),
        a.multiple,  # blank without ARR: a new account is not "0.0x"
        a.projected_multiple,
        round(a.pipeline_weighted, 2),
        a.renewal_date,
        a.days_to_renewal,
        a.license_utilization,
        score,
        band,
        a.levels_covered,
        yes(a.single_threaded),
        a.champions,
        a.stale,
        a.safe_switches,
        a.adopted,
        a.use_cases,
        len(a.overdue),
        a.reference_status,
    ]


def write_accounts(sheet: Sheet, data: Rollup) -> None:
    row = title(sheet, f"{TITLE}: every account, by ARR", data)
    sheet.write(
        row,
        1,
        "Multiple: ARR ÷ initial deal X; in 8 quarters: 8 quarters from today, with the open "
        f"opportunities weighted by confidence. Levels covered: {LEVELS_RULE} (an executive "
        "counts as director/VP or above), counting live relationships only (still in the "
        f"seat, spoken to within {data.stale_days} days). The Total row's multiple: total ARR "
        "÷ total initial deals (the Segments sheet also shows the mean of the accounts' "
        "multiples).",
        italic=True,
    )
    sheet.write(row + 1, 1, LEGEND, italic=True)
    top = row + 3
    if not data.accounts:
        sheet.write(top, 1, "No accounts in this portfolio yet.", italic=True)
        return
    end = sheet.table(
        top,
        ACCOUNT_COLUMNS,
        [account_row(a, data.health_of(a.id)) for a in data.accounts],
        currency=data.currency,
        header_lines=3,
        formats={column_of("CSA FTE"): FTE_FORMAT},  # 1.00 beside 0.50, not 1
    )
    sheet.ws.freeze_panes = f"B{top + 1}"  # the account name stays in view across 25 columns
    _highlight(sheet.ws, top + 1, end - 1)
    _accounts_total(sheet, end, top + 1, data.currency)


LEGEND = (
    f"Red: fewer than {LEVELS_GOAL} levels covered, single-threaded, a champion to re-win "
    "(safe switch), a renewal date gone by, a red health band. "
    f"Amber: renewal within {RENEWAL_WINDOW} days, no active champion, overdue use cases, an "
    "amber health band. Health: 0-100 from the leading indicators (the Health sheet), red "
    "under 50, amber under 75, green from 75."
)
# (header, operator, formula, red?) as Excel conditional formats: they follow the filter
# and the values if someone edits the sheet.
HIGHLIGHTS = (
    (LEVELS_HEADER, "lessThan", [str(LEVELS_GOAL)], True),
    ("Single-threaded", "equal", ['"Yes"'], True),
    ("Days to renewal", "lessThan", ["0"], True),
    ("Safe switches needed", "greaterThan", ["0"], True),
    ("Champions", "equal", ["0"], False),
    ("Overdue use cases", "greaterThan", ["0"], False),
    ("Health band", "equal", ['"Red"'], True),
    ("Health band", "equal", ['"Amber"'], False),
)


def _colours(red: bool | None) -> dict[str, Any]:
    """The CSA load grid's red and amber, or green for None (the palette's sheet colours,
    as openpyxl has them)."""
    fill, font = (
        (palette.SHEET_GREEN_FILL, palette.SHEET_GREEN_TEXT)
        if red is None
        else (palette.SHEET_RED_FILL, palette.SHEET_RED_TEXT)
        if red
        else (palette.SHEET_AMBER_FILL, palette.SHEET_AMBER_TEXT)
    )
    fill, font = (c.removeprefix("#").upper() for c in (fill, font))
    return {"fill": PatternFill("solid", fgColor=fill, bgColor=fill), "font": Font(color=font)}


def _highlight(ws: WriteOnlyWorksheet, first: int, last: int) -> None:
    for header, operator, formula, red in HIGHLIGHTS:
        letter = get_column_letter(column_of(header))
        rule = CellIsRule(operator=operator, formula=formula, **_colours(red))
        ws.conditional_formatting.add(f"{letter}{first}:{letter}{last}", rule)
    # A blank (no renewal date) counts as 0 in a "between" rule: test for a number first.
    letter = get_column_letter(column_of("Days to renewal"))
    days = f"{letter}{first}"  # relative: Excel moves it down the range
    soon = f"AND(ISNUMBER({days}),{days}>=0,{days}<={RENEWAL_WINDOW})"
    ws.conditional_formatting.add(
        f"{letter}{first}:{letter}{last}", FormulaRule(formula=[soon], **_colours(False))
    )
    letter = get_column_letter(column_of("Health band"))
    green = CellIsRule(operator="equal", formula=['"Green"'], **_colours(None))
    ws.conditional_formatting.add(f"{letter}{first}:{letter}{last}", green)


def _accounts_total(sheet: Sheet, row: int, first: int, currency: str) -> None:
    last = row - 1
    sheet.write(row, 1, "Total", bold=True)
    for header, kind in SUMMED.items():
        col = column_of(header)
        letter = get_column_letter(col)
        sheet.write(
            row,
            col,
            Formula(f"SUM({letter}{first}:{letter}{last})"),
            kind=kind,
            currency=currency,
            bold=True,
            number_format=FTE_FORMAT if header == "CSA FTE" else None,
            # under the centred figures it adds up
            align=Align("center") if ACCOUNT_COLUMNS[col - 1].centre else None,
        )
    # The portfolio's multiple: total ARR over the initial deals of the accounts that have
    # ARR (not an average; a new account without ARR would only dilute it).
    arr, deal = (get_column_letter(column_of(h)) for h in ("ARR", "Initial deal X"))
    arrs, deals = f"{arr}{first}:{arr}{last}", f"{deal}{first}:{deal}{last}"
    with_arr = f'SUMIF({arrs},">0",{deals})'
    formula = Formula(f'IF({with_arr}=0,"",{arr}{row}/{with_arr})')
    sheet.write(row, column_of("Multiple"), formula, kind=Kind.MULTIPLE, bold=True)
    note = f"Multiple on the Total row: {TOTAL_MULTIPLE[0].lower()}{TOTAL_MULTIPLE[1:]}."
    sheet.write(row + 1, 1, note, italic=True)
