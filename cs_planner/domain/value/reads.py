"""Health's reads: every fact the score needs for one account or the whole portfolio in one
select per table (no query per account), grouped by account in Python. The Value tab, the
Health page, the workbook and the roll-up all score from these rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any

from sqlalchemy import String, and_, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.enums import (
    HealthIndicator,
    MetricDirection,
    RiskLevel,
    RiskStatus,
    UseCaseStatus,
)
from cs_planner.domain.model import (
    Account,
    AccountMetric,
    HealthWeight,
    MetricDefinition,
    MetricTarget,
    MetricValue,
    Product,
    Risk,
    UsageSnapshot,
    UseCase,
)
from cs_planner.domain.rollup.rows import PeopleFigures
from cs_planner.domain.rollup.stored import members, stored
from cs_planner.domain.value.facts import (
    HealthFacts,
    MetricSeries,
    PeopleCount,
    RiskFact,
    Usage,
    UseCaseFact,
)
from cs_planner.domain.value.indicators import TREND_SNAPSHOTS
from cs_planner.domain.value.people_reads import people_counts, people_facts
from cs_planner.domain.value.score import DEFAULT_WEIGHTS, Weight
from cs_planner.domain.value.selects import Ids, day, only, rows

NOBODY = PeopleCount(0, 0, True, 0, 0, None)  # an account without stakeholders


def weights(session: Session) -> dict[HealthIndicator, Weight]:
    """The portfolio's weights and thresholds: the defaults, overridden by stored rows."""
    out = dict(DEFAULT_WEIGHTS)
    for row in session.scalars(select(HealthWeight)):
        out[HealthIndicator(row.indicator)] = Weight(row.weight, row.red_below, row.green_from)
    return out


def _usage(session: Session, ids: Ids, today: dt.date | None) -> dict[int, list[Usage]]:
    """Every snapshot; with ``today``, only the last ones on or before it that today's
    score reads."""
    u = UsageSnapshot
    columns = (u.account_id, stored(u.measured_on), u.licensed_seats, u.active_users)
    query = select(*columns, u.features_used)
    if today is not None:
        # A snapshot is among the last few when fewer than that many of its account's come
        # after it (by today): one look-up in the (account, day) index each, where a window
        # function sorted them all. An account has one snapshot a day (a unique key).
        later = aliased(UsageSnapshot)
        after = (
            select(func.count())
            .where(
                later.account_id == u.account_id,
                later.measured_on > u.measured_on,
                later.measured_on <= today,
            )
            .scalar_subquery()
        )
        recent = query.where(u.measured_on <= today, after < TREND_SNAPSHOTS)
        query = only(recent, u.account_id, ids)
    else:
        query = only(query, u.account_id, ids)
    out: dict[int, list[Usage]] = defaultdict(list)
    for account, on, seats, active, features in rows(session, query):
        out[account].append(Usage(day(on) or dt.date.min, seats, active, features))
    for snapshots in out.values():
        snapshots.sort(key=attrgetter("on"))
    return out


def _latest_readings(
    session: Session, ids: Ids, today: dt.date
) -> tuple[dict[int, list[tuple[dt.date, float]]], dict[int, list[tuple[dt.date, float]]]]:
    """Per tracked metric, its latest measurement on or before ``today`` and the target in
    force on that day: all today's score reads of a metric."""
    v, am = MetricValue, AccountMetric
    # The latest day of each metric, then the last measurement of that day: two grouped
    # selects, a third of a window function's time (it sorted all 86,000 at 5,000 accounts).
    days = select(v.account_metric_id.label("metric"), func.max(v.measured_on).label("on"))
    days = days.join(am, am.id == v.account_metric_id).where(v.measured_on <= today)
    last_day = only(days, am.account_id, ids).group_by(v.account_metric_id).subquery()
    chosen = (
        select(func.max(v.id).label("id"))
        .join(
            last_day,
            and_(v.account_metric_id == last_day.c.metric, v.measured_on == last_day.c.on),
        )
        .group_by(v.account_metric_id)
        .subquery()
    )
    last = aliased(MetricValue)
    t = MetricTarget
    in_force = (
        select(t.quarter, t.target)
        .where(t.account_metric_id == last.account_metric_id, t.quarter <= last.measured_on)
        .order_by(t.quarter.desc())
        .limit(1)
    )
    quarter = in_force.with_only_columns(stored(t.quarter)).scalar_subquery()
    target = in_force.with_only_columns(t.target).scalar_subquery()
    query = select(
        last.account_metric_id,
        type_coerce(last.measured_on, String),  # as stored, as ``stored`` reads it
        last.value,
        quarter,
        target,
    ).join(chosen, chosen.c.id == last.id)
    targets: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    values: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    for metric, on, value, since, goal in rows(session, query):
        values[metric].append((day(on) or dt.date.min, value))
        if since is not None:
            targets[metric].append((day(since) or dt.date.min, goal))
    return targets, values


def _metrics(session: Session, ids: Ids, today: dt.date | None) -> dict[int, list[MetricSeries]]:
    """Every metric with all its targets and measurements; with ``today``, only the
    readings today's score reads (``_latest_readings``)."""
    am = AccountMetric
    if today is not None:
        targets, values = _latest_readings(session, ids, today)
    else:
        targets, values = _all_readings(session, ids)
    d = MetricDefinition
    query = (
        select(am.id, am.account_id, d.name, d.unit, stored(d.direction), am.baseline)
        .add_columns(stored(am.baseline_date))
        .join(d, d.id == am.metric_id)
        .order_by(d.name)
    )
    out: dict[int, list[MetricSeries]] = defaultdict(list)
    lower = MetricDirection.LOWER_IS_BETTER.value
    for mid, account, name, unit, direction, baseline, since in rows(
        session, only(query, am.account_id, ids)
    ):
        out[account].append(
            MetricSeries(
                name,
                unit,
                direction == lower,
                baseline,
                day(since),
                tuple(targets.get(mid, ())),
                tuple(values.get(mid, ())),
            )
        )
    return out


def _all_readings(
    session: Session, ids: Ids
) -> tuple[dict[int, list[tuple[dt.date, float]]], dict[int, list[tuple[dt.date, float]]]]:
    am = AccountMetric
    targets: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    values: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    tq = select(MetricTarget.account_metric_id, stored(MetricTarget.quarter), MetricTarget.target)
    tq = tq.join(am, am.id == MetricTarget.account_metric_id).order_by(MetricTarget.quarter)
    for metric, quarter, target in rows(session, only(tq, am.account_id, ids)):
        targets[metric].append((day(quarter) or dt.date.min, target))
    vq = select(MetricValue.account_metric_id, stored(MetricValue.measured_on), MetricValue.value)
    vq = vq.join(am, am.id == MetricValue.account_metric_id).order_by(MetricValue.measured_on)
    for metric, on, value in rows(session, only(vq, am.account_id, ids)):
        values[metric].append((day(on) or dt.date.min, value))
    return targets, values


def _use_cases(session: Session, ids: Ids, history: bool = True) -> dict[int, list[UseCaseFact]]:
    """Each account's use cases in roadmap order; without ``history`` (today's score counts
    them), untitled and unordered, one fact shared by the use cases of a status and quarter
    (about 47,000 use cases at 5,000 accounts, a few hundred distinct facts)."""
    status_of = members(UseCaseStatus)
    u = UseCase
    out: dict[int, list[UseCaseFact]] = defaultdict(list)
    if history:
        query = select(u.account_id, u.title, stored(u.status), stored(u.target_quarter))
        query = query.order_by(u.account_id, u.position, u.id)
        for account, title, status, quarter in rows(session, only(query, u.account_id, ids)):
            out[account].append(UseCaseFact(title, status_of[status], day(quarter)))
        return out
    shared: dict[tuple[str, Any], UseCaseFact] = {}
    query = select(u.account_id, stored(u.status), stored(u.target_quarter))
    for account, status, quarter in rows(session, only(query, u.account_id, ids)):
        fact = shared.get((status, quarter))
        if fact is None:
            fact = shared[status, quarter] = UseCaseFact("", status_of[status], day(quarter))
        out[account].append(fact)
    return out


def _risks(session: Session, ids: Ids) -> dict[int, list[RiskFact]]:
    query = select(Risk.account_id, Risk.impact, stored(Risk.status))
    out: dict[int, list[RiskFact]] = defaultdict(list)
    for account, impact, status in rows(session, only(query, Risk.account_id, ids)):
        out[account].append(RiskFact(RiskLevel.of_impact(impact), status == RiskStatus.OPEN.value))
    return out


def read_facts(
    session: Session,
    today: dt.date,
    ids: Ids = None,
    *,
    history: bool = True,
    counts: Mapping[int, PeopleFigures] | None = None,
    accounts: Iterable[Sequence[Any]] | None = None,
) -> dict[int, HealthFacts]:
    """The facts of the accounts ``ids`` (every account when None), by account id; without
    ``history``, cut to what the score as of ``today`` reads (a whole portfolio's scores
    read a tenth of the rows). What the caller has read already is not read again:
    ``counts``, today's stakeholder counts; ``accounts``, the accounts' own columns (id,
    name, customer since, renewal date, churned on, seats, active users)."""
    cut = None if history else today
    stale_days = get_settings(session).stale_contact_days
    catalogue = session.scalar(select(func.count()).select_from(Product)) or 0
    usage, metrics = _usage(session, ids, cut), _metrics(session, ids, cut)
    use_cases, risks = _use_cases(session, ids, history), _risks(session, ids)
    # Today alone needs only the map's counts; a history needs the people, dated.
    people = people_facts(session, ids) if history else {}
    counted = {} if history else people_counts(session, ids, today, stale_days, counts)
    if accounts is None:
        a = Account
        query = select(
            a.id,
            a.name,
            stored(a.customer_since),
            stored(a.renewal_date),
            stored(a.churned_on),
            a.licensed_seats,
            a.active_users,
        )
        accounts = rows(session, only(query, a.id, ids))
    out = {}
    for aid, name, since, renewal, churned, seats, active in accounts:
        out[aid] = HealthFacts(
            account_id=aid,
            name=name,
            customer_since=day(since),
            renewal_date=day(renewal),
            churned_on=day(churned),
            seats=seats or 0,
            active=active or 0,
            features_available=catalogue,
            usage=tuple(usage.get(aid, ())),
            metrics=tuple(metrics.get(aid, ())),
            use_cases=tuple(use_cases.get(aid, ())),
            people=tuple(people.get(aid, ())),
            risks=tuple(risks.get(aid, ())),
            stale_days=stale_days,
            today=today,
            counted=None if history else counted.get(aid, NOBODY),
        )
    return out
