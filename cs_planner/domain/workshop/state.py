"""An account as a snapshot holds it (and as it is now): plain frozen rows, keyed by record
id, with enum values kept as their stored text so a value a later version drops still reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cs_planner.domain.enums import SnapshotKind

FORMAT = 1  # the payload's keys as this module writes them


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    title: str = ""
    level: str = ""
    status: str = "active"
    manager_id: int | None = None
    stance: str | None = None  # None: not known (a customer copy's snapshot)
    roles: frozenset[str] | None = None


@dataclass(frozen=True)
class UseCaseState:
    id: int
    title: str
    step: str = ""
    status: str = ""
    quarter: dt.date | None = None


@dataclass(frozen=True)
class DimensionState:
    dimension: str
    applies: bool = True
    unit: str = ""
    baseline: float | None = None
    current: float | None = None
    target: float | None = None
    quarter: dt.date | None = None


@dataclass(frozen=True)
class MetricState:
    id: int
    name: str
    unit: str = ""
    latest_on: dt.date | None = None
    latest: float | None = None


@dataclass(frozen=True)
class ActionState:
    id: int
    title: str
    owner: str = ""
    due: dt.date | None = None
    status: str = "open"


@dataclass(frozen=True)
class AccountState:
    """An account as a snapshot holds it (or as it is now: ``capture``)."""

    account_id: int
    account_name: str
    people: dict[int, Person] = field(default_factory=dict)
    # (influencer, influenced) ids; None when the private layer is not there.
    influence: frozenset[tuple[int, int]] | None = None
    use_cases: dict[int, UseCaseState] = field(default_factory=dict)
    dimensions: dict[str, DimensionState] = field(default_factory=dict)
    metrics: dict[int, MetricState] = field(default_factory=dict)
    actions: dict[int, ActionState] = field(default_factory=dict)


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    name: str
    taken_at: dt.datetime
    kind: SnapshotKind
