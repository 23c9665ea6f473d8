"""Hand-built facts for the health rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.domain.value.facts import HealthFacts

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
