"""Values as the database stores them, for the roll-up's bulk reads: a column selected
without SQLAlchemy's converter (``stored``), then turned into an enum member or a date here
with a dictionary lookup or ``date.fromisoformat`` (``members``, ``day``), much quicker
over a whole portfolio's rows than a converter call per value."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import String, type_coerce
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement

E = TypeVar("E", bound=StrEnum)


def stored(column: InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    """``column`` as stored: an enum's value, a date as the database gives it (text on
    SQLite, a date on PostgreSQL)."""
    return type_coerce(column, String)


def members(enum: type[E]) -> dict[str, E]:
    """Stored value -> member (enums are stored as their values: ``model.base.enum_col``)."""
    return {member.value: member for member in enum}


def day(value: str | dt.date | None) -> dt.date | None:
    """A stored date: text "YYYY-MM-DD" (SQLite; the check on opening, storage.checks,
    lets no other text through) or already a date (other databases)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
