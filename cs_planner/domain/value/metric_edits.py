"""Every change to an account's metrics, as undoable edits: track a metric with its baseline
(or stop tracking it, with its plan and measurements), add or delete a measurement, set a
quarter's target. Targets are keyed by quarter, so undo and redo need no row id."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Delete, Edit, Insert
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import AccountMetric, MetricDefinition, MetricTarget, MetricValue
from cs_planner.domain.quarters import quarter_start
from cs_planner.domain.value.metrics import number

GONE = "That metric is no longer tracked for this account (it may have been removed)."


def _tracked(session: Session, account_metric_id: int) -> AccountMetric:
    row = session.get(AccountMetric, account_metric_id)
    if row is None:
        raise ValidationError(GONE)
    return row


def new_measurement(
    session: Session, account_metric_id: int, on: dt.date, value: float, today: dt.date
) -> MetricValue:
    tracked = _tracked(session, account_metric_id)
    if on > today:
        raise ValidationError("A measurement cannot be dated in the future.", "measured_on")
    if tracked.baseline_date is not None and on < tracked.baseline_date:
        raise ValidationError(
            f"The baseline was taken on {tracked.baseline_date.isoformat()}: date the "
            "measurement on or after it.",
            "measured_on",
        )
    return MetricValue(account_metric_id=account_metric_id, measured_on=on, value=value)


def add_measurement(
    account_id: int, metric: str, account_metric_id: int, on: dt.date, value: float, today: dt.date
) -> Insert[MetricValue]:
    return Insert(
        f"Measure {metric}: {number(value)} on {on.isoformat()}",
        lambda s: new_measurement(s, account_metric_id, on, value, today),
        Changes.account(account_id),
    )


def delete_measurement(account_id: int, metric: str, value_id: int) -> Edit:
    return Delete(f"Delete a measurement of {metric}", MetricValue, [value_id],
                  Changes.account(account_id))  # fmt: skip


def new_tracked(
    session: Session,
    account_id: int,
    metric_id: int,
    baseline: float | None,
    baseline_date: dt.date | None,
    today: dt.date,
) -> AccountMetric:
    if session.get(MetricDefinition, metric_id) is None:
        raise ValidationError("That metric definition no longer exists.", "metric_id")
    clash = session.scalar(
        select(AccountMetric.id).where(
            AccountMetric.account_id == account_id, AccountMetric.metric_id == metric_id
        )
    )
    if clash is not None:
        raise ValidationError("The account tracks this metric already.", "metric_id")
    if baseline_date is not None and baseline_date > today:
        raise ValidationError("The baseline cannot be dated in the future.", "baseline_date")
    return AccountMetric(
        account_id=account_id, metric_id=metric_id, baseline=baseline, baseline_date=baseline_date
    )


def track_metric(
    account_id: int,
    metric: str,
    metric_id: int,
    baseline: float | None,
    baseline_date: dt.date | None,
    today: dt.date,
) -> Insert[AccountMetric]:
    return Insert(
        f"Track {metric}",
        lambda s: new_tracked(s, account_id, metric_id, baseline, baseline_date, today),
        Changes.account(account_id),
    )


def untrack_metric(account_id: int, metric: str, account_metric_id: int) -> Edit:
    """Stop tracking a metric, with its targets and measurements (undo restores them)."""
    return Delete(f"Stop tracking {metric}", AccountMetric, [account_metric_id],
                  Changes.account(account_id))  # fmt: skip


def check_target_quarter(quarter: dt.date, today: dt.date, fy_start_month: int) -> None:
    if quarter < quarter_start(today, fy_start_month):
        raise ValidationError(
            "That quarter is past: set targets for this quarter or a later one.", "quarter"
        )


def _write_target(
    session: Session, account_metric_id: int, quarter: dt.date, target: float | None
) -> float | None:
    """Set (None: remove) the target for ``quarter``; returns the one it replaced."""
    _tracked(session, account_metric_id)
    row = session.scalar(
        select(MetricTarget).where(
            MetricTarget.account_metric_id == account_metric_id, MetricTarget.quarter == quarter
        )
    )
    old = row.target if row is not None else None
    if target is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(
            MetricTarget(account_metric_id=account_metric_id, quarter=quarter, target=target)
        )
    else:
        row.target = target
    session.flush()
    return old


class SetMetricTarget(Edit):
    """The target of one quarter (this one or later), new or changed; keyed by the quarter,
    so undo and redo need no row id."""

    def __init__(
        self,
        text: str,
        account_id: int,
        account_metric_id: int,
        quarter: dt.date,
        target: float,
        today: dt.date,
        fy_start_month: int = 1,
    ) -> None:
        self.text, self.account_id, self.account_metric_id = text, account_id, account_metric_id
        self.quarter, self.target = quarter, target
        self.today, self.fy_start_month = today, fy_start_month
        self.old: float | None = None

    def apply(self, session: Session) -> Changes:
        check_target_quarter(self.quarter, self.today, self.fy_start_month)
        self.old = _write_target(session, self.account_metric_id, self.quarter, self.target)
        return Changes.account(self.account_id)

    def revert(self, session: Session) -> Changes:
        _write_target(session, self.account_metric_id, self.quarter, self.old)
        return Changes.account(self.account_id)
