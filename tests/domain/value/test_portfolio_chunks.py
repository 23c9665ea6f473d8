"""The portfolio's scores are read a chunk of accounts at a time (to keep the process
small at thousands of accounts): the same scores, tails and advocates as in one read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cs_planner.demo import generate
from cs_planner.domain.value import portfolio as figures
from cs_planner.domain.value.health import scores_by_account
from cs_planner.storage import open_portfolio

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("chunks") / "demo.csplan"
    portfolio = open_portfolio(path)
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    portfolio.close()
    return path


def _read(demo: Path, read):  # type: ignore[no-untyped-def]
    portfolio = open_portfolio(demo, create=False, mode="read")
    try:
        with portfolio.read() as session:
            return read(session)
    finally:
        portfolio.close()


@pytest.mark.parametrize("chunk", [1, 5, 1000])
def test_scores_read_in_chunks_equal_one_read(
    demo: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _read(demo, lambda s: scores_by_account(s, TODAY))
    monkeypatch.setattr(figures, "CHUNK", chunk)
    chunked = _read(demo, lambda s: figures.portfolio_scores(s, TODAY))
    assert len(whole) == 12
    assert chunked == whole


def test_some_accounts_only(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _read(demo, lambda s: scores_by_account(s, TODAY))
    some = sorted(whole)[::3]
    monkeypatch.setattr(figures, "CHUNK", 2)
    chunked = _read(demo, lambda s: figures.portfolio_scores(s, TODAY, some))
    assert chunked == {k: whole[k] for k in some}


def test_the_page_is_the_same_whatever_the_chunk(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _read(demo, lambda s: figures.portfolio_health(s, TODAY))
    monkeypatch.setattr(figures, "CHUNK", 1)
    monkeypatch.setattr(figures, "TAIL", 2)  # fewer kept than there are greens
    small = _read(demo, lambda s: figures.portfolio_health(s, TODAY))
    assert small.scores == whole.scores and small.distribution == whole.distribution
    assert small.at_risk == whole.at_risk[:2]
    assert len(whole.advocates) > 2  # the demo has greens enough to choose among
    assert small.advocates == whole.advocates[:2]
    assert all(a.reason for a in small.advocates)


def test_the_page_from_the_lists_scores_is_the_same(demo: Path) -> None:
    """The Health page takes the portfolio list's scores when they are current: the same
    page, the advocates' facts read for them alone; an account the list has not scored
    yet is scored then."""
    whole = _read(demo, lambda s: figures.portfolio_health(s, TODAY))
    known = _read(demo, lambda s: figures.portfolio_scores(s, TODAY))
    first = min(known)
    del known[first]  # added since the list's pass
    reused = _read(demo, lambda s: figures.portfolio_health(s, TODAY, scores=known))
    assert reused == whole
