"""``cs-planner copy``: a whole portfolio from a file to a PostgreSQL database and back,
every row kept, and nothing written where a copy is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from cs_planner.cli import main
from cs_planner.demo import generate
from cs_planner.domain.model import Account, Base, Settings
from cs_planner.storage import PortfolioError, open_portfolio
from cs_planner.storage.copying import copy_portfolio

TODAY = dt.date(2026, 11, 24)
OWN = {"settings": {"file_id", "write_count"}}  # each portfolio keeps its identity


def _contents(target: str | Path) -> dict[str, list[str]]:
    portfolio = open_portfolio(target, create=False, mode="read")
    try:
        with portfolio.read() as s:
            out = {}
            for table in Base.metadata.sorted_tables:
                skip = OWN.get(table.name, set())
                names = [c.name for c in table.columns if c.name not in skip]
                rows = s.execute(select(*(table.c[n] for n in names))).all()
                out[table.name] = sorted(repr(tuple(map(_plain, r))) for r in rows)
            return out
    finally:
        portfolio.close()


def _plain(value: object) -> object:
    """A number as a number: the file gives 390000 where the server gives 390000.0."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return float(value)
    return value


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine.csplan"
    portfolio = open_portfolio(path)
    generate(portfolio, accounts=3, seed=11, today=TODAY)
    portfolio.close()
    return path


def test_a_file_to_a_server_and_back_keeps_every_row(
    demo_file: Path, postgres_url: str, tmp_path: Path
) -> None:
    counts = copy_portfolio(demo_file, postgres_url)
    assert counts["stakeholder"] > 20 and counts["account"] == 3
    assert _contents(postgres_url) == _contents(demo_file)
    back = tmp_path / "back.csplan"
    copy_portfolio(postgres_url, back)
    assert _contents(back) == _contents(demo_file)
    # Rows added after a copy get new ids on the server (its sequences followed).
    server = open_portfolio(postgres_url)
    try:
        with server.session() as s:
            s.add(Account(name="Birch Logistics", initial_deal_value=50_000))
        with server.read() as s:
            ids = {s.get(Settings, 1).file_id}  # its own identity, not the file's
    finally:
        server.close()
    assert ids.isdisjoint({_file_id(demo_file)})


def _file_id(path: Path) -> str:
    portfolio = open_portfolio(path, create=False, mode="read")
    try:
        with portfolio.read() as s:
            return s.get(Settings, 1).file_id
    finally:
        portfolio.close()


def test_a_destination_with_rows_is_refused_and_unchanged(demo_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "theirs.csplan"
    portfolio = open_portfolio(other)
    generate(portfolio, accounts=1, seed=2, today=TODAY)
    portfolio.close()
    before = _contents(other)
    with pytest.raises(PortfolioError, match="already holds a portfolio"):
        copy_portfolio(demo_file, other)
    assert _contents(other) == before


def test_a_refused_copy_leaves_no_new_file(demo_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.csplan"
    with pytest.raises(PortfolioError):
        copy_portfolio(missing, tmp_path / "new.csplan")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csplan"]


def test_the_command_says_one_line(demo_file: Path, tmp_path: Path, capsys) -> None:
    assert main(["copy", str(demo_file), str(tmp_path / "copy.csplan")]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("Copied ") and "copy.csplan" in out[0]
    assert main(["copy", str(demo_file), str(tmp_path / "copy.csplan")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already holds a portfolio" in err[0]
