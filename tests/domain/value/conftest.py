"""Hand-built facts for the health rules, and an account with a maturity model, a metric
definition and use cases on a real file (the value tab's domain)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import (
    BuyingRole,
    Level,
    MetricDirection,
    StakeholderStatus,
    Stance,
    UseCaseStatus,
)
from cs_planner.domain.model import (
    AccountMetric,
    Division,
    MaturityChange,
    MaturityLevel,
    MetricDefinition,
    UseCase,
)
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.domain.value.facts import HealthFacts
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)


def person(pid: int, level: Level, *, contact_days: int = 10, **changes: Any) -> StakeholderRow:
    row = StakeholderRow(
        id=pid,
        name=f"Person {pid}",
        title="",
        division_id=None,
        division="",
        level=level,
        roles=frozenset(),
        stance=Stance.NEUTRAL,
        influence=3,
        reports_to_id=None,
        owner_id=None,
        owner="",
        email="",
        last_contact=TODAY - dt.timedelta(days=contact_days),
        status=StakeholderStatus.ACTIVE,
        pinned=None,
        notes="",
    )
    return dataclasses.replace(row, **changes)


def champion(pid: int, level: Level = Level.DIRECTOR_VP, **changes: Any) -> StakeholderRow:
    return person(pid, level, roles=frozenset({BuyingRole.CHAMPION}), **changes)


def facts(**changes: Any) -> HealthFacts:
    """An account with no data at all, changed by keyword."""
    base = HealthFacts(
        account_id=1,
        name="Acme",
        customer_since=dt.date(2024, 1, 1),
        renewal_date=None,
        churned_on=None,
        seats=0,
        active=0,
        features_available=20,
        usage=(),
        metrics=(),
        use_cases=(),
        people=(),
        risks=(),
        stale_days=90,
        today=TODAY,
    )
    return dataclasses.replace(base, **changes)


SINCE = dt.date(2025, 3, 1)
NAMES = ("Ad hoc", "Repeatable", "Defined", "Managed", "Optimising")


@pytest.fixture
def acct(portfolio: Portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        for n, name in enumerate(NAMES, start=1):
            s.add(MaturityLevel(level=n, name=name, behaviours=f"does {n}"))
        a = create_account(
            s, "Harbor", 10_000, arr=100_000, customer_since=SINCE, maturity_current=2
        )
        s.flush()
        s.add(MaturityChange(account_id=a, changed_on=SINCE, level=2))
        fleet = Division(account_id=a, name="Fleet Operations")
        s.add(fleet)
        pod = MetricDefinition(name="Proof of delivery time", unit="h",
                               direction=MetricDirection.LOWER_IS_BETTER)  # fmt: skip
        wau = MetricDefinition(name="Weekly active users", unit="users")
        s.add_all([pod, wau])
        s.flush()
        s.add(
            UseCase(account_id=a, title="Proof of delivery", status=UseCaseStatus.ADOPTED,
                    division_id=fleet.id, users_reached=740, users_targeted=900,
                    annual_value=120_000)
        )  # fmt: skip
        s.add(UseCase(account_id=a, title="Idea", status=UseCaseStatus.IDENTIFIED))
        tracked = AccountMetric(account_id=a, metric_id=pod.id, baseline=48.0,
                                baseline_date=SINCE)  # fmt: skip
        s.add(tracked)
        s.flush()
        return {"account": a, "pod": pod.id, "wau": wau.id, "tracked": tracked.id}
