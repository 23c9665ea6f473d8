"""Comparing one sheet's table with the records it was exported from: the cells parsed
into domain values, each new value put through the model's own field validation, the
rows changed, added and deleted. Qt-free; ``plan_changes`` reads the workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from openpyxl.utils.datetime import from_excel

from cs_planner.domain.enums import Labelled
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.plan_marks import ID_HEADER
from cs_planner.domain.model import Base


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
class Col:
    header: str
    field: str
    parse: Callable[[Any], Any]  # cell value -> domain value; raises ValueError to refuse
    model: type[Base] | None = None  # whose @validates checks it (None: parse checks it)


@dataclass
class Current:
    """The sheet's records as the portfolio holds them now: id -> field -> value."""

    values: dict[int, dict[str, Any]] = field(default_factory=dict)
    shown: Callable[[str, Any], str] = lambda _f, v: show(v)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_date(value: Any) -> dt.date | None:
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
        raise ValueError(f"'{cell_text(value)}' is not a date (write it as 2026-03-31).") from None


def cell_whole(value: Any) -> int:
    text = cell_text(value)
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a whole number.") from None


def label_of(kind: type[Labelled], what: str) -> Callable[[Any], Any]:
    def parse(value: Any) -> Any:
        text = cell_text(value).casefold()
        for member in kind:
            if member.label.casefold() == text or member.value == text:
                return member
        allowed = ", ".join(m.label for m in kind)
        raise ValueError(f"'{cell_text(value)}' is not a {what} ({allowed}).")

    return parse


def show(value: Any) -> str:
    if isinstance(value, Enum) and hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, dt.date):
        return value.isoformat()
    return cell_text(value)


def diff(
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
    headers = [cell_text(h) for h in rows[top]]
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
        if raw_id in (None, "") and (
            all(cell_text(v) == "" for v in values.values()) or skip(values)
        ):
            continue
        label = cell_text(values[name_col.field])
        if raw_id in (None, ""):
            # An empty cell of a new row takes the app's default (an open status).
            typed = [c for c in columns if cell_text(values[c.field])]
            fields = tuple(_field(c, values[c.field], None, current) for c in typed)
            problem = "" if label else f"A new row needs its {name_col.header.lower()}."
            changes.append(RowChange("new", title, None, sheet_row, label, fields, problem))
            continue
        record_id = raw_id if isinstance(raw_id, int) else None
        if record_id is None or record_id not in current.values or record_id in seen:
            why = "twice in the sheet" if record_id in seen else "no longer in the portfolio"
            problem = f"Row {sheet_row}: record {cell_text(raw_id)} is {why}; it is left out."
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
        return FieldChange(col.field, col.header, old, cell_text(raw), problem=str(error))
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
