"""An account with a small org, a use case, a dimension, a metric and an action, on a real
file: what the snapshot and compare tests change."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import BuyingRole, Dimension, Level, Stance, TeamRole
from cs_planner.domain.model import (
    AccountMetric,
    ActionItem,
    DimensionPlan,
    InfluenceLink,
    MetricDefinition,
    MetricValue,
    Stakeholder,
    TeamMember,
    UseCase,
)


@pytest.fixture
def meridian(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        csm = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        s.add(csm)
        s.flush()
        account = create_account(s, "Meridian", 10_000, csm_id=csm.id)
        tom = Stakeholder(account_id=account, name="Tom Berg", level=Level.EXECUTIVE)
        lee = Stakeholder(account_id=account, name="Lee Chan", level=Level.DIRECTOR_VP)
        s.add_all([tom, lee])
        s.flush()
        ana = Stakeholder(
            account_id=account,
            name="Ana Ruiz",
            title="Ops lead",
            reports_to=lee,
            stance=Stance.SUPPORTER,
        )
        ana.roles = {BuyingRole.CHAMPION}
        bo = Stakeholder(account_id=account, name="Bo Ng", reports_to=lee)
        s.add_all([ana, bo])
        s.flush()
        s.add(InfluenceLink(account_id=account, source_id=tom.id, target_id=lee.id))
        uc = UseCase(
            account_id=account, title="Invoice matching", target_quarter=dt.date(2027, 1, 1)
        )
        dim = DimensionPlan(account_id=account, dimension=Dimension.USERS, unit="users", current=40)
        metric = MetricDefinition(name="Hours saved", unit="h")
        s.add_all([uc, dim, metric])
        s.flush()
        tracked = AccountMetric(account_id=account, metric_id=metric.id, baseline=0)
        s.add(tracked)
        s.flush()
        s.add(MetricValue(account_metric_id=tracked.id, measured_on=dt.date(2026, 10, 1), value=12))
        action = ActionItem(
            account_id=account,
            title="Send the pilot plan",
            owner_id=csm.id,
            due_date=dt.date(2026, 12, 10),
        )
        s.add(action)
        s.flush()
        return {
            "account": account,
            "csm": csm.id,
            "tom": tom.id,
            "lee": lee.id,
            "ana": ana.id,
            "bo": bo.id,
            "use_case": uc.id,
            "metric": tracked.id,
            "action": action.id,
        }
