"""Migration 0006 (the plan): a risk's severity word becomes an impact from 1 to 5 and the
health score reads the same; down and up again gives the same file's figures back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import select, text

from cs_planner.demo import generate
from cs_planner.domain.model import Risk
from cs_planner.domain.value.health import scores_by_account
from cs_planner.storage import open_portfolio
from cs_planner.storage.migrate import config
from tests.storage.downgrading import keys_off


def test_severity_becomes_impact_and_health_is_unchanged(
    portfolio_path: Path, today: dt.date
) -> None:
    portfolio = open_portfolio(portfolio_path)
    generate(portfolio, accounts=12, today=today)
    with portfolio.read() as session:
        impacts = dict(session.execute(select(Risk.id, Risk.impact)).all())
        scores = {k: v.score for k, v in scores_by_account(session, today).items()}
    with keys_off(portfolio) as connection:
        command.downgrade(config(connection), "0005")
        words = dict(connection.execute(text("SELECT id, severity FROM risk")).all())
    portfolio.close()
    assert set(words.values()) == {"low", "medium", "high", "critical"}
    level = {2: "low", 3: "medium", 4: "high", 5: "critical"}
    assert words == {risk: level[impact] for risk, impact in impacts.items()}

    migrated = open_portfolio(portfolio_path)  # upgrades, after a backup
    try:
        with migrated.read() as session:
            after = dict(session.execute(select(Risk.id, Risk.impact)).all())
            rescored = {k: v.score for k, v in scores_by_account(session, today).items()}
    finally:
        migrated.close()
    assert after == impacts
    assert rescored == scores
    assert list(portfolio_path.parent.glob("*.0005.bak"))
