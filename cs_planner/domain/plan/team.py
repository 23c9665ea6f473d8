"""Our team on the account: the CSM and executive sponsor set on the account, the CSAs
allocated to it now, and the people added here (``account_team``: an AE, a support lead,
anyone), each with their role here, what they own in the plan, and how many open actions
they own. One select per table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.people import people
from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.model import AccountTeamMember, ActionItem, CsaAllocation
from cs_planner.domain.plan.actions import OPEN, Choice, get_account


@dataclass(frozen=True)
class TeamValues:
    role: TeamRole
    responsibility: str = ""


@dataclass(frozen=True)
class TeamRow:
    member_id: int
    name: str
    values: TeamValues
    why: str  # how they came to be on the team: "CSM of the account", "Added here"...
    open_actions: int
    row_id: int | None  # the account_team row saying more about them, if any
    retired: bool = False

    @property
    def role(self) -> TeamRole:
        return self.values.role

    @property
    def responsibility(self) -> str:
        return self.values.responsibility

    @property
    def id(self) -> int:  # ListPanel selects rows by ``id``
        return self.member_id


@dataclass(frozen=True)
class AccountTeam:
    account_id: int
    account_name: str
    rows: tuple[TeamRow, ...]
    candidates: tuple[Choice, ...]  # active people not on the team yet: (label, member id)


def _implied(
    session: Session, account_id: int, csm_id: int | None, sponsor_id: int | None, today: dt.date
) -> dict[int, tuple[TeamRole, str]]:
    """Who is on the team without a row, and why (the first reason wins)."""
    found: dict[int, tuple[TeamRole, str]] = {}
    if csm_id is not None:
        found[csm_id] = (TeamRole.CSM, "CSM of the account")
    if sponsor_id is not None:
        found.setdefault(sponsor_id, (TeamRole.EXECUTIVE_SPONSOR, "Executive sponsor"))
    allocations = session.execute(
        select(CsaAllocation.csa_id, func.max(CsaAllocation.end_date))
        .where(CsaAllocation.account_id == account_id, CsaAllocation.end_date >= today)
        .group_by(CsaAllocation.csa_id)
    )
    for csa_id, until in allocations:
        found.setdefault(csa_id, (TeamRole.CSA, f"CSA allocated until {until:%d %b %Y}"))
    return found


def open_actions_by_owner(session: Session, account_id: int) -> dict[int, int]:
    query = (
        select(ActionItem.owner_id, func.count())
        .where(
            ActionItem.account_id == account_id,
            ActionItem.owner_id.is_not(None),
            ActionItem.status.in_(OPEN),
        )
        .group_by(ActionItem.owner_id)
    )
    return {owner: n for owner, n in session.execute(query) if owner is not None}


def team_rows(
    everyone: list[Person],
    implied: dict[int, tuple[TeamRole, str]],
    added: list[tuple[int, int, TeamRole, str]],
    counts: dict[int, int],
) -> list[TeamRow]:
    """The team in one list (pure): a row on ``account_team`` says more about an implied
    member; ordered by role as TeamRole lists them, then name."""
    by_id = {p.id: p for p in everyone}
    rows: dict[int, TeamRow] = {}
    for member_id, (role, why) in implied.items():
        if member_id in by_id:
            person = by_id[member_id]
            rows[member_id] = TeamRow(
                member_id,
                person.name,
                TeamValues(role),
                why,
                counts.get(member_id, 0),
                None,
                person.retired,
            )
    for row_id, member_id, role, responsibility in added:
        found = by_id.get(member_id)
        if found is None:
            continue
        person = found
        why = rows[member_id].why if member_id in rows else "Added here"
        rows[member_id] = TeamRow(
            member_id,
            person.name,
            TeamValues(role, responsibility),
            why,
            counts.get(member_id, 0),
            row_id,
            person.retired,
        )
    order = list(TeamRole)
    return sorted(rows.values(), key=lambda r: (order.index(r.role), r.name.casefold()))


def load_team(session: Session, account_id: int, today: dt.date) -> AccountTeam:
    account = get_account(session, account_id)
    everyone = people(session)
    implied = _implied(session, account_id, account.csm_id, account.executive_sponsor_id, today)
    t = AccountTeamMember
    added = [
        (i, m, role, text)
        for i, m, role, text in session.execute(
            select(t.id, t.team_member_id, t.role, t.responsibility).where(
                t.account_id == account_id
            )
        )
    ]
    rows = team_rows(everyone, implied, added, open_actions_by_owner(session, account_id))
    on_team = {r.member_id for r in rows}
    candidates = tuple(
        Choice(f"{p.name} ({p.role.short_label})", p.id)
        for p in everyone
        if not p.retired and p.id not in on_team
    )
    return AccountTeam(account_id, account.name, tuple(rows), candidates)
