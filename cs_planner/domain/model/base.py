"""Declarative base and the column helpers every table uses."""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import Any, Literal, overload

from sqlalchemy import Enum, ForeignKey, Integer, MetaData, Numeric, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, declared_attr, mapped_column

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


class Versioned:
    """A row people edit: the ORM raises ``version`` on every UPDATE and puts the version it
    read in the statement's WHERE clause, so a flush writing over a change committed since
    the row was read fails (StaleDataError, a Conflict for the window) instead of silently
    winning. Rows only ever inserted and deleted (links, the change log) have none."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def enum_col(
    enum: type[StrEnum],
    *,
    default: StrEnum | None = None,
    nullable: bool = False,
    name: str | None = None,
    server_default: str | None = None,
) -> MappedColumn[Any]:
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
        server_default=server_default,
    )


def money_col(*, nullable: bool = False, default: float | None = 0.0) -> MappedColumn[Any]:
    """Money: exact NUMERIC in the database, float in Python (reports round to cents)."""
    return mapped_column(Numeric(14, 2, asdecimal=False), nullable=nullable, default=default)


def fk(
    target: str, *, ondelete: str = "CASCADE", nullable: bool = False, index: bool = True
) -> MappedColumn[Any]:
    return mapped_column(
        Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index
    )


def name_col(
    length: int = 200, *, nullable: bool = False, unique: bool = False
) -> MappedColumn[Any]:
    return mapped_column(String(length), nullable=nullable, unique=unique)


def notes_col() -> MappedColumn[Any]:
    return mapped_column(Text, nullable=False, default="")


# --- limits a person never reaches: beyond them the input is a mistake or an attack ------

NAME_MAX = 200  # a name or a title
NOTES_MAX = 20_000  # free text: notes, descriptions (about ten pages)
MONEY_MAX = 999_999_999_999.0  # what NUMERIC(14, 2) holds: just under a trillion
COUNT_MAX = 10_000_000  # seats, users, headcount, positions
NUMBER_MAX = 1e12  # any other figure (a metric's value, a plan's target)

# Characters no single-line text holds: C0 and C1 controls (NUL, tab, line feed, escape...),
# DEL and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Multi-line text keeps tab and line feed (CR and CRLF become LF first).
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Something, an @, a domain with a dot: honest about what can be checked offline.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
# What phone numbers are written with across countries and CRMs: digits, spaces, + ( ) - . /
# and x for an extension ("+44 (0)20 7946-0958 x12"); letters mean it is something else.
_PHONE = re.compile(r"[0-9 +()\-./xX]*[0-9][0-9 +()\-./xX]*")
PHONE_MAX = 40


# --- field checks shared by the models' @validates hooks --------------------------------


def _show(value: float) -> str:
    """A bound or a value in a message: 1,000,000 rather than 1e+06."""
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 1e16:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def _check_controls(text: str, what: str, field: str, *, multiline: bool) -> None:
    found = (_CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    if found is None:
        return
    char = found.group()
    if char in "\r\n\u2028\u2029" and not multiline:
        raise ValidationError(f"{what} must fit on one line (no line breaks).", field)
    if char == "\t" and not multiline:
        raise ValidationError(f"{what} cannot contain a tab.", field)
    raise ValidationError(
        f"{what} contains an invisible control character (U+{ord(char):04X}); remove it.", field
    )


def _check_length(text: str, what: str, field: str, max_length: int) -> None:
    if len(text) > max_length:
        raise ValidationError(
            f"{what} is too long ({len(text):,} characters; at most {max_length:,}).", field
        )


def required_text(value: Any, what: str, field: str, max_length: int = NAME_MAX) -> str:
    """One line of text that cannot be empty (a name, a title)."""
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"{what} must be text, not '{value}'.", field)
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{what} cannot be empty.", field)
    _check_length(text, what, field, max_length)
    _check_controls(text, what, field, multiline=False)
    return text


def optional_text(value: Any, what: str, field: str, max_length: int = NAME_MAX) -> str:
    """One line of text, possibly empty."""
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"{what} must be text, not '{value}'.", field)
    text = (value or "").strip()
    _check_length(text, what, field, max_length)
    _check_controls(text, what, field, multiline=False)
    return text


def long_text(
    value: Any, what: str, field: str, max_length: int = NOTES_MAX, *, required: bool = False
) -> str:
    """Free text over several lines (notes, descriptions), kept as typed: tabs and line
    breaks allowed (CR and CRLF become LF)."""
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"{what} must be text, not '{value}'.", field)
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if required and not text.strip():
        raise ValidationError(f"{what} cannot be empty.", field)
    _check_length(text, what, field, max_length)
    _check_controls(text, what, field, multiline=True)
    return text


def an_email(value: Any, what: str, field: str) -> str:
    """An e-mail address or nothing."""
    text = optional_text(value, what, field)
    if text and not _EMAIL.fullmatch(text):
        raise ValidationError(
            f"{what} '{text}' is not an e-mail address (name@example.com); "
            "leave it empty if you do not know it.",
            field,
        )
    return text


def a_phone(value: Any, what: str, field: str) -> str:
    """A phone number or nothing, checked lightly: the characters numbers are written with."""
    text = optional_text(value, what, field, PHONE_MAX)
    if text and not _PHONE.fullmatch(text):
        raise ValidationError(
            f"{what} '{text}' is not a phone number (digits, spaces and + ( ) - . / x only).",
            field,
        )
    return text


@overload
def number_in(
    value: Any,
    what: str,
    field: str,
    *,
    low: float | None = ...,
    high: float | None = ...,
    low_open: bool = ...,
    nullable: Literal[False] = ...,
    integer: Literal[True],
) -> int: ...
@overload
def number_in(
    value: Any,
    what: str,
    field: str,
    *,
    low: float | None = ...,
    high: float | None = ...,
    low_open: bool = ...,
    nullable: Literal[False] = ...,
    integer: Literal[False] = ...,
) -> float: ...
@overload
def number_in(
    value: Any,
    what: str,
    field: str,
    *,
    low: float | None = ...,
    high: float | None = ...,
    low_open: bool = ...,
    nullable: bool,
    integer: Literal[True],
) -> int | None: ...
@overload
def number_in(
    value: Any,
    what: str,
    field: str,
    *,
    low: float | None = ...,
    high: float | None = ...,
    low_open: bool = ...,
    nullable: bool = ...,
    integer: bool = ...,
) -> float | None: ...
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
) -> float | None:
    if value is None:
        if nullable:
            return None
        raise ValidationError(f"{what} is required.", field)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"{what} must be a number, not '{value}'.", field)
    if isinstance(value, float) and not math.isfinite(value):  # NaN and infinities
        raise ValidationError(f"{what} must be a number, not '{value}'.", field)
    if abs(value) > NUMBER_MAX * 1000:  # a safety net under every bound (and int64)
        raise ValidationError(f"{what} is far too large ({_show(value)}).", field)
    if integer and int(value) != value:
        raise ValidationError(f"{what} must be a whole number.", field)
    if low is not None and (value <= low if low_open else value < low):
        bound = f"greater than {_show(low)}" if low_open else f"at least {_show(low)}"
        raise ValidationError(f"{what} must be {bound} (got {_show(value)}).", field)
    if high is not None and value > high:
        raise ValidationError(f"{what} must be at most {_show(high)} (got {_show(value)}).", field)
    return int(value) if integer else value


@overload
def money(
    value: Any, what: str, field: str, *, positive: bool = ..., nullable: Literal[False] = ...
) -> float: ...
@overload
def money(
    value: Any, what: str, field: str, *, positive: bool = ..., nullable: bool
) -> float | None: ...
def money(
    value: Any, what: str, field: str, *, positive: bool = False, nullable: bool = False
) -> float | None:
    """An amount of money: finite, not negative, below MONEY_MAX, rounded to cents (what
    the NUMERIC(14, 2) column keeps). ``positive`` also refuses an amount that rounds to 0."""
    amount = number_in(
        value, what, field, low=0, low_open=positive, high=MONEY_MAX, nullable=nullable
    )
    if amount is None:
        return None
    rounded = round(float(amount), 2)
    if positive and rounded <= 0:
        raise ValidationError(f"{what} must be at least 0.01 (got {amount:g}).", field)
    return amount if isinstance(amount, int) else rounded


def count(value: Any, what: str, field: str, *, low: int = 0, high: int = COUNT_MAX) -> int:
    """A whole number of people, seats or places."""
    return number_in(value, what, field, low=low, high=high, integer=True)


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
