"""Reading an account's roadmap back in the Stairway tests."""

from __future__ import annotations

from cs_planner.domain.enums import StairStep
from cs_planner.domain.model import UseCase
from cs_planner.domain.stairway.queries import list_use_cases


def order(portfolio, account_id: int) -> list[tuple[str, StairStep, int]]:
    with portfolio.session() as s:
        return [(r.title, r.step, r.position) for r in list_use_cases(s, account_id)]


def stored(portfolio, use_case_id: int) -> UseCase | None:
    with portfolio.session() as s:
        row = s.get(UseCase, use_case_id)
        if row is not None:
            s.expunge(row)
        return row
