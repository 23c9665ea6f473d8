"""The org chart the preview draws: an existing account's people with the import's
updates, new people and reporting lines laid over them, before anything is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from cs_planner.demo import generate
from cs_planner.domain.imports.planned_map import chart_accounts, planned_people
from cs_planner.domain.model import Account
from cs_planner.domain.relationships.queries import list_stakeholders
from cs_planner.storage import Portfolio
from tests.imports.helpers import preview, write


def test_an_existing_accounts_chart_with_the_import_laid_over_it(
    portfolio: Portfolio, tmp_path: Path, today: dt.date
) -> None:
    generate(portfolio, accounts=2, today=today)
    with portfolio.read() as session:
        account = session.scalars(select(Account).order_by(Account.id)).first()
        assert account is not None
        now = list_stakeholders(session, account.id)
        name = account.name
    boss = now[0]
    lines = [
        "Name,Email,Title,Manager",
        f"{boss.name},{boss.email},Chief Renamed Officer,",
        f"New Hire,new.hire@example.com,Analyst,{boss.name}",
        "Other Place,other@example.com,CEO,",
    ]
    path = write(tmp_path, "c.csv", "\n".join(lines) + "\n")
    plan = preview(portfolio, contacts=path, account=name)
    accounts = chart_accounts(plan)
    assert [a.name for a in accounts] == [name]
    people, touched = planned_people(plan, accounts[0], now)
    by_name = {p.name: p for p in people}
    assert len(people) == len(now) + 2  # two new people; the boss is updated
    assert by_name[boss.name].title == "Chief Renamed Officer"
    assert by_name["New Hire"].id < 0 and by_name["New Hire"].reports_to_id == boss.id
    assert touched == {boss.id, by_name["New Hire"].id, by_name["Other Place"].id}
    # Nothing was written.
    with portfolio.read() as session:
        assert len(list_stakeholders(session, accounts[0].account_id or 0)) == len(now)
