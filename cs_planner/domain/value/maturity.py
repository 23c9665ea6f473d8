"""The maturity (effectiveness) model and where each account sits on it (DOMAIN.md 6.1).

The portfolio's model is 3 to 7 levels, each with a name, its behaviours and the features or
use cases that mark it. An account's levels are a history (``MaturityChange``): the first is
its level on day one and ``Account.maturity_current`` is always the latest one's level, so a
change writes both in one transaction. Its edits are in ``maturity_edits``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, MaturityChange, MaturityLevel

MIN_LEVELS, MAX_LEVELS = 3, 7
GONE = "That account no longer exists (it may have been deleted)."


# --- rows -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelValues:
    """One level of the model as a user edits it; its number is its place in the list."""

    name: str
    behaviours: str = ""
    marks: str = ""


@dataclass(frozen=True)
class LevelRow:
    level: int
    values: LevelValues

    @property
    def name(self) -> str:
        return self.values.name


@dataclass(frozen=True)
class MaturityData:
    """The model and one account's place on it."""

    levels: tuple[LevelRow, ...]
    current: int | None
    target: int | None
    target_date: dt.date | None
    customer_since: dt.date | None
    history: tuple[tuple[dt.date, int], ...]  # (changed on, level), oldest first

    @property
    def day_one(self) -> int | None:
        return self.history[0][1] if self.history else None

    def name_of(self, level: int | None) -> str:
        """'3 · Managed' (or the bare number for a level the model no longer has)."""
        if level is None:
            return "—"
        row = next((r for r in self.levels if r.level == level), None)
        return f"{level} · {row.name}" if row else str(level)


# --- queries --------------------------------------------------------------------------------


def model_levels(session: Session) -> tuple[LevelRow, ...]:
    rows = session.execute(
        select(
            MaturityLevel.level, MaturityLevel.name, MaturityLevel.behaviours, MaturityLevel.marks
        ).order_by(MaturityLevel.level)
    )
    return tuple(LevelRow(r.level, LevelValues(r.name, r.behaviours, r.marks)) for r in rows)


def load_maturity(session: Session, account_id: int) -> MaturityData:
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError(GONE)
    history = session.execute(
        select(MaturityChange.changed_on, MaturityChange.level)
        .where(MaturityChange.account_id == account_id)
        .order_by(MaturityChange.changed_on)
    ).all()
    return MaturityData(
        levels=model_levels(session),
        current=account.maturity_current,
        target=account.maturity_target,
        target_date=account.maturity_target_date,
        customer_since=account.customer_since,
        history=tuple((r.changed_on, r.level) for r in history),
    )


# --- rules ----------------------------------------------------------------------------------


def check_level_count(count: int) -> None:
    if not MIN_LEVELS <= count <= MAX_LEVELS:
        raise ValidationError(
            f"A maturity model has {MIN_LEVELS} to {MAX_LEVELS} levels, not {count}.", "levels"
        )


def check_in_model(session: Session, level: int, field: str) -> None:
    top = len(model_levels(session))
    if top == 0:
        raise ValidationError("Define the portfolio's maturity model first.", field)
    if not 1 <= level <= top:
        raise ValidationError(f"The maturity model has levels 1 to {top}.", field)


def check_level_change(
    account: Account, level: int, on: dt.date, today: dt.date, latest: dt.date | None
) -> None:
    """A level is reached on a day that has come, while the account is a customer, and
    not beyond its target (raise the target first)."""
    if on > today:
        raise ValidationError("A level cannot be reached in the future.", "changed_on")
    since = account.customer_since
    if since is not None and on < since:
        raise ValidationError(
            f"The account became a customer on {since.isoformat()}: date the level on or "
            "after that day.",
            "changed_on",
        )
    target = account.maturity_target
    if target is not None and (latest is None or on >= latest) and level > target:
        raise ValidationError(
            f"Level {level} is above the account's target ({target}): raise the target first.",
            "level",
        )


def check_target(current: int | None, level: int, on: dt.date | None, today: dt.date) -> None:
    if current is not None and level < current:
        raise ValidationError(
            f"The target cannot be below the current level ({current}).", "maturity_target"
        )
    if on is not None and on < today:
        raise ValidationError("The target date cannot be in the past.", "maturity_target_date")
