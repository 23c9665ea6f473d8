"""Values read as stored become the members and dates the rules compare."""

from __future__ import annotations

import datetime as dt

from cs_planner.domain.enums import Level
from cs_planner.domain.rollup.stored import day, members


def test_a_stored_date_is_a_date_whatever_the_database_gives() -> None:
    assert day("2026-11-24") == dt.date(2026, 11, 24)  # SQLite: text
    assert day(dt.date(2026, 11, 24)) == dt.date(2026, 11, 24)  # PostgreSQL: a date
    assert day(None) is None


def test_every_member_is_found_by_its_stored_value() -> None:
    assert all(members(Level)[m.value] is m for m in Level)
