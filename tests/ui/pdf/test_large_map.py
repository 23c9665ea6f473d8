"""A map of 300 people (the benchmarks' map-300) is printed as an overview of the whole
map and then parts of it, each readable: card text no smaller than 7 pt."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import Level, Stance
from cs_planner.domain.model import InfluenceLink, Stakeholder
from cs_planner.storage import Portfolio
from cs_planner.ui.pdf import pictures
from cs_planner.ui.pdf.plan import write_plan_pdf
from tests.ui.pdf.conftest import page_texts

PEOPLE = 300


def fill_map(portfolio: Portfolio, count: int = PEOPLE) -> int:
    """One account with a random org chart of ``count`` people, as benchmarks/probe.py's
    map-fill makes it."""
    rng = random.Random(3)
    with portfolio.session() as s:
        account = create_account(s, "Big Org", 100_000)
        ids: list[int] = []
        for n in range(count):
            person = Stakeholder(
                account_id=account,
                name=f"Person {n:03d}",
                title="Director of Something Important",
                level=list(Level)[min(3, n // 8 if n < 24 else 3 - (n % 2))],
                stance=rng.choice(list(Stance)),
                influence=rng.randint(1, 5),
                reports_to_id=None if n < 2 else rng.choice(ids[max(0, n - 40) :]),
                last_contact=dt.date(2026, 11, 1) - dt.timedelta(days=rng.randint(0, 300)),
            )
            s.add(person)
            s.flush()
            ids.append(person.id)
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < count // 10:
            a, b = rng.sample(ids, 2)
            pairs.add((a, b))
        for a, b in sorted(pairs):
            s.add(InfluenceLink(account_id=account, source_id=a, target_id=b))
    return account


def test_a_large_map_is_an_overview_then_readable_parts(
    qapp, portfolio: Portfolio, tmp_path: Path, today: dt.date
) -> None:
    account = fill_map(portfolio)
    out = write_plan_pdf(portfolio, account, tmp_path / "big.pdf", today=today)
    texts = page_texts(out)
    map_pages = [t for t in texts if "Relationship map" in t[:60]]
    assert "Relationship map: overview" in map_pages[0]
    parts = len(map_pages) - 1
    assert parts >= 4
    assert f"{PEOPLE} people; the {parts} parts follow" in map_pages[0]
    for n, text in enumerate(map_pages[1:], start=1):
        assert f"part {n} of {parts}" in text
    # Everyone is printed readably on some part (the overview is too small to have names).
    printed = " ".join(map_pages[1:])
    missing = [n for n in range(PEOPLE) if f"Person {n:03d}" not in printed]
    assert missing == []
    assert "Person 000" not in map_pages[0]
    # The parts are drawn at a scale where the smallest card text prints at 7 pt or more.
    assert pictures.READABLE * pictures.SMALLEST_CARD_TEXT >= 7.0


def test_parts_are_cut_between_rows_of_cards_when_they_can_be() -> None:
    rows = [(float(top), float(top + 92)) for top in range(0, 148 * 6, 148)]
    spans = pictures.spans(0.0, rows[-1][1], 400.0, rows)
    for start, end in spans[:-1]:
        assert not any(a < end < b for a, b in rows)  # the cut falls in a gap
        assert end - start <= 400.0
    assert spans[0][0] == 0.0 and spans[-1][1] == rows[-1][1]
    for (_s0, e0), (s1, _e1) in itertools.pairwise(spans):
        assert s1 == e0 - pictures.OVERLAP  # a little overlap between parts
