"""The portfolio list's SQL and its rows, shared by ``queries.list_accounts`` and the app's
first look at a file (``storage.first_look``: stdlib sqlite3, before SQLAlchemy is loaded),
so the list painted first is the list shown after. Plain SQL for that reason; no Qt and
no SQLAlchemy here."""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from cs_planner.domain.accounts.rules import expansion_multiple, marked, suggest_tiers
from cs_planner.domain.enums import LifecycleStage, Tier

ACCOUNTS_SQL = """
SELECT a.id, a.name, a.industry, a.tier_override, a.strategic, a.lifecycle_stage,
       a.arr, a.initial_deal_value, a.renewal_date, m.name, m.retired_on
FROM account AS a LEFT JOIN team_member AS m ON m.id = a.csm_id
"""  # sorted by name in Python: SQLite's walk of the name index reads the table out of order
# The CSAs allocated on :today, one row per allocation, grouped in Python: linear in the
# allocations, where a correlated aggregate per account rescanned them for every account.
CSAS_SQL = """
SELECT c.account_id, t.name
FROM csa_allocation AS c JOIN team_member AS t ON t.id = c.csa_id
WHERE c.start_date <= :today AND c.end_date >= :today
"""
CURRENCY_SQL = "SELECT currency FROM settings WHERE id = 1"
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

    @property
    def multiple(self) -> float | None:
        return expansion_multiple(self.arr, self.initial_deal_value)


def _date(value: Any) -> dt.date | None:
    """SQLite hands dates back as ISO text; a server's driver as dates."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def account_rows(
    accounts: Iterable[Sequence[Any]], csas: Iterable[Sequence[Any]], today: dt.date
) -> list[AccountRow]:
    """The list's rows, by name, from the rows of ACCOUNTS_SQL and CSAS_SQL."""
    # Tens of thousands of tuples, none in a reference cycle: the cycle collector's passes
    # over the whole heap while they are made cost a third of the time at 20,000.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _account_rows(accounts, csas, today)
    finally:
        if collecting:
            gc.enable()


def _account_rows(
    accounts: Iterable[Sequence[Any]], csas: Iterable[Sequence[Any]], today: dt.date
) -> list[AccountRow]:
    accounts = list(accounts)
    names: defaultdict[int, set[str]] = defaultdict(set)
    for account_id, name in csas:
        names[account_id].add(name)
    suggested = suggest_tiers([(a[0], float(a[6] or 0), bool(a[4])) for a in accounts])
    rows = []
    for (
        id_,
        name,
        industry,
        override,
        strategic,
        stage,
        arr,
        deal,
        renewal,
        csm,
        retired,
    ) in accounts:
        renewal_date = _date(renewal)
        allocated = names.get(id_)
        rows.append(
            AccountRow(  # positional, in field order: the fastest way to make one
                id_,
                name,
                industry,
                _TIERS[override] if override else suggested[id_],
                suggested[id_],
                bool(strategic),
                _STAGES[stage],
                float(arr or 0),
                float(deal),
                renewal_date,
                (renewal_date - today).days if renewal_date else None,
                marked(csm or "", retired),
                ", ".join(sorted(allocated)) if allocated else "",
            )
        )
    # Sorted once made, by name (str order is SQLite's BINARY order): walking the fetched
    # rows in the order they came was a third quicker at 20,000 than in name order.
    rows.sort(key=itemgetter(1))
    return rows
