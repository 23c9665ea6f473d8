"""Health's reads: every fact the score needs for one account or the whole portfolio in one
select per table (no query per account), grouped by account in Python. The Value tab, the
Health page, the workbook and the roll-up all score from these rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping
from operator import attrgetter
from typing import Any, TypeVar, cast

from sqlalchemy import Select, String, exists, func, or_, select, type_coerce
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
from cs_planner.domain.rollup.people import count_people
from cs_planner.domain.rollup.rows import PeopleFigures
from cs_planner.domain.rollup.stored import day as stored_day
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
from cs_planner.domain.value.score import DEFAULT_WEIGHTS, Weight

Ids = Collection[int] | None
Q = TypeVar("Q")  # a select, whatever its columns
NOBODY = PeopleCount(0, 0, True, 0, 0, None)  # an account without stakeholders
_DAYS: dict[Any, dt.date | None] = {None: None}


def day(value: str | dt.date | None) -> dt.date | None:
    """``stored.day``, remembered: a portfolio's dates repeat (month ends, quarters, the
    days people were met), and a lookup is five times quicker than parsing again."""
    known = _DAYS.get(value, _DAYS)
    if known is not _DAYS:
        return known  # type: ignore[return-value]
    if len(_DAYS) > 100_000:  # bounded: days, not a log
        _DAYS.clear()
        _DAYS[None] = None
    parsed = _DAYS[value] = stored_day(value)
    return parsed


def weights(session: Session) -> dict[HealthIndicator, Weight]:
    """The portfolio's weights and thresholds: the defaults, overridden by stored rows."""
    out = dict(DEFAULT_WEIGHTS)
    for row in session.scalars(select(HealthWeight)):
        out[HealthIndicator(row.indicator)] = Weight(row.weight, row.red_below, row.green_from)
    return out


def _only(query: Q, column: Any, ids: Ids) -> Q:
    """``query`` limited to the accounts ``ids`` (all of them when None)."""
    if ids is None:
        return query
    return cast(Q, cast(Select[Any], query).where(column.in_(list(ids))))


def _rows(session: Session, query: Any) -> list[Any]:
    """Core rows straight from the connection: no ORM processing per row."""
    return list(session.connection().execute(query).all())


def _usage(session: Session, ids: Ids, today: dt.date | None) -> dict[int, list[Usage]]:
    """Every snapshot; with ``today``, only the last ones on or before it that today's
    score reads."""
    u = UsageSnapshot
    columns = (u.account_id, stored(u.measured_on), u.licensed_seats, u.active_users)
    query = select(*columns, u.features_used)
    if today is not None:
        place = func.row_number().over(
            partition_by=u.account_id, order_by=(u.measured_on.desc(), u.id.desc())
        )
        ranked = _only(query.add_columns(place.label("n")), u.account_id, ids)
        recent = ranked.where(u.measured_on <= today).subquery()
        kept = [c for c in recent.c if c.name != "n"]
        query = select(*kept).where(recent.c.n <= TREND_SNAPSHOTS)
    else:
        query = _only(query, u.account_id, ids)
    out: dict[int, list[Usage]] = defaultdict(list)
    for account, on, seats, active, features in _rows(session, query):
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
    place = func.row_number().over(
        partition_by=v.account_metric_id, order_by=(v.measured_on.desc(), v.id.desc())
    )
    latest = (
        select(v.account_metric_id, v.measured_on, v.value, place.label("n"))
        .join(am, am.id == v.account_metric_id)
        .where(v.measured_on <= today)
    )
    last = _only(latest, am.account_id, ids).subquery()
    t = MetricTarget
    in_force = (
        select(t.quarter, t.target)
        .where(t.account_metric_id == last.c.account_metric_id, t.quarter <= last.c.measured_on)
        .order_by(t.quarter.desc())
        .limit(1)
    )
    quarter = in_force.with_only_columns(stored(t.quarter)).scalar_subquery()
    target = in_force.with_only_columns(t.target).scalar_subquery()
    query = select(
        last.c.account_metric_id,
        type_coerce(last.c.measured_on, String),  # as stored, as ``stored`` reads it
        last.c.value,
        quarter,
        target,
    ).where(last.c.n == 1)
    targets: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    values: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    for metric, on, value, since, goal in _rows(session, query):
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


def _all_readings(
    session: Session, ids: Ids
) -> tuple[dict[int, list[tuple[dt.date, float]]], dict[int, list[tuple[dt.date, float]]]]:
    am = AccountMetric
    targets: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    values: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    tq = select(MetricTarget.account_metric_id, stored(MetricTarget.quarter), MetricTarget.target)
    tq = tq.join(am, am.id == MetricTarget.account_metric_id).order_by(MetricTarget.quarter)
    for metric, quarter, target in _rows(session, _only(tq, am.account_id, ids)):
        targets[metric].append((day(quarter) or dt.date.min, target))
    vq = select(MetricValue.account_metric_id, stored(MetricValue.measured_on), MetricValue.value)
    vq = vq.join(am, am.id == MetricValue.account_metric_id).order_by(MetricValue.measured_on)
    for metric, on, value in _rows(session, _only(vq, am.account_id, ids)):
        values[metric].append((day(on) or dt.date.min, value))
    return targets, values


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
    query = select(Risk.account_id, Risk.impact, stored(Risk.status))
    out: dict[int, list[RiskFact]] = defaultdict(list)
    for account, impact, status in _rows(session, _only(query, Risk.account_id, ids)):
        out[account].append(RiskFact(RiskLevel.of_impact(impact), status == RiskStatus.OPEN.value))
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
    shared: dict[frozenset[BuyingRole], frozenset[BuyingRole]] = {}  # few distinct sets
    for pid, account, name, level, stance, influence, contact, status, since in _rows(
        session, _only(query, s.account_id, ids)
    ):
        held = frozenset(roles.get(pid, ()))
        began = day(since)
        out[account].append(
            StakeholderRow(
                # Positional, in the row's field order: about 85,000 of them at 5,000
                # accounts, and keywords cost a third more.
                pid,
                name,
                "",  # title
                None,  # division_id
                "",  # division
                level_of[level],
                shared.setdefault(held, held),
                stance_of[stance],
                influence,
                None,  # reports_to_id
                None,  # owner_id
                "",  # owner
                "",  # email
                day(contact),
                status_of[status],
                None,  # pinned
                "",  # notes
                began,  # since
                began,  # first_met: a relationship began on its "since" date
            )
        )
    return out


def _counted(
    session: Session,
    ids: Ids,
    today: dt.date,
    stale_days: int,
    counts: Mapping[int, PeopleFigures] | None,
) -> dict[int, PeopleCount]:
    """Today's coverage figures of every account, counted in SQL (``count_people``, unless
    the caller has them), with the first champion each has lost (as
    ``coverage.safe_switches`` lists them)."""
    if counts is None:
        counts = count_people(session, today, stale_days)
    s = Stakeholder
    champion = or_(
        s.stance == Stance.CHAMPION,
        exists().where(
            StakeholderRole.stakeholder_id == s.id, StakeholderRole.role == BuyingRole.CHAMPION
        ),
    )
    query = (
        select(s.account_id, s.name)
        .where(s.status != StakeholderStatus.ACTIVE, champion)
        .order_by(s.id.desc())  # the first by id is the one kept
    )
    left = dict(_rows(session, _only(query, s.account_id, ids)))
    return {
        account: PeopleCount(
            f.stakeholders, f.levels_covered, f.single_threaded, f.champions, f.stale,
            left.get(account),
        )
        for account, f in counts.items()
        if ids is None or account in ids
    }  # fmt: skip


def read_facts(
    session: Session,
    today: dt.date,
    ids: Ids = None,
    *,
    history: bool = True,
    counts: Mapping[int, PeopleFigures] | None = None,
) -> dict[int, HealthFacts]:
    """The facts of the accounts ``ids`` (every account when None), by account id; without
    ``history``, cut to what the score as of ``today`` reads (a whole portfolio's scores
    read a tenth of the rows; ``counts``: today's stakeholder counts, if the caller read
    them)."""
    cut = None if history else today
    stale_days = get_settings(session).stale_contact_days
    catalogue = session.scalar(select(func.count()).select_from(Product)) or 0
    usage, metrics = _usage(session, ids, cut), _metrics(session, ids, cut)
    use_cases, risks = _use_cases(session, ids), _risks(session, ids)
    # Today alone needs only the map's counts; a history needs the people, dated.
    people = _people(session, ids) if history else {}
    counted = {} if history else _counted(session, ids, today, stale_days, counts)
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
            counted=None if history else counted.get(aid, NOBODY),
        )
    return out
