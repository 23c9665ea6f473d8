"""Edits on an account's expansion plan. Each returns what its undo needs.

A won opportunity moves the ARR history forward: its ACV uplift is added to the account's
ARR and to the ARR history from the quarter it closed in. The change is returned as the ARR
state before and after (``ArrChange``), so undo and redo put the history back exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_account, get_settings
from cs_planner.domain.enums import Dimension, OpportunityStatus, WhitespaceState
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.expansion import DimensionValues, OpportunityValues
from cs_planner.domain.model import (
    ArrHistory,
    DimensionPlan,
    Division,
    Geography,
    Opportunity,
    Product,
    UseCase,
    WhitespaceCell,
)
from cs_planner.domain.quarters import quarter_label, quarter_start

# --- dimensions --------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionKey:
    account_id: int
    dimension: Dimension


def check_dimension(values: DimensionValues) -> None:
    """Rules across the fields of one dimension (field rules are on the model)."""
    if (
        values.baseline is not None
        and values.target is not None
        and values.target < values.baseline
    ):
        raise ValidationError("The target cannot be below the baseline.", "target")


def save_dimension(
    session: Session, key: DimensionKey, values: DimensionValues | None
) -> DimensionValues | None:
    """Set one dimension of the plan (None removes its row); returns what it was."""
    get_account(session, key.account_id)
    row = session.scalar(
        select(DimensionPlan).where(
            DimensionPlan.account_id == key.account_id, DimensionPlan.dimension == key.dimension
        )
    )
    before = (
        DimensionValues(**{f.name: getattr(row, f.name) for f in fields(DimensionValues)})
        if row is not None
        else None
    )
    if values is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return before
    check_dimension(values)
    if row is None:
        row = DimensionPlan(account_id=key.account_id, dimension=key.dimension)
        session.add(row)
    for f in fields(DimensionValues):
        setattr(row, f.name, getattr(values, f.name))
    session.flush()
    return before


# --- whitespace ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CellKey:
    account_id: int
    division_id: int
    product_id: int | None = None
    geography_id: int | None = None


def set_cell_state(
    session: Session, key: CellKey, state: WhitespaceState | None
) -> WhitespaceState | None:
    """Set a whitespace cell (None: back to unassessed, removing its row); returns the
    state it had."""
    column = WhitespaceCell.product_id if key.product_id else WhitespaceCell.geography_id
    row = session.scalar(
        select(WhitespaceCell).where(
            WhitespaceCell.division_id == key.division_id,
            column == (key.product_id or key.geography_id),
        )
    )
    before = row.state if row is not None else None
    if state is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return before
    if row is None:
        division = session.get(Division, key.division_id)
        if division is None or division.account_id != key.account_id:
            raise ValidationError("That division no longer exists.", "division_id")
        row = WhitespaceCell(account_id=key.account_id, division=division)
        if key.product_id:
            row.product = _get(session, Product, key.product_id, "That product", "product_id")
        else:
            row.geography = _get(
                session, Geography, key.geography_id, "That geography", "geography_id"
            )
        session.add(row)
    row.state = state
    session.flush()
    return before


# --- opportunities and ARR -------------------------------------------------------------------


@dataclass(frozen=True)
class ArrState:
    arr: float
    history: tuple[tuple[dt.date, float | None], ...]  # None: no row for that quarter


@dataclass(frozen=True)
class ArrChange:
    account_id: int
    before: ArrState
    after: ArrState


@dataclass(frozen=True)
class OpportunityEdit:
    """An add or an edit as applied: the values before (None for an add) and after (a won
    opportunity gets today's date as its close date), and the ARR it moved."""

    before: OpportunityValues | None
    after: OpportunityValues
    arr: ArrChange | None


def check_open_quarter(values: OpportunityValues, today: dt.date, fy_start_month: int) -> None:
    """An open opportunity is still to come: its target quarter cannot be one already past
    (a won or lost one may be, it says when it closed)."""
    if values.status != OpportunityStatus.OPEN or values.target_quarter is None:
        return
    current = quarter_start(today, fy_start_month)
    if values.target_quarter < current:
        past = quarter_label(values.target_quarter, fy_start_month)
        raise ValidationError(
            f"{past} is already past: an open opportunity targets the current quarter "
            f"({quarter_label(current, fy_start_month)}) or later. Move it, or mark it won "
            "or lost.",
            "target_quarter",
        )


def _effective(values: OpportunityValues, today: dt.date) -> OpportunityValues:
    """An open opportunity has no close date; a closed one without a date closed today."""
    if values.status == OpportunityStatus.OPEN:
        return replace(values, closed_on=None)
    if values.closed_on is None:
        return replace(values, closed_on=today)
    if values.closed_on > today:
        raise ValidationError("An opportunity cannot be closed in the future.", "closed_on")
    return values


def _get(session: Session, model: type, row_id: int | None, what: str, field: str):
    if row_id is None:
        return None
    row = session.get(model, row_id)
    if row is None:
        raise ValidationError(f"{what} no longer exists (it may have been deleted).", field)
    return row


def _assign(session: Session, row: Opportunity, values: OpportunityValues) -> None:
    for name in ("dimension", "title", "acv_uplift", "confidence", "status"):
        setattr(row, name, getattr(values, name))
    row.target_quarter = values.target_quarter
    row.closed_on = values.closed_on
    row.notes = values.notes
    # Relationships, not only ids, so the model's same-account checks see them.
    row.use_case = _get(session, UseCase, values.use_case_id, "The use case", "use_case_id")
    row.division = _get(session, Division, values.division_id, "The division", "division_id")
    row.geography = _get(session, Geography, values.geography_id, "The geography", "geography_id")
    row.product = _get(session, Product, values.product_id, "The product", "product_id")


def _won(values: OpportunityValues | None) -> tuple[dt.date, float] | None:
    """The close date and uplift an opportunity adds to ARR (None unless won)."""
    if values is None or values.status != OpportunityStatus.WON or values.closed_on is None:
        return None
    return values.closed_on, values.acv_uplift


def read_arr_state(session: Session, account_id: int, quarters: set[dt.date]) -> ArrState:
    account = get_account(session, account_id)
    rows = dict(
        session.execute(
            select(ArrHistory.quarter, ArrHistory.arr).where(
                ArrHistory.account_id == account_id, ArrHistory.quarter.in_(quarters)
            )
        ).all()
    )
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


def _move_arr(
    session: Session,
    account_id: int,
    before: OpportunityValues | None,
    after: OpportunityValues | None,
    today: dt.date,
) -> ArrChange | None:
    """Take back what ``before`` added to ARR and add what ``after`` adds."""
    was, now = _won(before), _won(after)
    if was == now:
        return None
    fy = get_settings(session).fiscal_year_start_month
    current = quarter_start(today, fy)
    deltas: list[tuple[dt.date, float]] = []
    if was:
        deltas.append((min(quarter_start(was[0], fy), current), -was[1]))
    if now:
        deltas.append((min(quarter_start(now[0], fy), current), now[1]))
    history = dict(
        session.execute(
            select(ArrHistory.quarter, ArrHistory.arr).where(ArrHistory.account_id == account_id)
        ).all()
    )
    touched = {q for q in history if q >= min(q for q, _ in deltas)}
    touched |= {q for q, _ in deltas} | {current}
    before_state = read_arr_state(session, account_id, touched)
    account = get_account(session, account_id)
    values = {q: history.get(q) for q in touched}
    # A quarter with no row yet starts from the last known ARR before it (or today's ARR).
    for quarter in sorted(touched):
        if values[quarter] is None:
            earlier = [v for q, v in sorted(history.items()) if q < quarter]
            values[quarter] = earlier[-1] if earlier else account.arr
    arr = account.arr
    for start, delta in deltas:
        arr += delta
        for quarter in values:
            if quarter >= start:
                values[quarter] = (values[quarter] or 0.0) + delta
    if min(arr, *values.values()) < 0:
        raise ValidationError(
            "Taking back this won opportunity would leave ARR below zero; correct the "
            "account's ARR first.",
            "status",
        )
    after_state = ArrState(arr, tuple((q, values[q]) for q in sorted(touched)))
    set_arr_state(session, account_id, after_state)
    return ArrChange(account_id, before_state, after_state)


def add_opportunity(
    session: Session, account_id: int, values: OpportunityValues, today: dt.date
) -> tuple[int, OpportunityEdit]:
    """Add an opportunity (a won one moves ARR); returns its id and the edit."""
    get_account(session, account_id)
    check_open_quarter(values, today, get_settings(session).fiscal_year_start_month)
    after = _effective(values, today)
    row = Opportunity(account_id=account_id)
    _assign(session, row, after)
    session.add(row)
    session.flush()
    change = _move_arr(session, account_id, None, after, today)
    return row.id, OpportunityEdit(None, after, change)


def update_opportunity(
    session: Session, opportunity_id: int, values: OpportunityValues, today: dt.date
) -> OpportunityEdit:
    """Change an opportunity; winning it (or un-winning it) moves ARR."""
    row = _get(session, Opportunity, opportunity_id, "That opportunity", "title")
    before = opportunity_values(row)
    check_open_quarter(values, today, get_settings(session).fiscal_year_start_month)
    after = _effective(values, today)
    _assign(session, row, after)
    session.flush()
    change = _move_arr(session, row.account_id, before, after, today)
    return OpportunityEdit(before, after, change)


def write_opportunity(session: Session, opportunity_id: int, values: OpportunityValues) -> None:
    """Set an opportunity's fields only (undo and redo restore ARR themselves)."""
    row = _get(session, Opportunity, opportunity_id, "That opportunity", "title")
    _assign(session, row, values)
    session.flush()


def opportunity_values(row: Opportunity) -> OpportunityValues:
    return OpportunityValues(**{f.name: getattr(row, f.name) for f in fields(OpportunityValues)})
