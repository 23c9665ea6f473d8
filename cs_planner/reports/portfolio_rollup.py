"""The portfolio roll-up workbook (``cs-planner export PORTFOLIO --portfolio``): every
account on one line, the segments (tiers, lifecycle stages, CSMs) and the lists a manager
acts on. The data comes from ``domain.rollup`` (read in one transaction) and
``domain.rollup_summary``."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.relationship_coverage import LEVELS_GOAL, LEVELS_RULE
from cs_planner.domain.rollup import queries as ru
from cs_planner.domain.rollup import rules as summary
from cs_planner.domain.rollup.rows import (
    RENEWAL_WINDOW,
    AccountRollup,
    AttentionLine,
    AttentionList,
    Rollup,
    Segment,
)
from cs_planner.reports.csa_workbook import AMBER_FILL, AMBER_FONT, OVER_FILL, OVER_FONT
from cs_planner.reports.excel import (
    LINE_HEIGHT,
    Column,
    Entry,
    Formula,
    Kind,
    add_sheet,
    new_workbook,
    save_atomically,
    table,
    write_cell,
    write_entries,
    write_heading,
)
from cs_planner.storage import Portfolio

TITLE = "Portfolio roll-up"
LEVELS_HEADER = f"Levels covered (of {LEVELS_GOAL})"
# The two portfolio multiples, each labelled where it is shown: they answer different
# questions and differ whenever large accounts grew faster or slower than small ones.
TOTAL_MULTIPLE = "Total ARR ÷ total initial deals"
MEAN_MULTIPLE = "Mean of the accounts' multiples"
FTE_FORMAT = "0.00"


def rollup_path_default(today: dt.date, folder: str | os.PathLike[str] | None = None) -> Path:
    name = f"{TITLE} {today.isoformat()}.xlsx"
    return Path(folder) / name if folder is not None else Path(name)


def write_rollup_workbook(
    portfolio: Portfolio,
    path: str | os.PathLike[str],
    *,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
    notes: list[str] | None = None,
) -> Path:
    """Write the workbook; returns the path (".xlsx" added if missing). Raises ReportError
    when the file cannot be written (an existing file is then unchanged). ``progress`` hears
    what is being done, step by step (a large portfolio takes seconds); ``notes`` (if given)
    receives a line for each text that had to be cut to fit a cell."""
    step = progress or (lambda _text: None)
    target = Path(path).expanduser()
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    step("Reading the portfolio...")
    with portfolio.read() as session:
        data = ru.read_rollup(session, today or dt.date.today())
    workbook = new_workbook(TITLE)
    step(f"Writing {len(data.accounts):,} accounts...")
    write_accounts(add_sheet(workbook, "Accounts"), data)
    step("Writing the segments and the attention lists...")
    write_segments(add_sheet(workbook, "Segments"), data)
    write_attention(add_sheet(workbook, "Attention"), data)
    step(f"Saving {target.name}...")
    return save_atomically(workbook, target, notes)


def _title(ws: Worksheet, text: str, data: Rollup) -> int:
    """Title and the generated date; returns the first free row."""
    write_cell(ws, 1, 1, text, bold=True, size=14)
    entries = [Entry("Generated", data.today), Entry("Accounts", len(data.accounts), Kind.INT)]
    if data.owner:
        entries.append(Entry("Portfolio of", data.owner))
    return write_entries(ws, 2, entries)


def _wrap_headers(ws: Worksheet, row: int, first: int, last: int, lines: int = 2) -> None:
    """Long headers wrap over two lines rather than widening narrow number columns."""
    for col in range(first, last + 1):
        ws.cell(row=row, column=col).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[row].height = lines * LINE_HEIGHT


def _yes(flag: bool) -> str:
    return "Yes" if flag else ""


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
    Column("ARR", Kind.MONEY, width=14),
    Column("Initial deal X", Kind.MONEY, width=13),
    Column("Multiple", Kind.MULTIPLE, width=10),
    Column("Multiple in 8 quarters from today", Kind.MULTIPLE, width=12),
    Column("Open pipeline (weighted)", Kind.MONEY, width=13),
    Column("Renewal date", Kind.DATE, width=12),
    Column("Days to renewal", Kind.INT, width=10),
    Column("License utilization", Kind.PERCENT, width=11),
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
# Columns whose total is a plain SUM (1-based, as in the sheet).
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


def account_row(a: AccountRollup) -> list:
    return [
        a.name,
        a.tier,
        _yes(a.strategic),
        a.stage,
        a.csm,
        ", ".join(a.csas),
        a.csa_fte or None,
        a.industry,
        round(a.arr, 2),
        round(a.initial_deal_value, 2),
        a.multiple,  # blank without ARR: a new account is not "0.0x"
        a.projected_multiple,
        round(a.pipeline_weighted, 2),
        a.renewal_date,
        a.days_to_renewal,
        a.license_utilization,
        a.levels_covered,
        _yes(a.single_threaded),
        a.champions,
        a.stale,
        a.safe_switches,
        a.adopted,
        a.use_cases,
        len(a.overdue),
        a.reference_status,
    ]


def write_accounts(ws: Worksheet, data: Rollup) -> None:
    row = _title(ws, f"{TITLE}: every account, by ARR", data)
    write_cell(
        ws,
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
    write_cell(ws, row + 1, 1, LEGEND, italic=True)
    top = row + 3
    if not data.accounts:
        write_cell(ws, top, 1, "No accounts in this portfolio yet.", italic=True)
        return
    end = table(
        ws, top, ACCOUNT_COLUMNS, [account_row(a) for a in data.accounts], currency=data.currency
    )
    _wrap_headers(ws, top, 1, len(ACCOUNT_COLUMNS), lines=3)
    fte = column_of("CSA FTE")
    for r in range(top + 1, end):
        ws.cell(row=r, column=fte).number_format = FTE_FORMAT  # 1.00 beside 0.50, not 1
    ws.freeze_panes = f"B{top + 1}"  # the account name stays in view across 25 columns
    _highlight(ws, top + 1, end - 1)
    _accounts_total(ws, end, top + 1, data.currency)


LEGEND = (
    f"Red: fewer than {LEVELS_GOAL} levels covered, single-threaded, a champion to re-win "
    "(safe switch), a renewal date gone by. "
    f"Amber: renewal within {RENEWAL_WINDOW} days, no active champion, overdue use cases."
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
)


def _colours(red: bool) -> dict:
    fill, font = (OVER_FILL, OVER_FONT) if red else (AMBER_FILL, AMBER_FONT)
    return {"fill": PatternFill("solid", fgColor=fill, bgColor=fill), "font": Font(color=font)}


def _highlight(ws: Worksheet, first: int, last: int) -> None:
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


def _accounts_total(ws: Worksheet, row: int, first: int, currency: str) -> None:
    last = row - 1
    write_cell(ws, row, 1, "Total", bold=True)
    for header, kind in SUMMED.items():
        col = column_of(header)
        letter = get_column_letter(col)
        formula = Formula(f"SUM({letter}{first}:{letter}{last})")
        cell = write_cell(ws, row, col, formula, kind=kind, currency=currency, bold=True)
        if header == "CSA FTE":
            cell.number_format = FTE_FORMAT
        if ACCOUNT_COLUMNS[col - 1].centre:  # under the centred figures it adds up
            cell.alignment = Alignment(horizontal="center")
    # The portfolio's multiple: total ARR over the initial deals of the accounts that have
    # ARR (not an average; a new account without ARR would only dilute it).
    arr, deal = (get_column_letter(column_of(h)) for h in ("ARR", "Initial deal X"))
    arrs, deals = f"{arr}{first}:{arr}{last}", f"{deal}{first}:{deal}{last}"
    with_arr = f'SUMIF({arrs},">0",{deals})'
    formula = Formula(f'IF({with_arr}=0,"",{arr}{row}/{with_arr})')
    write_cell(ws, row, column_of("Multiple"), formula, kind=Kind.MULTIPLE, bold=True)
    note = f"Multiple on the Total row: {TOTAL_MULTIPLE[0].lower()}{TOTAL_MULTIPLE[1:]}."
    write_cell(ws, row + 1, 1, note, italic=True)


# --- Segments ------------------------------------------------------------------------------

SEGMENT_COLUMNS = (
    Column("Accounts", Kind.INT, width=11),
    Column("Share of accounts", Kind.PERCENT, width=11),
    Column("ARR", Kind.MONEY, width=16),
    Column("Share of ARR", Kind.PERCENT, width=11),
    Column(TOTAL_MULTIPLE, Kind.MULTIPLE, width=13),
    Column(MEAN_MULTIPLE, Kind.MULTIPLE, width=13),
)
CSM_COLUMNS = (
    Column("Accounts", Kind.INT, width=11),
    Column("Share of accounts", Kind.PERCENT, width=11),
    Column("ARR", Kind.MONEY, width=16),
    Column("Share of ARR", Kind.PERCENT, width=11),
    Column("Renewals in 90 days", Kind.INT, width=13),
    Column("ARR renewing in 90 days", Kind.MONEY, width=16),
)


def _segment_values(s: Segment, csm: bool) -> list:
    # A segment's average multiple counts its accounts with ARR only (see rollup_summary).
    if csm:
        soon = [s.renewals_soon, round(s.renewals_soon_arr, 2)]
        return [s.accounts, s.account_share, round(s.arr, 2), s.arr_share, *soon]
    return [
        s.accounts,
        s.account_share,
        round(s.arr, 2),
        s.arr_share,
        s.total_multiple,
        s.average_multiple,
    ]


def _segment_table(
    ws: Worksheet,
    top: int,
    label: str,
    segments: Sequence[Segment],
    currency: str,
    csm: bool,
    totals: Sequence[AccountRollup] = (),
) -> int:
    columns = (Column(label, width=22), *(CSM_COLUMNS if csm else SEGMENT_COLUMNS))
    rows = [[s.label, *_segment_values(s, csm)] for s in segments]
    end = table(ws, top, columns, rows, currency=currency, freeze=False, autofilter=False)
    _wrap_headers(ws, top, 1, len(columns))
    first, last = top + 1, end - 1
    write_cell(ws, end, 1, "Total", bold=True)
    for col, column in enumerate(columns[1:], start=2):
        letter = get_column_letter(col)
        value: Formula | float | None
        if column.header == MEAN_MULTIPLE:
            # Values from the same functions as the segments: the segments' means count
            # different numbers of accounts (those without ARR have none), and the initial
            # deals are not on this sheet.
            value = summary.mean_multiple(totals)
        elif column.header == TOTAL_MULTIPLE:
            value = summary.total_multiple(totals)
        else:
            value = Formula(f"SUM({letter}{first}:{letter}{last})")
        write_cell(ws, end, col, value, kind=column.kind, currency=currency, bold=True)
    return end + 1


def write_segments(ws: Worksheet, data: Rollup) -> None:
    row = _title(ws, "Segments: where the revenue is", data)
    if not data.accounts:
        write_cell(ws, row + 1, 1, "No accounts in this portfolio yet.", italic=True)
        return
    tiers = summary.segments_by(data.accounts, "tier")
    write_cell(ws, row + 1, 1, summary.top_tier_verdict(tiers), bold=True)
    write_cell(
        ws,
        row + 2,
        1,
        "A healthy top tier is a small share of accounts holding a third to a half of ARR. "
        "Two multiples: total ARR ÷ total initial deals (large accounts weigh more) and the "
        "mean of the accounts' multiples (every account weighs the same). Accounts without "
        "ARR yet have no multiple and are left out of both.",
        italic=True,
    )
    top = row + 4
    for heading, key, label in (
        ("By tier", "tier", "Tier"),
        ("By lifecycle stage", "stage", "Stage"),
        ("By CSM", "csm", "CSM"),
    ):
        write_heading(ws, top, 1, heading)
        segments = summary.segments_by(data.accounts, key)
        top = (
            _segment_table(ws, top + 1, label, segments, data.currency, key == "csm", data.accounts)
            + 1
        )


# --- Attention -----------------------------------------------------------------------------

ATTENTION_COLUMNS = (
    Column("Account", width=30),
    Column("Tier", width=11),
    Column("CSM", width=20),
    Column("ARR", Kind.MONEY, width=14),
    Column("Renewal date", Kind.DATE, width=12),
    Column(LEVELS_HEADER, Kind.INT, width=10, centre=True),
    Column("Why", width=95, wrap=True),
)


def attention_row(line: AttentionLine) -> list:
    a = line.account
    return [a.name, a.tier, a.csm, round(a.arr, 2), a.renewal_date, a.levels_covered, line.why]


def write_attention(ws: Worksheet, data: Rollup) -> None:
    row = _title(ws, "Attention: what to act on, by ARR", data)
    lists: list[AttentionList] = summary.attention(data)
    write_heading(ws, row + 1, 1, "Summary")
    overview = [[lst.title, len(lst.lines), round(lst.arr, 2)] for lst in lists]
    columns = (
        Column("List", width=30, wrap=True),
        Column("Accounts", Kind.INT),
        Column("ARR", Kind.MONEY),
    )
    top = table(
        ws, row + 2, columns, overview, currency=data.currency, freeze=False, autofilter=False
    )
    top += 1
    for lst in lists:
        count = f"{len(lst.lines)} account{'' if len(lst.lines) == 1 else 's'}"
        write_heading(ws, top, 1, f"{lst.title}: {count}")
        if not lst.lines:
            write_cell(ws, top + 1, 1, lst.empty, italic=True)
            top += 3
            continue
        rows = [attention_row(line) for line in lst.lines]
        end = table(
            ws,
            top + 1,
            ATTENTION_COLUMNS,
            rows,
            currency=data.currency,
            freeze=False,
            autofilter=False,
        )
        _wrap_headers(ws, top + 1, 1, len(ATTENTION_COLUMNS), lines=3)
        top = end + 1
