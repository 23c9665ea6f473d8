"""A won opportunity moves the ARR history forward: its ACV uplift is added to the account's
ARR and to the ARR history from the quarter it closed in. The change is kept as the ARR
state before and after (``ArrChange``), so undo and redo put the history back exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_account, get_settings
from cs_planner.domain.enums import OpportunityStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.expansion.rows import OpportunityValues
from cs_planner.domain.model import ArrHistory
from cs_planner.domain.quarters import quarter_start


@dataclass(frozen=True)
class ArrState:
    arr: float
    history: tuple[tuple[dt.date, float | None], ...]  # None: no row for that quarter


@dataclass(frozen=True)
class ArrChange:
    account_id: int
    before: ArrState
    after: ArrState


def won(values: OpportunityValues | None) -> tuple[dt.date, float] | None:
    """The close date and uplift an opportunity adds to ARR (None unless won)."""
    if values is None or values.status != OpportunityStatus.WON or values.closed_on is None:
        return None
    return values.closed_on, values.acv_uplift


def read_arr_state(session: Session, account_id: int, quarters: set[dt.date]) -> ArrState:
    account = get_account(session, account_id)
    rows: dict[dt.date, float] = {
        r.quarter: r.arr
        for r in session.execute(
            select(ArrHistory.quarter, ArrHistory.arr).where(
                ArrHistory.account_id == account_id, ArrHistory.quarter.in_(quarters)
            )
        )
    }
    return ArrState(account.arr, tuple((q, rows.get(q)) for q in sorted(quarters)))


def set_arr_state(session: Session, account_id: int, state: ArrState) -> None:
    """Put the account's ARR and the given history quarters back to ``state``."""
    account = get_account(session, account_id)
    account.arr = state.arr
    rows = {
        r.quarter: r
        for r in session.scalars(
            select(ArrHistory).where(
                ArrHistory.account_id == account_id,
                ArrHistory.quarter.in_([q for q, _ in state.history]),
            )
        )
    }
    for quarter, value in state.history:
        row = rows.get(quarter)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(ArrHistory(account_id=account_id, quarter=quarter, arr=value))
        else:
            row.arr = value
    session.flush()


def move_arr(
    session: Session,
    account_id: int,
    before: OpportunityValues | None,
    after: OpportunityValues | None,
    today: dt.date,
) -> ArrChange | None:
    """Take back what ``before`` added to ARR and add what ``after`` adds."""
    was, now = won(before), won(after)
    if was == now:
        return None
    fy = get_settings(session).fiscal_year_start_month
    current = quarter_start(today, fy)
    deltas: list[tuple[dt.date, float]] = []
    if was:
        deltas.append((min(quarter_start(was[0], fy), current), -was[1]))
    if now:
        deltas.append((min(quarter_start(now[0], fy), current), now[1]))
    history: dict[dt.date, float] = {
        r.quarter: r.arr
        for r in session.execute(
            select(ArrHistory.quarter, ArrHistory.arr).where(ArrHistory.account_id == account_id)
        )
    }
    touched = {q for q in history if q >= min(q for q, _ in deltas)}
    touched |= {q for q, _ in deltas} | {current}
    before_state = read_arr_state(session, account_id, touched)
    account = get_account(session, account_id)
    values: dict[dt.date, float] = {}
    # A quarter with no row yet starts from the last known ARR before it (or today's ARR).
    for quarter in sorted(touched):
        if quarter in history:
            values[quarter] = history[quarter]
        else:
            earlier = [v for q, v in sorted(history.items()) if q < quarter]
            values[quarter] = earlier[-1] if earlier else account.arr
    arr = account.arr
    for start, delta in deltas:
        arr += delta
        for quarter in values:
            if quarter >= start:
                values[quarter] += delta
    if min(arr, *values.values()) < 0:
        raise ValidationError(
            "Taking back this won opportunity would leave ARR below zero; correct the "
            "account's ARR first.",
            "status",
        )
    after_state = ArrState(arr, tuple((q, values[q]) for q in sorted(touched)))
    set_arr_state(session, account_id, after_state)
    return ArrChange(account_id, before_state, after_state)
