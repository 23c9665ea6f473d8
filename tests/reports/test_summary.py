"""The executive summary: its objectives, next steps and top risks read from the plan's
tables, in the order a manager reads them, and written on the Summary sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from cs_planner.domain.enums import (
    ActionStatus,
    ObjectiveStatus,
    Priority,
    RiskCategory,
    RiskStatus,
)
from cs_planner.domain.model import ActionItem, Objective, Risk, Stakeholder, TeamMember
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.reports.plan import reads
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 5, 1)


def fill_plan(portfolio: Portfolio, account: int) -> None:
    with portfolio.session() as s:
        ann = s.execute(select(TeamMember).where(TeamMember.name == "Ann Lee")).scalar_one()
        buyer = Stakeholder(account_id=account, name="Rui Santos")
        s.add(buyer)
        s.flush()
        s.add_all(
            [
                Objective(account_id=account, title="Cut close time", position=2,
                          status=ObjectiveStatus.ON_TRACK, measure="Days to close"),
                Objective(account_id=account, title="Done already", position=0,
                          status=ObjectiveStatus.ACHIEVED),
                Objective(account_id=account, title="Grow usage", position=1,
                          target_date=dt.date(2026, 12, 31)),
            ]
        )  # fmt: skip
        steps = [
            ("Later", dt.date(2026, 7, 1), ActionStatus.OPEN),
            ("Undated", None, ActionStatus.IN_PROGRESS),
            ("Finished", dt.date(2026, 4, 1), ActionStatus.DONE),
            ("Soonest", dt.date(2026, 5, 3), ActionStatus.OPEN),
        ]
        for title, due, status in steps:
            s.add(ActionItem(account_id=account, title=title, due_date=due, status=status,
                             owner_id=ann.id, priority=Priority.HIGH))  # fmt: skip
        s.add(ActionItem(account_id=account, title="Theirs", due_date=dt.date(2026, 6, 1),
                         customer_owner_id=buyer.id))  # fmt: skip
        risks = [
            ("Small", 2, 2, RiskStatus.OPEN),
            ("Largest", 4, 5, RiskStatus.OPEN),
            ("Closed", 5, 5, RiskStatus.CLOSED),
            ("Middle", 3, 4, RiskStatus.OPEN),
            ("Least", 1, 1, RiskStatus.OPEN),
        ]
        for text, likelihood, impact, status in risks:
            s.add(Risk(account_id=account, description=text, likelihood=likelihood,
                       impact=impact, status=status, category=RiskCategory.COMMERCIAL,
                       mitigation=f"Handle {text.lower()}", owner_id=ann.id))  # fmt: skip


def test_the_plan_is_read_in_the_order_a_manager_reads_it(portfolio: Portfolio, acme: int) -> None:
    fill_plan(portfolio, acme)
    with portfolio.read() as s:
        objectives = reads.top_objectives(reads.read_objectives(s, acme))
        steps = reads.next_steps(reads.read_actions(s, acme, TODAY).rows)
        risks = reads.top_risks(reads.read_risks(s, acme))
    # Open objectives first, in the plan's order; an achieved one last.
    assert [o.title for o in objectives] == ["Grow usage", "Cut close time", "Done already"]
    assert objectives[1].measured_by == "Days to close"
    # Open and in-progress actions by due date, undated last; done ones left out.
    assert [s.title for s in steps] == ["Soonest", "Theirs", "Later", "Undated"]
    assert steps[0].owner_name == "Ann Lee" and steps[0].priority.label == "High"
    assert steps[1].owner_name == "Rui Santos (customer)"
    # Open risks by likelihood x impact, three of them.
    assert [(r.values.description, r.exposure) for r in risks] == [
        ("Largest", 20),
        ("Middle", 12),
        ("Small", 4),
    ]
    assert risks[0].owner == "Ann Lee" and risks[0].values.category.label == "Commercial"


def column_a_row(ws: Worksheet, text: str) -> int:
    return next(c.row for c in ws["A"] if c.value == text)


def test_the_summary_sheet_shows_them(portfolio: Portfolio, acme: int, tmp_path: Path) -> None:
    fill_plan(portfolio, acme)
    path = write_account_plan(portfolio, acme, tmp_path / "plan.xlsx", today=TODAY)
    ws = load_workbook(path)["Summary"]
    top = column_a_row(ws, "Next steps") + 1
    assert [c.value for c in ws[top]][:4] == ["Due", "Action", "Owner", "Priority"]
    assert ws.cell(top + 1, 1).value == dt.datetime(2026, 5, 3)
    assert ws.cell(top + 1, 2).value == "Soonest"
    top = column_a_row(ws, "Top risks") + 1
    assert ws.cell(top + 1, 1).value == "4 × 5 = 20"
    assert ws.cell(top + 1, 2).value == "Largest (Commercial)"
    assert ws.cell(top + 1, 3).value == "Handle largest"
    top = column_a_row(ws, "Objectives") + 1
    assert ws.cell(top + 1, 2).value == "Grow usage"
    labels = {c.value: ws.cell(c.row, c.column + 1).value for c in ws["C"] if c.value}
    assert labels["Tier"] == "Top" and labels["Health band"]


def test_an_empty_plan_says_so(portfolio: Portfolio, acme: int, tmp_path: Path) -> None:
    path = write_account_plan(portfolio, acme, tmp_path / "plan.xlsx", today=TODAY)
    ws = load_workbook(path)["Summary"]
    for heading, said in (
        ("Objectives", "No objectives recorded yet."),
        ("Next steps", "No open actions."),
        ("Top risks", "No open risks."),
    ):
        assert ws.cell(column_a_row(ws, heading) + 1, 1).value == said
