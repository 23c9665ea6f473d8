"""Checks every column gets from its type, whatever the model's own ``@validates`` hooks say.

A model's hook gives the precise message ("The account name cannot be empty"); these run
after it on every assignment and make sure that no value reaches the database in a form it
would reject with a StatementError or an OverflowError, or that no view can show: enums
must be one of their members, booleans booleans, numbers finite, integers within range,
text without control characters and within its column's length (free text within
NOTES_MAX). Rows loaded from the database are not checked (an older file may hold longer
text: the views cope), only values being set."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum as PyEnum
from typing import Any, cast

from sqlalchemy import Boolean, Column, Enum, Integer, Numeric, String, Text, event
from sqlalchemy.orm import Mapper

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import (
    NOTES_MAX,
    Base,
    _check_controls,
    _check_length,
    number_in,
)

Check = Callable[[Any], Any]


def _what(key: str) -> str:
    return key.removesuffix("_id").replace("_", " ").capitalize()


def enum_check(enum: type[PyEnum], key: str, nullable: bool) -> Check:
    labels = ", ".join(getattr(m, "label", m.value) for m in enum)

    def check(value: Any) -> Any:
        if value is None and nullable:
            return None
        if isinstance(value, enum):
            return value
        if isinstance(value, str):
            try:
                return enum(value)  # the stored value ("land") is accepted too
            except ValueError:
                pass
        raise ValidationError(f"{_what(key)} must be one of: {labels} (not '{value}').", key)

    return check


def bool_check(key: str, nullable: bool) -> Check:
    def check(value: Any) -> Any:
        if value is None and nullable:
            return None
        if not isinstance(value, bool):
            raise ValidationError(f"{_what(key)} must be yes or no (not '{value}').", key)
        return value

    return check


def text_check(key: str, length: int | None, multiline: bool, nullable: bool) -> Check:
    limit = length or NOTES_MAX
    what = _what(key)

    def check(value: Any) -> Any:
        if value is None:
            return None if nullable else ""
        if not isinstance(value, str):
            raise ValidationError(f"{what} must be text, not '{value}'.", key)
        if multiline:  # pasted text from Windows or an old Mac: line feeds only
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        _check_length(value, what, key, limit)
        _check_controls(value, what, key, multiline=multiline)
        return value

    return check


def number_check(key: str, nullable: bool, integer: bool) -> Check:
    def check(value: Any) -> Any:
        if value is None and not nullable:
            raise ValidationError(f"{_what(key)} is required.", key)
        return number_in(value, _what(key), key, nullable=nullable, integer=integer)

    return check


def check_for(key: str, column: Column[Any]) -> Check | None:
    """The check a column's type calls for (None: ids and dates, checked elsewhere)."""
    kind, nullable = column.type, bool(column.nullable)
    if column.primary_key or column.foreign_keys:
        return None
    if isinstance(kind, Enum) and kind.enum_class is not None:  # before String: Enum is one
        return enum_check(kind.enum_class, key, nullable)
    if isinstance(kind, Boolean):
        return bool_check(key, nullable)
    if isinstance(kind, String):
        return text_check(key, kind.length, isinstance(kind, Text), nullable)
    if isinstance(kind, Numeric):  # Float is a Numeric
        return number_check(key, nullable, integer=False)
    if isinstance(kind, Integer):
        return number_check(key, nullable, integer=True)
    return None


def _install(mapper: Mapper[Any], cls: type) -> None:
    for prop in mapper.column_attrs:
        if len(prop.columns) != 1 or prop.columns[0].table is not mapper.local_table:
            continue
        check = check_for(prop.key, cast(Column[Any], prop.columns[0]))
        if check is not None:
            event.listen(
                getattr(cls, prop.key),
                "set",
                lambda _target, value, _old, _initiator, check=check: check(value),
                retval=True,
            )


event.listen(Base, "mapper_configured", _install, propagate=True)
