"""The portfolio CSA workbook, written and read back: load grid with conditional formatting,
per-CSA figures, revenue by month and quarter, warnings and coverage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.csa.edits import new_allocation, new_csa
from cs_planner.domain.csa.rows import AllocationValues, CsaValues
from cs_planner.domain.enums import AllocationPhase, Funding, RequestedBy, Tier
from cs_planner.reports.csa.workbook import write_csa_workbook
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)
D = dt.date


@pytest.fixture
def workbook_path(portfolio: Portfolio, tmp_path: Path) -> Path:
    with portfolio.session() as s:
        ada = new_csa(s, CsaValues("Ada Brennan", bill_rate=200))
        rui = new_csa(s, CsaValues("Rui Santos"))
        s.flush()
        kestrel = create_account(s, "Kestrel", 10_000)
        create_account(s, "Lonely Top", 10_000, tier_override=Tier.TOP)
        # Ada: full time in November and December 2026 on Kestrel.
        new_allocation(s, AllocationValues(ada.id, kestrel, D(2026, 11, 2), D(2026, 12, 31), 1.0))
        # ...plus a quarter for two December weeks: over 100%.
        new_allocation(s, AllocationValues(ada.id, kestrel, D(2026, 12, 7), D(2026, 12, 18), 0.25))
        # Rui: half time pre-sales for Sales, vendor-paid, over the whole period.
        new_allocation(
            s,
            AllocationValues(
                rui.id,
                kestrel,
                D(2026, 11, 1),
                D(2027, 4, 30),
                0.5,
                phase=AllocationPhase.PRESALES,
                funding=Funding.VENDOR_UNDERWRITTEN,
                requested_by=RequestedBy.SALES,
            ),
        )
    return write_csa_workbook(portfolio, tmp_path / "csa", today=TODAY)


def rows(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_sheets_and_the_file_name(workbook_path: Path) -> None:
    assert workbook_path.name == "csa.xlsx"
    workbook = load_workbook(workbook_path)
    assert workbook.sheetnames == ["Load", "CSAs", "Revenue", "Warnings"]


def test_load_grid_with_conditional_formatting(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["Load"]
    grid = rows(ws)
    header = next(r for r in grid if r[0] == "CSA")
    # The whole months the period (Mon 23 Nov 2026 to Sun 23 May 2027) touches.
    assert header[2:] == [
        "Nov 2026",
        "Dec 2026",
        "Jan 2027",
        "Feb 2027",
        "Mar 2027",
        "Apr 2027",
        "May 2027",
    ]
    assert ws["B3"].value.startswith("Mon 23 Nov 2026 to Sun 23 May 2027 (the 26 weeks from")
    ada = next(r for r in grid if r[0] == "Ada Brennan")
    # November from the 2nd: every weekday; December: 23 weekdays, 10 of them at 125%.
    assert ada[2] == pytest.approx(1.0)
    assert ada[3] == pytest.approx((23 + 10 * 0.25) / 23)
    assert ada[4] == 0
    rui = next(r for r in grid if r[0] == "Rui Santos")
    assert rui[2:] == pytest.approx([0.5] * 6 + [0])
    ranges = {str(cf.sqref): [r.operator for r in cf.rules] for cf in ws.conditional_formatting}
    ((where, operators),) = ranges.items()
    assert where.startswith("C7:I") and where.endswith("8")
    # The heatmap's bands: over, idle, under half, 90-100%, 50-89%.
    assert operators == ["greaterThan", "equal", "lessThan", "greaterThanOrEqual", "greaterThan"]
    fills = [r.dxf.fill.fgColor.rgb[-6:] for cf in ws.conditional_formatting for r in cf.rules]
    assert fills == ["F4C7C3", "F5F5F5", "E3F2FD", "9CCC65", "DCEDC8"]


def test_per_csa_figures(workbook_path: Path) -> None:
    grid = rows(load_workbook(workbook_path)["CSAs"])
    header = next(r for r in grid if r[0] == "CSA")
    ada = dict(zip(header, next(r for r in grid if r[0] == "Ada Brennan"), strict=True))
    rui = dict(zip(header, next(r for r in grid if r[0] == "Rui Santos"), strict=True))
    # The period starts on Mon 23 Nov: Nov 23 - Dec 31 is 29 weekdays full time (232 h)
    # + 10 days at a quarter (20 h); 26 weeks of 40 hours is 1,040 hours of capacity.
    assert ada["Capacity hours"] == 1040
    assert ada["Allocated hours"] == 252 and ada["Chargeable hours"] == 252
    assert ada["Billable revenue"] == 252 * 200
    assert ada["Peak week"] == pytest.approx(1.25)
    assert ada["Target"] == pytest.approx(0.7)
    assert ada["Chargeable ÷ capacity"] == pytest.approx(252 / 1040)
    assert ada["Chargeable ÷ allocated"] == pytest.approx(1.0)
    assert rui["Chargeable ÷ capacity"] == 0 and rui["Billable revenue"] == 0
    assert rui["Chargeable ÷ allocated"] == 0
    # Rui: half time until Fri 30 Apr, 115 of the period's 130 weekdays.
    assert rui["Pre-sales share"] == pytest.approx(0.5 * 115 / 130)
    assert rui["Vendor-underwritten hours"] == rui["Allocated hours"]
    assert rui["Warnings"] == 1 and ada["Warnings"] == 1


def test_revenue_by_month_and_quarter(workbook_path: Path) -> None:
    grid = rows(load_workbook(workbook_path)["Revenue"])
    ada_rows = [r for r in grid if r[0] == "Ada Brennan"]
    by_month, by_quarter = ada_rows
    assert by_month[1:3] == [21 * 8 * 200, (23 * 8 + 20) * 200]
    assert by_month[8] == "=SUM(B7:H7)"
    assert by_quarter[1:3] == [(21 * 8 + 23 * 8 + 20) * 200, 0]
    quarters = next(r for r in grid if r[0] == "CSA" and r[1] == "2026 Q4")
    assert quarters[1:4] == ["2026 Q4", "2027 Q1", "2027 Q2"]


def test_warnings_and_coverage(workbook_path: Path) -> None:
    grid = rows(load_workbook(workbook_path)["Warnings"])
    kinds = {(r[0], r[1]) for r in grid if r[0] in ("Ada Brennan", "Rui Santos")}
    assert kinds == {("Ada Brennan", "Over-allocated"), ("Rui Santos", "Pre-sales pull")}
    gaps = [r for r in grid if r[0] == "Lonely Top"]
    assert gaps[0][1] == "Top tier, no CSA"


def test_empty_portfolio(portfolio: Portfolio, tmp_path: Path) -> None:
    path = write_csa_workbook(portfolio, tmp_path / "empty.xlsx", today=TODAY)
    workbook = load_workbook(path)
    assert "No CSAs in the roster." in [c.value for c in workbook["Load"]["A"]]
