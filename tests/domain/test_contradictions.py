"""The rules that catch a plan contradicting itself, on hand-built rows (issue 10: a champion
who is a detractor, a target larger than what is relevant, an activity to come written as
done)."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain import contradictions as c
from cs_planner.domain.enums import (
    BuyingRole,
    Dimension,
    Level,
    StakeholderStatus,
    Stance,
    WhitespaceState,
)
from cs_planner.domain.expansion import (
    Choice,
    DimensionRow,
    DimensionValues,
    WhitespaceGrid,
)
from cs_planner.domain.relationships import StakeholderRow

TODAY = dt.date(2026, 11, 24)
NR, LIVE, ROOM = WhitespaceState.NOT_RELEVANT, WhitespaceState.LIVE, WhitespaceState.OPPORTUNITY


def person(pid: int, stance=Stance.NEUTRAL, roles=(), status=StakeholderStatus.ACTIVE):
    return StakeholderRow(
        id=pid, name=f"P{pid}", title="", division_id=None, division="", level=Level.MANAGER,
        roles=frozenset(roles), stance=stance, influence=3, reports_to_id=None, owner_id=None,
        owner="", email="", last_contact=TODAY, status=status, pinned=None, notes="",
    )  # fmt: skip


# --- relationships ---------------------------------------------------------------------


@pytest.mark.parametrize("stance", [Stance.SKEPTIC, Stance.DETRACTOR, Stance.FAVOURS_COMPETITOR])
def test_a_champion_with_a_cold_stance_is_a_contradiction(stance: Stance) -> None:
    (found,) = c.relationship_contradictions([person(1, stance, (BuyingRole.CHAMPION,))])
    assert found.severity == "bad" and found.people == (1,)
    assert found.text == (
        f"P1 is recorded as a champion, but their stance is {stance.label.lower()}: update "
        "the role or the stance."
    )


def test_warm_champions_and_cold_non_champions_are_fine() -> None:
    people = [
        person(1, Stance.CHAMPION, (BuyingRole.CHAMPION,)),
        person(2, Stance.SUPPORTER, (BuyingRole.CHAMPION,)),
        person(3, Stance.DETRACTOR, (BuyingRole.BLOCKER,)),
        person(4, Stance.DETRACTOR, (BuyingRole.CHAMPION,), StakeholderStatus.LEFT_COMPANY),
    ]
    assert c.relationship_contradictions(people) == []


def test_a_blocker_who_is_also_a_champion() -> None:
    found = c.relationship_contradictions([person(1, Stance.CHAMPION, (BuyingRole.BLOCKER,))])
    assert [f.text for f in found] == [
        "P1 is recorded both as a champion and as a blocker: update the role or the stance."
    ]


def test_a_use_case_championed_by_a_blocker_or_a_detractor() -> None:
    people = [
        person(1, Stance.SKEPTIC, (BuyingRole.BLOCKER,)),
        person(2, Stance.DETRACTOR),
        person(3, Stance.SUPPORTER),
        person(4, Stance.DETRACTOR, status=StakeholderStatus.CHANGED_ROLE),  # not judged
    ]
    cases = [
        c.ChampionedUseCase("Intake", 1),
        c.ChampionedUseCase("Invoices", 2),
        c.ChampionedUseCase("Forms", 3),
        c.ChampionedUseCase("Archive", 4),
        c.ChampionedUseCase("Claims", 1),
    ]
    found = c.relationship_contradictions(people, cases)
    assert [f.text for f in found] == [
        "P1 champions 2 use cases (“Intake”, “Claims”), but is a blocker and their stance is "
        "skeptic: name another champion or update the stance.",
        "P2 champions the use case “Invoices”, but their stance is detractor: name another "
        "champion or update the stance.",
    ]


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
