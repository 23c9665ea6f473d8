"""Do, undo and redo an edit on a real file, as the undo stack does (one transaction each)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cs_planner.domain.edits import Edit, run
from cs_planner.domain.errors import ValidationError
from cs_planner.storage import Portfolio


def do(portfolio: Portfolio, edit: Edit) -> None:
    with portfolio.session() as s:
        run(s, edit)


def undo(portfolio: Portfolio, edit: Edit) -> None:
    with portfolio.session() as s:
        edit.revert(s)
        s.flush()


def round_trip(
    portfolio: Portfolio, edit: Edit, read: Callable[[], object]
) -> tuple[object, object]:
    """Do, undo, redo: checks undo gives back what was there; returns (before, after)."""
    before = read()
    do(portfolio, edit)
    after = read()
    assert after != before
    undo(portfolio, edit)
    assert read() == before
    do(portfolio, edit)
    assert read() == after
    return before, after


def refused(portfolio: Portfolio, edit: Edit, field: str | None, read: Callable[[], object]) -> str:
    before = read()
    with pytest.raises(ValidationError) as err, portfolio.session() as s:
        run(s, edit)
    assert err.value.field == field, err.value.message
    assert read() == before
    return err.value.message
