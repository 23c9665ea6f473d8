"""What the PDF reads of the plan beyond the workbook's reads (``reports.plan.reads``: the
actions and the risks): the customer's objectives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.enums import (
    ObjectiveStatus,
)
from cs_planner.domain.model import (
    AccountMetric,
    MetricDefinition,
    Objective,
)
from cs_planner.domain.model import UseCase as UseCaseModel


@dataclass(frozen=True)
class ObjectiveRow:
    title: str
    measure: str  # the value metric, the use case or the words that measure it
    target: dt.date | None
    status: ObjectiveStatus


def list_objectives(session: Session, account_id: int) -> list[ObjectiveRow]:
    query = (
        select(
            Objective.title,
            Objective.measure,
            MetricDefinition.name,
            UseCaseModel.title,
            Objective.target_date,
            Objective.status,
        )
        .outerjoin(AccountMetric, AccountMetric.id == Objective.metric_id)
        .outerjoin(MetricDefinition, MetricDefinition.id == AccountMetric.metric_id)
        .outerjoin(UseCaseModel, UseCaseModel.id == Objective.use_case_id)
        .where(Objective.account_id == account_id)
        .order_by(Objective.position, Objective.id)
    )
    rows = []
    for title, measure, metric, use_case, target, status in session.execute(query):
        how = [f"Metric: {metric}" if metric else "", f"Use case: {use_case}" if use_case else ""]
        text = "\n".join(t for t in (*how, measure or "") if t)
        rows.append(ObjectiveRow(title, text, target, status))
    return rows
