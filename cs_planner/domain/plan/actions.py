"""The action plan of one account: who does what by when, and what it serves. Rows read in
one select per table (never a query per action), the choices its editors offer (owners on
our side and at the customer, what an action can serve), and the pure rules the filters
use (open, overdue, due this month, mine)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.people import people
from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.accounts.rules import choices
from cs_planner.domain.enums import ActionStatus, Priority, StakeholderStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    Account,
    ActionItem,
    Objective,
    Opportunity,
    Risk,
    Stakeholder,
    UseCase,
)

OPEN = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
DUE_IN_DAYS = 14  # an action added in one row is due in two weeks
GONE = "That account no longer exists (it may have been deleted)."


class Serves(StrEnum):
    """What an action is for: the column of ``action_item`` that points at it."""

    OBJECTIVE = "objective_id"
    RISK = "risk_id"
    USE_CASE = "use_case_id"
    OPPORTUNITY = "opportunity_id"
    STAKEHOLDER = "stakeholder_id"

    @property
    def word(self) -> str:
        return SERVES_WORDS[self]


SERVES_WORDS = {
    Serves.OBJECTIVE: "Objective",
    Serves.RISK: "Risk",
    Serves.USE_CASE: "Use case",
    Serves.OPPORTUNITY: "Opportunity",
    Serves.STAKEHOLDER: "With",
}
# One column shows what an action serves: the first of these it points at.
SERVES_ORDER = tuple(Serves)

Target = tuple[Serves, int]  # what an action serves: (kind, row id)
Owner = tuple[str, int]  # ("team", team_member.id) or ("customer", stakeholder.id)
TEAM, CUSTOMER = "team", "customer"


@dataclass(frozen=True)
class ActionValues:
    """What a user edits on an action; ``done_on`` follows the status (``with_status``)."""

    title: str
    owner: Owner | None = None
    due_date: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    priority: Priority = Priority.MEDIUM
    serves: Target | None = None
    done_on: dt.date | None = None
    notes: str = ""
    # Everything it pointed at when read (the demo's actions are on an objective and with a
    # stakeholder): an edit that leaves ``serves`` as read keeps them all, so a change and
    # its undo lose no link; choosing another ``serves`` makes it the one thing served.
    links: tuple[Target, ...] = ()


VALUE_FIELDS = tuple(f.name for f in fields(ActionValues))


@dataclass(frozen=True)
class ActionRow:
    id: int
    values: ActionValues
    owner_name: str = ""  # "" when nobody owns it
    serves_text: str = ""  # "Objective: Improve onboarding time"
    created_on: dt.date | None = None

    @property
    def title(self) -> str:
        return self.values.title

    @property
    def due_date(self) -> dt.date | None:
        return self.values.due_date

    @property
    def status(self) -> ActionStatus:
        return self.values.status

    @property
    def priority(self) -> Priority:
        return self.values.priority


@dataclass(frozen=True)
class Choice:
    """One item of a drop-down: its label and what it stands for."""

    label: str
    value: object


@dataclass(frozen=True)
class ActionPlan:
    account_id: int
    account_name: str
    rows: tuple[ActionRow, ...]
    owners: tuple[tuple[str, tuple[Choice, ...]], ...]  # ("Our team", ...), ("At <name>", ...)
    targets: tuple[tuple[str, tuple[Choice, ...]], ...]  # by kind, in SERVES_ORDER
    csm_id: int | None  # the default owner of a new action
    me: int | None  # the portfolio owner as a team member (Settings.owner_name), or None
    owner_name: str  # Settings.owner_name, to say why "Mine" is off
    today: dt.date

    def owner_label(self, owner: Owner | None) -> str:
        for _group, items in self.owners:
            for item in items:
                if item.value == owner:
                    return item.label
        return ""

    def target_label(self, target: Target | None) -> str:
        for _group, items in self.targets:
            for item in items:
                if item.value == target:
                    return item.label
        return ""


# --- rules (pure) -----------------------------------------------------------------------


def is_open(row: ActionRow) -> bool:
    return row.status in OPEN


def is_overdue(row: ActionRow, today: dt.date) -> bool:
    """Still to do and due before today."""
    return is_open(row) and row.due_date is not None and row.due_date < today


def due_this_month(row: ActionRow, today: dt.date) -> bool:
    """Still to do and due in today's calendar month (or overdue: it is due by its end)."""
    if not is_open(row) or row.due_date is None:
        return False
    return (row.due_date.year, row.due_date.month) <= (today.year, today.month)


def is_mine(row: ActionRow, me: int | None) -> bool:
    return me is not None and row.values.owner == (TEAM, me)


def portfolio_owner(everyone: list[Person], owner_name: str) -> int | None:
    """The team member whose name is the portfolio's owner (exact, then any case)."""
    name = owner_name.strip()
    if not name:
        return None
    exact = next((p.id for p in everyone if p.name == name), None)
    if exact is not None:
        return exact
    return next((p.id for p in everyone if p.name.casefold() == name.casefold()), None)


def with_status(values: ActionValues, status: ActionStatus, today: dt.date) -> ActionValues:
    """A new status; done on today when it becomes done, no done date once it is not."""
    if status == ActionStatus.DONE:
        done_on = values.done_on if values.status == ActionStatus.DONE else today
        return replace(values, status=status, done_on=done_on or today)
    return replace(values, status=status, done_on=None)


def targets_of(action: ActionItem) -> list[Target]:
    """Everything the action points at, in SERVES_ORDER."""
    found = ((kind, getattr(action, kind.value)) for kind in SERVES_ORDER)
    return [(kind, target_id) for kind, target_id in found if target_id is not None]


def serves_of(action: ActionItem) -> Target | None:
    targets = targets_of(action)
    return targets[0] if targets else None


def owner_of(action: ActionItem) -> Owner | None:
    if action.owner_id is not None:
        return TEAM, action.owner_id
    if action.customer_owner_id is not None:
        return CUSTOMER, action.customer_owner_id
    return None


def values_of(action: ActionItem) -> ActionValues:
    return ActionValues(
        title=action.title,
        owner=owner_of(action),
        due_date=action.due_date,
        status=action.status,
        priority=action.priority,
        serves=serves_of(action),
        done_on=action.done_on,
        notes=action.notes or "",
        links=tuple(targets_of(action)),
    )


# --- queries ----------------------------------------------------------------------------


def get_account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError(GONE)
    return account


def _owners(
    session: Session, account: Account, everyone: list[Person], used: set[Owner]
) -> tuple[tuple[str, tuple[Choice, ...]], ...]:
    current = {i for kind, i in used if kind == TEAM}
    ours = tuple(
        Choice(label, (TEAM, i))
        for label, i in choices(everyone, None, None, None)
        if i is not None
    )
    ours += tuple(Choice(p.label, (TEAM, p.id)) for p in everyone if p.id in current and p.retired)
    s = Stakeholder
    theirs = tuple(
        Choice(
            name if status == StakeholderStatus.ACTIVE else f"{name} ({status.label.lower()})",
            (CUSTOMER, i),
        )
        for i, name, status in session.execute(
            select(s.id, s.name, s.status).where(s.account_id == account.id).order_by(s.name, s.id)
        )
        if status == StakeholderStatus.ACTIVE or (CUSTOMER, i) in used
    )
    return ("Our team", ours), (f"At {account.name}", theirs)


def _targets(session: Session, account_id: int) -> tuple[tuple[str, tuple[Choice, ...]], ...]:
    """Everything on the account an action can serve, by kind: one select per table."""
    tables = {
        Serves.OBJECTIVE: (Objective.id, Objective.title, Objective.account_id, Objective.position),
        Serves.RISK: (Risk.id, Risk.description, Risk.account_id, Risk.id),
        Serves.USE_CASE: (UseCase.id, UseCase.title, UseCase.account_id, UseCase.title),
        Serves.OPPORTUNITY: (
            Opportunity.id,
            Opportunity.title,
            Opportunity.account_id,
            Opportunity.title,
        ),
        Serves.STAKEHOLDER: (
            Stakeholder.id,
            Stakeholder.name,
            Stakeholder.account_id,
            Stakeholder.name,
        ),
    }
    found = []
    for kind in SERVES_ORDER:
        key, text, account, order = tables[kind]
        rows = session.execute(select(key, text).where(account == account_id).order_by(order, key))
        items = tuple(Choice(f"{kind.word}: {_short(t)}", (kind, i)) for i, t in rows)
        found.append((kind.word if kind != Serves.STAKEHOLDER else "Stakeholder", items))
    return tuple(found)


def _short(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _owner_name(plan: ActionPlan, owner: Owner | None) -> str:
    label = plan.owner_label(owner)
    return f"{label} (customer)" if label and owner is not None and owner[0] == CUSTOMER else label


def load_actions(session: Session, account_id: int, today: dt.date) -> ActionPlan:
    account = get_account(session, account_id)
    everyone = people(session)
    actions = list(
        session.scalars(
            select(ActionItem)
            .where(ActionItem.account_id == account_id)
            .order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.id)
        )
    )
    values = [values_of(a) for a in actions]
    used = {v.owner for v in values if v.owner is not None}
    settings = get_settings(session)
    plan = ActionPlan(
        account_id=account_id,
        account_name=account.name,
        rows=(),
        owners=_owners(session, account, everyone, used),
        targets=_targets(session, account_id),
        csm_id=account.csm_id,
        me=portfolio_owner(everyone, settings.owner_name),
        owner_name=settings.owner_name,
        today=today,
    )
    rows = tuple(
        ActionRow(
            id=a.id,
            values=v,
            owner_name=_owner_name(plan, v.owner),
            serves_text=plan.target_label(v.serves),
            created_on=a.created_on,
        )
        for a, v in zip(actions, values, strict=True)
    )
    return replace(plan, rows=rows)
