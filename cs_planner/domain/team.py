"""Our own team: every person on our side with their role, weekly capacity and (CSAs) bill
rate and chargeability target. Read models, the choices a person drop-down offers, and the
validated edits: add, edit, retire (kept in history, no longer offered) and delete (only
someone nothing refers to)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain import names
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, Base, CsaAllocation, TeamMember

# Roles whose time is billed: a bill rate and a chargeability target apply (DOMAIN.md 5).
RATED_ROLES = frozenset({TeamRole.CSA})
RETIRED_MARK = " (retired)"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

# How the Team page says what refers to a person, by (table, column); a table added later
# that refers to team_member is counted too, under a plain description.
_REFERENCE_WORDS = {
    ("account", "csm_id"): ("CSM of {n} account", "CSM of {n} accounts"),
    ("account", "executive_sponsor_id"): (
        "executive sponsor of {n} account",
        "executive sponsor of {n} accounts",
    ),
    ("csa_allocation", "csa_id"): ("{n} CSA allocation", "{n} CSA allocations"),
    ("use_case", "csa_id"): ("CSA on {n} use case", "CSA on {n} use cases"),
    ("stakeholder", "owner_id"): ("owns {n} relationship", "owns {n} relationships"),
    ("activity", "owner_id"): ("{n} logged activity", "{n} logged activities"),
    ("action_item", "owner_id"): ("owns {n} action item", "owns {n} action items"),
    ("risk", "owner_id"): ("owns {n} risk", "owns {n} risks"),
}


def marked(name: str, retired_on: dt.date | None) -> str:
    """A person's name as lists show it: marked when they are retired."""
    return f"{name}{RETIRED_MARK}" if retired_on is not None and name else name


# --- read models -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberValues:
    """What a user edits on a person. A CSA's rate or target of None means the portfolio
    default; for other roles both are always None."""

    name: str
    role: TeamRole = TeamRole.CSM
    email: str = ""
    capacity_hours_per_week: float = 40.0
    bill_rate: float | None = None
    chargeability_target: float | None = None


@dataclass(frozen=True)
class Person:
    """A person as a drop-down offers them."""

    id: int
    name: str
    role: TeamRole
    retired_on: dt.date | None = None

    @property
    def retired(self) -> bool:
        return self.retired_on is not None

    @property
    def label(self) -> str:
        return marked(self.name, self.retired_on)


@dataclass(frozen=True)
class References:
    """What refers to one person: ((table, column), count) with a count above zero."""

    counts: tuple[tuple[tuple[str, str], int], ...] = ()

    @property
    def total(self) -> int:
        return sum(n for _key, n in self.counts)

    def count(self, table: str, column: str) -> int:
        return next((n for key, n in self.counts if key == (table, column)), 0)

    def describe(self) -> str:
        """ "CSM of 3 accounts, owns 5 relationships" ("" for nothing)."""
        parts = []
        for key, n in self.counts:
            one, many = _REFERENCE_WORDS.get(key, (f"{{n}} {key[0]} row", f"{{n}} {key[0]} rows"))
            parts.append((one if n == 1 else many).format(n=n))
        return ", ".join(parts)


@dataclass(frozen=True)
class MemberRow:
    """One line of the Team page (and of the CSAs page's roster)."""

    id: int
    name: str
    role: TeamRole
    email: str
    capacity: float  # hours a week
    own_rate: float | None
    own_target: float | None
    rate: float | None  # a CSA's own rate, else the portfolio default; None for other roles
    target: float | None
    retired_on: dt.date | None
    accounts: tuple[str, ...]  # as CSM or executive sponsor, or (CSAs) allocated today
    references: References

    @property
    def retired(self) -> bool:
        return self.retired_on is not None

    @property
    def values(self) -> MemberValues:
        return MemberValues(
            self.name, self.role, self.email, self.capacity, self.own_rate, self.own_target
        )

    @property
    def person(self) -> Person:
        return Person(self.id, self.name, self.role, self.retired_on)


def people(session: Session) -> list[Person]:
    """Everyone, retired included (a choice already made keeps its person), by name."""
    t = TeamMember
    query = select(t.id, t.name, t.role, t.retired_on).order_by(func.lower(t.name), t.id)
    return [Person(r.id, r.name, r.role, r.retired_on) for r in session.execute(query)]


def choices(
    everyone: Sequence[Person],
    roles: Collection[TeamRole] | None,
    current: int | None = None,
    none: str | None = "(none)",
    *,
    show_role: bool = False,
) -> list[tuple[str, int | None]]:
    """(label, id) for a drop-down: the active people of ``roles`` (None: any role), plus
    the ``current`` choice even when retired or in another role, marked as such."""
    items: list[tuple[str, int | None]] = [] if none is None else [(none, None)]
    for p in everyone:
        fits = roles is None or p.role in roles
        if (fits and not p.retired) or p.id == current:
            label = p.label
            if show_role or not fits:
                label = f"{p.name} ({p.role.short_label})" + (RETIRED_MARK if p.retired else "")
            items.append((label, p.id))
    return items


def reference_counts(session: Session, person_id: int | None = None) -> dict[int, References]:
    """What refers to each person (or to one), from every table with a reference to
    team_member: one grouped count per referring column, never a query per person."""
    found: dict[int, list[tuple[tuple[str, str], int]]] = defaultdict(list)
    for table in Base.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            if fk.column.table.name != TeamMember.__tablename__:
                continue
            column = fk.parent
            query = select(column, func.count()).where(column.is_not(None)).group_by(column)
            if person_id is not None:
                query = query.where(column == person_id)
            for member_id, n in session.execute(query):
                found[member_id].append(((table.name, column.name), n))
    order = list(_REFERENCE_WORDS)
    return {
        member_id: References(
            tuple(sorted(counts, key=lambda c: order.index(c[0]) if c[0] in order else 99))
        )
        for member_id, counts in found.items()
    }


def read_team(session: Session, today: dt.date) -> list[MemberRow]:
    """Everyone with the accounts they own and what refers to them (a handful of queries
    whatever the team's size)."""
    from cs_planner.domain.portfolio import get_settings  # portfolio imports this module

    settings = get_settings(session)
    owned: dict[int, set[str]] = defaultdict(set)
    for column in (Account.csm_id, Account.executive_sponsor_id):
        for member_id, account in session.execute(
            select(column, Account.name).where(column.is_not(None))
        ):
            owned[member_id].add(account)
    for member_id, account in session.execute(
        select(CsaAllocation.csa_id, Account.name)
        .join(Account, Account.id == CsaAllocation.account_id)
        .where(CsaAllocation.start_date <= today, CsaAllocation.end_date >= today)
    ):
        owned[member_id].add(account)
    references = reference_counts(session)
    t = TeamMember
    rows = session.execute(
        select(
            t.id,
            t.name,
            t.role,
            t.email,
            t.capacity_hours_per_week,
            t.bill_rate,
            t.chargeability_target,
            t.retired_on,
        ).order_by(func.lower(t.name), t.id)
    )
    result = []
    for r in rows:
        rated = r.role in RATED_ROLES
        result.append(
            MemberRow(
                id=r.id,
                name=r.name,
                role=r.role,
                email=r.email or "",
                capacity=r.capacity_hours_per_week or 0.0,
                own_rate=r.bill_rate,
                own_target=r.chargeability_target,
                rate=(settings.default_csa_rate if r.bill_rate is None else r.bill_rate)
                if rated
                else None,
                target=(
                    settings.chargeability_target
                    if r.chargeability_target is None
                    else r.chargeability_target
                )
                if rated
                else None,
                retired_on=r.retired_on,
                accounts=tuple(sorted(owned.get(r.id, ()), key=str.lower)),
                references=references.get(r.id, References()),
            )
        )
    return result


# --- edits -----------------------------------------------------------------------------------


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
