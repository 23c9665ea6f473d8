"""The shared state of one demo run: the random source, the dates everything is relative to,
our team and catalogue, the account being built, and the bulk row writer."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Boolean, Column, Connection, Date, Enum, Table, func, insert, select
from sqlalchemy.orm import Session

from cs_planner.demo.names import Industry, MetricSpec
from cs_planner.domain.enums import BuyingRole, LifecycleStage, MotionOwner, ReferenceStatus, Tier
from cs_planner.domain.model import (
    Account,
    AccountMetric,
    AccountTeamMember,
    ActionItem,
    Activity,
    ActivityStakeholder,
    ArrHistory,
    Base,
    CsaAllocation,
    DimensionPlan,
    Division,
    Geography,
    InfluenceLink,
    MaturityChange,
    MetricTarget,
    MetricValue,
    Objective,
    Opportunity,
    Promotion,
    Renewal,
    Risk,
    Stakeholder,
    StakeholderRole,
    Story,
    UsageSnapshot,
    UseCase,
    UseCaseProduct,
    WhitespaceCell,
)
from cs_planner.domain.quarters import add_quarters, quarter_start
from cs_planner.storage import sequences

Row = dict[str, Any]

# Insert order: every row's foreign keys point at tables earlier in the list (or, for the
# division and stakeholder trees, at rows earlier in the same list).
TABLES: tuple[type[Base], ...] = (
    Account,
    Geography,
    Division,
    Stakeholder,
    StakeholderRole,
    InfluenceLink,
    UseCase,
    UseCaseProduct,
    DimensionPlan,
    Opportunity,
    WhitespaceCell,
    CsaAllocation,
    AccountMetric,
    MetricTarget,
    MetricValue,
    ArrHistory,
    Activity,
    ActivityStakeholder,
    Objective,
    Risk,
    ActionItem,
    UsageSnapshot,
    MaturityChange,
    Renewal,
    Story,
    Promotion,
    AccountTeamMember,
)


class RowWriter:
    """Collects plain rows per table and writes them with one executemany per table.

    Ids are assigned here rather than by the database, so rows can point at each other
    before anything is written; Core inserts skip the ORM's per-object bookkeeping, which
    is what makes thousands of accounts fast. The ORM's validators do not run on this path,
    so the generator must produce valid data (tests re-validate it through the ORM)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.pending: dict[type[Base], list[Row]] = {table: [] for table in TABLES}
        self.counts: Counter[type[Base]] = Counter()
        self._next_id: dict[type[Base], int] = {}
        for table in TABLES:
            if "id" in table.__table__.c:
                last = session.scalar(select(func.max(table.__table__.c.id)))
                self._next_id[table] = (last or 0) + 1

    def add(self, table: type[Base], **values: Any) -> Row:
        """Queue a row (every column given, so executemany sees one key set); returns it,
        with its id, so later steps can still adjust it before the next flush."""
        if table in self._next_id:
            values["id"] = self._next_id[table]
            self._next_id[table] += 1
        self.pending[table].append(values)
        return values

    def flush(self) -> None:
        connection = self.session.connection()
        fast = connection.dialect.name == "sqlite"
        written: list[Table] = []
        for table in TABLES:
            rows = self.pending[table]
            if not rows:
                continue
            core = cast(Table, table.__table__)
            if fast:
                _insert_sqlite(connection, core, rows)
            else:  # any other database: portable Core executemany
                self.session.execute(insert(core), rows)
            written.append(core)
            self.counts[table] += len(rows)
            rows.clear()
        sequences.catch_up(connection, written)


def _sql_value(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How a Python value is stored in SQLite, matching what SQLAlchemy writes."""
    if isinstance(column.type, Date):
        return dt.date.isoformat
    if isinstance(column.type, Enum):
        return str  # a StrEnum's str() is its value
    if isinstance(column.type, Boolean):
        return int
    return None


def _insert_sqlite(connection: Connection, table: Table, rows: list[Row]) -> None:
    """executemany straight on the sqlite3 cursor: SQLAlchemy's per-row parameter
    processing costs as much as SQLite's own work, and these rows are already clean.
    The statement runs in the session's transaction (same connection)."""
    keys = list(rows[0])
    sql = f"INSERT INTO {table.name} ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})"
    converters = [
        (index, convert)
        for index, key in enumerate(keys)
        if (convert := _sql_value(table.c[key])) is not None
    ]
    take = itemgetter(*keys)
    data = []
    for row in rows:
        values = list(take(row))
        for index, convert in converters:
            if values[index] is not None:
                values[index] = convert(values[index])
        data.append(values)
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(sql, data)
    finally:
        cursor.close()


@dataclass(frozen=True)
class Pod:
    """The slice of our team that serves one group of accounts."""

    csms: tuple[int, ...]
    csas: tuple[int, ...]
    aes: tuple[int, ...]
    sponsors: tuple[int, ...]


@dataclass(frozen=True)
class Archetype:
    """The role an account plays in the story of its pod of accounts."""

    size: str
    stage: LifecycleStage
    multiple: tuple[float, float]
    top: bool = False  # high touch: our executive sponsor, QBRs, mirrored commitments
    strategic: bool = False
    tier_override: Tier | None = None
    missing_mirror: BuyingRole | None = None  # a top account's missing customer commitment
    at_risk: bool = False
    promoted_champion: bool = False  # a champion changed role (promotion: a shared success)
    single_threaded: bool = False  # landed through one person: every other contact is stale

    def draw_reference(self, rng: random.Random) -> ReferenceStatus:
        if self.at_risk:
            return ReferenceStatus.NONE
        if self.top:
            return rng.choice(
                (ReferenceStatus.WILLING, ReferenceStatus.CASE_STUDY, ReferenceStatus.SPEAKER)
            )
        return rng.choices(
            (ReferenceStatus.NONE, ReferenceStatus.WILLING, ReferenceStatus.CASE_STUDY), (6, 3, 1)
        )[0]

    def draw_renewal_owner(self, rng: random.Random) -> MotionOwner:
        """Higher contract values warrant a higher touch (DOMAIN.md section 9)."""
        if self.size == "SMB":
            return MotionOwner.SELF_SERVICE if rng.random() < 0.6 else MotionOwner.CSM
        return MotionOwner.CSM

    def draw_expansion_owner(self, rng: random.Random) -> MotionOwner:
        if self.top or self.size == "Enterprise":
            return MotionOwner.SALES if rng.random() < 0.7 else MotionOwner.CSM
        if self.size == "SMB":
            return MotionOwner.SELF_SERVICE if rng.random() < 0.5 else MotionOwner.CSM
        return MotionOwner.CSM


@dataclass
class World:
    rng: random.Random
    today: dt.date
    writer: RowWriter
    products: dict[str, int]  # product name -> id
    metrics: list[tuple[MetricSpec, int]]  # metric definition -> id
    # The current calendar quarter (target quarters are calendar quarters).
    q0: dt.date = field(init=False)

    def __post_init__(self) -> None:
        self.q0 = quarter_start(self.today)
        self._quarters = {n: add_quarters(self.q0, n) for n in range(-12, 13)}

    def quarter(self, offset: int) -> dt.date:
        return self._quarters.get(offset) or add_quarters(self.q0, offset)

    def days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))


@dataclass
class Person:
    """A stakeholder being generated, with what later steps need to know about them."""

    row: Row
    level_rank: int  # 0 executive, 1 director/VP, 2 manager, 3 end user
    division: Row | None
    roles: list[BuyingRole] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.row["id"])

    @property
    def active(self) -> bool:
        return bool(self.row["status"] == "active")

    @property
    def unit(self) -> Row:
        """The division of someone below the executives, who always has one."""
        assert self.division is not None, "only an executive may sit above the divisions"
        return self.division


@dataclass
class AccountDraft:
    """One account under construction; rows stay editable until the writer flushes."""

    row: Row
    archetype: Archetype
    industry: Industry
    pod: Pod
    slot: int
    geographies: list[Row] = field(default_factory=list)
    divisions: list[Row] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    use_cases: list[Row] = field(default_factory=list)
    use_case_products: dict[int, tuple[str, ...]] = field(default_factory=dict)
    opportunities: list[Row] = field(default_factory=list)
    plans: dict[Any, Row] = field(default_factory=dict)  # the dimension plans, by dimension
    metrics: list[tuple[str, Row]] = field(default_factory=list)  # (metric name, row)
    arr_quarters: list[tuple[dt.date, float]] = field(default_factory=list)
    objectives: list[Row] = field(default_factory=list)
    actions: list[Row] = field(default_factory=list)
    risks: list[Row] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.row["id"])

    @property
    def size(self) -> str:
        return self.archetype.size

    def by_size(self, smb: Any, mid: Any, enterprise: Any) -> Any:
        return {"SMB": smb, "Mid-market": mid}.get(self.size, enterprise)

    def with_role(self, role: BuyingRole) -> list[Person]:
        return [p for p in self.people if role in p.roles]


def quarter_end(quarter: dt.date) -> dt.date:
    return add_quarters(quarter, 1) - dt.timedelta(days=1)


def money(value: float, step: int = 100) -> float:
    """Round money to a plausible step (deal values are quoted in round numbers)."""
    return float(max(step, round(value / step) * step))


def anniversary_after(start: dt.date, not_before: dt.date) -> dt.date:
    """The first anniversary of ``start`` on or after ``not_before``."""
    year = not_before.year
    while True:
        try:
            candidate = start.replace(year=year)
        except ValueError:  # 29 February in a common year
            candidate = dt.date(year, 2, 28)
        if candidate >= not_before:
            return candidate
        year += 1


def renewal_date(since: dt.date, today: dt.date, *, nudge_days: int) -> tuple[dt.date, dt.date]:
    """Contracts renew on their anniversary, 1 to 12 months from today: when the next
    anniversary is under a month away, ``since`` moves by ``nudge_days`` (about a month,
    either way) so the renewal lands in the window. Returns (since, renewal)."""
    renewal = anniversary_after(since, today + dt.timedelta(days=30))
    if (renewal - today).days > 365:
        since += dt.timedelta(days=nudge_days)
        renewal = anniversary_after(since, today + dt.timedelta(days=30))
    return since, renewal


def renewal_in(since: dt.date, today: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """``since`` moved earlier so that the contract renews ``days`` from today (at least a
    month away, like every demo renewal). Returns (since, renewal)."""
    renewal = anniversary_after(since, today + dt.timedelta(days=30))
    since -= dt.timedelta(days=(renewal - today).days - days)
    return since, anniversary_after(since, today + dt.timedelta(days=30))
