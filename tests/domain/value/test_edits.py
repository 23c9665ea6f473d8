"""Maturity, metric and message edits on a real SQLite file, no Qt: done, undone, redone;
refused input leaves the file unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from cs_planner.domain.edits import Edit, run
from cs_planner.domain.enums import Audience
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, MetricTarget, MetricValue, ValueMessage
from cs_planner.domain.value import maturity, maturity_edits, messages, metric_edits, metrics
from cs_planner.domain.value.maturity import LevelValues
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)


def do(portfolio: Portfolio, edit: Edit) -> None:
    with portfolio.session() as s:
        run(s, edit)


def undo(portfolio: Portfolio, edit: Edit) -> None:
    with portfolio.session() as s:
        edit.revert(s)
        s.flush()


def refused(portfolio: Portfolio, edit: Edit, field: str) -> None:
    before = dump(portfolio)
    with pytest.raises(ValidationError) as err, portfolio.session() as s:
        run(s, edit)
    assert err.value.field == field, err.value.message
    assert dump(portfolio) == before


def dump(portfolio: Portfolio) -> dict[str, object]:
    with portfolio.read() as s:
        m = maturity.load_maturity(s, 1)
        return {
            "maturity": m,
            "metrics": metrics.load_metrics(s, 1),
            "messages": messages.saved_messages(s, 1),
        }


def test_change_level_writes_history_and_current_and_undoes(portfolio, acct) -> None:
    a = acct["account"]
    edit = maturity_edits.ChangeLevel("Level 3", a, 3, dt.date(2026, 6, 1), TODAY)
    do(portfolio, edit)
    with portfolio.read() as s:
        data = maturity.load_maturity(s, a)
    assert data.history == ((dt.date(2025, 3, 1), 2), (dt.date(2026, 6, 1), 3))
    assert (data.current, data.day_one) == (3, 2)
    assert data.name_of(3) == "3 · Defined"
    undo(portfolio, edit)
    with portfolio.read() as s:
        data = maturity.load_maturity(s, a)
    assert (data.current, len(data.history)) == (2, 1)
    do(portfolio, edit)  # redo
    with portfolio.read() as s:
        assert maturity.load_maturity(s, a).current == 3


def test_a_level_dated_earlier_changes_the_history_not_the_current_level(portfolio, acct) -> None:
    a = acct["account"]
    do(portfolio, maturity_edits.ChangeLevel("3", a, 3, dt.date(2026, 6, 1), TODAY))
    edit = maturity_edits.ChangeLevel("correct day one", a, 1, dt.date(2025, 3, 1), TODAY)
    do(portfolio, edit)
    with portfolio.read() as s:
        data = maturity.load_maturity(s, a)
    assert (data.day_one, data.current) == (1, 3)
    undo(portfolio, edit)
    with portfolio.read() as s:
        assert maturity.load_maturity(s, a).day_one == 2


def test_remove_a_level_from_the_history(portfolio, acct) -> None:
    a = acct["account"]
    do(portfolio, maturity_edits.ChangeLevel("3", a, 3, dt.date(2026, 6, 1), TODAY))
    remove = maturity_edits.ChangeLevel("forget", a, None, dt.date(2026, 6, 1), TODAY)
    do(portfolio, remove)
    with portfolio.read() as s:
        assert maturity.load_maturity(s, a).current == 2
    undo(portfolio, remove)
    with portfolio.read() as s:
        assert maturity.load_maturity(s, a).current == 3
    refused(portfolio, maturity_edits.ChangeLevel("x", a, None, dt.date(2026, 1, 1), TODAY), None)


def test_level_changes_refused(portfolio, acct) -> None:
    a = acct["account"]
    future = maturity_edits.ChangeLevel("x", a, 3, TODAY + dt.timedelta(days=1), TODAY)
    refused(portfolio, future, "changed_on")
    before = maturity_edits.ChangeLevel("x", a, 3, dt.date(2025, 2, 28), TODAY)
    refused(portfolio, before, "changed_on")
    refused(portfolio, maturity_edits.ChangeLevel("x", a, 6, TODAY, TODAY), "level")  # 5 levels
    do(portfolio, maturity_edits.SetTarget("t", a, 3, dt.date(2027, 6, 30), TODAY))
    refused(portfolio, maturity_edits.ChangeLevel("x", a, 4, TODAY, TODAY), "level")  # above target


def test_target_set_undone_and_refused(portfolio, acct) -> None:
    a = acct["account"]
    edit = maturity_edits.SetTarget("t", a, 4, dt.date(2027, 6, 30), TODAY)
    do(portfolio, edit)
    with portfolio.read() as s:
        data = maturity.load_maturity(s, a)
    assert (data.target, data.target_date) == (4, dt.date(2027, 6, 30))
    undo(portfolio, edit)
    with portfolio.read() as s:
        assert maturity.load_maturity(s, a).target is None
    refused(portfolio, maturity_edits.SetTarget("t", a, 1, None, TODAY), "maturity_target")
    past = maturity_edits.SetTarget("t", a, 3, dt.date(2026, 11, 23), TODAY)
    refused(portfolio, past, "maturity_target_date")


def test_save_model_adds_and_removes_levels_at_the_top(portfolio, acct) -> None:
    with portfolio.read() as s:
        old = [r.values for r in maturity.model_levels(s)]
    six = [*old[:4], LevelValues("Leading", "sets the pace"), LevelValues("Top", "", "AI")]
    edit = maturity_edits.SaveModel(six)
    do(portfolio, edit)
    with portfolio.read() as s:
        levels = maturity.model_levels(s)
    assert [r.name for r in levels][-2:] == ["Leading", "Top"]
    assert levels[-1].values.marks == "AI"
    undo(portfolio, edit)
    with portfolio.read() as s:
        assert [r.values for r in maturity.model_levels(s)] == old
    refused(portfolio, maturity_edits.SaveModel(old[:2]), "levels")  # fewer than 3
    refused(portfolio, maturity_edits.SaveModel([*old[:4], LevelValues(" ")]), "name")
    eight = [LevelValues(f"L{n}") for n in range(8)]
    refused(portfolio, maturity_edits.SaveModel(eight), "levels")
    # The account once was at level 2 and is now: a model of 3 keeps it.
    do(portfolio, maturity_edits.SaveModel(old[:3]))
    do(portfolio, maturity_edits.SetTarget("t", acct["account"], 3, None, TODAY))
    with portfolio.session() as s:
        s.get(Account, acct["account"]).maturity_current = 3
    with portfolio.read() as s:
        assert len(maturity.model_levels(s)) == 3


def test_a_model_cannot_drop_a_level_in_use(portfolio, acct) -> None:
    a = acct["account"]
    do(portfolio, maturity_edits.SetTarget("t", a, 4, None, TODAY))
    with portfolio.read() as s:
        old = [r.values for r in maturity.model_levels(s)]
    refused(portfolio, maturity_edits.SaveModel(old[:3]), "levels")


def test_measurements(portfolio, acct) -> None:
    a, t = acct["account"], acct["tracked"]
    edit = metric_edits.add_measurement(a, "POD", t, dt.date(2026, 11, 1), 20.0, TODAY)
    do(portfolio, edit)
    with portfolio.read() as s:
        (row,) = metrics.load_metrics(s, a)
    assert row.values[-1][1:] == (dt.date(2026, 11, 1), 20.0)
    undo(portfolio, edit)
    with portfolio.read() as s:
        assert s.scalars(select(MetricValue)).all() == []
    do(portfolio, edit)
    with portfolio.read() as s:
        assert len(s.scalars(select(MetricValue)).all()) == 1
    early = metric_edits.add_measurement(a, "POD", t, dt.date(2025, 2, 1), 20.0, TODAY)
    refused(portfolio, early, "measured_on")
    late = metric_edits.add_measurement(a, "POD", t, TODAY + dt.timedelta(days=3), 20.0, TODAY)
    refused(portfolio, late, "measured_on")
    refused(
        portfolio, metric_edits.add_measurement(a, "POD", t, TODAY, float("nan"), TODAY), "value"
    )
    remove = metric_edits.delete_measurement(a, "POD", edit.row_id)
    do(portfolio, remove)
    undo(portfolio, remove)
    with portfolio.read() as s:
        assert len(s.scalars(select(MetricValue)).all()) == 1


def test_targets_by_quarter(portfolio, acct) -> None:
    a, t = acct["account"], acct["tracked"]
    q4, q1 = dt.date(2026, 10, 1), dt.date(2027, 1, 1)
    first = metric_edits.SetMetricTarget("t", a, t, q4, 30.0, TODAY)
    do(portfolio, first)
    change = metric_edits.SetMetricTarget("t", a, t, q4, 28.0, TODAY)
    do(portfolio, change)
    do(portfolio, metric_edits.SetMetricTarget("t", a, t, q1, 20.0, TODAY))
    with portfolio.read() as s:
        (row,) = metrics.load_metrics(s, a)
    assert row.targets == ((q4, 28.0), (q1, 20.0))
    undo(portfolio, change)
    with portfolio.read() as s:
        assert s.scalar(select(MetricTarget.target).where(MetricTarget.quarter == q4)) == 30.0
    past = metric_edits.SetMetricTarget("t", a, t, dt.date(2026, 7, 1), 30.0, TODAY)
    refused(portfolio, past, "quarter")
    # A fiscal year from February: 2026-11-01 starts the quarter holding today.
    do(portfolio, metric_edits.SetMetricTarget("t", a, t, dt.date(2026, 11, 1), 30.0, TODAY, 2))
    refused(portfolio, metric_edits.SetMetricTarget("t", a, t, q4, 1.0, TODAY, 2), "quarter")


def test_track_and_untrack_a_metric(portfolio, acct) -> None:
    a = acct["account"]
    edit = metric_edits.track_metric(a, "WAU", acct["wau"], 120.0, dt.date(2025, 3, 1), TODAY)
    do(portfolio, edit)
    do(portfolio, metric_edits.add_measurement(a, "WAU", edit.row_id, TODAY, 300.0, TODAY))
    with portfolio.read() as s:
        assert [m.name for m in metrics.load_metrics(s, a)] == [
            "Proof of delivery time",
            "Weekly active users",
        ]
    refused(
        portfolio, metric_edits.track_metric(a, "WAU", acct["wau"], 1.0, None, TODAY), "metric_id"
    )
    gone = metric_edits.untrack_metric(a, "WAU", edit.row_id)
    do(portfolio, gone)
    with portfolio.read() as s:
        assert len(metrics.load_metrics(s, a)) == 1
    undo(portfolio, gone)
    with portfolio.read() as s:
        assert metrics.load_metrics(s, a)[1].values[0][2] == 300.0
    future = metric_edits.track_metric(
        a, "x", acct["pod"], 1.0, TODAY + dt.timedelta(days=1), TODAY
    )
    refused(portfolio, future, "metric_id")  # tracked already: the first thing checked


def test_messages_save_reset_undo(portfolio, acct) -> None:
    a = acct["account"]
    save = messages.SaveMessage(a, Audience.END_USER, "  Our words.  ")
    do(portfolio, save)
    with portfolio.read() as s:
        assert messages.saved_messages(s, a) == {Audience.END_USER: "Our words."}
    reset = messages.SaveMessage(a, Audience.END_USER, None)
    do(portfolio, reset)
    with portfolio.read() as s:
        assert s.scalars(select(ValueMessage)).all() == []
    undo(portfolio, reset)
    undo(portfolio, save)
    with portfolio.read() as s:
        assert messages.saved_messages(s, a) == {}
    with pytest.raises(ValidationError):
        messages.SaveMessage(a, Audience.END_USER, "   ")


def test_drafts_from_use_cases_and_gains(portfolio, acct) -> None:
    a = acct["account"]
    do(portfolio, metric_edits.add_measurement(a, "POD", acct["tracked"], TODAY, 2.0, TODAY))
    with portfolio.read() as s:
        rows = metrics.load_metrics(s, a)
        loaded = messages.load_messages(s, a, "Harbor", rows, lambda v: f"${v:,.0f}")
    by = {m.audience: m for m in loaded}
    head = by[Audience.DEPARTMENT_HEAD].text
    assert "Harbor realises $120,000 a year" in head
    assert "Fleet Operations: Proof of delivery; 740 of 900 users on it; worth $120,000" in head
    assert "Proof of delivery time: 48 h → 2 h" in head
    assert "Idea" not in head  # only live and adopted use cases
    tech = by[Audience.TECHNICAL_BUYER].text
    assert "1 use case(s) adopted and 0 live." in tech
    assert "740 of 900 targeted users reached." in tech
    assert by[Audience.END_USER].saved is None
    empty = messages.draft(Audience.END_USER, "X", (), (), str)
    assert empty == messages.NOTHING_YET
