"""The portfolio list's health scores, worked out off the GUI thread."""

from __future__ import annotations

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
