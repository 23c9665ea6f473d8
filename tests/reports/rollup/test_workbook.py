"""The portfolio roll-up workbook, written and read back with openpyxl: every Accounts
column, totals formulas evaluated from the cells they reference, segments, attention lists,
formula-injection safety and a bad destination."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import (
    BuyingRole,
    Dimension,
    Level,
    ReferenceStatus,
    StakeholderStatus,
    TeamRole,
    Tier,
    UseCaseStatus,
)
from cs_planner.domain.model import (
    Account,
    CsaAllocation,
    Opportunity,
    Stakeholder,
    TeamMember,
    UseCase,
)
from cs_planner.reports import ReportError
from cs_planner.reports.rollup.accounts import ACCOUNT_COLUMNS, column_of
from cs_planner.reports.rollup.workbook import rollup_path_default, write_rollup_workbook
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)
EVIL = '=HYPERLINK("http://x","click")'


@pytest.fixture
def filled(portfolio: Portfolio) -> Portfolio:
    """Three accounts: a top-tier one renewing soon with a CSA, a leveraged one whose
    champion left, and a small one with an overdue use case and a hostile name."""
    with portfolio.session() as s:
        ann = TeamMember(name="Ann Lee", role=TeamRole.CSM)
        bob = TeamMember(name="Bob Ray", role=TeamRole.CSM)
        zoe = TeamMember(name="Zoe Kim", role=TeamRole.CSA)
        s.add_all([ann, bob, zoe])
        s.flush()
        big = create_account(
            s,
            "Big Co",
            100_000.0,
            industry="Logistics",
            arr=600_000.0,
            strategic=True,
            renewal_date=TODAY + dt.timedelta(days=20),
            licensed_seats=100,
            active_users=90,
            csm_id=ann.id,
            reference_status=ReferenceStatus.SPEAKER,
        )
        mid = create_account(
            s, "Mid Co", 100_000.0, arr=300_000.0, tier_override=Tier.LEVERAGED, csm_id=bob.id
        )
        small = create_account(s, EVIL, 50_000.0, arr=100_000.0, tier_override=Tier.SCALABLE)
        for account_id, who in ((big, "B"), (mid, "M")):
            for n, level in enumerate(
                (Level.EXECUTIVE, Level.DIRECTOR_VP, Level.MANAGER, Level.END_USER)
            ):
                s.add(
                    Stakeholder(
                        account_id=account_id,
                        name=f"{who} person {n}",
                        level=level,
                        last_contact=TODAY - dt.timedelta(days=10),
                    )
                )
        sponsor = Stakeholder(account_id=big, name="Big sponsor", level=Level.EXECUTIVE)
        sponsor.roles = {BuyingRole.EXECUTIVE_SPONSOR}
        gone = Stakeholder(
            account_id=mid,
            name="Gina Gone",
            level=Level.MANAGER,
            status=StakeholderStatus.LEFT_COMPANY,
        )
        gone.roles = {BuyingRole.CHAMPION}
        s.add_all(
            [
                sponsor,
                gone,
                CsaAllocation(
                    csa_id=zoe.id,
                    account_id=big,
                    fraction=0.5,
                    start_date=dt.date(2026, 1, 1),
                    end_date=dt.date(2027, 12, 31),
                ),
                Opportunity(
                    account_id=big,
                    dimension=Dimension.USERS,
                    title="Seats",
                    acv_uplift=100_000.0,
                    confidence=50,
                    target_quarter=dt.date(2027, 1, 1),
                ),
                UseCase(
                    account_id=small,
                    title="Invoice capture",
                    status=UseCaseStatus.PLANNED,
                    target_quarter=dt.date(2026, 4, 1),
                ),
                UseCase(account_id=small, title="Done", status=UseCaseStatus.ADOPTED),
            ]
        )
    return portfolio


def _write(portfolio: Portfolio, tmp_path: Path):
    path = write_rollup_workbook(portfolio, tmp_path / "rollup", today=TODAY)
    assert path == tmp_path / "rollup.xlsx"
    return load_workbook(path)


def _header_row(ws: Worksheet, first: str) -> int:
    return next(c.row for c in ws["A"] if c.value == first)


def _table(ws: Worksheet, top: int) -> list[dict]:
    headers = [c.value for c in ws[top] if c.value is not None]
    rows = []
    for r in range(top + 1, ws.max_row + 1):
        values = [ws.cell(r, col).value for col in range(1, len(headers) + 1)]
        if values[0] in (None, "Total"):
            break
        rows.append(dict(zip(headers, values, strict=True)))
    return rows


def evaluate(ws: Worksheet, formula: str | float) -> float | str:
    """Evaluate the few formulas the workbook writes from the cells they reference."""

    def cells(ref: str) -> list:
        first, last = ref.split(":")
        return [c.value for row in ws[first:last] for c in row]

    def number(text: str) -> float:
        text = text.strip()
        if re.fullmatch(r"[A-Z]+\d+", text):
            value = ws[text].value
            return evaluate(ws, value) if isinstance(value, str) else (value or 0)
        if m := re.fullmatch(r"SUM\(([A-Z]+\d+:[A-Z]+\d+)\)", text):
            return sum(v or 0 for v in cells(m[1]))
        if m := re.fullmatch(r'SUMIF\(([A-Z0-9:]+),">0",([A-Z0-9:]+)\)', text):
            pairs = zip(cells(m[1]), cells(m[2]), strict=True)
            return sum(b or 0 for a, b in pairs if (a or 0) > 0)
        raise AssertionError(f"unexpected formula part {text}")

    if not isinstance(formula, str):
        return formula  # a value written as is
    body = formula.removeprefix("=")
    if m := re.fullmatch(r'IF\((.+)=0,"",(.+)/(.+)\)', body):
        if number(m[1]) == 0:
            return ""
        return number(m[2]) / number(m[3])
    return number(body)


def test_the_workbook_has_three_sheets_with_title_and_date(filled, tmp_path) -> None:
    wb = _write(filled, tmp_path)
    assert wb.sheetnames == ["Accounts", "Segments", "Attention", "Health"]
    for ws in wb.worksheets:
        assert ws["A2"].value == "Generated" and ws["B2"].value.date() == TODAY
        assert ws["B3"].value == 3
    assert wb.properties.title == "Portfolio roll-up"


def test_accounts_sheet_has_every_column_sorted_by_arr(filled, tmp_path) -> None:
    ws = _write(filled, tmp_path)["Accounts"]
    top = _header_row(ws, "Account")
    assert [c.value for c in ws[top]] == [c.header for c in ACCOUNT_COLUMNS]
    rows = _table(ws, top)
    assert [r["Account"] for r in rows] == ["Big Co", "Mid Co", EVIL]
    big, mid, small = rows
    assert big["Tier"] == "Top" and big["Strategic"] == "Yes" and mid["Strategic"] is None
    assert (big["Stage"], big["CSM"], big["Industry"]) == ("Land", "Ann Lee", "Logistics")
    assert big["Parent account"] is None
    assert (big["CSAs allocated now"], big["CSA FTE"]) == ("Zoe Kim", 0.5)
    assert (big["ARR"], big["Initial deal X"], big["Multiple"]) == (600_000, 100_000, 6.0)
    assert big["Multiple in 8 quarters from today"] == pytest.approx(6.5)
    assert big["Open pipeline (weighted)"] == 50_000
    assert big["Renewal date"].date() == TODAY + dt.timedelta(days=20)
    assert big["Days to renewal"] == 20
    assert big["License utilization"] == pytest.approx(0.9)
    assert (big["Levels covered (of 3)"], big["Single-threaded"]) == (3, None)
    assert (big["Champions"], big["Stale relationships"]) == (0, 0)
    assert mid["Safe switches needed"] == 1 and big["Safe switches needed"] == 0
    assert (small["Use cases adopted"], small["Use cases"], small["Overdue use cases"]) == (
        1,
        2,
        1,
    )
    assert small["Single-threaded"] == "Yes" and small["Levels covered (of 3)"] == 0
    assert big["Reference status"] == "Speaker" and mid["Reference status"] == "Not a reference"
    assert mid["License utilization"] is None  # no licensed seats: no ratio
    money = ws.cell(top + 1, column_of("ARR")).number_format
    assert "$" in money and ws.cell(top + 1, column_of("Multiple")).number_format == '0.0"x"'


def test_accounts_sheet_filters_freezes_and_totals_with_real_formulas(filled, tmp_path) -> None:
    ws = _write(filled, tmp_path)["Accounts"]
    top = _header_row(ws, "Account")
    assert ws.auto_filter.ref == f"A{top}:AB{top + 3}"
    assert ws.freeze_panes == f"B{top + 1}"
    total = top + 4
    assert ws.cell(total, 1).value == "Total"
    headers = [c.header for c in ACCOUNT_COLUMNS]
    expect = {
        "ARR": 1_000_000,
        "Initial deal X": 250_000,
        "Open pipeline (weighted)": 50_000,
        "CSA FTE": 0.5,
        "Safe switches needed": 1,
        "Use cases": 2,
        "Use cases adopted": 1,
        "Overdue use cases": 1,
        "Multiple": 4.0,  # total ARR over the initial deals of the accounts with ARR
    }
    for header, value in expect.items():
        cell = ws.cell(total, headers.index(header) + 1)
        assert cell.data_type == "f", header
        assert evaluate(ws, cell.value) == pytest.approx(value), header
    assert ws.cell(total, headers.index("ARR") + 1).value == f"=SUM(J{top + 1}:J{top + 3})"


def test_user_text_never_becomes_a_formula(filled, tmp_path) -> None:
    wb = _write(filled, tmp_path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == EVIL:
                    assert cell.data_type == "s" and cell.quotePrefix
        formulas = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
        assert all("HYPERLINK" not in c.value for c in formulas)


def _segment_table(ws: Worksheet, heading: str) -> tuple[int, list[dict]]:
    top = next(c.row for c in ws["A"] if c.value == heading) + 1
    return top, _table(ws, top)


def test_segments_add_up_and_their_totals_are_formulas(filled, tmp_path) -> None:
    ws = _write(filled, tmp_path)["Segments"]
    verdict = next(c.value for c in ws["A"] if str(c.value).startswith("The top tier"))
    assert ws.cell(next(c.row for c in ws["A"] if c.value == verdict), 1).font.b
    assert verdict.startswith("The top tier is 33% of accounts and holds 60% of ARR")
    assert "over half" in verdict
    top, tiers = _segment_table(ws, "By tier")
    assert [(t["Tier"], t["Accounts"], t["ARR"]) for t in tiers] == [
        ("Top", 1, 600_000),
        ("Leveraged", 1, 300_000),
        ("Scalable", 1, 100_000),
    ]
    assert [t["Share of ARR"] for t in tiers] == pytest.approx([0.6, 0.3, 0.1])
    assert [t["Mean of the accounts' multiples"] for t in tiers] == pytest.approx([6.0, 3.0, 2.0])
    assert [t["Total ARR ÷ total initial deals"] for t in tiers] == pytest.approx([6.0, 3.0, 2.0])
    total = top + 4
    assert ws.cell(total, 1).value == "Total"
    sums = [evaluate(ws, ws.cell(total, col).value) for col in range(2, 8)]
    # The two multiples, each labelled: 1,000k ÷ 250k of deals = 4.0x; (6 + 3 + 2) ÷ 3.
    assert sums == pytest.approx([3, 1.0, 1_000_000, 1.0, 4.0, 11 / 3])
    _, stages = _segment_table(ws, "By lifecycle stage")
    assert [s["Stage"] for s in stages] == ["Land", "Adopt", "Expand", "Renew"]
    assert stages[0]["Accounts"] == 3 and stages[1]["Mean of the accounts' multiples"] is None
    top, csms = _segment_table(ws, "By CSM")
    assert [(c["CSM"], c["Accounts"], c["Renewals in 90 days"]) for c in csms] == [
        ("Ann Lee", 1, 1),
        ("Bob Ray", 1, 0),
        ("(no CSM)", 1, 0),
    ]
    assert csms[0]["ARR renewing in 90 days"] == 600_000
    assert evaluate(ws, ws.cell(top + 4, 3).value) == pytest.approx(1.0)


def test_attention_lists_say_why_ranked_by_arr(filled, tmp_path) -> None:
    ws = _write(filled, tmp_path)["Attention"]
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    summary = _table(ws, _header_row(ws, "List"))
    assert [(r["List"], r["Accounts"]) for r in summary] == [
        ("Renewals in the next 90 days or past due", 1),
        ("Single-threaded accounts", 1),
        ("Champion left or changed role (safe switch)", 1),
        ("Top-tier accounts without a CSA or a mirrored commitment", 1),
        ("Accounts with overdue use cases", 1),
    ]
    assert "Renewals in the next 90 days or past due: 1 account" in texts

    def section(title: str) -> list[dict]:
        heading = next(c.row for c in ws["A"] if c.value == f"{title}: 1 account")
        return _table(ws, heading + 1)

    renewals = section("Renewals in the next 90 days or past due")
    assert renewals[0]["Account"] == "Big Co" and renewals[0]["ARR"] == 600_000
    assert renewals[0]["Why"] == (
        "Renews in 20 days (2026-12-14); live relationships at 3 of 3 levels."
    )
    assert section("Single-threaded accounts")[0]["Why"].startswith("No stakeholders yet")
    assert section("Champion left or changed role (safe switch)")[0]["Why"] == (
        "Champion Gina Gone left the company: safe switch, re-win whoever holds the seat now."
    )
    top = section("Top-tier accounts without a CSA or a mirrored commitment")[0]
    assert top["Account"] == "Big Co" and "program manager" in top["Why"]
    overdue = section("Accounts with overdue use cases")[0]
    assert overdue["Account"] == EVIL
    assert overdue["Why"].endswith("Invoice capture (due 2026 Q2).")
    why_col = next(c.column for c in ws[_header_row(ws, "Account")] if c.value == "Why")
    assert ws.cell(_header_row(ws, "Account") + 1, why_col).alignment.wrap_text


def test_an_empty_portfolio_says_so(portfolio, tmp_path) -> None:
    wb = _write(portfolio, tmp_path)
    for name in ("Accounts", "Segments"):
        values = [c.value for row in wb[name].iter_rows() for c in row]
        assert "No accounts in this portfolio yet." in values
    values = [c.value for c in wb["Attention"]["A"]]
    assert "No renewal in the next 90 days and none past due." in values


def test_a_bad_destination_is_one_clear_error_and_keeps_the_old_file(filled, tmp_path) -> None:
    with pytest.raises(ReportError, match="does not exist"):
        write_rollup_workbook(filled, tmp_path / "missing" / "r.xlsx", today=TODAY)
    existing = tmp_path / "keep.xlsx"
    existing.write_bytes(b"old")
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(ReportError, match="is a folder"):
        write_rollup_workbook(filled, tmp_path / "folder.xlsx", today=TODAY)
    assert existing.read_bytes() == b"old"


def test_the_default_file_name_carries_the_date() -> None:
    assert rollup_path_default(TODAY) == Path("Portfolio roll-up 2026-11-24.xlsx")
    assert rollup_path_default(TODAY, "/tmp").parent == Path("/tmp")


def test_risky_figures_are_highlighted_with_rules_that_follow_the_values(filled, tmp_path) -> None:
    ws = _write(filled, tmp_path)["Accounts"]
    top = _header_row(ws, "Account")
    headers = [c.header for c in ACCOUNT_COLUMNS]

    def rules(header: str) -> list:
        letter = get_column_letter(headers.index(header) + 1)
        wanted = f"{letter}{top + 1}:{letter}{top + 3}"
        return [r for cf in ws.conditional_formatting if str(cf.sqref) == wanted for r in cf.rules]

    (levels,) = rules("Levels covered (of 3)")
    assert (levels.operator, levels.formula) == ("lessThan", ["3"])
    assert levels.dxf.fill.fgColor.rgb.endswith("F4C7C3")  # red, as on the CSA load grid
    (single,) = rules("Single-threaded")
    assert single.formula == ['"Yes"']
    past, days = rules("Days to renewal")
    assert (past.operator, past.formula) == ("lessThan", ["0"])
    letter = get_column_letter(headers.index("Days to renewal") + 1)
    assert days.formula == [
        f"AND(ISNUMBER({letter}{top + 1}),{letter}{top + 1}>=0,{letter}{top + 1}<=90)"
    ]
    assert days.dxf.fill.fgColor.rgb.endswith("FFE0B2")  # amber
    assert rules("Overdue use cases") and rules("Safe switches needed") and rules("Champions")
    legend = next(c.value for c in ws["A"] if str(c.value).startswith("Red:"))
    assert "Amber: renewal within 90 days" in legend


def test_progress_hears_each_step(filled, tmp_path) -> None:
    steps: list[str] = []
    write_rollup_workbook(filled, tmp_path / "r.xlsx", today=TODAY, progress=steps.append)
    assert steps == [
        "Reading the portfolio...",
        "Writing 3 accounts...",
        "Writing the segments and the attention lists...",
        "Saving r.xlsx...",
    ]


def test_an_account_without_arr_has_no_multiple_and_dilutes_no_average(
    portfolio: Portfolio, tmp_path
) -> None:
    """A new account (no ARR yet) shows no multiple, and the portfolio's multiple and the
    segments' averages count only the accounts that have one."""
    with portfolio.session() as s:
        lee = TeamMember(name="Ann Lee", role=TeamRole.CSM)
        gone = TeamMember(name="Gus Old", role=TeamRole.CSM, retired_on=dt.date(2026, 6, 30))
        s.add_all([lee, gone])
        s.flush()
        create_account(s, "Running", 10_000.0, arr=40_000.0, tier_override=Tier.TOP, csm_id=lee.id)
        create_account(s, "Brand New", 90_000.0, tier_override=Tier.TOP, csm_id=lee.id)
        s.flush()
        s.get(TeamMember, gone.id).retired_on = None  # assigned while active...
        create_account(
            s, "Handed Over", 10_000.0, arr=20_000.0, csm_id=gone.id, tier_override=Tier.LEVERAGED
        )
        s.flush()
        s.get(TeamMember, gone.id).retired_on = dt.date(2026, 6, 30)  # ...retired since
    wb = _write(portfolio, tmp_path)
    ws = wb["Accounts"]
    top = _header_row(ws, "Account")
    rows = {r["Account"]: r for r in _table(ws, top)}
    assert rows["Brand New"]["Multiple"] is None
    assert rows["Brand New"]["Multiple in 8 quarters from today"] is None
    assert rows["Running"]["Multiple"] == 4.0
    assert rows["Handed Over"]["CSM"] == "Gus Old (retired)"
    headers = [c.header for c in ACCOUNT_COLUMNS]
    total = ws.cell(top + 4, headers.index("Multiple") + 1).value
    assert evaluate(ws, total) == pytest.approx(3.0)  # 60k over 20k: the 90k deal has no ARR
    segments = wb["Segments"]
    tiers_top, tiers = _segment_table(segments, "By tier")
    assert tiers[0]["Mean of the accounts' multiples"] == pytest.approx(4.0)  # Running only
    assert tiers[0]["Total ARR ÷ total initial deals"] == pytest.approx(4.0)  # not 40k / 100k
    header = [c.value for c in segments[tiers_top]]
    total_row = {h: segments.cell(tiers_top + 4, i + 1).value for i, h in enumerate(header)}
    assert total_row["Mean of the accounts' multiples"] == pytest.approx(3.0)  # (4 + 2) / 2
    assert total_row["Total ARR ÷ total initial deals"] == pytest.approx(3.0)  # 60k / 20k
    _, csms = _segment_table(segments, "By CSM")
    assert [c["CSM"] for c in csms] == ["Ann Lee", "Gus Old (retired)"]


def test_the_parent_account_is_named(filled, tmp_path) -> None:
    with filled.session() as s:
        ids = dict(s.execute(select(Account.name, Account.id)).all())
        s.get(Account, ids["Mid Co"]).parent_id = ids["Big Co"]
        s.get(Account, ids[EVIL]).parent_id = ids["Mid Co"]
    ws = _write(filled, tmp_path)["Accounts"]
    rows = {r["Account"]: r for r in _table(ws, _header_row(ws, "Account"))}
    assert rows["Mid Co"]["Parent account"] == "Big Co"
    assert rows[EVIL]["Parent account"] == "Mid Co"
    assert rows["Big Co"]["Parent account"] is None
