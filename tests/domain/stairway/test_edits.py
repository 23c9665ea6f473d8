"""Every stairway edit done, undone and redone on a real portfolio file, without Qt: each
step in its own transaction, as the undo stack runs them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Edit
from cs_planner.domain.enums import StairStep, UseCaseStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, StairwayTemplate, UseCase
from cs_planner.domain.stairway import edits
from cs_planner.domain.stairway.queries import library, list_use_cases, portfolio_templates
from cs_planner.domain.stairway.rows import (
    TemplateData,
    TemplateUseCaseData,
    TemplateValues,
    UseCaseValues,
)
from cs_planner.storage import Portfolio

R, E, INN, D = StairStep


@pytest.fixture
def account(portfolio: Portfolio) -> int:
    with portfolio.session() as s:
        return create_account(s, "Kestrel", 10_000.0, industry="Retail", size_band="SMB")


def _do(portfolio: Portfolio, edit: Edit) -> Changes:
    with portfolio.session() as s:
        changes = edit.apply(s)
        s.flush()
        return changes


def _undo(portfolio: Portfolio, edit: Edit) -> Changes:
    with portfolio.session() as s:
        changes = edit.revert(s)
        s.flush()
        return changes


def _read(portfolio: Portfolio, query: Callable[[Session], object]) -> object:
    with portfolio.read() as s:
        return query(s)


def _roadmap(portfolio: Portfolio, account_id: int) -> list[tuple[int, str, StairStep, int]]:
    return _read(  # type: ignore[return-value]
        portfolio,
        lambda s: [(r.id, r.title, r.step, r.position) for r in list_use_cases(s, account_id)],
    )


def _templates(portfolio: Portfolio) -> list[tuple[int | None, TemplateValues]]:
    return _read(  # type: ignore[return-value]
        portfolio, lambda s: [(t.template_id, t.values) for t in portfolio_templates(s)]
    )


def _add(portfolio: Portfolio, account_id: int, step: StairStep, *titles: str) -> list[int]:
    ids = []
    for title in titles:
        edit = edits.add_use_case(account_id, "Kestrel", step, UseCaseValues(title=title))
        _do(portfolio, edit)
        assert edit.row_id is not None
        ids.append(edit.row_id)
    return ids


def _do_undo_redo(portfolio: Portfolio, edit: Edit, state: Callable[[], object]) -> object:
    """Apply, revert and apply again; the state after undo is the state before, the state
    after redo the state after the first apply. Returns the state after the edit."""
    before = state()
    _do(portfolio, edit)
    after = state()
    assert after != before
    _undo(portfolio, edit)
    assert state() == before
    _do(portfolio, edit)
    assert state() == after
    return after


def test_add_use_case(portfolio, account) -> None:
    [first] = _add(portfolio, account, R, "r1")
    edit = edits.add_use_case(account, "Kestrel", R, UseCaseValues(title="r2"))
    assert edit.text == "Add r2 to the stairway of Kestrel"
    after = _do_undo_redo(portfolio, edit, lambda: _roadmap(portfolio, account))
    assert after == [(first, "r1", R, 0), (edit.row_id, "r2", R, 1)]  # redo: the same id
    assert edit.changes == Changes.account(account)


def test_add_use_case_to_a_deleted_account_is_refused(portfolio, account) -> None:
    with portfolio.session() as s:
        s.delete(s.get(Account, account))
    with pytest.raises(ValidationError, match="no longer exists"):
        _do(portfolio, edits.add_use_case(account, "Kestrel", R, UseCaseValues(title="x")))


def test_change_use_case(portfolio, account) -> None:
    [use_case_id] = _add(portfolio, account, R, "r1")
    new = UseCaseValues(title="Renamed", status=UseCaseStatus.LIVE, users_reached=12)
    edit = edits.change_use_case("Rename r1 to Renamed", account, use_case_id, new)

    def values() -> object:
        return _read(portfolio, lambda s: list_use_cases(s, account)[0].values)

    assert _do_undo_redo(portfolio, edit, values) == new
    assert _undo(portfolio, edit) == Changes.account(account)
    assert values() == UseCaseValues(title="r1")


def test_delete_use_case_comes_back_with_its_id(portfolio, account) -> None:
    r1, r2 = _add(portfolio, account, R, "r1", "r2")
    edit = edits.delete_use_case(account, "Kestrel", r1, "r1")
    assert edit.text == "Delete r1 from the stairway of Kestrel"
    before = _roadmap(portfolio, account)
    after = _do_undo_redo(portfolio, edit, lambda: _roadmap(portfolio, account))
    assert after == [(r2, "r2", R, 1)]
    _undo(portfolio, edit)
    assert _roadmap(portfolio, account) == before


def test_move_use_case_renumbers_and_puts_every_one_back(portfolio, account) -> None:
    r1, r2, r3 = _add(portfolio, account, R, "r1", "r2", "r3")
    [e1] = _add(portfolio, account, E, "e1")
    edit = edits.MoveUseCase("Move r1 to Enhancement", account, r1, E, 0)
    after = _do_undo_redo(portfolio, edit, lambda: _roadmap(portfolio, account))
    assert after == [(r2, "r2", R, 0), (r3, "r3", R, 1), (r1, "r1", E, 0), (e1, "e1", E, 1)]
    assert _undo(portfolio, edit) == Changes.account(account)


def test_moving_a_deleted_use_case_is_refused(portfolio, account) -> None:
    [r1] = _add(portfolio, account, R, "r1")
    _do(portfolio, edits.delete_use_case(account, "Kestrel", r1, "r1"))
    with pytest.raises(ValidationError, match="not on this stairway"):
        _do(portfolio, edits.MoveUseCase("Move", account, r1, E, 0))


SHIPPED = TemplateData(
    "file:retail.toml",
    None,
    "retail.toml",
    TemplateValues(
        "Retail test",
        industry="Retail",
        use_cases=(
            TemplateUseCaseData(R, "Store audits", "Paper audits", "audits", 1000.0),
            TemplateUseCaseData(E, "Vendor compliance"),
        ),
    ),
)


def _template_of(portfolio: Portfolio, account_id: int) -> int | None:
    return _read(  # type: ignore[return-value]
        portfolio, lambda s: s.get(Account, account_id).stairway_template_id
    )


def test_apply_a_shipped_template(portfolio, account) -> None:
    [own] = _add(portfolio, account, R, "store audits")  # matched by title: not added
    edit = edits.ApplyTemplate("Apply the template Retail test to Kestrel", account, SHIPPED)

    def state() -> object:
        return (
            _roadmap(portfolio, account),
            _templates(portfolio),
            _template_of(portfolio, account),
        )

    roadmap, stored, chosen = _do_undo_redo(portfolio, edit, state)  # type: ignore[misc]
    assert [r[1:] for r in roadmap] == [("store audits", R, 0), ("Vendor compliance", E, 0)]
    assert roadmap[0][0] == own and edit.installed and len(edit.added) == 1
    assert [values.name for _id, values in stored] == ["Retail test"]
    assert chosen == edit.template_id == stored[0][0]  # the same row on redo
    assert edit.changes == Changes.account(account) | Changes(templates=True)


def test_apply_a_stored_template_again_adds_nothing(portfolio, account) -> None:
    first = edits.ApplyTemplate("Apply", account, SHIPPED)
    _do(portfolio, first)
    stored = _read(portfolio, lambda s: library(s).by_id(first.template_id))
    assert isinstance(stored, TemplateData)
    again = edits.ApplyTemplate("Apply again", account, stored)
    before = _roadmap(portfolio, account)
    _do(portfolio, again)
    assert again.added == () and not again.installed
    assert again.previous_template_id == first.template_id
    assert _roadmap(portfolio, account) == before
    assert again.changes == Changes.account(account)
    _undo(portfolio, again)
    assert _template_of(portfolio, account) == first.template_id


def test_apply_template_points_back_at_the_previous_template_on_undo(portfolio, account) -> None:
    cases = (TemplateUseCaseData(R, "Store audits"),)
    other = TemplateData("file:b.toml", None, "b.toml", TemplateValues("B", use_cases=cases))
    first = edits.ApplyTemplate("Apply B", account, other)
    _do(portfolio, first)
    second = edits.ApplyTemplate("Apply Retail", account, SHIPPED)
    _do(portfolio, second)
    assert _template_of(portfolio, account) == second.template_id
    _undo(portfolio, second)
    assert _template_of(portfolio, account) == first.template_id


def test_save_roadmap_as_template(portfolio, account) -> None:
    _add(portfolio, account, E, "e1")
    _add(portfolio, account, R, "r1")
    edit = edits.save_roadmap_as_template(account, "Kestrel", "Kestrel's climb", "Start low")
    assert edit.text == "Save the stairway of Kestrel as the template Kestrel's climb"
    after = _do_undo_redo(portfolio, edit, lambda: _templates(portfolio))
    [(template_id, values)] = after  # type: ignore[misc]
    assert template_id == edit.row_id
    assert (values.name, values.industry, values.description) == (
        "Kestrel's climb",
        "Retail",
        "Start low",
    )
    assert [c.title for c in values.use_cases] == ["r1", "e1"]
    assert _undo(portfolio, edit) == Changes(templates=True)


def test_save_an_empty_roadmap_is_refused(portfolio, account) -> None:
    with pytest.raises(ValidationError, match="no use cases"):
        _do(portfolio, edits.save_roadmap_as_template(account, "Kestrel", "Empty"))
    assert _templates(portfolio) == []


def test_edit_a_shipped_template_copies_it_into_the_portfolio(portfolio) -> None:
    values = TemplateValues("Retail adapted", use_cases=SHIPPED.use_cases[:1])
    edit = edits.edit_template(SHIPPED, values)
    assert edit.text == "Edit the template Retail test"
    after = _do_undo_redo(portfolio, edit, lambda: _templates(portfolio))
    assert [v for _id, v in after] == [values]  # type: ignore[attr-defined]
    sources = _read(portfolio, lambda s: s.scalars(select(StairwayTemplate.source)).all())
    assert sources == ["retail.toml"]


def test_edit_a_stored_template(portfolio, account) -> None:
    apply = edits.ApplyTemplate("Apply", account, SHIPPED)
    _do(portfolio, apply)
    stored = _read(portfolio, lambda s: library(s).by_id(apply.template_id))
    assert isinstance(stored, TemplateData)
    values = TemplateValues(
        "Renamed", industry="Retail", use_cases=(TemplateUseCaseData(D, "Retail media"),)
    )
    edit = edits.edit_template(stored, values)
    after = _do_undo_redo(portfolio, edit, lambda: _templates(portfolio))
    assert after == [(apply.template_id, values)]
    _undo(portfolio, edit)
    assert _templates(portfolio) == [(apply.template_id, SHIPPED.values)]


def test_edit_template_refuses_a_taken_name_and_an_empty_list(portfolio) -> None:
    _do(portfolio, edits.edit_template(SHIPPED, SHIPPED.values))
    other = TemplateData("file:o.toml", None, "o.toml", TemplateValues("Other"))
    with pytest.raises(ValidationError, match="already exists"):
        _do(portfolio, edits.edit_template(other, SHIPPED.values))
    with pytest.raises(ValidationError, match="at least one use case"):
        _do(portfolio, edits.edit_template(other, TemplateValues("Other")))


def test_delete_template_keeps_the_accounts_use_cases_and_undo_points_back(
    portfolio, account
) -> None:
    apply = edits.ApplyTemplate("Apply", account, SHIPPED)
    _do(portfolio, apply)
    stored = _read(portfolio, lambda s: library(s).by_id(apply.template_id))
    assert isinstance(stored, TemplateData)
    edit = edits.delete_template(stored)
    assert edit.text == "Delete the template Retail test"
    roadmap = _roadmap(portfolio, account)

    def state() -> object:
        return (_templates(portfolio), _template_of(portfolio, account))

    after = _do_undo_redo(portfolio, edit, state)
    assert after == ([], None)
    assert _roadmap(portfolio, account) == roadmap
    _undo(portfolio, edit)
    assert _template_of(portfolio, account) == apply.template_id


def test_a_shipped_template_cannot_be_deleted() -> None:
    with pytest.raises(ValidationError, match="shipped template"):
        edits.delete_template(SHIPPED)


def test_apply_template_function_reports_what_it_did(portfolio, account) -> None:
    with portfolio.session() as s:
        applied = edits.apply_template(s, account, SHIPPED)
        assert applied.installed and len(applied.added) == 2
        count = s.scalar(select(func.count()).select_from(UseCase))
    assert count == 2
