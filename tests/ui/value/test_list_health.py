"""The portfolio list's health scores, worked out off the GUI thread."""

from __future__ import annotations

import datetime as dt

from cs_planner.domain.changes import Changes
from cs_planner.domain.model import Account
from cs_planner.domain.value.health import scores_by_account
from cs_planner.ui.value.list_health import HealthScores
from tests.ui.value.conftest import TODAY


def test_scores_arrive_then_follow_an_edit(qtbot, demo_ctx) -> None:
    scores = HealthScores(demo_ctx)
    with qtbot.waitSignal(scores.ready, timeout=30_000):
        scores.refresh(None)
    with demo_ctx.portfolio.read() as session:
        expected = scores_by_account(session, TODAY)
    assert {k: v.score for k, v in scores.scores.items()} == {
        k: v.score for k, v in expected.items()
    }
    account = next(iter(expected))
    with demo_ctx.write() as session:
        row = session.get(Account, account)
        row.active_users = 0  # licence utilization falls to nothing
    with qtbot.waitSignal(scores.ready, timeout=30_000):
        demo_ctx.notify(Changes.account(account))
    assert scores.scores[account].score < expected[account].score
    others = [k for k in expected if k != account]
    assert all(scores.scores[k].score == expected[k].score for k in others)


def test_a_deleted_account_loses_its_score(qtbot, demo_ctx) -> None:
    scores = HealthScores(demo_ctx)
    with qtbot.waitSignal(scores.ready, timeout=30_000):
        scores.refresh(None)
    account = next(iter(scores.scores))
    with demo_ctx.write() as session:
        session.delete(session.get(Account, account))
    with qtbot.waitSignal(scores.ready, timeout=30_000):
        demo_ctx.notify(Changes.account(account, listed=True))
    assert account not in scores.scores


def test_the_scores_are_current_until_anything_is_written(qtbot, demo_ctx) -> None:
    """The Health page takes the list's scores only while they are the data's: a write
    (even one no window was told of) or another day makes them stale."""
    scores = HealthScores(demo_ctx)
    assert demo_ctx.read(lambda s: scores.current(s, TODAY)) is None  # not loaded yet
    with qtbot.waitSignal(scores.ready, timeout=30_000):
        scores.refresh(None)
    assert demo_ctx.read(lambda s: scores.current(s, TODAY)) == scores.scores
    tomorrow = TODAY + dt.timedelta(days=1)
    assert demo_ctx.read(lambda s: scores.current(s, tomorrow)) is None
    with demo_ctx.write() as session:
        session.get(Account, next(iter(scores.scores))).active_users = 0
    assert demo_ctx.read(lambda s: scores.current(s, TODAY)) is None


def test_the_health_page_reuses_current_scores(qtbot, demo_ctx, monkeypatch) -> None:
    from cs_planner.domain.value import portfolio
    from cs_planner.ui.value.health_page import HealthPage

    scores = HealthScores(demo_ctx)
    demo_ctx.list_scores = scores.current
    with qtbot.waitSignal(scores.ready, timeout=30_000):
        scores.refresh(None)
    page = HealthPage(demo_ctx)
    qtbot.addWidget(page)
    scored: list[object] = []
    real = portfolio.scored_facts
    monkeypatch.setattr(
        portfolio, "scored_facts", lambda *a, **k: scored.append(a) or real(*a, **k)
    )
    page.reload()
    assert scored == []  # nothing scored again
    with demo_ctx.portfolio.read() as session:
        fresh = portfolio.portfolio_health(session, TODAY)
    assert page.data.health == fresh
