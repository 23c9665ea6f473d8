"""What the portfolio already holds that an import matches against: one query per table,
never one per row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.imports.owners import team_index
from cs_planner.domain.model import Account, Division, Stakeholder


@dataclass(frozen=True)
class AccountNow:
    id: int
    name: str
    external_source: str | None
    external_id: str | None
    industry: str
    arr: float
    renewal_date: dt.date | None
    hq_geography: str
    size_band: str
    csm_id: int | None
    parent_id: int | None
    employees: int | None


@dataclass(frozen=True)
class PersonNow:
    id: int
    account_id: int
    name: str
    title: str
    email: str
    phone: str
    country: str
    division_id: int | None
    reports_to_id: int | None
    external_source: str | None
    external_id: str | None


@dataclass
class Existing:
    accounts: dict[int, AccountNow] = field(default_factory=dict)
    people: dict[int, PersonNow] = field(default_factory=dict)
    divisions: dict[tuple[int, str], int] = field(default_factory=dict)  # (account, name)
    team: dict[str, int] = field(default_factory=dict)  # casefolded name or e-mail -> id


def load_existing(session: Session) -> Existing:
    found = Existing()
    for row in session.execute(
        select(
            Account.id,
            Account.name,
            Account.external_source,
            Account.external_id,
            Account.industry,
            Account.arr,
            Account.renewal_date,
            Account.hq_geography,
            Account.size_band,
            Account.csm_id,
            Account.parent_id,
            Account.employees,
        )
    ):
        found.accounts[row.id] = AccountNow(**row._mapping)
    for person in session.execute(
        select(
            Stakeholder.id,
            Stakeholder.account_id,
            Stakeholder.name,
            Stakeholder.title,
            Stakeholder.email,
            Stakeholder.phone,
            Stakeholder.country,
            Stakeholder.division_id,
            Stakeholder.reports_to_id,
            Stakeholder.external_source,
            Stakeholder.external_id,
        )
    ):
        found.people[person.id] = PersonNow(**person._mapping)
    for division_id, account_id, name in session.execute(
        select(Division.id, Division.account_id, Division.name)
    ):
        found.divisions[(account_id, name.casefold())] = division_id
    found.team = team_index(session)
    return found
