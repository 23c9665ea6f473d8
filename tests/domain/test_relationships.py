"""Relationship coverage and risk rules on hand-built people, and the edits on a real file."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from cs_planner.domain import relationship_coverage as cov
from cs_planner.domain import relationships as rel
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance, TeamRole, Tier
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Activity, Division, InfluenceLink, Stakeholder, TeamMember
from cs_planner.domain.relationships import StakeholderRow, StakeholderValues

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
    texts = [f.text for f in cov.findings(people, TODAY, STALE, 3, Tier.SCALABLE)]
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
        f for f in cov.findings(people, TODAY, STALE, 3, Tier.SCALABLE) if f.key == "levels"
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
    found = cov.findings(
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
    texts = [f.text for f in cov.findings(people, TODAY, STALE, 3, Tier.SCALABLE)]
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
    (new,) = [f for f in cov.findings(people, TODAY, STALE, 3, Tier.SCALABLE) if f.key == "new"]
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
    found = cov.findings(people, TODAY, STALE, 3, Tier.TOP)
    severities = [f.severity for f in found]
    assert severities == sorted(severities, key=["bad", "warn", "good", "info"].index)
    single = next(f for f in found if f.key == "single")
    assert "P1" in single.text and single.people == (1,)
    assert cov.findings([], TODAY, STALE, 3, Tier.TOP)[0].key == "empty"


def test_would_loop() -> None:
    parents = {1: None, 2: 1, 3: 2}
    assert rel.would_loop(parents, 1, 3)
    assert rel.would_loop(parents, 2, 2)
    assert not rel.would_loop(parents, 3, 1)
    assert not rel.would_loop(parents, 1, None)


# --- reads and edits on a real file --------------------------------------------------


@pytest.fixture
def acct(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        csm = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        s.add(csm)
        s.flush()
        account = create_account(s, "Harbor Lane", 10_000, csm_id=csm.id)
        other = create_account(s, "Kestrel", 5_000)
        ops = Division(account_id=account, name="Operations")
        rui = Stakeholder(account_id=account, name="Rui Santos", level=Level.EXECUTIVE)
        s.add_all([ops, rui])
        s.flush()
        ada = Stakeholder(account_id=account, name="Ada Brennan", reports_to=rui, division=ops)
        ada.roles = {BuyingRole.CHAMPION, BuyingRole.USER}
        stranger = Stakeholder(account_id=other, name="Stranger")
        s.add_all([ada, stranger])
        s.flush()
        bo = Stakeholder(account_id=account, name="Bo Ng", reports_to=ada, owner=csm)
        s.add(bo)
        s.flush()
        for day, who in ((dt.date(2026, 9, 1), [ada]), (dt.date(2026, 11, 2), [ada, bo])):
            meeting = Activity(account_id=account, date=day)
            meeting.stakeholders = who
            s.add(meeting)
        return {
            "account": account,
            "other": other,
            "rui": rui.id,
            "ada": ada.id,
            "bo": bo.id,
            "stranger": stranger.id,
            "csm": csm.id,
            "ops": ops.id,
        }


def test_load_map_reads_people_roles_first_meetings_and_settings(portfolio, acct) -> None:
    with portfolio.session() as s:
        data = rel.load_map(s, acct["account"], TODAY)
    assert [p.name for p in data.stakeholders] == ["Rui Santos", "Ada Brennan", "Bo Ng"]
    ada = data.by_id()[acct["ada"]]
    assert ada.roles == {BuyingRole.CHAMPION, BuyingRole.USER}
    assert ada.division == "Operations" and ada.reports_to_id == acct["rui"]
    assert ada.first_met == dt.date(2026, 9, 1)
    assert data.by_id()[acct["bo"]].owner == "Lena Marsh"
    assert data.stale_days == 90 and data.monthly_goal == 3
    assert data.divisions == [(acct["ops"], "Operations")]


def test_a_recorded_start_wins_over_the_first_meeting(portfolio, acct) -> None:
    values = replace(_values(portfolio, acct["ada"]), since=dt.date(2026, 11, 3))
    with portfolio.session() as s:
        before = rel.update_stakeholder(s, acct["ada"], values)
    assert before.since is None
    with portfolio.session() as s:
        data = rel.load_map(s, acct["account"], TODAY)
    assert data.by_id()[acct["ada"]].first_met == dt.date(2026, 11, 3)
    assert data.by_id()[acct["bo"]].first_met == dt.date(2026, 11, 2)  # from the meeting


def test_a_start_after_the_last_contact_is_refused(portfolio, acct) -> None:
    values = replace(
        _values(portfolio, acct["bo"]),
        last_contact=dt.date(2026, 10, 1),
        since=dt.date(2026, 10, 20),
    )
    with pytest.raises(ValidationError) as caught, portfolio.session() as s:
        rel.update_stakeholder(s, acct["bo"], values)
    assert caught.value.field == "since"
    with portfolio.session() as s:
        assert s.get(Stakeholder, acct["bo"]).since is None


def _values(portfolio, stakeholder_id: int) -> StakeholderValues:
    with portfolio.session() as s:
        account_id = s.get(Stakeholder, stakeholder_id).account_id
        return rel.load_map(s, account_id, TODAY).by_id()[stakeholder_id].values


def test_moving_someone_under_their_own_report_is_refused(portfolio, acct) -> None:
    with portfolio.session() as s, pytest.raises(ValidationError) as caught:
        rel.set_manager(s, acct["rui"], acct["bo"])
    assert "Rui Santos cannot report to Bo Ng" in caught.value.message
    assert caught.value.field == "reports_to_id"
    with portfolio.session() as s:
        assert s.get(Stakeholder, acct["rui"]).reports_to_id is None


def test_reporting_to_yourself_is_refused(portfolio, acct) -> None:
    with portfolio.session() as s, pytest.raises(ValidationError) as caught:
        rel.set_manager(s, acct["ada"], acct["ada"])
    assert caught.value.message == "Ada Brennan cannot report to themselves."


def test_moving_and_moving_back(portfolio, acct) -> None:
    with portfolio.session() as s:
        before = rel.set_manager(s, acct["bo"], acct["rui"])
    assert before == acct["ada"]
    with portfolio.session() as s:
        assert s.get(Stakeholder, acct["bo"]).reports_to_id == acct["rui"]
        rel.set_manager(s, acct["bo"], None)
    with portfolio.session() as s:
        assert s.get(Stakeholder, acct["bo"]).reports_to_id is None


def test_a_manager_from_another_account_is_refused(portfolio, acct) -> None:
    with portfolio.session() as s, pytest.raises(ValidationError):
        rel.set_manager(s, acct["bo"], acct["stranger"])


def test_update_returns_the_old_values_and_roles(portfolio, acct) -> None:
    with portfolio.session() as s:
        old = rel.list_stakeholders(s, acct["account"])
        ada = next(p for p in old if p.id == acct["ada"])
        new = StakeholderValues(
            **{**ada.values.__dict__, "stance": Stance.SKEPTIC, "roles": frozenset()}
        )
        before = rel.update_stakeholder(s, ada.id, new)
    assert before == ada.values
    with portfolio.session() as s:
        row = s.get(Stakeholder, acct["ada"])
        assert row.stance == Stance.SKEPTIC and row.roles == set()


def test_a_bad_name_leaves_the_file_unchanged(portfolio, acct) -> None:
    with pytest.raises(ValidationError) as caught, portfolio.session() as s:
        rel.new_stakeholder(s, acct["account"], StakeholderValues(name="  "))
        s.flush()
    assert caught.value.field == "name"
    with portfolio.session() as s:
        assert len(rel.list_stakeholders(s, acct["account"])) == 3


def test_a_division_of_another_account_is_refused(portfolio, acct) -> None:
    with portfolio.session() as s:
        theirs = Division(account_id=acct["other"], name="Theirs")
        s.add(theirs)
        s.flush()
        theirs_id = theirs.id
    with pytest.raises(ValidationError) as caught, portfolio.session() as s:
        rel.new_stakeholder(
            s, acct["account"], StakeholderValues(name="Zoe", division_id=theirs_id)
        )
    assert caught.value.field == "division_id"


def test_pin_and_unpin(portfolio, acct) -> None:
    with portfolio.session() as s:
        assert rel.set_pin(s, acct["ada"], (120.5, -30.0)) is None
    with portfolio.session() as s:
        ada = next(p for p in rel.list_stakeholders(s, acct["account"]) if p.id == acct["ada"])
        assert ada.pinned == (120.5, -30.0)
        assert rel.set_pin(s, acct["ada"], None) == (120.5, -30.0)
    with portfolio.session() as s, pytest.raises(ValidationError):
        rel.set_pin(s, acct["ada"], (float("inf"), 0.0))


def test_influence_lines_refuse_duplicates_self_and_other_accounts(portfolio, acct) -> None:
    with portfolio.session() as s:
        rel.new_link(s, acct["account"], acct["bo"], acct["rui"], 4, "Golf partners")
    with portfolio.session() as s:
        links = rel.list_links(s, acct["account"])
    assert [(x.source_id, x.target_id, x.strength, x.note) for x in links] == [
        (acct["bo"], acct["rui"], 4, "Golf partners")
    ]
    for source, target in (
        (acct["bo"], acct["rui"]),
        (acct["bo"], acct["bo"]),
        (acct["bo"], acct["stranger"]),
    ):
        with pytest.raises(ValidationError), portfolio.session() as s:
            rel.new_link(s, acct["account"], source, target)
    with portfolio.session() as s:
        assert s.query(InfluenceLink).count() == 1
