"""Health's reads: every fact the score needs for one account or the whole portfolio in one
select per table (no query per account), grouped by account in Python. The Value tab, the
Health page, the workbook and the roll-up all score from these rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.enums import (
    BuyingRole,
    HealthIndicator,
    Level,
    MetricDirection,
    RiskLevel,
    RiskStatus,
    StakeholderStatus,
    Stance,
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
    Stakeholder,
    StakeholderRole,
    UsageSnapshot,
    UseCase,
)
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.domain.rollup.stored import day, members, stored
from cs_planner.domain.value.facts import HealthFacts, MetricSeries, RiskFact, Usage, UseCaseFact
from cs_planner.domain.value.score import DEFAULT_WEIGHTS, Weight

Ids = Collection[int] | None


def weights(session: Session) -> dict[HealthIndicator, Weight]:
    """The portfolio's weights and thresholds: the defaults, overridden by stored rows."""
    out = dict(DEFAULT_WEIGHTS)
    for row in session.scalars(select(HealthWeight)):
        out[HealthIndicator(row.indicator)] = Weight(row.weight, row.red_below, row.green_from)
    return out


def _only(query: Select[Any], column: Any, ids: Ids) -> Select[Any]:
    return query if ids is None else query.where(column.in_(list(ids)))


def _rows(session: Session, query: Select[Any]) -> list[Any]:
    """Core rows straight from the connection: no ORM processing per row."""
    return list(session.connection().execute(query).all())


def _usage(session: Session, ids: Ids) -> dict[int, list[Usage]]:
    u = UsageSnapshot
    query = select(
        u.account_id, stored(u.measured_on), u.licensed_seats, u.active_users, u.features_used
    ).order_by(u.account_id, u.measured_on)
    out: dict[int, list[Usage]] = defaultdict(list)
    for account, on, seats, active, features in _rows(session, _only(query, u.account_id, ids)):
        out[account].append(Usage(day(on) or dt.date.min, seats, active, features))
    return out


def _metrics(session: Session, ids: Ids) -> dict[int, list[MetricSeries]]:
    targets: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    values: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    am = AccountMetric
    tq = select(MetricTarget.account_metric_id, stored(MetricTarget.quarter), MetricTarget.target)
    tq = tq.join(am, am.id == MetricTarget.account_metric_id).order_by(MetricTarget.quarter)
    for metric, quarter, target in _rows(session, _only(tq, am.account_id, ids)):
        targets[metric].append((day(quarter) or dt.date.min, target))
    vq = select(MetricValue.account_metric_id, stored(MetricValue.measured_on), MetricValue.value)
    vq = vq.join(am, am.id == MetricValue.account_metric_id).order_by(MetricValue.measured_on)
    for metric, on, value in _rows(session, _only(vq, am.account_id, ids)):
        values[metric].append((day(on) or dt.date.min, value))
    d = MetricDefinition
    query = (
        select(am.id, am.account_id, d.name, d.unit, stored(d.direction), am.baseline)
        .add_columns(stored(am.baseline_date))
        .join(d, d.id == am.metric_id)
        .order_by(d.name)
    )
    out: dict[int, list[MetricSeries]] = defaultdict(list)
    lower = MetricDirection.LOWER_IS_BETTER.value
    for mid, account, name, unit, direction, baseline, since in _rows(
        session, _only(query, am.account_id, ids)
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


def _use_cases(session: Session, ids: Ids) -> dict[int, list[UseCaseFact]]:
    status_of = members(UseCaseStatus)
    query = select(
        UseCase.account_id, UseCase.title, stored(UseCase.status), stored(UseCase.target_quarter)
    ).order_by(UseCase.account_id, UseCase.position, UseCase.id)
    out: dict[int, list[UseCaseFact]] = defaultdict(list)
    for account, title, status, quarter in _rows(session, _only(query, UseCase.account_id, ids)):
        out[account].append(UseCaseFact(title, status_of[status], day(quarter)))
    return out


def _risks(session: Session, ids: Ids) -> dict[int, list[RiskFact]]:
    level_of = members(RiskLevel)
    query = select(Risk.account_id, stored(Risk.severity), stored(Risk.status))
    out: dict[int, list[RiskFact]] = defaultdict(list)
    for account, severity, status in _rows(session, _only(query, Risk.account_id, ids)):
        out[account].append(RiskFact(level_of[severity], status == RiskStatus.OPEN.value))
    return out


def _people(session: Session, ids: Ids) -> dict[int, list[StakeholderRow]]:
    """The fields the coverage rules read; a relationship began on its ``since`` date."""
    roles: dict[int, set[BuyingRole]] = defaultdict(set)
    role_of = members(BuyingRole)
    rq = select(StakeholderRole.stakeholder_id, stored(StakeholderRole.role)).join(
        Stakeholder, Stakeholder.id == StakeholderRole.stakeholder_id
    )
    for person, role in _rows(session, _only(rq, Stakeholder.account_id, ids)):
        roles[person].add(role_of[role])
    level_of, stance_of, status_of = members(Level), members(Stance), members(StakeholderStatus)
    s = Stakeholder
    query = select(
        s.id,
        s.account_id,
        s.name,
        stored(s.level),
        stored(s.stance),
        s.influence,
        stored(s.last_contact),
        stored(s.status),
        stored(s.since),
    ).order_by(s.id)
    out: dict[int, list[StakeholderRow]] = defaultdict(list)
    for pid, account, name, level, stance, influence, contact, status, since in _rows(
        session, _only(query, s.account_id, ids)
    ):
        began = day(since)
        out[account].append(
            StakeholderRow(
                id=pid,
                name=name,
                title="",
                division_id=None,
                division="",
                level=level_of[level],
                roles=frozenset(roles.get(pid, ())),
                stance=stance_of[stance],
                influence=influence,
                reports_to_id=None,
                owner_id=None,
                owner="",
                email="",
                last_contact=day(contact),
                status=status_of[status],
                pinned=None,
                notes="",
                since=began,
                first_met=began,
            )
        )
    return out


def read_facts(session: Session, today: dt.date, ids: Ids = None) -> dict[int, HealthFacts]:
    """The facts of the accounts ``ids`` (every account when None), by account id."""
    stale_days = get_settings(session).stale_contact_days
    catalogue = session.scalar(select(func.count()).select_from(Product)) or 0
    usage, metrics = _usage(session, ids), _metrics(session, ids)
    use_cases, risks, people = _use_cases(session, ids), _risks(session, ids), _people(session, ids)
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
    out = {}
    for aid, name, since, renewal, churned, seats, active in _rows(
        session, _only(query, a.id, ids)
    ):
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
        )
    return out
