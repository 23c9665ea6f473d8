"""The CSA edits done, undone and redone on a real portfolio file, each step in a
transaction of its own as the undo stack runs them, with no Qt."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.changes import Changes
from cs_planner.domain.csa import queries
from cs_planner.domain.csa.edits import (
    add_allocation,
    delete_allocation,
    describe,
    edit_allocation,
    edit_text,
    new_allocation,
    new_csa,
)
from cs_planner.domain.csa.rows import AllocationRow, AllocationValues, CsaValues
from cs_planner.domain.edits import Edit
from cs_planner.domain.errors import ValidationError

D = dt.date


@pytest.fixture
def ids(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        ada = new_csa(s, CsaValues("Ada Brennan", capacity_hours_per_week=32))
        rui = new_csa(s, CsaValues("Rui Santos"))
        kestrel = create_account(s, "Kestrel", 10_000)
        harbor = create_account(s, "Harbor Lane", 20_000)
        s.flush()
        return {"ada": ada.id, "rui": rui.id, "kestrel": kestrel, "harbor": harbor}


def values(ids: dict[str, int], **changes) -> AllocationValues:
    base = {
        "csa_id": ids["ada"],
        "account_id": ids["kestrel"],
        "start_date": D(2026, 12, 1),
        "end_date": D(2027, 3, 31),
        "fraction": 0.5,
    }
    return AllocationValues(**(base | changes))


def allocations(portfolio) -> list[AllocationRow]:
    with portfolio.read() as s:
        return queries.read_allocations(s)


def step(portfolio, edit: Edit, how: str) -> Changes:
    with portfolio.session() as s:
        changes = edit.apply(s) if how == "apply" else edit.revert(s)
        s.flush()
        return changes


def existing(portfolio, ids) -> AllocationRow:
    with portfolio.session() as s:
        new_allocation(s, values(ids))
    (row,) = allocations(portfolio)
    return row


def test_add_allocation_do_undo_redo(portfolio, ids) -> None:
    edit = add_allocation("Allocate Ada Brennan 50% to Kestrel", values(ids))
    changes = step(portfolio, edit, "apply")
    assert changes == Changes.account(ids["kestrel"], listed=True)
    (added,) = allocations(portfolio)
    assert (added.csa, added.account, added.fraction) == ("Ada Brennan", "Kestrel", 0.5)
    assert edit.row_id == added.id

    assert step(portfolio, edit, "revert") == changes
    assert allocations(portfolio) == []

    step(portfolio, edit, "apply")
    assert allocations(portfolio) == [added]  # the same id, so later edits still find it


def test_add_allocation_refused_changes_nothing(portfolio, ids) -> None:
    edit = add_allocation("Allocate", values(ids, end_date=D(2026, 11, 1)))
    with pytest.raises(ValidationError), portfolio.session() as s:
        edit.apply(s)
        s.flush()
    assert allocations(portfolio) == []


def test_edit_allocation_do_undo_redo(portfolio, ids) -> None:
    row = existing(portfolio, ids)
    new = dataclasses.replace(row.values, fraction=1.0, end_date=D(2027, 6, 30))
    edit = edit_allocation(edit_text(row, new, []), row, new)
    assert edit.text == "Change Ada Brennan on Kestrel to 100%, 2026-12-01 to 2027-06-30"
    assert step(portfolio, edit, "apply") == Changes.account(ids["kestrel"], listed=True)
    (changed,) = allocations(portfolio)
    assert (changed.fraction, changed.end) == (1.0, D(2027, 6, 30))

    step(portfolio, edit, "revert")
    assert allocations(portfolio) == [row]

    step(portfolio, edit, "apply")
    assert allocations(portfolio) == [changed]


def test_moving_an_allocation_tells_both_accounts(portfolio, ids) -> None:
    row = existing(portfolio, ids)
    new = dataclasses.replace(row.values, account_id=ids["harbor"])
    edit = edit_allocation("Move", row, new)
    changes = step(portfolio, edit, "apply")
    assert changes.accounts == {ids["kestrel"], ids["harbor"]} and changes.account_list
    assert allocations(portfolio)[0].account == "Harbor Lane"
    step(portfolio, edit, "revert")
    assert allocations(portfolio)[0].account == "Kestrel"


def test_what_if_moving_to_another_csa_do_undo_redo(portfolio, ids) -> None:
    """The what-if panel's change is the same edit: another CSA, undone in one step."""
    row = existing(portfolio, ids)
    with portfolio.read() as s:
        roster = queries.read_roster(s)
    new = dataclasses.replace(row.values, csa_id=ids["rui"])
    edit = edit_allocation(edit_text(row, new, roster), row, new)
    assert edit.text == "Move Ada Brennan's allocation on Kestrel to Rui Santos"
    step(portfolio, edit, "apply")
    assert allocations(portfolio)[0].csa == "Rui Santos"
    step(portfolio, edit, "revert")
    assert allocations(portfolio)[0].csa == "Ada Brennan"
    step(portfolio, edit, "apply")
    assert allocations(portfolio)[0].csa == "Rui Santos"


def test_delete_allocation_do_undo_redo(portfolio, ids) -> None:
    row = existing(portfolio, ids)
    edit = delete_allocation(row)
    assert edit.text == f"Delete allocation of {describe(row)}"
    assert describe(row) == "Ada Brennan (50%) on Kestrel"
    assert step(portfolio, edit, "apply") == Changes.account(ids["kestrel"], listed=True)
    assert allocations(portfolio) == []
    step(portfolio, edit, "revert")
    assert allocations(portfolio) == [row]  # with its id
    step(portfolio, edit, "apply")
    assert allocations(portfolio) == []


def test_read_account_csas_names_the_account_and_refuses_a_deleted_one(portfolio, ids) -> None:
    row = existing(portfolio, ids)
    with portfolio.session() as s:
        new_allocation(
            s,
            values(
                ids, account_id=ids["harbor"], start_date=D(2027, 4, 1), end_date=D(2027, 6, 30)
            ),
        )
    with portfolio.read() as s:
        name, data = queries.read_account_csas(s, ids["kestrel"])
    assert name == "Kestrel"
    # Every allocation of the CSAs on the account: flagging them needs their whole load.
    assert {a.account for a in data.allocations} == {"Kestrel", "Harbor Lane"}
    assert row in data.allocations
    with pytest.raises(ValidationError), portfolio.read() as s:
        queries.read_account_csas(s, 9_999)
