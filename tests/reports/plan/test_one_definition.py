"""One number, one definition: what the Plan tab reads (the domain's reads) is what the
Action Plan, Risks and Renewals sheets and the PDF show, row for row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.plan.actions import load_actions
from cs_planner.domain.plan.renewals import load_renewals
from cs_planner.domain.plan.risks import list_risks
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.storage import Portfolio
from cs_planner.ui.pdf.data import read_plan

TODAY = dt.date(2026, 11, 24)
SHOWCASE = "Meridian Freight Group"


def rows_under(ws, header: int = 4) -> list[tuple]:
    found = []
    for row in ws.iter_rows(min_row=header + 1, values_only=True):
        if row[0] is None:
            break
        found.append(row)
    return found


def test_the_tab_the_sheets_and_the_pdf_read_the_same_rows(
    qapp, portfolio: Portfolio, tmp_path: Path
) -> None:
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    with portfolio.read() as s:
        aid = find_account(s, SHOWCASE)
        tab_actions = load_actions(s, aid, TODAY)
        tab_risks = list_risks(s, aid)
        tab_renewals = load_renewals(s, aid, TODAY)
        pdf = read_plan(s, aid, TODAY)
    workbook = load_workbook(write_account_plan(portfolio, aid, tmp_path / "p.xlsx", today=TODAY))

    sheet = rows_under(workbook["Action Plan"])
    tab = [(a.title, a.owner_name, a.status.label, a.serves_text) for a in tab_actions.rows]
    assert tab and any(a[3] for a in tab) and any("(customer)" in a[1] for a in tab)
    assert sorted((r[0], r[1] or "", r[3], r[5] or "") for r in sheet) == sorted(tab)
    assert sorted((a.title, a.owner_name) for a in pdf.actions) == sorted(t[:2] for t in tab)

    risks = workbook["Risks"]
    sheet = rows_under(risks, next(c.row for c in risks["A"] if c.value == "Risk"))
    tab_r = [
        (r.values.description, r.owner, r.values.likelihood, r.values.impact) for r in tab_risks
    ]
    assert tab_r and sorted((r[0], r[7] or "", r[2], r[3]) for r in sheet) == sorted(tab_r)
    assert [r.id for r in pdf.risks] == [
        r.id for r in sorted(tab_risks, key=lambda r: not r.is_open)
    ]

    renewals = workbook["Renewals"]
    assert renewals["A2"].value == tab_renewals.life.sentence
    assert len(rows_under(renewals)) == len(tab_renewals.records)
