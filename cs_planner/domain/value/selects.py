"""What health's reads share: a select limited to some accounts, its rows straight from the
connection, and stored days parsed once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any, TypeVar, cast

from sqlalchemy import Select
from sqlalchemy.orm import Session

from cs_planner.domain.rollup.stored import day as stored_day

Ids = Collection[int] | None
Q = TypeVar("Q")  # a select, whatever its columns
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


def only(query: Q, column: Any, ids: Ids) -> Q:
    """``query`` limited to the accounts ``ids`` (all of them when None)."""
    if ids is None:
        return query
    return cast(Q, cast(Select[Any], query).where(column.in_(list(ids))))


def rows(session: Session, query: Any) -> list[Any]:
    """Core rows straight from the connection: no ORM processing per row."""
    return list(session.connection().execute(query).all())


