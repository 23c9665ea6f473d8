"""The Value sheet's value messages: each audience's, as edited on the tab or drafted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from cs_planner.demo import generate, story
from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.enums import Audience
from cs_planner.domain.model import ValueMessage
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.storage import open_portfolio

TODAY = dt.date(2026, 11, 24)


def test_messages_as_edited_or_drafted(tmp_path: Path) -> None:
    portfolio = open_portfolio(tmp_path / "demo.csplan")
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    with portfolio.session() as s:
        account = find_account(s, story.NAME)
        s.add(ValueMessage(account_id=account, audience=Audience.END_USER, text="Our own words"))
    path = write_account_plan(portfolio, account, tmp_path / "plan.xlsx", today=TODAY)
    portfolio.close()
    ws = load_workbook(path)["Value"]
    top = next(c.row for c in ws["A"] if c.value == "Value messages")
    said = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(top + 2, top + 5)}
    assert said["End user"] == "Our own words"
    assert said["Department head (draft)"].startswith(f"{story.NAME} realises $")
    assert "Technical buyer (draft)" in said
