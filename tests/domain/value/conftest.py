"""An account with a maturity model, a metric definition and use cases, on a real file."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import MetricDirection, UseCaseStatus
from cs_planner.domain.model import (
    AccountMetric,
    Division,
    MaturityChange,
    MaturityLevel,
    MetricDefinition,
    UseCase,
)
from cs_planner.storage import Portfolio

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
