"""Health over time is derived: as of a past month end it equals the score of a copy of the
portfolio cut at that day. And the demo tells its story with it."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from cs_planner.demo import generate, story
from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.enums import HealthIndicator
from cs_planner.domain.value.health import account_health, scores_by_account
from cs_planner.domain.value.reads import read_facts, weights
from cs_planner.domain.value.score import health
from cs_planner.storage import open_portfolio

TODAY = dt.date(2026, 11, 24)
AT_RISK = "Valemont Markets"  # the first pod's at-risk account: its champion left


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.csplan"
    portfolio = open_portfolio(path)
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    portfolio.close()
    return path


def _cut(source: Path, target: Path, day: dt.date) -> None:
    """A copy holding only what was known on ``day``."""
    shutil.copy(source, target)
    conn = sqlite3.connect(target)
    cut = day.isoformat()
    with conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("DELETE FROM usage_snapshot WHERE measured_on > ?", (cut,))
        conn.execute("DELETE FROM metric_value WHERE measured_on > ?", (cut,))
        conn.execute("DELETE FROM maturity_change WHERE changed_on > ?", (cut,))
        conn.execute("DELETE FROM arr_history WHERE quarter > ?", (cut,))
        conn.execute("DELETE FROM stakeholder WHERE since > ?", (cut,))
        # The account's own seats and active users were those of its last snapshot then.
        conn.execute(
            """UPDATE account SET
                 licensed_seats = (SELECT licensed_seats FROM usage_snapshot u
                                   WHERE u.account_id = account.id
                                   ORDER BY measured_on DESC LIMIT 1),
                 active_users = (SELECT active_users FROM usage_snapshot u
                                 WHERE u.account_id = account.id
                                 ORDER BY measured_on DESC LIMIT 1)
               WHERE EXISTS (SELECT 1 FROM usage_snapshot u WHERE u.account_id = account.id)"""
        )
    conn.close()


@pytest.mark.parametrize("months_back", [1, 4, 9])
def test_a_past_month_equals_the_data_cut_at_that_day(
    demo: Path, tmp_path: Path, months_back: int
) -> None:
    portfolio = open_portfolio(demo, create=False, mode="read")
    with portfolio.read() as session:
        ids = [find_account(session, name) for name in (AT_RISK, story.NAME)]
        series = {i: account_health(session, i, TODAY).history for i in ids}
    portfolio.close()
    day = series[ids[0]][-1 - months_back].as_of
    _cut(demo, tmp_path / "cut.csplan", day)
    cut = open_portfolio(tmp_path / "cut.csplan", create=False, mode="read")
    with cut.read() as session:
        facts = read_facts(session, day, ids)
        table = weights(session)
        for i in ids:
            then = health(facts[i], day, table)
            assert then.score == pytest.approx(series[i][-1 - months_back].score)
            before = series[i][-1 - months_back]
            for now_part, then_part in zip(then.parts, before.parts, strict=True):
                assert now_part.reading.detail == then_part.reading.detail
    cut.close()


def test_the_at_risk_account_falls_and_the_showcase_rises(demo: Path) -> None:
    portfolio = open_portfolio(demo, create=False, mode="read")
    with portfolio.read() as session:
        falling = account_health(session, find_account(session, AT_RISK), TODAY)
        rising = account_health(session, find_account(session, story.NAME), TODAY)
        every = scores_by_account(session, TODAY)
    portfolio.close()
    assert falling.now.score is not None and rising.now.score is not None
    assert falling.history[-4].score - falling.now.score > 15
    _day, cause, change = falling.biggest_move or (None, None, 0.0)
    assert change < 0 and cause in (
        HealthIndicator.USAGE_TREND,
        HealthIndicator.LICENSE_UTILIZATION,
    )
    assert "champion" in falling.now.part(HealthIndicator.RELATIONSHIPS).reading.detail
    assert rising.now.score - rising.history[-4].score > 5
    assert rising.sentences[0].startswith("License utilization rose")
    # the portfolio's figure is the account's own: one definition
    assert every[falling.now.account_id].score == pytest.approx(falling.now.score)


def test_todays_cut_reads_give_every_account_the_same_score(demo: Path) -> None:
    """The portfolio reads only what today's score needs; each score equals the one from
    every fact (the account's own Value tab)."""
    portfolio = open_portfolio(demo, create=False, mode="read")
    with portfolio.read() as session:
        table = weights(session)
        full = read_facts(session, TODAY)
        cut = read_facts(session, TODAY, history=False)
    portfolio.close()
    assert full.keys() == cut.keys()
    for account_id, facts in full.items():
        whole, light = health(facts, TODAY, table), health(cut[account_id], TODAY, table)
        assert light.score == pytest.approx(whole.score)
        assert [p.reading.detail for p in light.parts] == [p.reading.detail for p in whole.parts]


def test_todays_read_takes_the_last_measurement_of_the_last_day(portfolio) -> None:
    """Two measurements on one day: the one entered last counts; one dated after today
    does not; the target is the one in force on the measurement's day."""
    from cs_planner.domain.accounts.writes import create_account
    from cs_planner.domain.model import AccountMetric, MetricDefinition, MetricTarget, MetricValue

    with portfolio.session() as s:
        account = create_account(s, "Harbor Lane", 10_000, arr=50_000)
        other = create_account(s, "Kestrel", 10_000, arr=20_000)
        metric = MetricDefinition(name="Hours saved")
        s.add(metric)
        s.flush()
        for aid, values in ((account, (40.0, 55.0, 99.0)), (other, (70.0, 10.0, 5.0))):
            tracked = AccountMetric(account_id=aid, metric_id=metric.id, baseline=0.0)
            s.add(tracked)
            s.flush()
            for quarter, target in ((dt.date(2026, 7, 1), 100.0), (dt.date(2026, 10, 1), 200.0)):
                s.add(MetricTarget(account_metric_id=tracked.id, quarter=quarter, target=target))
            for day, value in zip(
                (dt.date(2026, 9, 30), dt.date(2026, 9, 30), dt.date(2026, 12, 1)),
                values,
                strict=True,
            ):
                s.add(MetricValue(account_metric_id=tracked.id, measured_on=day, value=value))
                s.flush()  # ids in the order entered
    with portfolio.read() as session:
        cut = read_facts(session, TODAY, history=False)
        one = read_facts(session, TODAY, [account], history=False)
    for facts, aid, value in ((cut, account, 55.0), (cut, other, 10.0), (one, account, 55.0)):
        (series,) = facts[aid].metrics
        assert series.latest(TODAY) == (dt.date(2026, 9, 30), value)
        assert series.target_for(dt.date(2026, 9, 30)) == 100.0
    assert set(one) == {account}
