"""The portfolio list's SQL and its rows, shared by ``queries.list_accounts`` and the app's
first look at a file (``storage.first_look``: stdlib sqlite3, before SQLAlchemy is loaded),
so the list painted first is the list shown after. Plain SQL for that reason; no Qt and
no SQLAlchemy here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from cs_planner.domain.accounts.rules import TierHours, expansion_multiple, marked, suggest_tiers
from cs_planner.domain.enums import LifecycleStage, Tier

ACCOUNTS_SQL = """
SELECT a.id, a.name, a.industry, a.tier_override, a.strategic, a.lifecycle_stage,
       a.arr, a.initial_deal_value, a.renewal_date, a.csm_id, a.churned_on IS NOT NULL
FROM account AS a
"""  # sorted by name in Python: SQLite's walk of the name index reads the table out of order
# The CSMs apart, matched in Python: a join's index search per account made the list's read
# grow faster than the portfolio (and cost a third of it).
CSMS_SQL = """
SELECT m.id, m.name, m.retired_on FROM team_member AS m
WHERE m.id IN (SELECT csm_id FROM account)
"""
# The CSAs allocated on :today, one row per allocation, grouped in Python: linear in the
# allocations, where a correlated aggregate per account rescanned them for every account.
CSAS_SQL = """
SELECT c.account_id, t.name
FROM csa_allocation AS c JOIN team_member AS t ON t.id = c.csa_id
WHERE c.start_date <= :today AND c.end_date >= :today
"""
CURRENCY_SQL = "SELECT currency FROM settings WHERE id = 1"
# The hours each tier needs and the CSM team's: the setting, else the active CSMs' weekly
# capacity in hours a month (52 weeks over 12 months).
CSM_HOURS_SQL = """
SELECT COALESCE(SUM(m.capacity_hours_per_week), 0) * 52.0 / 12
FROM team_member AS m WHERE m.role = 'csm' AND m.retired_on IS NULL
"""
CAPACITY_SQL = f"""
SELECT s.top_tier_hours, s.leveraged_tier_hours, s.scalable_tier_hours,
       COALESCE(s.csm_team_hours, ({CSM_HOURS_SQL})), s.csm_team_hours IS NULL
FROM settings AS s WHERE s.id = 1
"""
DEFAULT_CURRENCY = "USD"
_TIERS = {t.value: t for t in Tier}  # a dict lookup: Enum(value) costs ten times more
_STAGES = {s.value: s for s in LifecycleStage}


class AccountRow(NamedTuple):
    """One line of the portfolio list (a named tuple: thousands are made at start-up,
    five times faster than a frozen dataclass)."""

    id: int
    name: str
    industry: str
    tier: Tier
    suggested_tier: Tier
    strategic: bool
    stage: LifecycleStage
    arr: float
    initial_deal_value: float
    renewal_date: dt.date | None
    days_to_renewal: int | None
    csm: str
    csas: str = ""  # CSAs allocated today, by name
    churned: bool = False  # marked churned (with a date)

    @property
    def multiple(self) -> float | None:
        return expansion_multiple(self.arr, self.initial_deal_value)


def _date(value: Any) -> dt.date | None:
    """SQLite hands dates back as ISO text; a server's driver as dates."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def plain_rows(dbapi_connection: Any, sql: str) -> list[Any]:
    """The rows of ``sql`` (no parameters) from a DB-API connection, plain tuples: a
    SQLAlchemy Row around each of 20,000 accounts was megabytes more to make and free."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()  # type: ignore[no-any-return]
    finally:
        cursor.close()


def tier_hours(row: Sequence[Any] | None) -> TierHours | None:
    """The capacity from CAPACITY_SQL's row (None: no settings row yet)."""
    if row is None:
        return None
    top, leveraged, scalable, team = (float(v or 0) for v in row[:4])
    hours = {Tier.TOP: top, Tier.LEVERAGED: leveraged, Tier.SCALABLE: scalable}
    return TierHours(hours, team)


def account_rows(
    accounts: Iterable[Sequence[Any]],
    csms: Iterable[Sequence[Any]],
    csas: Iterable[Sequence[Any]],
    today: dt.date,
    capacity: TierHours | None = None,
) -> list[AccountRow]:
    """The list's rows, by name, from the rows of ACCOUNTS_SQL, CSMS_SQL and CSAS_SQL, the
    tiers suggested within ``capacity`` (CAPACITY_SQL's ``tier_hours``). Callers read and
    call this within ``gc_pause.no_cycle_collection``: tens of thousands of tuples."""
    accounts = list(accounts)
    owners = {id_: marked(name or "", retired) for id_, name, retired in csms}
    # Each account's CSAs as the list shows them: most have one, kept as it is (a set
    # per account was megabytes at 20,000); several are sorted and joined once.
    allocated: dict[int, str] = {}
    several: dict[int, set[str]] = {}
    for account_id, name in csas:
        first = allocated.setdefault(account_id, name)
        if first != name:
            several.setdefault(account_id, {first}).add(name)
    for account_id, names in several.items():
        allocated[account_id] = ", ".join(sorted(names))
    # A churned account takes no place in the tiers: it is suggested scalable.
    arrs = [float(a[6] or 0) for a in accounts]  # made once: the tiers' and the row's
    customers = [
        (a[0], arr, bool(a[4])) for a, arr in zip(accounts, arrs, strict=True) if not a[10]
    ]
    suggested = suggest_tiers(customers, capacity).get
    scalable = Tier.SCALABLE  # fetched once: an enum member lookup costs per row
    # A few hundred renewal dates for thousands of accounts: each parsed, and its days
    # from today counted, once (objects shared, not made per row).
    when: dict[Any, tuple[dt.date | None, int | None]] = {None: (None, None)}
    deals: dict[Any, float] = {}  # a few hundred initial deal values: a float each
    industries: dict[str, str] = {}  # a few dozen industries: one string each, not per row
    make = tuple.__new__  # AccountRow's own __new__ is a Python call per row
    rows = []
    for (
        (
            id_,
            name,
            industry,
            override,
            strategic,
            stage,
            _arr,
            deal,
            renewal,
            csm_id,
            churned,
        ),
        arr_amount,
    ) in zip(accounts, arrs, strict=True):
        dated = when.get(renewal)
        if dated is None:
            day = _date(renewal)
            dated = when[renewal] = (day, (day - today).days if day else None)
        tier = suggested(id_, scalable)
        deal_amount = deals.get(deal)
        if deal_amount is None:
            deal_amount = deals[deal] = float(deal)
        rows.append(
            make(
                AccountRow,
                (  # in field order
                    id_,
                    name,
                    industries.setdefault(industry, industry),
                    _TIERS[override] if override else tier,
                    tier,
                    bool(strategic),
                    _STAGES[stage],
                    arr_amount,
                    deal_amount,
                    *dated,
                    owners.get(csm_id, ""),
                    allocated.get(id_, ""),
                    bool(churned),
                ),
            )
        )
    # Sorted once made, by name (str order is SQLite's BINARY order): walking the fetched
    # rows in the order they came was a third quicker at 20,000 than in name order.
    rows.sort(key=itemgetter(1))
    return rows
