"""The customer's objectives: read from the demo, and every edit done, undone and redone on a
real file; bad input is refused with the field it concerns."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from cs_planner.domain.enums import ObjectiveStatus
from cs_planner.domain.model import AccountMetric, ActionItem, UseCase
from cs_planner.domain.plan import objective_edits
from cs_planner.domain.plan.objectives import ObjectiveValues, load_objectives, measured_by
from cs_planner.storage import Portfolio
from tests.domain.plan.conftest import TODAY
from tests.domain.plan.edits_helpers import refused, round_trip, undo


def read(portfolio: Portfolio, account_id: int):
    with portfolio.read() as s:
        return load_objectives(s, account_id)


def test_measured_by_names_the_link_or_says_the_words() -> None:
    metrics, cases = {1: "Cycle time"}, {2: "Invoice capture"}
    words = ObjectiveValues("Faster", measure="Days from order to cash")
    assert measured_by(words, metrics, cases) == "Days from order to cash"
    assert measured_by(replace(words, metric_id=1), metrics, cases) == "Metric: Cycle time"
    assert measured_by(replace(words, use_case_id=2), metrics, cases) == "Use case: Invoice capture"


def test_the_showcase_objectives_in_their_order(demo: Portfolio, showcase: int) -> None:
    data = read(demo, showcase)
    assert [r.position for r in data.rows] == sorted(r.position for r in data.rows)
    assert data.rows and data.metrics and data.use_cases
    linked = [r for r in data.rows if r.values.metric_id is not None]
    names = {c.value: c.label for c in data.metrics}
    assert all(r.measured_by == f"Metric: {names[r.values.metric_id]}" for r in linked)


def test_add_change_move_and_delete_each_undo(demo: Portfolio, showcase: int) -> None:
    def rows():
        return read(demo, showcase).rows

    metric = read(demo, showcase).metrics[0]
    values = ObjectiveValues(
        "Halve the claims backlog",
        "Open claims, weekly",
        metric_id=metric.value,
        target_date=dt.date(2027, 6, 30),
    )
    add = objective_edits.add_objective(showcase, values, TODAY)
    round_trip(demo, add, rows)
    added = rows()[-1]
    assert (added.id, added.title, added.measured_by) == (
        add.row_id,
        "Halve the claims backlog",
        f"Metric: {metric.label}",
    )
    changed = replace(values, status=ObjectiveStatus.AT_RISK, metric_id=None)
    round_trip(demo, objective_edits.change_objective(showcase, added.id, changed), rows)
    assert rows()[-1].measured_by == "Open claims, weekly"

    order = [r.id for r in rows()]
    positions = objective_edits.moved(order, added.id, -1)
    assert positions is not None and objective_edits.moved(order, order[0], -1) is None
    move = objective_edits.move_objective(showcase, added.title, positions, up=True)
    round_trip(demo, move, rows)
    assert [r.id for r in rows()][-2] == added.id
    assert move.text == "Move 'Halve the claims backlog' up"


def test_delete_unlinks_its_actions_and_undo_links_them_again(
    demo: Portfolio, showcase: int
) -> None:
    with demo.read() as s:
        objective_id = s.scalar(
            select(ActionItem.objective_id).where(
                ActionItem.account_id == showcase, ActionItem.objective_id.is_not(None)
            )
        )

    def links():
        with demo.read() as s:
            return sorted(
                s.scalars(select(ActionItem.id).where(ActionItem.objective_id == objective_id))
            )

    linked = links()
    assert linked
    edit = objective_edits.delete_objective(showcase, objective_id, "x")
    round_trip(demo, edit, lambda: (read(demo, showcase).rows, links()))
    undo(demo, edit)
    assert links() == linked


def test_bad_input_is_refused_at_its_field(demo: Portfolio, showcase: int) -> None:
    def rows():
        return read(demo, showcase).rows

    first = rows()[0]
    blank = objective_edits.change_objective(showcase, first.id, replace(first.values, title=" "))
    refused(demo, blank, "title", rows)
    with demo.read() as s:
        metric = s.scalar(select(AccountMetric.id).where(AccountMetric.account_id == showcase))
        case = s.scalar(select(UseCase.id).where(UseCase.account_id == showcase))
        foreign = s.scalar(select(UseCase.id).where(UseCase.account_id != showcase))
    both = replace(first.values, metric_id=metric, use_case_id=case)
    refused(demo, objective_edits.change_objective(showcase, first.id, both), "metric_id", rows)
    other = replace(first.values, metric_id=None, use_case_id=foreign)
    refused(demo, objective_edits.change_objective(showcase, first.id, other), "use_case_id", rows)
