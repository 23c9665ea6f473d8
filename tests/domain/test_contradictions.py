"""The rules that catch a plan contradicting itself, on hand-built rows (issue 10: a champion
who is a detractor, a target larger than what is relevant, an activity to come written as
done)."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain import contradictions as c
from cs_planner.domain.enums import (
    Dimension,
    WhitespaceState,
)
from cs_planner.domain.expansion import (
    Choice,
    DimensionRow,
    DimensionValues,
    WhitespaceGrid,
)

TODAY = dt.date(2026, 11, 24)
NR, LIVE, ROOM = WhitespaceState.NOT_RELEVANT, WhitespaceState.LIVE, WhitespaceState.OPPORTUNITY


# --- expansion -------------------------------------------------------------------------


def grids(products: dict, geographies: dict) -> tuple[WhitespaceGrid, WhitespaceGrid]:
    divisions = (Choice(1, "Ops"), Choice(2, "Finance"), Choice(3, "IT"))
    return (
        WhitespaceGrid("product", divisions, (Choice(10, "Forms"), Choice(11, "Sign")),
                       products, {}),
        WhitespaceGrid("geography", divisions, (Choice(20, "Germany"), Choice(21, "France")),
                       geographies, {}),
    )  # fmt: skip


def plan(dimension: Dimension, target: float, applies: bool = True) -> DimensionRow:
    values = DimensionValues(applies=applies, baseline=1, target=target)
    return DimensionRow(dimension, values, 1, True, None, 0, 0.0, 0.0)


def test_a_divisions_target_larger_than_the_relevant_divisions() -> None:
    """Issue 10: a target of 8 of 8 divisions while the grid rules two out everywhere."""
    everything_nr = {(d, col): NR for d in (2, 3) for col in (10, 11)}
    products, geographies = grids(
        {(1, 10): LIVE, **everything_nr},
        {(d, col): NR for d in (2, 3) for col in (20, 21)},
    )
    assert c.relevant_divisions(products, geographies) == [1]
    (found,) = c.expansion_contradictions([plan(Dimension.DIVISIONS, 3)], products, geographies)
    assert found.severity == "warn"
    assert found.text == (
        "Divisions target 3, but only 1 of the 3 divisions are relevant in the whitespace "
        "grid (Finance, IT marked not relevant everywhere): lower the target or reassess "
        "the grid."
    )
    assert c.expansion_contradictions([plan(Dimension.DIVISIONS, 1)], products, geographies) == []
    # Not pursued: nothing to contradict.
    none = c.expansion_contradictions([plan(Dimension.DIVISIONS, 3, False)], products, geographies)
    assert none == []


def test_a_cell_not_yet_assessed_keeps_its_division_in_play() -> None:
    products, geographies = grids({(2, 10): NR}, {})  # Finance: one cell judged, others open
    assert c.relevant_divisions(products, geographies) == [1, 2, 3]


def test_products_and_geographies_targets() -> None:
    products, geographies = grids(
        {(1, 10): LIVE, (1, 11): NR, (2, 11): NR, (3, 11): NR},
        {(1, 20): ROOM, (1, 21): NR, (2, 21): NR, (3, 21): NR},
    )
    found = c.expansion_contradictions(
        [plan(Dimension.FUNCTIONALITY, 2), plan(Dimension.GEOGRAPHIES, 2)], products, geographies
    )
    assert [f.key for f in found] == ["target:functionality", "target:geographies"]
    assert "only 1 of the 2 products" in found[0].text and "(Sign marked" in found[0].text
    assert "only 1 of the 2 geographies" in found[1].text and "(France marked" in found[1].text


# --- activities ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "done"),
    [
        ("Reviewed value metrics against the improvement plan; agreed next targets.", True),
        ("Quarterly review: renewal outlook discussed, two use cases moved to planned.", True),
        ("Sent the monthly adoption report.", True),
        ("Met the new COO and walked the stairway.", True),
        ("Agenda: value metrics against the plan and next quarter's targets.", False),
        ("Planned: walk the stairway with the new COO.", False),
        ("To review adoption by division.", False),
        ("Design workshop for the next roll-out wave.", False),
        ("", False),
    ],
)
def test_reads_as_done(note: str, done: bool) -> None:
    assert c.reads_as_done(note) is done


def test_an_activity_to_come_written_as_done() -> None:
    """Issue 10: QBRs dated next month with notes in the past tense."""
    activities = [
        c.ActivityNote(1, TODAY + dt.timedelta(days=20), "QBR", "Reviewed the value metrics."),
        c.ActivityNote(2, TODAY + dt.timedelta(days=30), "QBR", "Agenda: the value metrics."),
        c.ActivityNote(3, TODAY - dt.timedelta(days=30), "QBR", "Reviewed the value metrics."),
        c.ActivityNote(4, TODAY, "Call", "Agreed the renewal date."),  # today: may be done
    ]
    (found,) = c.activity_contradictions(activities, TODAY)
    assert found.people == (1,) and found.severity == "warn"
    assert found.text == (
        "The QBR dated 2026-12-14 is still to come, but its note says it took place: correct "
        "the date or the note."
    )
