"""Our team: the validated writes on people (add, edit, retire, delete only someone nothing
refers to), and who may be chosen for an account's people fields."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain import names
from cs_planner.domain.accounts.people import reference_counts
from cs_planner.domain.accounts.rows import MemberValues, References
from cs_planner.domain.accounts.rules import RATED_ROLES
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, CsaAllocation, TeamMember

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def get_member(session: Session, member_id: int) -> TeamMember:
    person = session.get(TeamMember, member_id)
    if person is None:
        raise ValidationError("That person is no longer on the team (they may have been deleted).")
    return person


def _unique_name(session: Session, name: str, except_id: int | None = None) -> None:
    clash = names.find_clash(session, TeamMember.id, TeamMember.name, name, except_id)
    if clash is not None:
        raise ValidationError(f"Someone called '{clash[1]}' is already on the team.", "name")


def _check_role_change(session: Session, person: TeamMember, role: TeamRole) -> None:
    """A person keeps a role while something needs that role of them."""
    if role == person.role or person.id is None:
        return
    refs = reference_counts(session, person.id).get(person.id, References())
    needs = {
        TeamRole.CSM: [("account", "csm_id")],
        TeamRole.EXECUTIVE_SPONSOR: [("account", "executive_sponsor_id")],
        TeamRole.CSA: [("csa_allocation", "csa_id"), ("use_case", "csa_id")],
    }.get(person.role, [])
    held = References(tuple((key, refs.count(*key)) for key in needs if refs.count(*key)))
    if held.total:
        article, what = {
            TeamRole.CSM: ("a CSM", "choose another CSM for those accounts"),
            TeamRole.EXECUTIVE_SPONSOR: (
                "an executive sponsor",
                "choose another executive sponsor for those accounts",
            ),
            TeamRole.CSA: ("a CSA", "move it to another CSA"),
        }[person.role]
        raise ValidationError(
            f"{person.name} still has work that needs {article} ({held.describe()}): "
            f"{what} before changing the role.",
            "role",
        )


def _assign(session: Session, person: TeamMember, values: MemberValues) -> None:
    if values.role is None:
        raise ValidationError("Choose the person's role.", "role")
    role = TeamRole(values.role)
    person.name = values.name  # first: its message comes first in a dialog
    email = (values.email or "").strip()
    if email and not _EMAIL.fullmatch(email):
        raise ValidationError(f"'{email}' is not an e-mail address (name@company.com).", "email")
    _check_role_change(session, person, role)
    person.role = role
    person.email = email
    person.capacity_hours_per_week = values.capacity_hours_per_week
    rated = role in RATED_ROLES  # a rate means nothing for the other roles
    person.bill_rate = values.bill_rate if rated else None
    person.chargeability_target = values.chargeability_target if rated else None


def new_member(session: Session, values: MemberValues) -> TeamMember:
    """A new person, validated and added to the session (flushed by the caller)."""
    _unique_name(session, values.name)
    person = TeamMember()
    _assign(session, person, values)
    session.add(person)
    return person


def member_values(person: TeamMember) -> MemberValues:
    return MemberValues(
        person.name,
        person.role,
        person.email,
        person.capacity_hours_per_week,
        person.bill_rate,
        person.chargeability_target,
    )


def update_member(session: Session, member_id: int, values: MemberValues) -> MemberValues:
    """Change a person; returns their values as they were (for undo)."""
    person = get_member(session, member_id)
    before = member_values(person)
    _unique_name(session, values.name, member_id)
    _assign(session, person, values)
    session.flush()
    return before


def set_retired(session: Session, member_id: int, retired_on: dt.date | None) -> dt.date | None:
    """Retire a person as of ``retired_on`` (None: active again); returns the date it had
    (for undo). A CSA is retired only once their allocations have ended by that date."""
    person = get_member(session, member_id)
    before = person.retired_on
    if retired_on is not None and person.role == TeamRole.CSA:
        running = session.execute(
            select(Account.name)
            .join(CsaAllocation, CsaAllocation.account_id == Account.id)
            .where(CsaAllocation.csa_id == member_id, CsaAllocation.end_date > retired_on)
            .order_by(Account.name)
        ).scalars()
        names = sorted(set(running), key=str.lower)
        if names:
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            listed = ", ".join(names[:3]) + more
            raise ValidationError(
                f"{person.name} is allocated after {retired_on.isoformat()} ({listed}): "
                "end those allocations or move them to another CSA first.",
                "retired_on",
            )
    person.retired_on = retired_on
    session.flush()
    return before


def check_deletable(session: Session, member_id: int) -> None:
    """Only someone nothing refers to is deleted; anyone else is retired, so accounts,
    allocations and history keep their person."""
    person = get_member(session, member_id)
    refs = reference_counts(session, member_id).get(member_id, References())
    if refs.total:
        raise ValidationError(
            f"{person.name} cannot be deleted ({refs.describe()}). Retire them instead: "
            "they stay in the history and are no longer offered."
        )


def require_assignable(person: TeamMember, role: TeamRole, field: str, what: str) -> None:
    """A person newly chosen for ``what`` has that role and is not retired."""
    if person.role != role:
        raise ValidationError(f"{person.name} is not {what}.", field)
    if person.retired_on is not None:
        raise ValidationError(
            f"{person.name} retired on {person.retired_on.isoformat()}; choose someone active.",
            field,
        )
