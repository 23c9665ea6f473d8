"""Edits on an account's expansion plan: a dimension, a whitespace cell, an opportunity.

The functions below change the rows and return what an undo needs; the ``Edit`` classes at
the end wrap them into undoable steps (``domain.edits``) that the ui performs. A won
opportunity moves the ARR history forward (``arr``); undo and redo put it back exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain import snapshot
from cs_planner.domain.accounts.queries import get_account, get_settings
from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Delete, Edit
from cs_planner.domain.enums import Dimension, OpportunityStatus, WhitespaceState
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.expansion.arr import ArrChange, move_arr, set_arr_state
from cs_planner.domain.expansion.rows import DimensionValues, OpportunityValues
from cs_planner.domain.model import (
    Base,
    DimensionPlan,
    Division,
    Geography,
    Opportunity,
    Product,
    UseCase,
    WhitespaceCell,
)
from cs_planner.domain.quarters import quarter_label, quarter_start

M = TypeVar("M", bound=Base)

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


# --- opportunities -------------------------------------------------------------------


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


def _need(session: Session, model: type[M], row_id: int, what: str, field: str) -> M:
    row = session.get(model, row_id)
    if row is None:
        raise ValidationError(f"{what} no longer exists (it may have been deleted).", field)
    return row


def _get(session: Session, model: type[M], row_id: int | None, what: str, field: str) -> M | None:
    return None if row_id is None else _need(session, model, row_id, what, field)


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
    change = move_arr(session, account_id, None, after, today)
    return row.id, OpportunityEdit(None, after, change)


def update_opportunity(
    session: Session, opportunity_id: int, values: OpportunityValues, today: dt.date
) -> OpportunityEdit:
    """Change an opportunity; winning it (or un-winning it) moves ARR."""
    row = _need(session, Opportunity, opportunity_id, "That opportunity", "title")
    before = opportunity_values(row)
    check_open_quarter(values, today, get_settings(session).fiscal_year_start_month)
    after = _effective(values, today)
    _assign(session, row, after)
    session.flush()
    change = move_arr(session, row.account_id, before, after, today)
    return OpportunityEdit(before, after, change)


def write_opportunity(session: Session, opportunity_id: int, values: OpportunityValues) -> None:
    """Set an opportunity's fields only (undo and redo restore ARR themselves)."""
    row = _need(session, Opportunity, opportunity_id, "That opportunity", "title")
    _assign(session, row, values)
    session.flush()


def opportunity_values(row: Opportunity) -> OpportunityValues:
    return OpportunityValues(**{f.name: getattr(row, f.name) for f in fields(OpportunityValues)})


# --- the undoable steps ------------------------------------------------------------------


class SaveDimension(Edit):
    """Set one dimension of the plan (None removes its row); undo puts back what it was."""

    def __init__(self, text: str, key: DimensionKey, values: DimensionValues | None) -> None:
        self.text, self.key, self.values = text, key, values
        self.before: DimensionValues | None = None

    def apply(self, session: Session) -> Changes:
        self.before = save_dimension(session, self.key, self.values)
        return Changes.account(self.key.account_id)

    def revert(self, session: Session) -> Changes:
        save_dimension(session, self.key, self.before)
        return Changes.account(self.key.account_id)


class SetCellState(Edit):
    """Mark a whitespace cell (None: not assessed); undo puts back the state it had."""

    def __init__(self, text: str, key: CellKey, state: WhitespaceState | None) -> None:
        self.text, self.key, self.state = text, key, state
        self.before: WhitespaceState | None = None

    def apply(self, session: Session) -> Changes:
        self.before = set_cell_state(session, self.key, self.state)
        return Changes.account(self.key.account_id)

    def revert(self, session: Session) -> Changes:
        set_cell_state(session, self.key, self.before)
        return Changes.account(self.key.account_id)


def _arr_changes(account_id: int, arr: ArrChange | None) -> Changes:
    """Inside the account; a won opportunity also moves the ARR the portfolio list shows."""
    return Changes.account(account_id, listed=arr is not None)


class AddOpportunity(Edit):
    """Add an opportunity; a won one moves ARR. Redo after undo restores the same id, so
    later steps on the undo stack still find it."""

    def __init__(
        self, text: str, account_id: int, values: OpportunityValues, today: dt.date
    ) -> None:
        self.text, self.account_id, self.values, self.today = text, account_id, values, today
        self.row_id: int | None = None
        self.done: OpportunityEdit | None = None
        self._snapshot: snapshot.Snapshot | None = None

    def apply(self, session: Session) -> Changes:
        if self.done is None or self._snapshot is None:
            self.row_id, self.done = add_opportunity(
                session, self.account_id, self.values, self.today
            )
        else:
            snapshot.restore(session, self._snapshot)
            if self.done.arr is not None:
                set_arr_state(session, self.account_id, self.done.arr.after)
        return _arr_changes(self.account_id, self.done.arr)

    def revert(self, session: Session) -> Changes:
        assert self.row_id is not None and self.done is not None, "revert before apply"
        self._snapshot = snapshot.delete_row(session, Opportunity, self.row_id)
        if self.done.arr is not None:
            set_arr_state(session, self.account_id, self.done.arr.before)
        return _arr_changes(self.account_id, self.done.arr)


class EditOpportunity(Edit):
    """Change an opportunity; winning or un-winning it moves ARR, and undo moves it back."""

    def __init__(
        self,
        text: str,
        account_id: int,
        opportunity_id: int,
        values: OpportunityValues,
        today: dt.date,
    ) -> None:
        self.text, self.account_id, self.opportunity_id = text, account_id, opportunity_id
        self.values, self.today = values, today
        self.done: OpportunityEdit | None = None

    def apply(self, session: Session) -> Changes:
        if self.done is None:
            self.done = update_opportunity(session, self.opportunity_id, self.values, self.today)
        else:
            write_opportunity(session, self.opportunity_id, self.done.after)
            if self.done.arr is not None:
                set_arr_state(session, self.account_id, self.done.arr.after)
        return _arr_changes(self.account_id, self.done.arr)

    def revert(self, session: Session) -> Changes:
        assert self.done is not None and self.done.before is not None, "revert before apply"
        write_opportunity(session, self.opportunity_id, self.done.before)
        if self.done.arr is not None:
            set_arr_state(session, self.account_id, self.done.arr.before)
        return _arr_changes(self.account_id, self.done.arr)


def delete_opportunity(text: str, account_id: int, opportunity_id: int) -> Edit:
    """Delete an opportunity; a won one keeps the ARR it brought. Undo restores it."""
    return Delete(text, Opportunity, [opportunity_id], Changes.account(account_id))
