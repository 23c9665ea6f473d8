"""Every action plan edit on a real SQLite file, no Qt: done, undone, redone; refused input
leaves the file as it was."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from cs_planner.domain.enums import ActionStatus, Priority
from cs_planner.domain.model import Account, ActionItem, Stakeholder, UseCase
from cs_planner.domain.plan import action_edits
from cs_planner.domain.plan.actions import CUSTOMER, TEAM, Serves, load_actions
from cs_planner.storage import Portfolio
from tests.domain.plan.conftest import SHOWCASE_ACTION, TODAY
from tests.domain.plan.edits_helpers import refused, round_trip


def plan(portfolio: Portfolio, account_id: int):
    with portfolio.read() as s:
        return load_actions(s, account_id, TODAY)


def other_account_person(portfolio: Portfolio, account_id: int) -> int:
    with portfolio.read() as s:
        found = s.scalar(select(Stakeholder.id).where(Stakeholder.account_id != account_id))
    assert found is not None
    return found


def test_add_in_one_row_takes_the_defaults(demo: Portfolio, showcase: int) -> None:
    csm = plan(demo, showcase).csm_id
    values = action_edits.defaults("  Send the renewal quote ", csm, TODAY)
    edit = action_edits.add_action(showcase, values, TODAY)
    round_trip(demo, edit, lambda: plan(demo, showcase).rows)
    added = next(r for r in plan(demo, showcase).rows if r.id == edit.row_id)
    assert added.title == "Send the renewal quote"
    assert added.values.owner == (TEAM, csm)
    assert added.due_date == TODAY + dt.timedelta(days=14)
    assert (added.status, added.priority) == (ActionStatus.OPEN, Priority.MEDIUM)
    assert added.created_on == TODAY
    assert edit.text == "Add the action 'Send the renewal quote'"


def test_add_serving_a_use_case_from_the_stairway(demo: Portfolio, showcase: int) -> None:
    with demo.read() as s:
        case_id, title = s.execute(
            select(UseCase.id, UseCase.title).where(UseCase.account_id == showcase)
        ).first()
    values = action_edits.defaults("Next step", None, TODAY, serves=(Serves.USE_CASE, case_id))
    edit = action_edits.add_action(showcase, values, TODAY)
    round_trip(demo, edit, lambda: plan(demo, showcase).rows)
    added = next(r for r in plan(demo, showcase).rows if r.id == edit.row_id)
    assert added.serves_text == f"Use case: {title}"
    assert added.values.owner is None


def test_change_owner_to_someone_at_the_customer_and_back(demo: Portfolio, showcase: int) -> None:
    data = plan(demo, showcase)
    book = next(r for r in data.rows if r.title == SHOWCASE_ACTION)
    person = next(c.value for c in data.owners[1][1])
    values = replace(book.values, owner=person)
    edit = action_edits.change_action(showcase, book.id, values, "the owner")
    round_trip(demo, edit, lambda: plan(demo, showcase).rows)
    with demo.read() as s:
        stored = s.get(ActionItem, book.id)
        assert (stored.owner_id, stored.customer_owner_id) == (None, person[1])
    assert edit.text == f"Change the owner of '{SHOWCASE_ACTION}'"


def test_what_it_serves_is_one_thing(demo: Portfolio, showcase: int) -> None:
    data = plan(demo, showcase)
    risk = next(c.value for c in dict(data.targets)["Risk"])
    book = next(r for r in data.rows if r.title == SHOWCASE_ACTION)  # serves an objective
    do_edit = action_edits.change_action(showcase, book.id, replace(book.values, serves=risk))
    round_trip(demo, do_edit, lambda: plan(demo, showcase).rows)
    with demo.read() as s:
        stored = s.get(ActionItem, book.id)
        assert (stored.risk_id, stored.objective_id, stored.stakeholder_id) == (risk[1], None, None)


def test_an_edit_that_leaves_what_it_serves_keeps_every_link(
    demo: Portfolio, showcase: int
) -> None:
    """The showcase's action is on an objective and with a stakeholder: changing its
    priority (or undoing a change of what it serves) loses neither."""
    book = next(r for r in plan(demo, showcase).rows if r.title == SHOWCASE_ACTION)
    assert [kind for kind, _ in book.values.links] == [Serves.OBJECTIVE, Serves.STAKEHOLDER]
    edit = action_edits.change_action(
        showcase, book.id, replace(book.values, priority=Priority.LOW), "the priority"
    )
    round_trip(demo, edit, lambda: plan(demo, showcase).rows)
    with demo.read() as s:
        stored = s.get(ActionItem, book.id)
        assert stored.priority == Priority.LOW
        assert (stored.objective_id, stored.stakeholder_id) == tuple(
            target_id for _, target_id in book.values.links
        )


def test_mark_done_is_one_step_and_dates_them(demo: Portfolio, showcase: int) -> None:
    data = plan(demo, showcase)
    chosen = [r for r in data.rows if r.status != ActionStatus.DONE][:3]
    already = next(r for r in data.rows if r.status == ActionStatus.DONE)
    edit = action_edits.mark_done(
        showcase, [(r.id, r.values) for r in [*chosen, already]], TODAY + dt.timedelta(days=1)
    )
    assert edit.text == "Mark 4 actions done"
    round_trip(demo, edit, lambda: plan(demo, showcase).rows)
    after = {r.id: r for r in plan(demo, showcase).rows}
    for r in chosen:
        assert (after[r.id].status, after[r.id].values.done_on) == (
            ActionStatus.DONE,
            TODAY + dt.timedelta(days=1),
        )
    assert after[already.id].values.done_on == already.values.done_on  # kept its day


def test_delete_several_and_undo_puts_them_back(demo: Portfolio, showcase: int) -> None:
    ids = [r.id for r in plan(demo, showcase).rows[:2]]
    edit = action_edits.delete_actions(showcase, ids)
    before, after = round_trip(demo, edit, lambda: plan(demo, showcase).rows)
    assert {r.id for r in before} - {r.id for r in after} == set(ids)  # type: ignore[attr-defined]


def test_refused_input_changes_nothing(demo: Portfolio, showcase: int) -> None:
    data = plan(demo, showcase)
    book = next(r for r in data.rows if r.title == SHOWCASE_ACTION)

    def read():
        return plan(demo, showcase).rows

    blank = action_edits.change_action(showcase, book.id, replace(book.values, title="  "))
    refused(demo, blank, "title", read)
    stranger = (CUSTOMER, other_account_person(demo, showcase))
    wrong = action_edits.change_action(showcase, book.id, replace(book.values, owner=stranger))
    assert "not on this account" in refused(demo, wrong, "owner", read)
    elsewhere = (Serves.STAKEHOLDER, stranger[1])
    serving = action_edits.change_action(showcase, book.id, replace(book.values, serves=elsewhere))
    assert "another account" in refused(demo, serving, "serves", read)
    with demo.read() as s:
        gone = s.scalar(select(Account.id).order_by(Account.id.desc())) + 100
    values = action_edits.defaults("Orphan", None, TODAY)
    refused(demo, action_edits.add_action(gone, values, TODAY), None, read)
