"""Contradictions in the relationship records, on hand-built rows (issue 10: a champion who
is a detractor, a use case championed by a blocker)."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance
from cs_planner.domain.relationships import rules
from cs_planner.domain.relationships.rows import StakeholderRow

TODAY = dt.date(2026, 11, 24)


def person(pid: int, stance=Stance.NEUTRAL, roles=(), status=StakeholderStatus.ACTIVE):
    return StakeholderRow(
        id=pid, name=f"P{pid}", title="", division_id=None, division="", level=Level.MANAGER,
        roles=frozenset(roles), stance=stance, influence=3, reports_to_id=None, owner_id=None,
        owner="", email="", last_contact=TODAY, status=status, pinned=None, notes="",
    )  # fmt: skip


# --- relationships ---------------------------------------------------------------------


@pytest.mark.parametrize("stance", [Stance.SKEPTIC, Stance.DETRACTOR, Stance.FAVOURS_COMPETITOR])
def test_a_champion_with_a_cold_stance_is_a_contradiction(stance: Stance) -> None:
    (found,) = rules.relationship_contradictions([person(1, stance, (BuyingRole.CHAMPION,))])
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
    assert rules.relationship_contradictions(people) == []


def test_a_blocker_who_is_also_a_champion() -> None:
    found = rules.relationship_contradictions([person(1, Stance.CHAMPION, (BuyingRole.BLOCKER,))])
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
        rules.ChampionedUseCase("Intake", 1),
        rules.ChampionedUseCase("Invoices", 2),
        rules.ChampionedUseCase("Forms", 3),
        rules.ChampionedUseCase("Archive", 4),
        rules.ChampionedUseCase("Claims", 1),
    ]
    found = rules.relationship_contradictions(people, cases)
    assert [f.text for f in found] == [
        "P1 champions 2 use cases (“Intake”, “Claims”), but is a blocker and their stance is "
        "skeptic: name another champion or update the stance.",
        "P2 champions the use case “Invoices”, but their stance is detractor: name another "
        "champion or update the stance.",
    ]
