"""The account's value metrics against plan (DOMAIN.md 6.2 to 6.5): each tracked metric's
definition, its day-one baseline, quarterly targets stepped up from it, and measurements.

``progress`` is the one judgement of a metric against its plan; the table, the charts and
the value messages all read it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.enums import MetricDirection, MetricSource
from cs_planner.domain.model import (
    AccountMetric,
    MetricDefinition,
    MetricTarget,
    MetricValue,
)

# On plan: within this share of the step from the baseline to the target in force (or of
# the target itself when there is no baseline, or it equals the target). A reading that
# close is noise, not a gap worth a conversation.
ON_PLAN_TOLERANCE = 0.02


# --- rows -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricRow:
    """One metric the account tracks, with its plan and its measurements (oldest first)."""

    id: int  # the AccountMetric
    metric_id: int
    name: str
    unit: str
    direction: MetricDirection
    source: MetricSource
    description: str
    baseline: float | None
    baseline_date: dt.date | None
    targets: tuple[tuple[dt.date, float], ...] = ()  # (quarter, target), by quarter
    values: tuple[tuple[int, dt.date, float], ...] = ()  # (id, measured on, value), by date

    @property
    def lower_is_better(self) -> bool:
        return self.direction == MetricDirection.LOWER_IS_BETTER

    @property
    def latest(self) -> tuple[int, dt.date, float] | None:
        return self.values[-1] if self.values else None


@dataclass(frozen=True)
class Definition:
    id: int
    name: str
    unit: str
    direction: MetricDirection
    source: MetricSource


class Verdict(Enum):
    AHEAD = "ahead"
    ON_PLAN = "on plan"
    BEHIND = "behind"
    NO_TARGET = "no target yet"
    NO_MEASUREMENT = "no measurement yet"


@dataclass(frozen=True)
class Progress:
    verdict: Verdict
    text: str  # "ahead of plan by 12 users", "behind plan by 3.5 h (12%)"
    latest: float | None = None
    measured_on: dt.date | None = None
    target: float | None = None
    quarter: dt.date | None = None  # the quarter of the target in force
    gap: float = 0.0  # how far better (+) or worse (-) than the target


def number(value: float) -> str:
    """A metric's figure: whole numbers without decimals, others to one decimal."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def with_unit(value: float, unit: str) -> str:
    if not unit:
        return number(value)
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


# --- the judgement --------------------------------------------------------------------------


def progress(metric: MetricRow) -> Progress:
    """The latest measurement against the target in force on its date (the latest target
    whose quarter starts on or before it): ahead, on plan (within ON_PLAN_TOLERANCE of the
    baseline-to-target step) or behind by how much and what share of the target. A
    "lower is better" metric is ahead below its target."""
    latest = metric.latest
    if latest is None:
        return Progress(Verdict.NO_MEASUREMENT, "no measurement yet")
    _id, on, value = latest
    in_force = [(q, t) for q, t in metric.targets if q <= on]
    if not in_force:
        return Progress(Verdict.NO_TARGET, "no target yet", value, on)
    quarter, target = in_force[-1]
    gap = (target - value) if metric.lower_is_better else (value - target)
    step = abs(target - metric.baseline) if metric.baseline is not None else 0.0
    tolerance = ON_PLAN_TOLERANCE * (step or abs(target))

    def judged(verdict: Verdict, text: str) -> Progress:
        return Progress(verdict, text, value, on, target, quarter, gap)

    if abs(gap) <= tolerance:
        return judged(Verdict.ON_PLAN, "on plan")
    amount = with_unit(abs(gap), metric.unit)
    if gap > 0:
        return judged(Verdict.AHEAD, f"ahead of plan by {amount}")
    share = f" ({abs(gap) / abs(target):.0%})" if target else ""
    return judged(Verdict.BEHIND, f"behind plan by {amount}{share}")


# --- queries --------------------------------------------------------------------------------


def load_metrics(session: Session, account_id: int) -> tuple[MetricRow, ...]:
    """The account's metrics with their targets and measurements (three queries)."""
    heads = session.execute(
        select(
            AccountMetric.id,
            AccountMetric.metric_id,
            AccountMetric.baseline,
            AccountMetric.baseline_date,
            MetricDefinition.name,
            MetricDefinition.unit,
            MetricDefinition.direction,
            MetricDefinition.source,
            MetricDefinition.description,
        )
        .join(MetricDefinition, MetricDefinition.id == AccountMetric.metric_id)
        .where(AccountMetric.account_id == account_id)
        .order_by(MetricDefinition.name)
    ).all()
    ids = [h.id for h in heads]
    targets: dict[int, list[tuple[dt.date, float]]] = {i: [] for i in ids}
    for r in session.execute(
        select(MetricTarget.account_metric_id, MetricTarget.quarter, MetricTarget.target)
        .where(MetricTarget.account_metric_id.in_(ids))
        .order_by(MetricTarget.quarter)
    ):
        targets[r.account_metric_id].append((r.quarter, r.target))
    values: dict[int, list[tuple[int, dt.date, float]]] = {i: [] for i in ids}
    for v in session.execute(
        select(
            MetricValue.account_metric_id,
            MetricValue.id,
            MetricValue.measured_on,
            MetricValue.value,
        )
        .where(MetricValue.account_metric_id.in_(ids))
        .order_by(MetricValue.measured_on, MetricValue.id)
    ):
        values[v.account_metric_id].append((v.id, v.measured_on, v.value))
    return tuple(
        MetricRow(
            id=h.id,
            metric_id=h.metric_id,
            name=h.name,
            unit=h.unit,
            direction=h.direction,
            source=h.source,
            description=h.description,
            baseline=h.baseline,
            baseline_date=h.baseline_date,
            targets=tuple(targets[h.id]),
            values=tuple(values[h.id]),
        )
        for h in heads
    )


def definitions(session: Session) -> tuple[Definition, ...]:
    rows = session.execute(
        select(
            MetricDefinition.id,
            MetricDefinition.name,
            MetricDefinition.unit,
            MetricDefinition.direction,
            MetricDefinition.source,
        ).order_by(MetricDefinition.name)
    )
    return tuple(Definition(r.id, r.name, r.unit, r.direction, r.source) for r in rows)
