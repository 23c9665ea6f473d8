"""The account plan on paper: a long action plan repeats its table's header on every page,
and every sheet is set up for the portfolio's paper (A4 or Letter), its fit worked out on
that paper's printable size."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from cs_planner.domain.accounts.writes import update_settings
from cs_planner.domain.enums import PaperSize
from cs_planner.domain.model import ActionItem
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.reports.printing import PAPER_POINTS, PrintAs, choose_fit, printable
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)
ACTIONS = 80


def add_actions(portfolio: Portfolio, account_id: int, count: int) -> None:
    with portfolio.session() as s:
        s.add_all(
            ActionItem(
                account_id=account_id,
                title=f"Step {n:02d}: run the adoption workshop with the next business unit",
                due_date=TODAY + dt.timedelta(days=n),
            )
            for n in range(count)
        )


def export(portfolio: Portfolio, account_id: int, folder: Path, paper: PaperSize) -> Path:
    with portfolio.session() as s:
        update_settings(s, paper_size=paper)
    return write_account_plan(portfolio, account_id, folder / f"{paper}.xlsx", today=TODAY)


def test_a_long_action_plan_repeats_its_header_row_on_every_page(
    portfolio: Portfolio, acme: int, tmp_path: Path
) -> None:
    add_actions(portfolio, acme, ACTIONS)
    ws = load_workbook(export(portfolio, acme, tmp_path, PaperSize.A4))["Action Plan"]
    assert [ws.cell(4, c).value for c in (1, 2, 3)] == ["Action", "Owner", "Due"]
    assert ws.print_title_rows == "$4:$4"  # the header, not the sheet's title
    _, _, _, bottom = range_boundaries(str(ws.print_area).split("!")[-1].replace("$", ""))
    assert bottom >= 4 + ACTIONS  # the table runs over several pages


def test_every_table_sheet_repeats_its_tables_header(
    portfolio: Portfolio, acme: int, tmp_path: Path
) -> None:
    add_actions(portfolio, acme, 3)
    workbook = load_workbook(export(portfolio, acme, tmp_path, PaperSize.A4))
    for ws in workbook.worksheets:
        if not ws.auto_filter.ref:
            continue
        header = range_boundaries(ws.auto_filter.ref)[1]
        assert ws.print_title_rows == f"${header}:${header}", ws.title


@pytest.mark.parametrize(("paper", "code"), [(PaperSize.A4, 9), (PaperSize.LETTER, 1)])
def test_every_sheet_is_set_up_for_the_portfolios_paper(
    portfolio: Portfolio, acme: int, tmp_path: Path, paper: PaperSize, code: int
) -> None:
    workbook = load_workbook(export(portfolio, acme, tmp_path, paper))
    for ws in workbook.worksheets:
        assert int(ws.page_setup.paperSize) == code, ws.title


def test_the_fit_uses_the_papers_printable_size() -> None:
    a4, letter = printable("portrait", PaperSize.A4), printable("portrait", PaperSize.LETTER)
    assert letter[0] > a4[0] and letter[1] < a4[1]  # Letter is wider and shorter
    assert a4 == pytest.approx((PAPER_POINTS[PaperSize.A4][0] - 72, 841.9 - 108))
    # Content as wide as Letter's printable width prints at 100% there, smaller on A4.
    width = letter[0] / 1.05
    at_a4 = choose_fit(width, 100, 11, PrintAs(portrait=True), PaperSize.A4)
    at_letter = choose_fit(width, 100, 11, PrintAs(portrait=True), PaperSize.LETTER)
    assert at_letter.scale == pytest.approx(1.0)
    assert at_a4.scale < 0.98
    # A one-page sheet as tall as A4's printable height fits A4 whole, not Letter.
    height = a4[1] / 1.05
    tall_a4 = choose_fit(100, height, 11, PrintAs(portrait=True, one_page=True), PaperSize.A4)
    tall_us = choose_fit(100, height, 11, PrintAs(portrait=True, one_page=True), PaperSize.LETTER)
    assert tall_a4.scale == pytest.approx(1.0)
    assert tall_us.scale < 0.95


def test_a_tables_header_repeats_only_when_the_table_ends_the_sheet() -> None:
    from openpyxl import Workbook

    from cs_planner.reports.excel import Column, write_cell
    from cs_planner.reports.layout import table
    from cs_planner.reports.printing import make_print_ready

    def sheet(below: bool) -> str:
        ws = Workbook().active
        write_cell(ws, 1, 1, "Title")
        bottom = table(ws, 3, [Column("Name"), Column("Owner")], [("a", "b")] * 60)
        if below:  # another block under the table: its header would name the wrong columns
            write_cell(ws, bottom + 2, 1, "Chart data")
        make_print_ready(ws, "Acme", TODAY)
        return str(ws.print_title_rows)

    assert sheet(below=False) == "$3:$3"
    assert sheet(below=True) == "$1:$1"
