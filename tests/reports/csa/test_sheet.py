"""The account plan's "CSA Allocation" sheet, written and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.csa.edits import new_allocation, new_csa
from cs_planner.domain.csa.rows import AllocationValues, CsaValues
from cs_planner.domain.enums import AllocationPhase, Funding
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)
D = dt.date


def test_sheet_lists_hours_cost_and_billable_revenue(
    portfolio: Portfolio, acme: int, tmp_path: Path
) -> None:
    with portfolio.session() as s:
        ada = new_csa(s, CsaValues("Ada Brennan", capacity_hours_per_week=40, bill_rate=200))
        s.flush()
        other = create_account(s, "Other Co", 1_000)
        # Mon 2026-11-30 to Fri 2026-12-11: 10 weekdays; half time = 40 hours.
        new_allocation(s, AllocationValues(ada.id, acme, D(2026, 11, 30), D(2026, 12, 11), 0.5))
        # One week, a quarter of the time, paid by the vendor: 10 hours, not billed.
        new_allocation(
            s,
            AllocationValues(
                ada.id,
                acme,
                D(2027, 1, 4),
                D(2027, 1, 8),
                0.25,
                phase=AllocationPhase.PRESALES,
                funding=Funding.VENDOR_UNDERWRITTEN,
            ),
        )
        new_allocation(s, AllocationValues(ada.id, other, D(2027, 1, 4), D(2027, 1, 8), 1.0))
    path = write_account_plan(portfolio, acme, tmp_path / "plan.xlsx", today=TODAY)
    ws = load_workbook(path)["CSA Allocation"]
    assert ws["A1"].value == "CSA allocation · Acme Corp"
    header = [c.value for c in ws[5]]
    assert header == [
        "CSA",
        "Use case",
        "Phase",
        "Funding",
        "Requested by",
        "Time",
        "Start",
        "End",
        "Hours",
        "Rate",
        "Cost",
        "Billable revenue",
    ]
    first, second, total = ([c.value for c in ws[r]] for r in (6, 7, 8))
    assert first[0] == "Ada Brennan" and first[3] == "Chargeable"
    assert first[5] == 0.5 and ws["F6"].number_format == "0%"
    assert first[6].date() == D(2026, 11, 30)
    assert first[8:] == [40, 200, 8_000, 8_000]
    assert second[2:4] == ["Pre-sales diagnostic", "Vendor-underwritten"]
    assert second[8:] == [10, 200, 2_000, 0]
    assert total[0] == "Total"
    assert total[8] == "=SUM(I6:I7)" and total[11] == "=SUM(L6:L7)"
    assert ws["K6"].number_format == '"€"#,##0'  # the portfolio's currency
    assert ws.max_row == 8  # the other account's allocation is not here


def test_sheet_without_allocations_says_so(portfolio: Portfolio, acme: int, tmp_path: Path):
    path = write_account_plan(portfolio, acme, tmp_path / "plan.xlsx", today=TODAY)
    ws = load_workbook(path)["CSA Allocation"]
    assert ws["A5"].value == "No CSA is allocated to this account."
