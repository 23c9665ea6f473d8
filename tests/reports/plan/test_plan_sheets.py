"""The plan's sheets of the account plan (Action Plan, Risks, Renewals), read back with
openpyxl, and recomputed by LibreOffice where they hold formulas."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from cs_planner.demo import generate
from cs_planner.domain.enums import ActionStatus, RenewalOutcome, RiskStatus
from cs_planner.domain.model import Account, ActionItem, Renewal, Risk, TeamMember
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.storage import open_portfolio

TODAY = dt.date(2026, 11, 24)
SHOWCASE = "Meridian Freight Group"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("plan-sheets")
    portfolio = open_portfolio(folder / "demo.csplan")
    try:
        generate(portfolio, accounts=12, seed=7, today=TODAY)
        with portfolio.read() as s:
            account = s.scalar(select(Account.id).where(Account.name == SHOWCASE))
            facts = {
                "actions": s.scalars(select(ActionItem).where(ActionItem.account_id == account))
                .unique()
                .all(),
                "risks": s.scalars(select(Risk).where(Risk.account_id == account)).all(),
                "renewals": s.scalars(select(Renewal).where(Renewal.account_id == account)).all(),
                "team": s.scalars(
                    select(TeamMember.name).where(TeamMember.retired_on.is_(None))
                ).all(),
            }
            facts = {
                "actions": [(a.title, a.status, a.due_date) for a in facts["actions"]],
                "risks": [
                    (r.description, r.likelihood, r.impact, r.status) for r in facts["risks"]
                ],
                "renewals": [
                    (r.renewed_on, r.arr_before, r.arr_after, r.outcome) for r in facts["renewals"]
                ],
                "team": list(facts["team"]),
            }
        path = write_account_plan(portfolio, account, folder / "plan.xlsx", today=TODAY)
    finally:
        portfolio.close()
    return path, facts


def _table(ws, top: int = 4) -> list[tuple]:
    rows = []
    for row in ws.iter_rows(min_row=top + 1, values_only=True):
        if row[0] is None:
            break
        rows.append(row)
    return rows


def test_the_sheets_follow_value(plan) -> None:
    names = load_workbook(plan[0], read_only=True).sheetnames
    assert names[names.index("Value") + 1 :][:3] == ["Action Plan", "Risks", "Renewals"]


def test_action_plan_lists_every_action_open_first_with_drop_downs(plan) -> None:
    path, facts = plan
    ws = load_workbook(path)["Action Plan"]
    assert [c.value for c in ws[4]][:7] == [
        "Action",
        "Owner",
        "Due",
        "Status",
        "Priority",
        "Serves",
        "Done on",
    ]
    rows = _table(ws)
    assert Counter(r[0] for r in rows) == Counter(a[0] for a in facts["actions"])
    closed = {ActionStatus.DONE.label, ActionStatus.CANCELLED.label}
    states = [r[3] in closed for r in rows]
    assert states == sorted(states), "open actions come first"
    open_dues = [r[2] for r in rows if r[3] not in closed and r[2] is not None]
    assert open_dues == sorted(open_dues) and all(isinstance(d, dt.datetime) for d in open_dues)
    # The filter takes in H, the hidden record ids, so a sort keeps each id on its row.
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref.startswith("A4:H")
    assert ws.column_dimensions["H"].hidden and ws["H4"].value == "Record id (cs_planner)"
    lists = {str(v.sqref).split(":")[0][0]: v.formula1 for v in ws.data_validations.dataValidation}
    assert lists["D"] == '"Open,In progress,Done,Dropped"'
    owners_source = lists["B"]  # the owners sit in a hidden column of the sheet
    column = owners_source.split("!$")[1][0]
    assert ws.column_dimensions[column].hidden
    listed = {ws[f"{column}{n}"].value for n in range(2, ws.max_row + 1)}
    assert set(facts["team"]) <= listed  # our active team, retired people left out
    assert any(str(name).endswith("(customer)") for name in listed)
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert any("TODAY()" in f for r in rules for f in r.formula)


def test_risks_have_live_exposure_and_a_heat_grid(plan) -> None:
    path, facts = plan
    ws = load_workbook(path)["Risks"]
    top = next(c.row for c in ws["A"] if c.value == "Risk")  # under the heat grid
    assert top > next(c.row for c in ws["A"] if c.value == "Open risks by likelihood and impact")
    assert ws.print_title_rows == f"${top}:${top}"  # the register's header on every page
    rows = _table(ws, top)
    assert len(rows) == len(facts["risks"])
    for n, row in enumerate(rows, start=top + 1):
        assert row[4] == f"=C{n}*D{n}"
    exposures = [r[2] * r[3] for r in rows if r[5] == RiskStatus.OPEN.label]
    assert exposures == sorted(exposures, reverse=True), "most exposed open risks first"
    grid = [c for row in ws.iter_rows() for c in row if str(c.value).startswith("=COUNTIFS")]
    assert len(grid) == 25


def test_renewals_count_from_records(plan) -> None:
    path, facts = plan
    ws = load_workbook(path)["Renewals"]
    rows = _table(ws)
    assert [r[0].date() for r in rows] == sorted(r[0] for r in facts["renewals"])
    renewed = sum(1 for r in facts["renewals"] if r[3] != RenewalOutcome.CHURNED)
    assert ws["A2"].value.startswith("Customer for ")
    assert ws["A2"].value.endswith(f"{renewed} renewal{'s' if renewed != 1 else ''}")


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: the formulas cannot be recomputed here.",
)
def test_libreoffice_recomputes_the_grid_and_the_changes(plan, tmp_path: Path) -> None:
    path, facts = plan
    office = shutil.which("soffice")
    argv = [office, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless"]
    argv += ["--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(path)]
    subprocess.run(argv, check=True, capture_output=True, timeout=300)
    workbook = load_workbook(tmp_path / "out" / path.name, data_only=True)
    ws = workbook["Risks"]
    counted = Counter((r[1], r[2]) for r in facts["risks"] if r[3] == RiskStatus.OPEN)
    grid_top = next(c.row for c in ws["A"] if c.value == "Open risks by likelihood and impact")
    for step, impact in enumerate(range(5, 0, -1)):
        for likelihood in range(1, 6):
            cell = ws.cell(grid_top + 2 + step, 1 + likelihood)
            assert cell.value == counted[(likelihood, impact)]
    renewals = _table(workbook["Renewals"])
    for row, record in zip(renewals, sorted(facts["renewals"]), strict=True):
        assert row[4] == pytest.approx(record[2] - record[1])
    today = dt.date.today()
    open_ones = [
        a for a in facts["actions"] if a[1] not in (ActionStatus.DONE, ActionStatus.CANCELLED)
    ]
    late = sum(1 for a in open_ones if a[2] is not None and a[2] < today)
    assert workbook["Action Plan"]["A2"].value.startswith(f"{len(open_ones)} open, {late} overdue")
