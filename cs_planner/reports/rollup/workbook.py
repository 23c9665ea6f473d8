"""The portfolio roll-up workbook (``cs-planner export PORTFOLIO --portfolio``): every
account on one line, the segments (tiers, lifecycle stages, CSMs) and the lists a manager
acts on. The data comes from ``domain.rollup.queries`` (read in one transaction) and
``domain.rollup.rules``."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from cs_planner.domain.gc_pause import no_cycle_collection
from cs_planner.domain.rollup import queries, rules
from cs_planner.domain.rollup.rows import (
    AccountRollup,
    AttentionLine,
    AttentionList,
    Rollup,
    Segment,
)
from cs_planner.reports.excel import Column, Formula, Kind
from cs_planner.reports.rollup.accounts import write_accounts
from cs_planner.reports.rollup.health import write_health
from cs_planner.reports.rollup.layout import (
    LEVELS_HEADER,
    MEAN_MULTIPLE,
    TITLE,
    TOTAL_MULTIPLE,
    title,
)
from cs_planner.reports.rollup.sheet import Sheet
from cs_planner.reports.workbooks import new_workbook, save_atomically
from cs_planner.storage import Portfolio


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
    with no_cycle_collection():
        step("Reading the portfolio...")
        with portfolio.read() as session:
            data = queries.read_rollup(session, today or dt.date.today())
        workbook = new_workbook(TITLE, write_only=True)
        step(f"Writing {len(data.accounts):,} accounts...")
        write_accounts(Sheet(workbook, "Accounts"), data)
        step("Writing the segments and the attention lists...")
        write_segments(Sheet(workbook, "Segments"), data)
        write_attention(Sheet(workbook, "Attention"), data)
        write_health(Sheet(workbook, "Health"), data)
        step(f"Saving {target.name}...")
        return save_atomically(workbook, target, notes)


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


def _segment_values(s: Segment, csm: bool) -> list[Any]:
    # A segment's average multiple counts its accounts with ARR only (rules.mean_multiple).
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
    sheet: Sheet,
    top: int,
    label: str,
    segments: Sequence[Segment],
    currency: str,
    csm: bool,
    totals: Sequence[AccountRollup] = (),
) -> int:
    columns = (Column(label, width=22), *(CSM_COLUMNS if csm else SEGMENT_COLUMNS))
    rows = [[s.label, *_segment_values(s, csm)] for s in segments]
    end = sheet.table(
        top, columns, rows, currency=currency, freeze=False, autofilter=False, header_lines=2
    )
    first, last = top + 1, end - 1
    sheet.write(end, 1, "Total", bold=True)
    for col, column in enumerate(columns[1:], start=2):
        letter = get_column_letter(col)
        value: Formula | float | None
        if column.header == MEAN_MULTIPLE:
            # Values from the same functions as the segments: the segments' means count
            # different numbers of accounts (those without ARR have none), and the initial
            # deals are not on this sheet.
            value = rules.mean_multiple(totals)
        elif column.header == TOTAL_MULTIPLE:
            value = rules.total_multiple(totals)
        else:
            value = Formula(f"SUM({letter}{first}:{letter}{last})")
        sheet.write(end, col, value, kind=column.kind, currency=currency, bold=True)
    return end + 1


def write_segments(sheet: Sheet, data: Rollup) -> None:
    row = title(sheet, "Segments: where the revenue is", data)
    if not data.accounts:
        sheet.write(row + 1, 1, "No accounts in this portfolio yet.", italic=True)
        return
    tiers = rules.segments_by(data.accounts, "tier")
    sheet.write(row + 1, 1, rules.top_tier_verdict(tiers), bold=True)
    sheet.write(
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
        sheet.heading(top, 1, heading)
        segments = tiers if key == "tier" else rules.segments_by(data.accounts, key)
        csm = key == "csm"
        top = _segment_table(sheet, top + 1, label, segments, data.currency, csm, data.accounts)
        top += 1


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


def attention_row(line: AttentionLine) -> list[Any]:
    a = line.account
    return [a.name, a.tier, a.csm, round(a.arr, 2), a.renewal_date, a.levels_covered, line.why]


def write_attention(sheet: Sheet, data: Rollup) -> None:
    row = title(sheet, "Attention: what to act on, by ARR", data)
    lists: list[AttentionList] = rules.attention(data)
    sheet.heading(row + 1, 1, "Summary")
    overview = [[lst.title, len(lst.lines), round(lst.arr, 2)] for lst in lists]
    columns = (
        Column("List", width=30, wrap=True),
        Column("Accounts", Kind.INT),
        Column("ARR", Kind.MONEY),
    )
    top = sheet.table(
        row + 2, columns, overview, currency=data.currency, freeze=False, autofilter=False
    )
    top += 1
    for lst in lists:
        count = f"{len(lst.lines)} account{'' if len(lst.lines) == 1 else 's'}"
        sheet.heading(top, 1, f"{lst.title}: {count}")
        if not lst.lines:
            sheet.write(top + 1, 1, lst.empty, italic=True)
            top += 3
            continue
        rows = [attention_row(line) for line in lst.lines]
        end = sheet.table(
            top + 1,
            ATTENTION_COLUMNS,
            rows,
            currency=data.currency,
            freeze=False,
            autofilter=False,
            header_lines=3,
        )
        top = end + 1
