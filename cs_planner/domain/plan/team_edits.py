"""Every change to our team on an account, Qt-free: add someone from the portfolio's team,
change their role here or what they own, remove them. The CSM, the executive sponsor and
the allocated CSAs are on the team through the account and the allocations: editing one of
them adds a row that says more; removing them is done where they were set."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Delete, Edit, Insert, Update
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import AccountTeamMember, TeamMember
from cs_planner.domain.plan.actions import get_account
from cs_planner.domain.plan.team import TeamRow, TeamValues

GONE = "That person is no longer on the account's team (an undo may have removed them)."


def new_member(
    session: Session, account_id: int, member_id: int, values: TeamValues
) -> AccountTeamMember:
    get_account(session, account_id)
    person = session.get(TeamMember, member_id)
    if person is None:
        raise ValidationError("That team member no longer exists.", "team_member_id")
    clash = session.scalar(
        select(AccountTeamMember.id).where(
            AccountTeamMember.account_id == account_id,
            AccountTeamMember.team_member_id == member_id,
        )
    )
    if clash is not None:
        raise ValidationError(f"{person.name} is on the team already.", "team_member_id")
    return AccountTeamMember(
        account_id=account_id,
        team_member_id=member_id,
        role=values.role,
        responsibility=values.responsibility.strip(),
    )


def update_member(session: Session, row_id: int, values: TeamValues) -> TeamValues:
    row = session.get(AccountTeamMember, row_id)
    if row is None:
        raise ValidationError(GONE)
    before = TeamValues(row.role, row.responsibility)
    row.role, row.responsibility = values.role, values.responsibility.strip()
    session.flush()
    return before


def add_member(
    account_id: int, member_id: int, name: str, values: TeamValues
) -> Insert[AccountTeamMember]:
    return Insert(
        f"Add {name} to the account's team",
        lambda s: new_member(s, account_id, member_id, values),
        Changes.account(account_id),
    )


def change_member(account_id: int, row: TeamRow, values: TeamValues) -> Edit:
    """Change someone's role or what they own; someone on the team through the account or an
    allocation gets a row of their own."""
    text = f"Change {row.name}'s part on the account"
    if row.row_id is None:
        return Insert(
            text,
            lambda s: new_member(s, account_id, row.member_id, values),
            Changes.account(account_id),
        )
    return Update(text, update_member, row.row_id, values, Changes.account(account_id))


def remove_member(account_id: int, row: TeamRow) -> Edit:
    """Remove someone added here. The CSM, sponsor and allocated CSAs stay while the
    account or the allocation names them: the error says where to change that."""
    if row.row_id is None or row.why != "Added here":
        raise ValidationError(
            f"{row.name} is on the team as {row.why[0].lower()}{row.why[1:]}: change that on "
            "the Overview tab or the CSAs page."
        )
    return Delete(
        f"Remove {row.name} from the account's team",
        AccountTeamMember,
        [row.row_id],
        Changes.account(account_id),
    )
