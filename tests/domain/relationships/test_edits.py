"""Every edit of the relationship map done, undone and redone on a real file, without Qt:
its sentence, what it changed, and the rows before and after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Edit, run
from cs_planner.domain.enums import Stance
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Stakeholder
from cs_planner.domain.relationships import edits, queries
from cs_planner.domain.relationships.rows import MapData, StakeholderValues
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)


def read(portfolio: Portfolio, account_id: int) -> MapData:
    with portfolio.read() as s:
        return queries.load_map(s, account_id, TODAY)


def do_undo_redo(
    portfolio: Portfolio, edit: Edit, state: Callable[[], Any]
) -> tuple[Any, Any, Changes]:
    """Apply, revert and apply again, each in its own transaction as the undo stack does;
    returns the state before and after, checking undo restores it and redo repeats it."""
    before = state()
    with portfolio.session() as s:
        changes = run(s, edit)
    after = state()
    with portfolio.session() as s:
        assert edit.revert(s) == changes
    assert state() == before
    with portfolio.session() as s:
        assert edit.apply(s) == changes
    assert state() == after
    return before, after, changes


def test_move_under(portfolio: Portfolio, acct: dict[str, int]) -> None:
    data = read(portfolio, acct["account"])
    bo, rui = data.by_id()[acct["bo"]], data.by_id()[acct["rui"]]
    edit = edits.move_under(acct["account"], bo, rui)
    assert edit.text == "Move Bo Ng under Rui Santos"

    def manager() -> int | None:
        return read(portfolio, acct["account"]).by_id()[acct["bo"]].reports_to_id

    before, after, changes = do_undo_redo(portfolio, edit, manager)
    assert (before, after) == (acct["ada"], acct["rui"])
    assert changes == Changes.account(acct["account"])
    top = edits.move_under(acct["account"], bo, None)
    assert top.text == "Move Bo Ng to the top of the chart"


def test_a_loop_is_refused_and_nothing_changes(portfolio: Portfolio, acct: dict[str, int]) -> None:
    data = read(portfolio, acct["account"])
    edit = edits.move_under(acct["account"], data.by_id()[acct["rui"]], data.by_id()[acct["bo"]])
    with pytest.raises(ValidationError, match="loop"), portfolio.session() as s:
        run(s, edit)
    assert read(portfolio, acct["account"]).by_id()[acct["rui"]].reports_to_id is None


def test_pin_and_unpin(portfolio: Portfolio, acct: dict[str, int]) -> None:
    ada = read(portfolio, acct["account"]).by_id()[acct["ada"]]
    edit = edits.pin(acct["account"], ada, (40.0, 80.0))
    assert edit.text == "Pin Ada Brennan on the map"

    def pins() -> list[tuple[float, float] | None]:
        return [p.pinned for p in read(portfolio, acct["account"]).stakeholders]

    before, after, _ = do_undo_redo(portfolio, edit, pins)
    assert (40.0, 80.0) in after and (40.0, 80.0) not in before
    pinned = read(portfolio, acct["account"]).stakeholders
    unpin = edits.unpin(acct["account"], pinned)
    assert unpin is not None and unpin.text == "Unpin Ada Brennan"
    before, after, _ = do_undo_redo(portfolio, unpin, pins)
    assert after == [None] * len(after)
    assert edits.unpin(acct["account"], read(portfolio, acct["account"]).stakeholders) is None


def test_unpin_several_is_one_step(portfolio: Portfolio, acct: dict[str, int]) -> None:
    data = read(portfolio, acct["account"])
    with portfolio.session() as s:
        for n, person in enumerate(data.stakeholders):
            run(s, edits.pin(acct["account"], person, (n * 10.0, 0.0)))
    pinned = read(portfolio, acct["account"]).stakeholders
    unpin = edits.unpin(acct["account"], pinned)
    assert unpin is not None and unpin.text == "Unpin 3 people"

    def pins() -> list[tuple[float, float] | None]:
        return [p.pinned for p in read(portfolio, acct["account"]).stakeholders]

    before, after, _ = do_undo_redo(portfolio, unpin, pins)
    assert None not in before and after == [None, None, None]


def test_edit_person(portfolio: Portfolio, acct: dict[str, int]) -> None:
    data = read(portfolio, acct["account"])
    bo = data.by_id()[acct["bo"]]
    names = {p.id: p.name for p in data.stakeholders}
    values = StakeholderValues(**{**vars(bo.values), "stance": Stance.CHAMPION})
    edit = edits.edit_person(acct["account"], bo, values, names)
    assert edit.text == "Change stance of Bo Ng"

    def stance() -> Stance:
        return read(portfolio, acct["account"]).by_id()[acct["bo"]].stance

    assert do_undo_redo(portfolio, edit, stance)[:2] == (Stance.NEUTRAL, Stance.CHAMPION)
    moved = StakeholderValues(**{**vars(bo.values), "reports_to_id": acct["rui"]})
    assert edits.edit_person(acct["account"], bo, moved, names).text == (
        "Move Bo Ng under Rui Santos"
    )
    renamed = StakeholderValues(**{**vars(bo.values), "name": "Bo Ngata"})
    assert edits.edit_person(acct["account"], bo, renamed, names).text == (
        "Rename Bo Ng to Bo Ngata"
    )


def test_set_for_people_is_one_step(portfolio: Portfolio, acct: dict[str, int]) -> None:
    data = read(portfolio, acct["account"])
    people = [data.by_id()[acct["bo"]], data.by_id()[acct["rui"]]]
    edit = edits.set_for_people(acct["account"], people, "last contact", last_contact=TODAY)
    assert edit is not None and edit.text == "Set last contact of 2 people"

    def contacts() -> set[dt.date | None]:
        by_id = read(portfolio, acct["account"]).by_id()
        return {by_id[acct["bo"]].last_contact, by_id[acct["rui"]].last_contact}

    before, after, _ = do_undo_redo(portfolio, edit, contacts)
    assert after == {TODAY} and before != after
    same = read(portfolio, acct["account"]).by_id()[acct["bo"]]
    assert edits.set_for_people(acct["account"], [same], "x", last_contact=TODAY) is None


def test_add_person_and_redo_keeps_the_id(portfolio: Portfolio, acct: dict[str, int]) -> None:
    values = StakeholderValues(name="Dee Park", reports_to_id=acct["bo"])
    edit = edits.add_person(acct["account"], values, "Bo Ng")
    assert edit.text == "Add Dee Park under Bo Ng"

    def names() -> list[str]:
        return sorted(p.name for p in read(portfolio, acct["account"]).stakeholders)

    before, after, _ = do_undo_redo(portfolio, edit, names)
    assert "Dee Park" in after and "Dee Park" not in before
    assert edit.row_id is not None
    with portfolio.read() as s:
        assert s.get(Stakeholder, edit.row_id).name == "Dee Park"


def test_delete_people_and_undo_brings_back_their_lines(
    portfolio: Portfolio, acct: dict[str, int]
) -> None:
    data = read(portfolio, acct["account"])
    with portfolio.session() as s:
        run(s, edits.add_link(acct["account"], data.by_id()[acct["bo"]], data.by_id()[acct["rui"]]))
    data = read(portfolio, acct["account"])
    edit = edits.delete_people(acct["account"], data.account_name, [data.by_id()[acct["bo"]]])
    assert edit.text == "Delete Bo Ng from Harbor Lane"

    def state() -> tuple[list[int], list[tuple[int, int]]]:
        now = read(portfolio, acct["account"])
        return sorted(p.id for p in now.stakeholders), [
            (x.source_id, x.target_id) for x in now.links
        ]

    before, after, _ = do_undo_redo(portfolio, edit, state)
    assert acct["bo"] in before[0] and acct["bo"] not in after[0]
    assert before[1] == [(acct["bo"], acct["rui"])] and after[1] == []


def test_add_and_remove_an_influence_line(portfolio: Portfolio, acct: dict[str, int]) -> None:
    data = read(portfolio, acct["account"])
    bo, rui = data.by_id()[acct["bo"]], data.by_id()[acct["rui"]]
    add = edits.add_link(acct["account"], bo, rui)
    assert add.text == "Show Bo Ng influencing Rui Santos"

    def links() -> list[tuple[int, int]]:
        return [(x.source_id, x.target_id) for x in read(portfolio, acct["account"]).links]

    assert do_undo_redo(portfolio, add, links)[:2] == ([], [(acct["bo"], acct["rui"])])
    data = read(portfolio, acct["account"])
    names = {p.id: p.name for p in data.stakeholders}
    remove = edits.remove_link(acct["account"], data.links[0], names)
    assert remove.text == "Remove the influence of Bo Ng on Rui Santos"
    assert do_undo_redo(portfolio, remove, links)[:2] == ([(acct["bo"], acct["rui"])], [])
