"""The action plan read from the demo (one select per table, whatever the number of
actions) and the pure rules its filters use."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event, func, select

from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.enums import ActionStatus, Priority, TeamRole
from cs_planner.domain.model import ActionItem, Stakeholder
from cs_planner.domain.plan.actions import (
    CUSTOMER,
    TEAM,
    ActionRow,
    ActionValues,
    Serves,
    due_this_month,
    is_mine,
    is_overdue,
    load_actions,
    portfolio_owner,
    with_status,
)
from cs_planner.storage import Portfolio
from tests.domain.plan.conftest import SHOWCASE_ACTION, TODAY


def row(due: dt.date | None, status: ActionStatus = ActionStatus.OPEN, owner=None) -> ActionRow:
    return ActionRow(1, ActionValues("Call", owner=owner, due_date=due, status=status))


def test_overdue_is_open_and_due_before_today() -> None:
    assert is_overdue(row(TODAY - dt.timedelta(days=1)), TODAY)
    assert is_overdue(row(TODAY - dt.timedelta(days=1), ActionStatus.IN_PROGRESS), TODAY)
    assert not is_overdue(row(TODAY), TODAY)
    assert not is_overdue(row(TODAY - dt.timedelta(days=9), ActionStatus.DONE), TODAY)
    assert not is_overdue(row(TODAY - dt.timedelta(days=9), ActionStatus.CANCELLED), TODAY)
    assert not is_overdue(row(None), TODAY)


def test_this_month_is_open_and_due_by_the_end_of_the_month() -> None:
    assert due_this_month(row(dt.date(2026, 11, 30)), TODAY)
    assert due_this_month(row(dt.date(2026, 10, 2)), TODAY)  # overdue: due by then too
    assert not due_this_month(row(dt.date(2026, 12, 1)), TODAY)
    assert not due_this_month(row(dt.date(2026, 11, 30), ActionStatus.DONE), TODAY)
    assert not due_this_month(row(None), TODAY)


def test_mine_is_owned_by_the_portfolio_owner_on_our_team() -> None:
    assert is_mine(row(None, owner=(TEAM, 3)), 3)
    assert not is_mine(row(None, owner=(TEAM, 4)), 3)
    assert not is_mine(row(None, owner=(CUSTOMER, 3)), 3)  # a stakeholder with that id
    assert not is_mine(row(None, owner=(TEAM, 3)), None)


def test_the_portfolio_owner_is_found_by_name_exactly_then_in_any_case() -> None:
    team = [Person(1, "Ada Brennan", TeamRole.CSM), Person(2, "ada brennan", TeamRole.AE)]
    assert portfolio_owner(team, "ada brennan") == 2
    assert portfolio_owner(team, " Ada Brennan ") == 1
    assert portfolio_owner(team[:1], "ADA BRENNAN") == 1
    assert portfolio_owner(team, "") is None
    assert portfolio_owner(team, "Rui Santos") is None


def test_done_gets_today_and_loses_it_when_reopened() -> None:
    values = ActionValues("Call")
    done = with_status(values, ActionStatus.DONE, TODAY)
    assert (done.status, done.done_on) == (ActionStatus.DONE, TODAY)
    later = with_status(done, ActionStatus.DONE, TODAY + dt.timedelta(days=3))
    assert later.done_on == TODAY  # already done: keeps its day
    assert with_status(done, ActionStatus.OPEN, TODAY).done_on is None


def test_the_showcase_plan_reads_owners_and_what_each_action_serves(
    demo: Portfolio, showcase: int
) -> None:
    with demo.read() as s:
        plan = load_actions(s, showcase, TODAY)
        stored = s.scalar(select(func.count()).where(ActionItem.account_id == showcase))
        people = dict(s.execute(select(Stakeholder.id, Stakeholder.name)).all())
    assert len(plan.rows) == stored
    book = next(r for r in plan.rows if r.title == SHOWCASE_ACTION)
    assert book.values.owner == (TEAM, plan.csm_id)
    assert book.due_date == TODAY - dt.timedelta(days=3)
    assert is_overdue(book, TODAY)
    assert book.priority == Priority.HIGH  # the demo makes late actions high
    groups = dict(plan.owners)
    assert groups["Our team"] and any(c.value[0] == CUSTOMER for c in plan.owners[1][1])
    for action in plan.rows:
        if action.values.owner and action.values.owner[0] == CUSTOMER:
            name = people[action.values.owner[1]]
            assert action.owner_name == f"{name} (customer)"
        if action.values.serves is not None:
            kind = action.values.serves[0]
            assert action.serves_text.startswith(kind.word + ": ")
    kinds = {a.values.serves[0] for a in plan.rows if a.values.serves}
    assert {Serves.OBJECTIVE, Serves.RISK, Serves.STAKEHOLDER} <= kinds
    assert [t[0] for t in plan.targets] == [
        "Objective",
        "Risk",
        "Use case",
        "Opportunity",
        "Stakeholder",
    ]


def _selects(portfolio: Portfolio, account_id: int) -> int:
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(portfolio.engine, "before_cursor_execute", count)
    try:
        with portfolio.session() as s:
            load_actions(s, account_id, TODAY)
    finally:
        event.remove(portfolio.engine, "before_cursor_execute", count)
    return len([q for q in statements if q.lstrip().upper().startswith("SELECT")])


def test_no_query_per_action(demo: Portfolio, showcase: int) -> None:
    before = _selects(demo, showcase)
    with demo.session() as s:
        s.add_all(ActionItem(account_id=showcase, title=f"Step {n}") for n in range(30))
    assert _selects(demo, showcase) == before
