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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.enums import ActionStatus, Labelled, RiskStatus, StairStep
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.plan_marks import (
    ACCOUNT_ID,
    FILE_ID,
    ID_HEADER,
    IDS_PREFIX,
    WRITE_COUNT,
    split_ids,
)
from cs_planner.domain.imports.reading import MAX_FILE_BYTES, ImportProblem
from cs_planner.domain.imports.reading import _check_zip as check_zip
from cs_planner.domain.model import Account, ActionItem, Base, Risk, Settings, Stakeholder, UseCase
from cs_planner.domain.plan.actions import CUSTOMER, load_actions
from cs_planner.domain.plan.risks import list_risks
from cs_planner.domain.quarters import parse_quarter, quarter_label

ACTIONS, RISKS, PEOPLE, USE_CASES = "Action Plan", "Risks", "Relationships", "Stairway"
MAX_ROWS = 5_000  # a plan's table is tens of rows; more is not a plan we wrote


class PlanRefused(ValidationError):
    """The workbook is not a plan of this portfolio's account (one line, nothing read)."""


@dataclass(frozen=True)
class FieldChange:
    field: str  # the model's field ("due_date"; "owner" for an action's owner)
    label: str  # the column's header, as the customer saw it
    old: str  # shown as the sheet shows it
    new: str
    value: Any = None  # the new value, parsed (when there is no problem)
    problem: str = ""  # why it cannot be written; such a change is never applied


@dataclass(frozen=True)
class RowChange:
    kind: str  # "changed", "new" or "deleted"
    sheet: str
    record_id: int | None  # None for a new row
    row: int  # the sheet's row number (0 for a deleted row)
    label: str  # the row's title, to name it
    fields: tuple[FieldChange, ...] = ()
    problem: str = ""  # why the whole row cannot be taken (a new row without a title)

    @property
    def key(self) -> str:
        return f"{self.sheet}:{self.kind}:{self.record_id or self.row}"

    @property
    def applicable(self) -> bool:
        """Something in it can be written: no row problem and a field with none."""
        if self.problem:
            return False
        return self.kind == "deleted" or any(not f.problem for f in self.fields)


@dataclass(frozen=True)
class SheetChanges:
    sheet: str
    rows: tuple[RowChange, ...]


@dataclass(frozen=True)
class PlanChanges:
    account_id: int
    account_name: str
    sheets: tuple[SheetChanges, ...]
    notes: tuple[str, ...] = ()

    @property
    def rows(self) -> list[RowChange]:
        return [r for s in self.sheets for r in s.rows]


# --- what each sheet holds ----------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    header: str
    field: str
    parse: Callable[[Any], Any]  # cell value -> domain value; raises ValueError to refuse
    model: type[Base] | None = None  # whose @validates checks it (None: parse checks it)


@dataclass
class Current:
    """The sheet's records as the portfolio holds them now: id -> field -> value."""

    values: dict[int, dict[str, Any]] = field(default_factory=dict)
    shown: Callable[[str, Any], str] = lambda _f, v: _show(v)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        converted = from_excel(value)  # a date Excel shows as a number
        return converted.date() if isinstance(converted, dt.datetime) else None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"'{_text(value)}' is not a date (write it as 2026-03-31).") from None


def _whole(value: Any) -> int:
    text = _text(value)
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a whole number.") from None


def _label_of(kind: type[Labelled], what: str) -> Callable[[Any], Any]:
    def parse(value: Any) -> Any:
        text = _text(value).casefold()
        for member in kind:
            if member.label.casefold() == text or member.value == text:
                return member
        allowed = ", ".join(m.label for m in kind)
        raise ValueError(f"'{_text(value)}' is not a {what} ({allowed}).")

    return parse


def _show(value: Any) -> str:
    if isinstance(value, Enum) and hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(value)


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


def _diff(
    title: str,
    rows: list[tuple[Any, ...]],
    exported: Sequence[int],
    columns: Sequence[Col],
    current: Current,
    skip: Callable[[dict[str, Any]], bool] = lambda _values: False,
) -> SheetChanges | str:
    """Compare the sheet's table (found by its record-id header) with ``current``."""
    top = next((n for n, r in enumerate(rows) if ID_HEADER in r), None)
    if top is None:
        return f"Sheet '{title}' has lost its record-id column; its changes are ignored."
    headers = [_text(h) for h in rows[top]]
    where = {c.field: headers.index(c.header) for c in columns if c.header in headers}
    missing = [c.header for c in columns if c.field not in where]
    if missing:
        return f"Sheet '{title}' has no column {', '.join(missing)}; its changes are ignored."
    id_col = headers.index(ID_HEADER)
    changes: list[RowChange] = []
    seen: set[int] = set()
    name_col = columns[0]
    for offset, row in enumerate(rows[top + 1 :], start=1):
        sheet_row = top + 1 + offset

        def cell(i: int, row: tuple[Any, ...] = row) -> Any:
            return row[i] if i < len(row) else None

        raw_id = cell(id_col)
        values = {c.field: cell(where[c.field]) for c in columns}
        if raw_id in (None, "") and (all(_text(v) == "" for v in values.values()) or skip(values)):
            continue
        label = _text(values[name_col.field])
        if raw_id in (None, ""):
            # An empty cell of a new row takes the app's default (an open status).
            typed = [c for c in columns if _text(values[c.field])]
            fields = tuple(_field(c, values[c.field], None, current) for c in typed)
            problem = "" if label else f"A new row needs its {name_col.header.lower()}."
            changes.append(RowChange("new", title, None, sheet_row, label, fields, problem))
            continue
        record_id = raw_id if isinstance(raw_id, int) else None
        if record_id is None or record_id not in current.values or record_id in seen:
            why = "twice in the sheet" if record_id in seen else "no longer in the portfolio"
            problem = f"Row {sheet_row}: record {_text(raw_id)} is {why}; it is left out."
            changes.append(RowChange("changed", title, record_id, sheet_row, label, (), problem))
            continue
        seen.add(record_id)
        now = current.values[record_id]
        found = [_field(c, values[c.field], now, current) for c in columns]
        fields = tuple(f for f in found if f is not None and (f.problem or f.old != f.new))
        if fields:
            changes.append(RowChange("changed", title, record_id, sheet_row, label, fields))
    for record_id in exported:
        if record_id in current.values and record_id not in seen:
            name = current.shown(name_col.field, current.values[record_id][name_col.field])
            changes.append(RowChange("deleted", title, record_id, 0, name))
    return SheetChanges(title, tuple(changes))


def _field(col: Col, raw: Any, now: dict[str, Any] | None, current: Current) -> FieldChange:
    old_value = now[col.field] if now is not None else None
    old = current.shown(col.field, old_value) if now is not None else ""
    try:
        value = col.parse(raw)
    except ValueError as error:
        return FieldChange(col.field, col.header, old, _text(raw), problem=str(error))
    new = current.shown(col.field, value)
    if now is not None and value == old_value:
        return FieldChange(col.field, col.header, old, old, value)
    problem = _validate(col, value)
    return FieldChange(col.field, col.header, old, new, value, problem)


def _validate(col: Col, value: Any) -> str:
    """The model's own field check (``@validates`` and the column's type check), on a row
    that never joins a session."""
    if col.model is None:
        return ""
    try:
        setattr(col.model(), col.field, value)
    except ValidationError as error:
        return error.message
    except (TypeError, ValueError) as error:
        return str(error)
    return ""


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
        text = _text(value)
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
        lambda f, v: names.get(v, "") if f == "owner" else _show(v),
    )
    columns = (
        Col("Action", "title", _text, ActionItem),
        Col("Owner", "owner", owner),
        Col("Due", "due_date", _date, ActionItem),
        Col("Status", "status", _label_of(ActionStatus, "status"), ActionItem),
    )
    return _diff(title, rows, exported, columns, current)


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
        Col("Risk", "description", _text, Risk),
        Col("Likelihood", "likelihood", _whole, Risk),
        Col("Impact", "impact", _whole, Risk),
        Col("Status", "status", _label_of(RiskStatus, "status"), Risk),
        Col("Mitigation", "mitigation", _text, Risk),
    )
    return _diff(title, rows, exported, columns, current)


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
    columns = (Col("Name", "name", _text, Stakeholder), Col("Title", "title", _text, Stakeholder))
    return _diff(title, rows, exported, columns, current)


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
        lambda f, v: quarter_label(v, fy) if f == "target_quarter" and v else _show(v),
    )

    def quarter(value: Any) -> dt.date | None:
        return parse_quarter(_text(value), fy) if _text(value) else None

    columns = (
        Col("Use case", "title", _text, UseCase),
        Col("Step", "step", _label_of(StairStep, "step"), UseCase),
        Col("Target quarter", "target_quarter", quarter, UseCase),
    )
    return _diff(title, rows, exported, columns, current, _is_subtotal)


def _is_subtotal(values: dict[str, Any]) -> bool:
    """The Stairway's subtotal and total rows, which are no records."""
    step = _text(values["step"])
    return step.endswith(" subtotal") or step == "All steps"


SHEET_READERS: dict[str, SheetReader] = {
    ACTIONS: _actions,
    RISKS: _risks,
    PEOPLE: _people,
    USE_CASES: _use_cases,
}
