"""Every change to the maturity model and to an account's place on it, as undoable edits:
a level reached on a date (one history row and ``Account.maturity_current`` in one
transaction), the target level and date, the portfolio's model. The history is keyed by
date, not by row id, so undo and redo never depend on an id a redo would give anew."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Edit
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, MaturityChange, MaturityLevel
from cs_planner.domain.value.maturity import (
    GONE,
    LevelValues,
    check_in_model,
    check_level_change,
    check_level_count,
    check_target,
)

# The model is the portfolio's: every account's Value tab shows it.
MODEL_CHANGED = Changes(settings=True)


def _account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError(GONE)
    return account


def _history(session: Session, account_id: int) -> dict[dt.date, int]:
    rows = session.execute(
        select(MaturityChange.changed_on, MaturityChange.level).where(
            MaturityChange.account_id == account_id
        )
    )
    return {r.changed_on: r.level for r in rows}


def _write_history(session: Session, account_id: int, on: dt.date, level: int | None) -> None:
    """Set (or with None remove) the level dated ``on`` and make the account's current
    level the latest one's."""
    session.execute(
        delete(MaturityChange).where(
            MaturityChange.account_id == account_id, MaturityChange.changed_on == on
        )
    )
    if level is not None:
        session.add(MaturityChange(account_id=account_id, changed_on=on, level=level))
    session.flush()
    history = _history(session, account_id)
    account = _account(session, account_id)
    if history:
        account.maturity_current = history[max(history)]
    session.flush()


class ChangeLevel(Edit):
    """The account reached ``level`` on ``on`` (or, with ``level`` None, forget the level
    dated ``on``): one history row and the account's current level, in one transaction."""

    def __init__(
        self, text: str, account_id: int, level: int | None, on: dt.date, today: dt.date
    ) -> None:
        self.text, self.account_id, self.level, self.on, self.today = (
            text,
            account_id,
            level,
            on,
            today,
        )
        self.old_level: int | None = None
        self.old_current: int | None = None

    def apply(self, session: Session) -> Changes:
        account = _account(session, self.account_id)
        history = _history(session, self.account_id)
        self.old_level, self.old_current = history.get(self.on), account.maturity_current
        if self.level is None:
            if self.on not in history:
                raise ValidationError("That level is no longer in the history.")
            if len(history) == 1:
                raise ValidationError(
                    "The account's only level cannot be removed: change it instead."
                )
        else:
            check_in_model(session, self.level, "level")
            latest = max((d for d in history if d != self.on), default=None)
            check_level_change(account, self.level, self.on, self.today, latest)
        _write_history(session, self.account_id, self.on, self.level)
        return Changes.account(self.account_id)

    def revert(self, session: Session) -> Changes:
        _write_history(session, self.account_id, self.on, self.old_level)
        _account(session, self.account_id).maturity_current = self.old_current
        session.flush()
        return Changes.account(self.account_id)


class SetTarget(Edit):
    """The level the account aims at and the date it should get there."""

    def __init__(
        self, text: str, account_id: int, level: int, on: dt.date | None, today: dt.date
    ) -> None:
        self.text, self.account_id, self.level, self.on, self.today = (
            text,
            account_id,
            level,
            on,
            today,
        )
        self.old: tuple[int | None, dt.date | None] = (None, None)

    def apply(self, session: Session) -> Changes:
        account = _account(session, self.account_id)
        check_in_model(session, self.level, "maturity_target")
        check_target(account.maturity_current, self.level, self.on, self.today)
        self.old = (account.maturity_target, account.maturity_target_date)
        account.maturity_target, account.maturity_target_date = self.level, self.on
        session.flush()
        return Changes.account(self.account_id)

    def revert(self, session: Session) -> Changes:
        account = _account(session, self.account_id)
        account.maturity_target, account.maturity_target_date = self.old
        session.flush()
        return Changes.account(self.account_id)


def _levels_in_use(session: Session, above: int) -> list[int]:
    """Levels above ``above`` that an account is at, aims at or once was at."""
    accounts = session.execute(
        select(Account.maturity_current, Account.maturity_target).where(
            or_(Account.maturity_current > above, Account.maturity_target > above)
        )
    ).all()
    used = {v for row in accounts for v in row if v is not None and v > above}
    used |= set(session.scalars(select(MaturityChange.level).where(MaturityChange.level > above)))
    return sorted(used)


def write_levels(
    session: Session, levels: Sequence[LevelValues], *, check: bool = True
) -> tuple[LevelValues, ...]:
    """Make the model exactly ``levels`` (level 1 first); returns the model as it was.
    Levels above the new top are removed only when no account uses them (``check``: off
    for an undo, which puts back whatever model there was)."""
    if check:
        check_level_count(len(levels))
    rows = {r.level: r for r in session.scalars(select(MaturityLevel))}
    before = tuple(LevelValues(r.name, r.behaviours, r.marks) for _n, r in sorted(rows.items()))
    used = _levels_in_use(session, len(levels)) if check else []
    if used:
        names = ", ".join(str(n) for n in used)
        raise ValidationError(
            f"Level(s) {names} cannot be removed: accounts are at, aim at or once were at them.",
            "levels",
        )
    for number in [n for n in rows if n > len(levels)]:
        session.delete(rows.pop(number))
    session.flush()
    for number, values in enumerate(levels, start=1):
        row = rows.get(number) or MaturityLevel(level=number)
        row.name, row.behaviours, row.marks = (
            values.name,
            values.behaviours.strip(),
            values.marks.strip(),
        )
        session.add(row)
    session.flush()
    return before


class SaveModel(Edit):
    """Replace the portfolio's maturity model (names, behaviours, marks, levels added or
    removed at the top); undo puts the old model back."""

    def __init__(self, levels: Sequence[LevelValues]) -> None:
        self.text = "Edit the maturity model"
        self.levels = tuple(levels)
        self.old: tuple[LevelValues, ...] = ()

    def apply(self, session: Session) -> Changes:
        self.old = write_levels(session, self.levels)
        return MODEL_CHANGED

    def revert(self, session: Session) -> Changes:
        if self.old:
            write_levels(session, self.old, check=False)
        else:  # there was no model before
            session.execute(delete(MaturityLevel))
        return MODEL_CHANGED
