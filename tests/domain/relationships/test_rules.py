"""Relationship coverage and risk rules on hand-built people."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.enums import BuyingRole, Level, Severity, StakeholderStatus, Stance, Tier
from cs_planner.domain.relationships import coverage as cov
from cs_planner.domain.relationships import rules
from cs_planner.domain.relationships.rows import StakeholderRow

TODAY = dt.date(2026, 11, 24)
STALE = 90


def person(
    pid: int,
    level: Level = Level.MANAGER,
    *,
    roles: tuple[BuyingRole, ...] = (),
    stance: Stance = Stance.NEUTRAL,
    days_ago: int | None = 10,
    status: StakeholderStatus = StakeholderStatus.ACTIVE,
    first_met: dt.date | None = None,
    boss: int | None = None,
) -> StakeholderRow:
    return StakeholderRow(
        id=pid,
        name=f"P{pid}",
        title="",
        division_id=None,
        division="",
        level=level,
        roles=frozenset(roles),
        stance=stance,
        influence=3,
        reports_to_id=boss,
        owner_id=None,
        owner="",
        email="",
        last_contact=None if days_ago is None else TODAY - dt.timedelta(days=days_ago),
        status=status,
        pinned=None,
        notes="",
        first_met=first_met,
    )


# --- levels and threads ---------------------------------------------------------------


def test_three_levels_are_healthy_and_the_missing_one_is_named() -> None:
    people = [person(1, Level.DIRECTOR_VP), person(2, Level.MANAGER), person(3, Level.END_USER)]
    cover = cov.level_coverage(people, TODAY, STALE)
    assert cover.healthy and cover.missing == ()
    assert cover.people["manager"] == (2,)
    assert cov.coverage_sentence(cover) == "3 of 3 levels"
    texts = [f.text for f in rules.findings(people, TODAY, STALE, 3, Tier.SCALABLE)]
    assert "Live relationships at all 3 levels: director/VP or above, manager and end user." in (
        texts
    )


def test_executive_director_and_manager_without_an_end_user_is_not_healthy() -> None:
    """The rule is an end user, a manager, a director/VP or above: two senior levels are
    one level of coverage, and a missing end user is named (issue 10: "3 of 4" in green)."""
    people = [person(1, Level.EXECUTIVE), person(2, Level.DIRECTOR_VP), person(3, Level.MANAGER)]
    cover = cov.level_coverage(people, TODAY, STALE)
    assert not cover.healthy
    assert [c.label for c in cover.covered] == ["director/VP or above", "manager"]
    assert [c.label for c in cover.missing] == ["end user"]
    assert cover.people["director/VP or above"] == (1, 2)
    assert cov.coverage_sentence(cover) == "2 of 3 levels (missing: end user)"
    (levels,) = [
        f for f in rules.findings(people, TODAY, STALE, 3, Tier.SCALABLE) if f.key == "levels"
    ]
    assert levels.severity == "bad"
    assert levels.text.startswith("Live relationships at only 2 of 3 levels; missing: end user.")


def test_stale_and_departed_people_do_not_cover_a_level() -> None:
    people = [
        person(1, Level.EXECUTIVE, days_ago=200),
        person(2, Level.DIRECTOR_VP, status=StakeholderStatus.LEFT_COMPANY),
        person(3, Level.MANAGER),
        person(4, Level.END_USER, days_ago=None),
    ]
    cover = cov.level_coverage(people, TODAY, STALE)
    assert [c.label for c in cover.covered] == ["manager"]
    assert not cover.healthy


def test_the_threshold_day_itself_is_not_stale() -> None:
    assert not person(1, days_ago=STALE).is_stale(TODAY, STALE)
    assert person(1, days_ago=STALE + 1).is_stale(TODAY, STALE)
    assert not person(1, days_ago=None).is_stale(TODAY, STALE)


def test_single_threaded_when_one_live_relationship_or_none() -> None:
    assert cov.single_threaded([person(1), person(2, days_ago=300)], TODAY, STALE)
    assert cov.single_threaded([], TODAY, STALE)
    assert not cov.single_threaded([person(1), person(2)], TODAY, STALE)


# --- champions, buyers, safe switches -------------------------------------------------


def test_champions_by_role_or_stance_and_a_warm_economic_buyer() -> None:
    people = [
        person(1, roles=(BuyingRole.CHAMPION,), stance=Stance.SUPPORTER),
        person(2, stance=Stance.CHAMPION),
        person(3, roles=(BuyingRole.CHAMPION,), status=StakeholderStatus.LEFT_COMPANY),
        person(4, Level.EXECUTIVE, roles=(BuyingRole.ECONOMIC_BUYER,), stance=Stance.SUPPORTER),
    ]
    check = cov.champion_check(people)
    assert check.champions == (1, 2)
    assert check.economic_buyers == (4,)
    assert check.buyer_supportive


@pytest.mark.parametrize("stance", [Stance.NEUTRAL, Stance.SKEPTIC, Stance.FAVOURS_COMPETITOR])
def test_an_economic_buyer_below_supporter_is_flagged(stance: Stance) -> None:
    check = cov.champion_check([person(1, roles=(BuyingRole.ECONOMIC_BUYER,), stance=stance)])
    assert not check.buyer_supportive
    found = rules.findings(
        [person(1, roles=(BuyingRole.ECONOMIC_BUYER,), stance=stance)],
        TODAY,
        STALE,
        3,
        Tier.LEVERAGED,
    )
    assert any(f.key == "buyer" and f.severity == "bad" for f in found)


def test_departed_or_moved_champions_need_a_safe_switch() -> None:
    people = [
        person(1, roles=(BuyingRole.CHAMPION,), status=StakeholderStatus.LEFT_COMPANY),
        person(2, stance=Stance.CHAMPION, status=StakeholderStatus.CHANGED_ROLE),
        person(3, status=StakeholderStatus.LEFT_COMPANY),  # not a champion
        person(4, roles=(BuyingRole.CHAMPION,)),  # still there
    ]
    assert [p.id for p in cov.safe_switches(people)] == [1, 2]
    texts = [f.text for f in rules.findings(people, TODAY, STALE, 3, Tier.SCALABLE)]
    assert any("P1 left the company" in t for t in texts)
    assert any("P2 changed role" in t for t in texts)


# --- staleness, new relationships ------------------------------------------------------


def test_stale_relationships_longest_silence_first() -> None:
    people = [person(1, days_ago=100), person(2, days_ago=400), person(3, days_ago=5)]
    assert [p.id for p in cov.stale_relationships(people, TODAY, STALE)] == [2, 1]


def test_new_relationships_this_month_against_the_goal_with_a_six_month_trend() -> None:
    people = [
        person(1, Level.EXECUTIVE, first_met=dt.date(2026, 11, 3)),
        person(2, Level.MANAGER, first_met=dt.date(2026, 11, 20)),
        person(3, Level.END_USER, first_met=dt.date(2026, 11, 24)),
        person(4, first_met=dt.date(2026, 10, 31)),
        person(5, first_met=dt.date(2026, 6, 1)),
        person(6, first_met=dt.date(2026, 5, 31)),  # outside the six months
        person(7, first_met=None),
    ]
    fresh = cov.new_relationships(people, TODAY, 3)
    assert fresh.this_month == (1, 2, 3)
    assert [c.label for c in fresh.levels] == ["director/VP or above", "manager", "end user"]
    assert fresh.met_goal and fresh.one_per_level
    assert next(m for m, _ in fresh.trend) == dt.date(2026, 6, 1)
    assert [n for _, n in fresh.trend] == [1, 0, 0, 0, 1, 3]


def test_three_new_managers_meet_the_count_but_not_one_per_level() -> None:
    people = [person(n, first_met=dt.date(2026, 11, n)) for n in (1, 2, 3)]
    fresh = cov.new_relationships(people, TODAY, 3)
    assert fresh.met_goal and not fresh.one_per_level


def test_new_executive_director_and_manager_are_not_one_per_level() -> None:
    """Issue 10: three new contacts at executive, director/VP and manager met "one per
    level"; by the one list of levels they cover two, and the end user is named."""
    levels = (Level.EXECUTIVE, Level.DIRECTOR_VP, Level.MANAGER)
    people = [person(n, lv, first_met=dt.date(2026, 11, n)) for n, lv in enumerate(levels, 1)]
    fresh = cov.new_relationships(people, TODAY, 3)
    assert fresh.met_goal and not fresh.one_per_level
    (new,) = [f for f in rules.findings(people, TODAY, STALE, 3, Tier.SCALABLE) if f.key == "new"]
    assert new.severity == "warn"
    assert new.text.startswith(
        "3 new relationships this month (goal 3, one per level): at director/VP or above "
        "and manager; none new at end user yet."
    )


def test_month_start_crosses_years() -> None:
    assert cov.month_start(dt.date(2026, 2, 14), 3) == dt.date(2025, 11, 1)


# --- mirrored commitment, messages ---------------------------------------------------------


def test_mirrored_commitment_only_for_top_tier() -> None:
    sponsor = person(1, Level.EXECUTIVE, roles=(BuyingRole.EXECUTIVE_SPONSOR,))
    assert cov.mirrored_commitment([sponsor], Tier.LEVERAGED) is None
    mirror = cov.mirrored_commitment([sponsor], Tier.TOP)
    assert mirror is not None and not mirror.complete
    pm = person(2, roles=(BuyingRole.PROGRAM_MANAGER,))
    assert cov.mirrored_commitment([sponsor, pm], Tier.TOP).complete
    gone = person(2, roles=(BuyingRole.PROGRAM_MANAGER,), status=StakeholderStatus.LEFT_COMPANY)
    assert not cov.mirrored_commitment([sponsor, gone], Tier.TOP).complete


def test_who_needs_which_message() -> None:
    people = [
        person(1, Level.DIRECTOR_VP),
        person(2, Level.EXECUTIVE),
        person(3, Level.END_USER),
        person(4, Level.DIRECTOR_VP, roles=(BuyingRole.TECHNICAL_BUYER,)),
        person(5, Level.MANAGER),
        person(6, Level.END_USER, status=StakeholderStatus.LEFT_COMPANY),
    ]
    assert dict(cov.audiences(people)) == {
        cov.MESSAGE_BUSINESS: (1, 2),
        cov.MESSAGE_WORKFLOW: (3,),
        cov.MESSAGE_RELIABILITY: (4,),
    }


def test_findings_put_the_serious_ones_first_and_name_people() -> None:
    people = [person(1, Level.MANAGER, roles=(BuyingRole.CHAMPION,))]
    found = rules.findings(people, TODAY, STALE, 3, Tier.TOP)
    severities = [f.severity for f in found]
    assert severities == sorted(severities, key=["bad", "warn", "good", "info"].index)
    single = next(f for f in found if f.key == "single")
    assert "P1" in single.text and single.people == (1,)
    assert rules.findings([], TODAY, STALE, 3, Tier.TOP)[0].key == "empty"


def test_would_loop() -> None:
    parents = {1: None, 2: 1, 3: 2}
    assert rules.would_loop(parents, 1, 3)
    assert rules.would_loop(parents, 2, 2)
    assert not rules.would_loop(parents, 3, 1)
    assert not rules.would_loop(parents, 1, None)


def test_each_rule_is_a_small_function_of_the_facts_and_speaks_in_severities() -> None:
    people = [
        person(1, Level.EXECUTIVE, roles=(BuyingRole.ECONOMIC_BUYER,), stance=Stance.SKEPTIC),
        person(2, roles=(BuyingRole.CHAMPION,), days_ago=200),
        person(3, Level.END_USER, status=StakeholderStatus.LEFT_COMPANY, stance=Stance.CHAMPION),
    ]
    facts = rules.Facts(people, TODAY, STALE, 3, Tier.TOP)
    keys = {}
    for rule in rules.COVERAGE_RULES:
        for found in rule(facts):
            assert isinstance(found.severity, Severity)
            keys.setdefault(found.key, rule.__name__)
    assert keys["levels"] == "levels_rule" and keys["switch"] == "safe_switch_rule"
    assert keys["buyer"] == "economic_buyer_rule" and keys["mirror"] == "mirror_rule"
    everything = rules.findings(people, TODAY, STALE, 3, Tier.TOP)
    assert [f.severity for f in everything] == sorted(
        (f.severity for f in everything), key=rules.RANK.__getitem__
    )
