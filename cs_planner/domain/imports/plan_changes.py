"""Reading an exported account plan back after the customer edited it in Excel: per sheet,
the fields changed (old -> new), the rows added and the rows deleted, each new value
checked by the model's own field validation. Nothing is written here; the accepted changes
are applied by ``plan_apply.PlanChangesEdit`` as one undo step.

The workbook is read with openpyxl read-only and the cached values of formulas (never
evaluated). "Old" is the value in the portfolio now: when the portfolio was written to
since the export (``settings.write_count`` differs), a cell the customer left alone may
hold a value the app has changed since, and shows as a change back to it; a note says so,
and the person unticks it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.enums import ActionStatus, RiskStatus, StairStep
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.plan_diff import (
    Col,
    Current,
    FieldChange,
    RowChange,
    SheetChanges,
    cell_date,
    cell_text,
    cell_whole,
    diff,
    label_of,
    show,
)
from cs_planner.domain.imports.plan_marks import (
    ACCOUNT_ID,
    FILE_ID,
    IDS_PREFIX,
    WRITE_COUNT,
    split_ids,
)
from cs_planner.domain.imports.reading import MAX_FILE_BYTES, ImportProblem
from cs_planner.domain.imports.reading import _check_zip as check_zip
from cs_planner.domain.model import Account, ActionItem, Risk, Settings, Stakeholder, UseCase
from cs_planner.domain.plan.actions import CUSTOMER, load_actions
from cs_planner.domain.plan.risks import list_risks
from cs_planner.domain.quarters import parse_quarter, quarter_label

ACTIONS, RISKS, PEOPLE, USE_CASES = "Action Plan", "Risks", "Relationships", "Stairway"
MAX_ROWS = 5_000  # a plan's table is tens of rows; more is not a plan we wrote

__all__ = [  # the diff's rows are defined in plan_diff and read from here
    "ACTIONS",
    "PEOPLE",
    "RISKS",
    "USE_CASES",
    "FieldChange",
    "PlanChanges",
    "PlanRefused",
    "RowChange",
    "SheetChanges",
    "read_plan_changes",
]


class PlanRefused(ValidationError):
    """The workbook is not a plan of this portfolio's account (one line, nothing read)."""


@dataclass(frozen=True)
class PlanChanges:
    account_id: int
    account_name: str
    sheets: tuple[SheetChanges, ...]
    notes: tuple[str, ...] = ()

    @property
    def rows(self) -> list[RowChange]:
        return [r for s in self.sheets for r in s.rows]


# --- reading --------------------------------------------------------------------------------


def read_plan_changes(
    session: Session,
    path: str | os.PathLike[str],
    today: dt.date,
    account_id: int | None = None,
) -> PlanChanges:
    """The changes in the plan at ``path`` against the portfolio now. Raises PlanRefused
    (one line) when it is not an account plan of this portfolio, or not of ``account_id``
    when one is given."""
    name = Path(path).name
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            raise PlanRefused(f"{name} is too large to be an account plan.")
        check_zip(Path(path), name)  # a damaged archive or a zip bomb, before openpyxl
        workbook = load_workbook(path, read_only=True, data_only=True)
    except PlanRefused:
        raise
    except ImportProblem as problem:
        raise PlanRefused(f"This is not an Excel workbook cs_planner can read: {problem}") from None
    except Exception as error:  # openpyxl raises many kinds for a bad workbook
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise PlanRefused(f"This is not an Excel workbook cs_planner can read ({first}).") from None
    try:
        props = {p.name: p.value for p in workbook.custom_doc_props}
        plan_account = _identity(session, props, account_id)
        account = session.get(Account, plan_account)
        assert account is not None  # _identity checked it
        sheets, notes, ignored = [], [], []
        for ws in workbook.worksheets:
            title = ws.title
            reader = SHEET_READERS.get(title)
            if reader is None:
                ignored.append(title)
                continue
            if IDS_PREFIX + title not in props:  # exported with no table (no rows yet)
                ignored.append(title)
                continue
            rows = list(_limited(ws.iter_rows(values_only=True)))
            exported = split_ids(str(props.get(IDS_PREFIX + title, "")))
            found = reader(session, plan_account, today, title, rows, exported)
            if isinstance(found, str):
                notes.append(found)
            elif found.rows:
                sheets.append(found)
    finally:
        workbook.close()
    written = session.scalar(select(Settings.write_count))
    if props.get(WRITE_COUNT) != written and any(s.rows for s in sheets):
        notes.append(
            "The portfolio has changed since this plan was exported: a change listed may "
            "put back a value edited in the app since; untick what should stay."
        )
    if ignored:  # the plan's read-only sheets and any the customer added: one line
        names = ", ".join(f"'{t}'" for t in ignored)
        notes.insert(0, f"Not read back, so changes in them are ignored: {names}.")
    return PlanChanges(plan_account, account.name, tuple(sheets), tuple(notes))


def _limited(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    for n, row in enumerate(rows, start=1):
        if n > MAX_ROWS:
            raise PlanRefused(f"A sheet has more than {MAX_ROWS:,} rows: not an account plan.")
        yield row


def _identity(session: Session, props: dict[str, Any], account_id: int | None) -> int:
    file_id, plan_account = props.get(FILE_ID), props.get(ACCOUNT_ID)
    if not file_id or not isinstance(plan_account, int):
        raise PlanRefused("This workbook is not an account plan exported by cs_planner.")
    if file_id != session.scalar(select(Settings.file_id)):
        raise PlanRefused("This account plan was exported from another portfolio.")
    if account_id is not None and plan_account != account_id:
        raise PlanRefused("This account plan is of another account.")
    if session.get(Account, plan_account) is None:
        raise PlanRefused("The account of this plan is no longer in the portfolio.")
    return plan_account


SheetReader = Callable[
    [Session, int, dt.date, str, list[tuple[Any, ...]], list[int]], "SheetChanges | str"
]


# --- the sheets -------------------------------------------------------------------------------


def _actions(
    session: Session,
    account_id: int,
    today: dt.date,
    title: str,
    rows: list[tuple[Any, ...]],
    exported: list[int],
) -> SheetChanges | str:
    plan = load_actions(session, account_id, today)
    labels: dict[str, Any] = {}
    for _group, items in plan.owners:
        for item in items:
            at_customer = isinstance(item.value, tuple) and item.value[0] == CUSTOMER
            labels[f"{item.label} (customer)" if at_customer else item.label] = item.value
    names = {v: k for k, v in labels.items()}

    def owner(value: Any) -> Any:
        text = cell_text(value)
        if not text:
            return None
        for label, choice in labels.items():
            if label.casefold() == text.casefold():
                return choice
        raise ValueError(f"'{text}' is not someone who can own an action on this account.")

    current = Current(
        {
            a.id: {
                "title": a.values.title,
                "owner": a.values.owner,
                "due_date": a.values.due_date,
                "status": a.values.status,
            }
            for a in plan.rows
        },
        lambda f, v: names.get(v, "") if f == "owner" else show(v),
    )
    columns = (
        Col("Action", "title", cell_text, ActionItem),
        Col("Owner", "owner", owner),
        Col("Due", "due_date", cell_date, ActionItem),
        Col("Status", "status", label_of(ActionStatus, "status"), ActionItem),
    )
    return diff(title, rows, exported, columns, current)


def _risks(
    session: Session,
    account_id: int,
    today: dt.date,
    title: str,
    rows: list[tuple[Any, ...]],
    exported: list[int],
) -> SheetChanges | str:
    fields = ("description", "likelihood", "impact", "status", "mitigation")
    current = Current(
        {r.id: {f: getattr(r.values, f) for f in fields} for r in list_risks(session, account_id)}
    )
    columns = (
        Col("Risk", "description", cell_text, Risk),
        Col("Likelihood", "likelihood", cell_whole, Risk),
        Col("Impact", "impact", cell_whole, Risk),
        Col("Status", "status", label_of(RiskStatus, "status"), Risk),
        Col("Mitigation", "mitigation", cell_text, Risk),
    )
    return diff(title, rows, exported, columns, current)


def _people(
    session: Session,
    account_id: int,
    today: dt.date,
    title: str,
    rows: list[tuple[Any, ...]],
    exported: list[int],
) -> SheetChanges | str:
    found = session.execute(
        select(Stakeholder.id, Stakeholder.name, Stakeholder.title).where(
            Stakeholder.account_id == account_id
        )
    )
    current = Current({i: {"name": n, "title": t} for i, n, t in found})
    columns = (
        Col("Name", "name", cell_text, Stakeholder),
        Col("Title", "title", cell_text, Stakeholder),
    )
    return diff(title, rows, exported, columns, current)


def _use_cases(
    session: Session,
    account_id: int,
    today: dt.date,
    title: str,
    rows: list[tuple[Any, ...]],
    exported: list[int],
) -> SheetChanges | str:
    fy = session.scalar(select(Settings.fiscal_year_start_month)) or 1
    found = session.execute(
        select(UseCase.id, UseCase.title, UseCase.step, UseCase.target_quarter).where(
            UseCase.account_id == account_id
        )
    )
    current = Current(
        {i: {"title": t, "step": s, "target_quarter": q} for i, t, s, q in found},
        lambda f, v: quarter_label(v, fy) if f == "target_quarter" and v else show(v),
    )

    def quarter(value: Any) -> dt.date | None:
        return parse_quarter(cell_text(value), fy) if cell_text(value) else None

    columns = (
        Col("Use case", "title", cell_text, UseCase),
        Col("Step", "step", label_of(StairStep, "step"), UseCase),
        Col("Target quarter", "target_quarter", quarter, UseCase),
    )
    return diff(title, rows, exported, columns, current, _is_subtotal)


def _is_subtotal(values: dict[str, Any]) -> bool:
    """The Stairway's subtotal and total rows, which are no records."""
    step = cell_text(values["step"])
    return step.endswith(" subtotal") or step == "All steps"


SHEET_READERS: dict[str, SheetReader] = {
    ACTIONS: _actions,
    RISKS: _risks,
    PEOPLE: _people,
    USE_CASES: _use_cases,
}
