"""Declarative base and the column helpers every table uses."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum, ForeignKey, Integer, MetaData, Numeric, String, Text
from sqlalchemy.orm import DeclarativeBase, mapped_column

from cs_planner.domain.errors import ValidationError

# Stable constraint names, so batch migrations on SQLite can find and alter them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    def check(self) -> None:
        """Cross-field and cross-row rules, run before every flush (see domain.validation)."""


def enum_col(
    enum: type[StrEnum],
    *,
    default: StrEnum | None = None,
    nullable: bool = False,
    name: str | None = None,
):
    """An enum stored as its value in a VARCHAR with a CHECK constraint (portable to Postgres).

    ``name`` names the CHECK constraint; give one when a table has two columns of the same
    enum, since PostgreSQL wants constraint names unique within a table."""
    return mapped_column(
        Enum(
            enum,
            native_enum=False,
            create_constraint=True,
            validate_strings=True,
            values_callable=lambda e: [m.value for m in e],
            length=max(len(m.value) for m in enum),
            name=name or enum.__name__.lower(),
        ),
        default=default,
        nullable=nullable,
    )


def money_col(*, nullable: bool = False, default: float | None = 0.0):
    """Money: exact NUMERIC in the database, float in Python (reports round to cents)."""
    return mapped_column(Numeric(14, 2, asdecimal=False), nullable=nullable, default=default)


def fk(target: str, *, ondelete: str = "CASCADE", nullable: bool = False, index: bool = True):
    return mapped_column(
        Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index
    )


def name_col(length: int = 200, *, nullable: bool = False, unique: bool = False):
    return mapped_column(String(length), nullable=nullable, unique=unique)


def notes_col():
    return mapped_column(Text, nullable=False, default="")


# --- field checks shared by the models' @validates hooks --------------------------------


def required_text(value: Any, what: str, field: str, max_length: int = 200) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value)
    if not text:
        raise ValidationError(f"{what} cannot be empty.", field)
    if len(text) > max_length:
        raise ValidationError(f"{what} is too long (at most {max_length} characters).", field)
    return text


def optional_text(value: Any, what: str, field: str, max_length: int = 200) -> str:
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"{what} must be text, not '{value}'.", field)
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(f"{what} is too long (at most {max_length} characters).", field)
    return text


def number_in(
    value: Any,
    what: str,
    field: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    nullable: bool = False,
    integer: bool = False,
) -> Any:
    if value is None:
        if nullable:
            return None
        raise ValidationError(f"{what} is required.", field)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"{what} must be a number, not '{value}'.", field)
    if integer and int(value) != value:
        raise ValidationError(f"{what} must be a whole number.", field)
    if value != value:  # NaN
        raise ValidationError(f"{what} must be a number.", field)
    if low is not None and (value <= low if low_open else value < low):
        bound = f"greater than {low:g}" if low_open else f"at least {low:g}"
        raise ValidationError(f"{what} must be {bound} (got {value:g}).", field)
    if high is not None and value > high:
        raise ValidationError(f"{what} must be at most {high:g} (got {value:g}).", field)
    return int(value) if integer else value


def a_date(value: Any, what: str, field: str, *, nullable: bool = True) -> dt.date | None:
    if value is None:
        if nullable:
            return None
        raise ValidationError(f"{what} is required.", field)
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise ValidationError(f"{what} must be a date, not '{value}'.", field)
    if not dt.date(1900, 1, 1) <= value <= dt.date(2200, 12, 31):
        raise ValidationError(f"{what} ({value.isoformat()}) is not a plausible date.", field)
    return value
