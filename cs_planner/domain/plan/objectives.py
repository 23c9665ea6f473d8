"""The customer's business objectives for the year, the top of the plan: what they want to
achieve, how it is measured (one of the account's value metrics, a use case, or words), by
when, and how it stands. Read in one select per table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.enums import ObjectiveStatus
from cs_planner.domain.model import AccountMetric, MetricDefinition, Objective, UseCase
from cs_planner.domain.plan.actions import Choice, get_account

STATUS_ORDER = tuple(ObjectiveStatus)


@dataclass(frozen=True)
class ObjectiveValues:
    """What a user edits on an objective (its place moves with ``move_objective``)."""

    title: str
    measure: str = ""
    metric_id: int | None = None
    use_case_id: int | None = None
    target_date: dt.date | None = None
    status: ObjectiveStatus = ObjectiveStatus.NOT_STARTED


OBJECTIVE_FIELDS = tuple(f.name for f in fields(ObjectiveValues))


@dataclass(frozen=True)
class ObjectiveRow:
    id: int
    position: int
    values: ObjectiveValues
    measured_by: str  # the metric's name, the use case's title, or the words

    @property
    def title(self) -> str:
        return self.values.title

    @property
    def status(self) -> ObjectiveStatus:
        return self.values.status

    @property
    def target_date(self) -> dt.date | None:
        return self.values.target_date


@dataclass(frozen=True)
class Objectives:
    account_id: int
    account_name: str
    rows: tuple[ObjectiveRow, ...]
    metrics: tuple[Choice, ...]  # the account's tracked metrics: (name, account_metric id)
    use_cases: tuple[Choice, ...]  # (title, use case id)


def measured_by(values: ObjectiveValues, metrics: dict[int, str], cases: dict[int, str]) -> str:
    """How the objective is measured, in words: the link when there is one (its words are
    the tooltip), else the words."""
    if values.metric_id is not None and values.metric_id in metrics:
        return f"Metric: {metrics[values.metric_id]}"
    if values.use_case_id is not None and values.use_case_id in cases:
        return f"Use case: {cases[values.use_case_id]}"
    return values.measure


def values_of(row: Objective) -> ObjectiveValues:
    return ObjectiveValues(**{name: getattr(row, name) for name in OBJECTIVE_FIELDS})


def load_objectives(session: Session, account_id: int) -> Objectives:
    account = get_account(session, account_id)
    metrics = dict(
        session.execute(
            select(AccountMetric.id, MetricDefinition.name)
            .join(MetricDefinition, MetricDefinition.id == AccountMetric.metric_id)
            .where(AccountMetric.account_id == account_id)
            .order_by(MetricDefinition.name)
        ).all()
    )
    cases = dict(
        session.execute(
            select(UseCase.id, UseCase.title)
            .where(UseCase.account_id == account_id)
            .order_by(UseCase.title)
        ).all()
    )
    objectives = session.scalars(
        select(Objective)
        .where(Objective.account_id == account_id)
        .order_by(Objective.position, Objective.id)
    )
    rows = []
    for objective in objectives:
        values = values_of(objective)
        rows.append(
            ObjectiveRow(
                objective.id, objective.position, values, measured_by(values, metrics, cases)
            )
        )
    return Objectives(
        account_id=account_id,
        account_name=account.name,
        rows=tuple(rows),
        metrics=tuple(Choice(name, i) for i, name in metrics.items()),
        use_cases=tuple(Choice(title, i) for i, title in cases.items()),
    )
