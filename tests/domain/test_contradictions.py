"""The rules that catch a plan contradicting itself, on hand-built rows (issue 10: a champion
who is a detractor, an activity to come written as done; a target larger than what is
relevant is tested with the expansion rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain import contradictions as c
from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance
from cs_planner.domain.relationships import StakeholderRow

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
