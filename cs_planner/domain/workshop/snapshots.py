"""Snapshots of an account: what its map, stairway, dimensions, metrics and actions were at a
moment (Account > Take snapshot, the start of each workshop), stored in ``AccountSnapshot``
(``payload``) to compare with later (``compare``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Insert
from cs_planner.domain.enums import SnapshotKind
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    AccountMetric,
    AccountSnapshot,
    ActionItem,
    DimensionPlan,
    InfluenceLink,
    MetricDefinition,
    MetricValue,
    Stakeholder,
    TeamMember,
    UseCase,
)
from cs_planner.domain.model.portfolio import Account
from cs_planner.domain.workshop.payload import decode, encode
from cs_planner.domain.workshop.state import (
    FORMAT,
    AccountState,
    ActionState,
    DimensionState,
    MetricState,
    Person,
    SnapshotInfo,
    UseCaseState,
)

# --- now ------------------------------------------------------------------------------


def capture(session: Session, account_id: int) -> AccountState:
    """The account as it is now (a handful of selects, none per row)."""
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError("This account no longer exists.", "account_id")
    people = {
        p.id: Person(
            p.id,
            p.name,
            p.title,
            p.level.value,
            p.status.value,
            p.reports_to_id,
            p.stance.value,
            frozenset(r.value for r in p.roles),
        )
        for p in session.scalars(select(Stakeholder).where(Stakeholder.account_id == account_id))
    }
    lines = session.execute(
        select(InfluenceLink.source_id, InfluenceLink.target_id).where(
            InfluenceLink.account_id == account_id
        )
    )
    use_cases = {
        u.id: UseCaseState(u.id, u.title, u.step.value, u.status.value, u.target_quarter)
        for u in session.scalars(select(UseCase).where(UseCase.account_id == account_id))
    }
    dimensions = {
        d.dimension.value: DimensionState(
            d.dimension.value, d.applies, d.unit, d.baseline, d.current, d.target, d.target_quarter
        )
        for d in session.scalars(
            select(DimensionPlan).where(DimensionPlan.account_id == account_id)
        )
    }
    return AccountState(
        account_id,
        account.name,
        people,
        frozenset((s, t) for s, t in lines.all()),
        use_cases,
        dimensions,
        _metrics(session, account_id),
        _actions(session, account_id, people),
    )


def _metrics(session: Session, account_id: int) -> dict[int, MetricState]:
    rows = session.execute(
        select(AccountMetric.id, MetricDefinition.name, MetricDefinition.unit)
        .join(MetricDefinition, AccountMetric.metric_id == MetricDefinition.id)
        .where(AccountMetric.account_id == account_id)
    ).all()
    metrics = {i: MetricState(i, name, unit) for i, name, unit in rows}
    values = session.execute(
        select(MetricValue.account_metric_id, MetricValue.measured_on, MetricValue.value)
        .where(MetricValue.account_metric_id.in_(metrics))
        .order_by(MetricValue.measured_on, MetricValue.id)
    ).all()
    for metric_id, on, value in values:  # the last one wins: the latest
        known = metrics[metric_id]
        metrics[metric_id] = MetricState(known.id, known.name, known.unit, on, value)
    return metrics


def _actions(
    session: Session, account_id: int, people: dict[int, Person]
) -> dict[int, ActionState]:
    team = dict(session.execute(select(TeamMember.id, TeamMember.name)).all())
    actions: dict[int, ActionState] = {}
    for a in session.scalars(select(ActionItem).where(ActionItem.account_id == account_id)):
        owner = ""
        if a.owner_id is not None:
            owner = team.get(a.owner_id, "")
        elif a.customer_owner_id is not None and a.customer_owner_id in people:
            owner = people[a.customer_owner_id].name
        actions[a.id] = ActionState(a.id, a.title, owner, a.due_date, a.status.value)
    return actions


# --- stored snapshots -----------------------------------------------------------------


def default_name(account_name: str, day: dt.date) -> str:
    return f"{account_name} {day.isoformat()}"


def new_snapshot(
    session: Session,
    account_id: int,
    name: str,
    kind: SnapshotKind = SnapshotKind.MANUAL,
    at: dt.datetime | None = None,
) -> AccountSnapshot:
    """A snapshot row of the account as it is now (not yet added to the session)."""
    name = name.strip() if isinstance(name, str) else name
    state = capture(session, account_id)
    payload, private = encode(state)
    return AccountSnapshot(
        account_id=account_id,
        name=name,
        taken_at=(at or dt.datetime.now()).replace(microsecond=0),
        kind=kind,
        format=FORMAT,
        payload=payload,
        private_payload=private,
    )


def take_snapshot(
    account_id: int,
    name: str,
    kind: SnapshotKind = SnapshotKind.MANUAL,
    at: dt.datetime | None = None,
) -> Insert[AccountSnapshot]:
    """The undoable edit: undo deletes the snapshot, redo puts the same one back."""
    return Insert(
        f"Take snapshot {name.strip()}",
        lambda session: new_snapshot(session, account_id, name, kind, at),
        Changes.account(account_id),
    )


def snapshots_of(session: Session, account_id: int) -> list[SnapshotInfo]:
    """The account's snapshots, oldest first."""
    rows = session.execute(
        select(
            AccountSnapshot.id, AccountSnapshot.name, AccountSnapshot.taken_at, AccountSnapshot.kind
        )
        .where(AccountSnapshot.account_id == account_id)
        .order_by(AccountSnapshot.taken_at, AccountSnapshot.id)
    ).all()
    return [SnapshotInfo(i, name, at, kind) for i, name, at, kind in rows]


def read_snapshot(session: Session, snapshot_id: int) -> AccountState:
    row = session.execute(
        select(AccountSnapshot.payload, AccountSnapshot.private_payload).where(
            AccountSnapshot.id == snapshot_id
        )
    ).first()
    if row is None:
        raise ValidationError("This snapshot no longer exists.", "snapshot_id")
    return decode(row[0], row[1])
