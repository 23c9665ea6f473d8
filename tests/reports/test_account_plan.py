"""The account plan workbook and its Summary sheet, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select

from cs_planner.domain.accounts.writes import create_account, update_settings
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Division
from cs_planner.reports import account_plan
from cs_planner.reports.account_plan import (
    account_plan_path_default,
    register_sheet,
    write_account_plan,
)
from cs_planner.reports.excel import write_cell
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 5, 1)


def summary(path: Path) -> Worksheet:
    return load_workbook(path)["Summary"]


def account_sheet(path: Path) -> Worksheet:
    """The card in full, the divisions and the geographies (the Summary is a page)."""
    return load_workbook(path)["Account"]


def by_label(ws: Worksheet) -> dict[str, Cell]:
    """The value cell beside each label in column A (the first one, for a repeated label)."""
    cells: dict[str, Cell] = {}
    for label, value in ws.iter_rows(min_col=1, max_col=2):
        if isinstance(label.value, str):
            cells.setdefault(label.value, value)
    return cells


def row_of(ws: Worksheet, text: str) -> int:
    return next(c.row for c in ws["A"] if c.value == text)


def all_cells(path: Path) -> list[Cell]:
    return [c for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row]


def test_summary_shows_the_account(portfolio: Portfolio, acme: int, tmp_path: Path) -> None:
    path = write_account_plan(portfolio, acme, tmp_path / "plan.xlsx", today=TODAY)
    workbook = load_workbook(path)
    assert workbook.sheetnames[0] == "Summary"
    assert workbook.properties.title == "Account plan - Acme Corp"
    ws = workbook["Summary"]
    assert ws["A1"].value == "Acme Corp"
    assert ws["A1"].font.bold
    cells = by_label(ws)
    assert cells["Generated"].value == dt.datetime(2026, 5, 1)
    assert cells["Portfolio owner"].value == "Dana Owner"
    assert workbook.sheetnames[1] == "Account"
    ws = workbook["Account"]
    assert ws["A1"].value == "Acme Corp"
    cells = by_label(ws)
    assert cells["Industry"].value == "Manufacturing"
    assert cells["Tier"].value == "Top"
    assert cells["Tier override"].value == "Top"
    assert cells["Strategic account"].value == "No"
    assert cells["Lifecycle stage"].value == "Land"
    assert cells["Renewal owner"].value == "CSM"
    assert cells["Reference status"].value == "Not a reference"
    assert cells["CSM"].value == "Ann Lee"
    assert cells["Executive sponsor"].value == "Sam Exec"
    assert cells["Maturity level (target)"].value == 4
    assert cells["Notes"].value == "Renewal talks start in Q3."
    assert cells["Notes"].alignment.wrap_text


def test_money_is_in_the_portfolio_currency(
    portfolio: Portfolio, acme: int, tmp_path: Path
) -> None:
    path = write_account_plan(portfolio, acme, tmp_path / "p.xlsx")
    cells = by_label(summary(path))
    cells["Initial deal value"] = by_label(account_sheet(path))["Initial deal value"]
    for label in ("ARR", "Initial deal (X)", "Initial deal value"):
        assert cells[label].data_type == "n"
        assert cells[label].number_format == '"€"#,##0'
    assert cells["ARR"].value == 250_000
    assert cells["Initial deal (X)"].value == 10_000


def test_dates_are_real_dates(portfolio: Portfolio, acme: int, tmp_path: Path) -> None:
    cells = by_label(account_sheet(write_account_plan(portfolio, acme, tmp_path / "p.xlsx")))
    renewal = cells["Renewal date"]
    assert renewal.is_date
    assert renewal.value == dt.datetime(2026, 12, 31)
    assert renewal.number_format == "yyyy-mm-dd"
    assert cells["Customer since"].is_date


def test_kpis(portfolio: Portfolio, acme: int, tmp_path: Path) -> None:
    ws = summary(write_account_plan(portfolio, acme, tmp_path / "p.xlsx", today=TODAY))
    cells = by_label(ws)
    assert cells["Expansion multiple"].value == 25
    assert cells["Expansion multiple"].number_format == '0.0"x"'
    assert cells["License utilization"].value == pytest.approx(0.85)
    assert cells["License utilization"].number_format == "0%"
    assert cells["Days to renewal"].value == 244
    assert cells["Years as a customer"].value == pytest.approx(4.33, abs=0.01)
    assert cells["Divisions adopted"].value == "1 of 3"
    assert row_of(ws, "Key figures") < row_of(ws, "Health")


def test_divisions_and_geographies_tables(portfolio: Portfolio, acme: int, tmp_path: Path) -> None:
    ws = account_sheet(write_account_plan(portfolio, acme, tmp_path / "p.xlsx"))
    top = row_of(ws, "Divisions") + 1
    header = [c.value for c in ws[top]][:5]
    assert header == ["Division", "Parent", "Geography", "Headcount", "Engagement"]
    assert all(c.font.bold for c in ws[top][:5])
    rows = [[c.value for c in ws[r]][:5] for r in range(top + 1, top + 4)]
    assert rows == [  # tree order: a sub-division right under its parent
        ["Finance", None, "EMEA / Germany", 300, "Adopted"],
        ["Accounts payable", "Finance", None, 0, "Not engaged"],
        ["Marketing", None, None, 50, "Not engaged"],
    ]
    assert ws.cell(top + 2, 1).alignment.indent == 1
    assert ws.cell(top + 1, 4).number_format == "#,##0"
    top = row_of(ws, "Geographies") + 1
    assert [c.value for c in ws[top]][:2] == ["Region", "Country"]
    assert [[c.value for c in ws[r]][:2] for r in (top + 1, top + 2)] == [
        ["APAC", None],
        ["EMEA", "Germany"],
    ]
    # Small tables under the card: no frozen rows, no filter buttons.
    assert ws.freeze_panes is None
    assert not ws.auto_filter.ref


def test_a_bare_account(portfolio: Portfolio, tmp_path: Path) -> None:
    with portfolio.session() as s:
        account_id = create_account(s, "Bare", 5_000.0)
    path = write_account_plan(portfolio, account_id, tmp_path / "p.xlsx", today=TODAY)
    ws = summary(path)
    cells = by_label(ws)
    assert cells["ARR"].number_format == '"$"#,##0'  # the default currency
    # No ARR yet: a dash and the reason, not "0.0x".
    assert cells["Expansion multiple"].value.startswith("— (No ARR yet")
    for empty in ("License utilization", "Days to renewal"):
        assert cells[empty].value is None
    assert cells["Divisions adopted"].value == "0 of 0"
    ws = account_sheet(path)
    cells = by_label(ws)
    for empty in ("Renewal date", "Tier override"):
        assert cells[empty].value is None
    assert ws.cell(row_of(ws, "Divisions") + 1, 1).value == "No divisions recorded yet."
    assert ws.cell(row_of(ws, "Geographies") + 1, 1).value == "No geographies recorded yet."


INJECTIONS = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\tx",
    "\nx",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_user_text_never_becomes_a_formula(
    portfolio: Portfolio, tmp_path: Path, payload: str
) -> None:
    # Names are stripped by the domain; notes are kept exactly as typed.
    name = payload.strip()
    with portfolio.session() as s:
        update_settings(s, owner_name=name)
        account_id = create_account(s, name, 1_000.0, notes=payload, industry=name)
        s.add(Division(account_id=account_id, name=name))
    path = write_account_plan(portfolio, account_id, tmp_path / "p.xlsx")
    owner = by_label(summary(path))["Portfolio owner"]
    ws = account_sheet(path)
    cells = by_label(ws)
    written = [
        (ws["A1"], name),
        (owner, name),
        (cells["Industry"], name),
        (cells["Notes"], payload),
        (ws.cell(row_of(ws, "Divisions") + 2, 1), name),
    ]
    for cell, expected in written:
        assert (cell.value, cell.data_type) == (expected, "s"), cell.coordinate
    # Sheets write formulas of their own (totals); none may carry the user's text.
    assert not [c.coordinate for c in all_cells(path) if c.data_type == "f" and name in c.value]


def test_carriage_return_in_notes_is_a_line_break(portfolio: Portfolio, tmp_path: Path) -> None:
    with portfolio.session() as s:
        account_id = create_account(s, "Acme", 1_000.0, notes="\rx\r\ny")
    cells = by_label(account_sheet(write_account_plan(portfolio, account_id, tmp_path / "p.xlsx")))
    assert (cells["Notes"].value, cells["Notes"].data_type) == ("\nx\ny", "s")


def test_xlsx_is_added_to_a_bare_file_name(portfolio: Portfolio, acme: int, tmp_path: Path) -> None:
    path = write_account_plan(portfolio, acme, str(tmp_path / "Acme Inc. Ltd"))
    assert path == tmp_path / "Acme Inc. Ltd.xlsx"
    assert path.exists()
    assert write_account_plan(portfolio, acme, tmp_path / "x.XLSX").name == "x.XLSX"


def test_an_unknown_account_writes_nothing(portfolio: Portfolio, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no longer exists"):
        write_account_plan(portfolio, 999, tmp_path / "p.xlsx")
    assert not (tmp_path / "p.xlsx").exists()


def test_a_failed_write_leaves_the_previous_plan(
    portfolio: Portfolio, acme: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = write_account_plan(portfolio, acme, folder / "p.xlsx")
    before = path.read_bytes()

    def crash(self: Workbook, target: Any) -> None:
        target.write(b"partial")
        raise RuntimeError("crash while writing")

    monkeypatch.setattr(Workbook, "save", crash)
    with pytest.raises(RuntimeError, match="crash while writing"):
        write_account_plan(portfolio, acme, path)
    assert path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["p.xlsx"]


# --- the extension point --------------------------------------------------------------


@pytest.fixture
def sheets(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """A private copy of the sheet registry, so a test can register sheets freely."""
    copy = list(account_plan.SHEETS)
    monkeypatch.setattr(account_plan, "SHEETS", copy)
    return copy


def test_a_registered_sheet_is_read_in_the_one_session_and_written_after(
    portfolio: Portfolio, acme: int, tmp_path: Path, sheets: list[Any]
) -> None:
    sessions = 0
    real_session = portfolio.read

    def counting_session() -> Any:
        nonlocal sessions
        sessions += 1
        return real_session()

    def read(session: Any, context: account_plan.PlanContext) -> tuple[str, int]:
        count = session.scalar(
            select(func.count()).where(Division.account_id == context.account_id)
        )
        return context.account_name, count

    def write(ws: Worksheet, data: tuple[str, int], context: account_plan.PlanContext) -> None:
        write_cell(ws, 1, 1, data[0])
        write_cell(ws, 1, 2, data[1])

    register_sheet("Extra", read, write)
    portfolio.read = counting_session  # type: ignore[method-assign]
    path = write_account_plan(portfolio, acme, tmp_path / "p.xlsx")
    assert sessions == 1
    workbook = load_workbook(path)
    assert workbook.sheetnames[0] == "Summary" and workbook.sheetnames[-1] == "Extra"
    assert [c.value for c in workbook["Extra"][1]] == ["Acme Corp", 3]


@pytest.mark.parametrize("title", ["Summary", "summary", "", "a" * 32, "Q1/Q2", "[x]"])
def test_sheet_titles_are_checked(sheets: list[Any], title: str) -> None:
    with pytest.raises(ValueError):
        register_sheet(title, lambda s, c: None, lambda ws, d, c: None)


# --- file names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Corp", "Account plan - Acme Corp.xlsx"),
        ('Acme: EMEA/APAC <"ops"> | a*b?', "Account plan - Acme EMEA APAC ops a b.xlsx"),
        ("Acme Inc.", "Account plan - Acme Inc.xlsx"),
        ("..\\..\\etc", "Account plan - etc.xlsx"),
        ("tab\there\nnew", "Account plan - tab here new.xlsx"),
        ("???", "Account plan.xlsx"),
        ("", "Account plan.xlsx"),
    ],
)
def test_default_file_name_is_safe(name: str, expected: str) -> None:
    assert account_plan_path_default(name) == Path(expected)


def test_default_file_name_in_a_folder_and_not_too_long(tmp_path: Path) -> None:
    path = account_plan_path_default("Ünïcödé " * 50, tmp_path)
    assert path.parent == tmp_path
    assert path.suffix == ".xlsx"
    assert len(path.name.encode("utf-8")) < 200
