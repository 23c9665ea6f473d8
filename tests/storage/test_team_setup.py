"""The README's team set-up, run as written (docs/team/*.sql) on a real server: the lead
copies a portfolio in, a team member edits, a manager who only reads lists and exports and
is refused a write, with the database unchanged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from cs_planner.cli import main
from cs_planner.demo import generate
from cs_planner.domain.model import Account
from cs_planner.storage import open_portfolio

SETUP = Path(__file__).resolve().parents[2] / "docs" / "team"


def _script(path: Path) -> list[str]:
    """A set-up file's statements, as psql would run them."""
    lines = (line for line in path.read_text().splitlines() if not line.startswith("--"))
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _run(url: str, statements: list[str]) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def team(postgres) -> Iterator[dict[str, str]]:
    admin = postgres.url()
    _run(admin, _script(SETUP / "1-server.sql"))
    base = admin.replace("postgres@", "{}@").rsplit("/", 1)[0] + "/cs_portfolio"
    yield {who: base.format(who) for who in ("cs_lead", "dario", "mona")}
    roles = ("dario", "mona", "cs_team", "cs_readers", "cs_lead")
    _run(admin, ["DROP DATABASE cs_portfolio WITH (FORCE)", *(f"DROP ROLE {r}" for r in roles)])


def _count(url: str) -> int:
    portfolio = open_portfolio(url, mode="read")
    try:
        with portfolio.read() as s:
            return s.scalar(select(func.count()).select_from(Account)) or 0
    finally:
        portfolio.close()


def test_the_readme_set_up_gives_each_role_what_it_says(
    team: dict[str, str], tmp_path: Path, capsys
) -> None:
    mine = tmp_path / "mine.csplan"
    portfolio = open_portfolio(mine)
    generate(portfolio, accounts=3, seed=5, today=dt.date(2026, 11, 24))
    portfolio.close()
    assert main(["copy", str(mine), team["cs_lead"]]) == 0
    _run(team["cs_lead"], _script(SETUP / "2-grants.sql"))

    member = open_portfolio(team["dario"])
    try:
        with member.session() as s:
            s.add(Account(name="Birch Logistics", initial_deal_value=40_000))
    finally:
        member.close()
    assert _count(team["mona"]) == 4

    capsys.readouterr()
    assert main(["accounts", team["mona"]]) == 0
    assert "Birch Logistics" in capsys.readouterr().out
    assert main(["export", team["mona"], "--portfolio", "-o", str(tmp_path / "r.xlsx")]) == 0
    assert (tmp_path / "r.xlsx").stat().st_size > 0

    reader = open_portfolio(team["mona"])
    try:
        with pytest.raises(Exception, match="permission denied"), reader.session() as s:
            s.add(Account(name="Not allowed", initial_deal_value=1))
    finally:
        reader.close()
    assert _count(team["dario"]) == 4
