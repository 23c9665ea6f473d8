"""Demonstrating value: tracked metrics with a day-one baseline, measurements moving toward
the plan, stepped-up targets, and the ARR history by quarter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cs_planner.demo.base import AccountDraft, World, money
from cs_planner.demo.names import MetricSpec
from cs_planner.demo.roadmap import first_quarter
from cs_planner.domain.model import AccountMetric, ArrHistory, MetricTarget, MetricValue
from cs_planner.domain.quarters import add_months, add_quarters, quarter_start

AT_RISK_PACE = 0.3  # how far along its plan an at-risk account's metrics get


def add_arr_history(world: World, draft: AccountDraft, values: list[float] | None = None) -> None:
    """ARR at each quarter up to the current one, which equals the account's ARR.

    With ``values`` the history starts at the customer's first quarter (a told story);
    otherwise 4 to 8 quarters are drawn, growing in uneven steps (expansions land in
    some quarters, not evenly), or shrinking for an account at risk."""
    rng, row = world.rng, draft.row
    if values is None:
        arr, initial = row["arr"], row["initial_deal_value"]
        count = 8 if draft.archetype.top else rng.randint(4, 8)
        start = max(first_quarter(draft), world.quarter(1 - count))
        steps = (world.q0.year - start.year) * 4 + (world.q0.month - start.month) // 3
        if draft.archetype.at_risk:
            first = arr * rng.uniform(1.1, 1.25)  # a downsell at the last renewal
        elif start == first_quarter(draft):
            first = initial
        else:
            first = initial + (arr - initial) * rng.uniform(0.2, 0.7)
        weights = [rng.random() ** 2 if rng.random() < 0.7 else 0.0 for _ in range(steps)]
        total = sum(weights) or 1.0
        values, reached = [first], 0.0
        for weight in weights:
            reached += weight / total
            values.append(first + (arr - first) * reached)
        values = [money(v) for v in values[:-1]] + [arr]
    else:
        start = first_quarter(draft)
    draft.arr_quarters = [(add_quarters(start, n), value) for n, value in enumerate(values)]
    for offset, value in enumerate(values):
        world.writer.add(
            ArrHistory,
            account_id=draft.id,
            quarter=add_quarters(start, offset),
            arr=value,
        )


def add_metrics(world: World, draft: AccountDraft) -> None:
    """2 or 3 metrics per account, always one from product usage."""
    rng = world.rng
    usage = [m for m in world.metrics if not m[0].customer_provided]
    first = rng.choice(usage)
    rest = [m for m in world.metrics if m is not first]
    chosen = [first, *rng.sample(rest, 2 if draft.archetype.top else rng.randint(1, 2))]
    for spec, metric_id in chosen:
        _add_metric(world, draft, spec, metric_id)


def _baseline_and_goal(world: World, draft: AccountDraft, spec: MetricSpec) -> tuple[float, float]:
    """Where a metric started and where the account is heading; at-risk ones get a third
    of the way."""
    rng, row = world.rng, draft.row
    multiple = row["arr"] / row["initial_deal_value"]
    seats0 = max(5, row["licensed_seats"] / max(1.0, multiple))
    if spec.name == "Weekly active users":  # ties to the account's own user numbers
        baseline, goal = (
            seats0 * rng.uniform(0.4, 0.7),
            row["active_users"] * rng.uniform(0.6, 0.85),
        )
    elif spec.name == "Workflows completed per month":
        baseline = seats0 * rng.uniform(2, 6)
        goal = baseline * max(1.2, multiple * rng.uniform(0.8, 1.4))
    else:
        baseline = rng.uniform(*spec.baseline_range)
        if spec.unit == "%":
            goal = min(95.0, baseline + rng.uniform(10, 35))
        elif spec.lower_is_better:
            goal = baseline * rng.uniform(0.5, 0.85)
        else:
            goal = baseline * rng.uniform(1.3, 2.5)
    if draft.archetype.at_risk:
        goal = baseline + (goal - baseline) * AT_RISK_PACE
    return baseline, goal


def _add_metric(world: World, draft: AccountDraft, spec: MetricSpec, metric_id: int) -> None:
    rng, today = world.rng, world.today
    since: dt.date = draft.row["customer_since"]
    baseline, goal = _baseline_and_goal(world, draft, spec)

    def shape(value: float) -> float:
        return float(round(value)) if spec.integer else round(value, 1)

    tracked = world.writer.add(
        AccountMetric,
        account_id=draft.id,
        metric_id=metric_id,
        baseline=shape(baseline),
        baseline_date=since,
    )
    draft.metrics.append((spec.name, tracked))
    # Monthly readings for high-touch accounts, quarterly for the rest.
    if draft.archetype.top:
        dates = [add_months(today, -n) for n in range(8, -1, -1)]
    else:
        dates = [add_quarters(world.q0, -n) for n in range(rng.randint(3, 5), -1, -1)]
    span = max(1, (today - since).days)
    latest = baseline
    for day in dates:
        if day < since:
            continue
        progress = min(1.0, (day - since).days / span)
        latest = baseline + (goal - baseline) * progress**0.7
        latest *= rng.uniform(0.95, 1.05)
        if spec.unit == "%":
            latest = min(100.0, latest)
        world.writer.add(
            MetricValue, account_metric_id=tracked["id"], measured_on=day, value=shape(latest)
        )
    # The plan: from the baseline's quarter to the current one, the path an account on
    # track follows (an at-risk account was planned to go the whole way); then stepped up
    # from the latest reading for the next four quarters.
    planned = goal if not draft.archetype.at_risk else baseline + (goal - baseline) / AT_RISK_PACE
    quarter = quarter_start(since)
    while quarter <= world.q0:
        middle = min(today, quarter + dt.timedelta(days=45))
        progress = min(1.0, max(0.0, (middle - since).days / span))
        _target(world, tracked, quarter, baseline + (planned - baseline) * progress**0.7, spec)
        quarter = add_quarters(quarter, 1)
    step = -0.05 if spec.lower_is_better else 0.08
    for n in range(1, 5):
        _target(world, tracked, world.quarter(n), latest * (1 + step * n), spec)


def _target(
    world: World, tracked: dict[str, Any], quarter: dt.date, value: float, spec: MetricSpec
) -> None:
    if spec.unit == "%":
        value = min(100.0, value)
    value = float(round(value)) if spec.integer else round(value, 1)
    world.writer.add(MetricTarget, account_metric_id=tracked["id"], quarter=quarter, target=value)
