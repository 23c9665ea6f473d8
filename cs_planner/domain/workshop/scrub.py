"""Take the private layer out of a copy of a portfolio. The customer copy of a plan is
written from such a copy, so no sheet or page can show a private value: it never reads one.
What is private is ``privacy.FIELDS``; nothing here names a field."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, delete, update
from sqlalchemy.orm import Session

from cs_planner.domain.model import Base
from cs_planner.domain.workshop.privacy import FIELDS, private_columns

# Whole private tables the plan still needs to be drawn at all: the currency, the fiscal
# year and paper (settings), the health score's weights. Neither is shown as such.
KEPT = frozenset({"settings", "health_weight"})
# Where the default breaks a rule of the table (an initial deal is more than nothing).
NEUTRAL: dict[tuple[str, str], Any] = {("account", "initial_deal_value"): 1.0}


def _neutral(column: Column[Any]) -> Any:
    """What a private field becomes: nothing where it may be empty, else its default."""
    if (column.table.name, column.name) in NEUTRAL:
        return NEUTRAL[column.table.name, column.name]
    if column.nullable:
        return None
    default = column.default
    arg = getattr(default, "arg", None)
    if arg is None or callable(arg):
        raise ValueError(f"{column.table.name}.{column.name} needs a neutral value")
    return arg


def scrub(session: Session) -> None:
    """Delete the rows of wholly private tables and blank private fields, in ``session``
    (a write transaction on a copy, never on the CSM's own file)."""
    for table in reversed(Base.metadata.sorted_tables):  # children before their parents
        private = private_columns(table.name)
        if not private or table.name in KEPT:
            continue
        if private == set(FIELDS[table.name]):
            session.execute(delete(table))
            continue
        session.execute(update(table).values({c: _neutral(table.c[c]) for c in private}))
