"""The leading indicators of health (DOMAIN.md section 6), each a pure function of an
account's facts as of a day: a 0-100 sub-score, or no data (``score`` None), with the raw
figure it moved on and a sentence saying why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cs_planner.domain.enums import HealthIndicator, RiskLevel, UseCaseStatus
from cs_planner.domain.quarters import add_months
from cs_planner.domain.relationships import coverage
from cs_planner.domain.value.facts import HealthFacts
from cs_planner.domain.value.metrics import ON_PLAN_TOLERANCE

# Breadth of adoption that scores full marks: half the catalogue in use.
FEATURES_FULL = 0.5
# Fewer than a quarter of the features (5 of 20) in the first 60 days predicted churn.
EARLY_DAYS = 60
EARLY_SHARE = 0.25
EARLY_CAP = 30.0
# Scale of use: flat usage scores 70; +10% over the last three snapshots scores 100.
TREND_FLAT = 70.0
TREND_SLOPE = 300.0
TREND_SNAPSHOTS = 3
# Metrics: on plan within the Metrics section's tolerance of the step to the target.
ON_PLAN = 1 - ON_PLAN_TOLERANCE
# Relationship coverage: points off per gap found on the map.
MISSING_LEVEL = 15.0
SINGLE_THREADED = 25.0
CHAMPION_LEFT = 30.0
NO_CHAMPION = 15.0
STALE_CONTACT = 5.0
STALE_MAX = 20.0
# Stairway: none live scores 50, half of the use cases live 100; each overdue one costs 15.
STAIRWAY_BASE = 50.0
OVERDUE = 15.0
DONE = (UseCaseStatus.LIVE, UseCaseStatus.ADOPTED)
# Renewal: each open risk costs this much, times how close the renewal is.
RISK_COST = {
    RiskLevel.LOW: 5.0,
    RiskLevel.MEDIUM: 10.0,
    RiskLevel.HIGH: 20.0,
    RiskLevel.CRITICAL: 35.0,
}
NEAR_DAYS, MID_DAYS = 90, 180


@dataclass(frozen=True)
class Reading:
    indicator: HealthIndicator
    score: float | None  # 0-100; None: no data, left out of the score
    value: float | None = None  # the figure it moved on (utilization 0.71, trend -0.18…)
    value_text: str = ""  # that figure as a person reads it: "71%"
    detail: str = "no data"


def clamp(score: float) -> float:
    return max(0.0, min(100.0, score))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def license_utilization(f: HealthFacts, as_of: dt.date) -> Reading:
    kind = HealthIndicator.LICENSE_UTILIZATION
    usage = f.usage_until(as_of)
    if not usage or usage[-1].seats <= 0:
        return Reading(kind, None)
    last = usage[-1]
    share = last.active / last.seats
    detail = f"{last.active:,} of {last.seats:,} licensed seats active ({share:.0%})"
    return Reading(kind, clamp(100 * share), share, f"{share:.0%}", detail)


def feature_adoption(f: HealthFacts, as_of: dt.date) -> Reading:
    kind = HealthIndicator.FEATURE_ADOPTION
    known = [u for u in f.usage_until(as_of) if u.features is not None]
    if not known or f.features_available <= 0:
        return Reading(kind, None)
    used = min(known[-1].features or 0, f.features_available)
    share = used / f.features_available
    score = clamp(100 * share / FEATURES_FULL)
    detail = f"{used} of {f.features_available} features in use ({share:.0%})"
    early = f.customer_since is not None and (as_of - f.customer_since).days <= EARLY_DAYS
    if early and share < EARLY_SHARE:
        score = min(score, EARLY_CAP)
        detail += f": few for the first {EARLY_DAYS} days, a churn risk"
    return Reading(kind, score, share, f"{share:.0%}", detail)


def usage_trend(f: HealthFacts, as_of: dt.date) -> Reading:
    kind = HealthIndicator.USAGE_TREND
    last = f.usage_until(as_of)[-TREND_SNAPSHOTS:]
    if len(last) < 2:
        return Reading(kind, None)
    first, end = last[0].active, last[-1].active
    trend = (end - first) / first if first else (1.0 if end else 0.0)
    change = f"{trend:+.0%}".replace("-", "−")
    detail = f"active users {first:,} → {end:,} over the last {len(last)} measurements ({change})"
    return Reading(kind, clamp(TREND_FLAT + TREND_SLOPE * trend), trend, change, detail)


def attainment(baseline: float, target: float, value: float, lower_is_better: bool) -> float:
    """How far along the step from baseline to target a value is (1.0: on target). The sign
    of the step carries the direction; a zero step is met (within the tolerance of the
    target, as ``metrics.progress`` judges it) or not."""
    step = target - baseline
    if step:
        return (value - baseline) / step
    gap = target - value if lower_is_better else value - target
    return 1.0 if gap >= -ON_PLAN_TOLERANCE * abs(target) else 0.0


def value_metrics(f: HealthFacts, as_of: dt.date) -> Reading:
    kind = HealthIndicator.VALUE_METRICS
    judged: list[tuple[float, str]] = []
    for m in f.metrics:
        latest = m.latest(as_of)
        if latest is None or m.baseline is None:
            continue
        target = m.target_for(latest[0])
        if target is None:
            continue
        judged.append((attainment(m.baseline, target, latest[1], m.lower_is_better), m.name))
    if not judged:
        return Reading(kind, None)
    on_plan = sum(1 for share, _ in judged if share >= ON_PLAN)
    score = sum(clamp(100 * share) for share, _ in judged) / len(judged)
    detail = f"{on_plan} of {_plural(len(judged), 'metric')} on plan or ahead"
    worst = min(judged)
    if worst[0] < ON_PLAN:
        detail += f"; furthest behind: {worst[1]} ({max(worst[0], 0):.0%} of the way to target)"
    return Reading(kind, score, on_plan / len(judged), f"{on_plan} of {len(judged)}", detail)


def relationships(f: HealthFacts, as_of: dt.date) -> Reading:
    kind = HealthIndicator.RELATIONSHIPS
    count = f.people_count(as_of)
    if not count.stakeholders:
        return Reading(kind, None)
    goal = coverage.LEVELS_GOAL
    gaps = [f"{count.levels_covered} of {goal} levels covered"]
    score = 100.0 - MISSING_LEVEL * (goal - count.levels_covered)
    if count.single_threaded:
        score -= SINGLE_THREADED
        gaps.append("single-threaded")
    if not count.champions:
        left = count.left_champion
        score -= CHAMPION_LEFT if left else NO_CHAMPION
        gaps.append(f"champion {left} left" if left else "no champion")
    if count.stale:
        score -= min(STALE_MAX, STALE_CONTACT * count.stale)
        gaps.append(_plural(count.stale, "stale contact"))
    share = count.levels_covered / goal
    text = f"{count.levels_covered} of {goal} levels"
    return Reading(kind, clamp(score), share, text, "; ".join(gaps))


def stairway(f: HealthFacts, as_of: dt.date) -> Reading:
    kind = HealthIndicator.STAIRWAY
    if not f.use_cases:
        return Reading(kind, None)
    done = sum(1 for u in f.use_cases if u.status in DONE)
    overdue = sum(
        1
        for u in f.use_cases
        if u.status not in DONE and u.target_quarter and add_months(u.target_quarter, 3) <= as_of
    )
    share = done / len(f.use_cases)
    detail = f"{done} of {_plural(len(f.use_cases), 'use case')} live or adopted"
    if overdue:
        detail += f", {overdue} overdue"
    score = clamp(STAIRWAY_BASE + 100 * share - OVERDUE * overdue)
    return Reading(kind, score, share, f"{done} of {len(f.use_cases)}", detail)


def renewal(f: HealthFacts, as_of: dt.date) -> Reading:
    kind = HealthIndicator.RENEWAL
    if f.renewal_date is None:
        return Reading(kind, None)
    days = max(0, (f.renewal_date - as_of).days)
    near = 1.0 if days <= NEAR_DAYS else 0.6 if days <= MID_DAYS else 0.3
    open_risks = [r for r in f.risks if r.open]
    score = clamp(100 - near * sum(RISK_COST[r.severity] for r in open_risks))
    serious = sum(1 for r in open_risks if r.severity in (RiskLevel.HIGH, RiskLevel.CRITICAL))
    risks = _plural(len(open_risks), "open risk") if open_risks else "no open risk"
    if serious:
        risks += f" ({serious} high or critical)"
    return Reading(kind, score, float(days), f"{days} days", f"renewal in {days} days, {risks}")


INDICATORS: dict[HealthIndicator, Callable[[HealthFacts, dt.date], Reading]] = {
    HealthIndicator.LICENSE_UTILIZATION: license_utilization,
    HealthIndicator.FEATURE_ADOPTION: feature_adoption,
    HealthIndicator.USAGE_TREND: usage_trend,
    HealthIndicator.VALUE_METRICS: value_metrics,
    HealthIndicator.RELATIONSHIPS: relationships,
    HealthIndicator.STAIRWAY: stairway,
    HealthIndicator.RENEWAL: renewal,
}
