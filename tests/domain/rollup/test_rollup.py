"""The portfolio roll-up (domain.rollup: queries and rules): each account column, the
segments and every attention rule on hand-built cases, and the bulk read on a real file
(a fixed number of selects)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import (
    BuyingRole,
    Dimension,
    Level,
    LifecycleStage,
    OpportunityStatus,
    ReferenceStatus,
    StakeholderStatus,
    Stance,
    TeamRole,
    Tier,
    UseCaseStatus,
)
from cs_planner.domain.expansion.rows import OpportunityValues
from cs_planner.domain.model import (
    CsaAllocation,
    Opportunity,
    Stakeholder,
    TeamMember,
    UseCase,
)
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.domain.rollup import queries, rules
from cs_planner.domain.rollup.rows import (
    AccountBase,
    AccountRollup,
    Allocation,
    AttentionList,
    Rollup,
    UseCaseLine,
)
from cs_planner.domain.rollup.rules import account_rollup, by_arr
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)
QUARTER = dt.date(2026, 10, 1)  # the calendar quarter TODAY is in
STALE = 90


def person(
    pid: int,
    level: Level = Level.MANAGER,
    *,
    days_ago: int | None = 10,
    status: StakeholderStatus = StakeholderStatus.ACTIVE,
    roles: tuple[BuyingRole, ...] = (),
    stance: Stance = Stance.NEUTRAL,
) -> StakeholderRow:
    return StakeholderRow(
        id=pid,
        name=f"Person {pid}",
        title="",
        division_id=None,
        division="",
        level=level,
        roles=frozenset(roles),
        stance=stance,
        influence=3,
        reports_to_id=None,
        owner_id=None,
        owner="",
        email="",
        last_contact=None if days_ago is None else TODAY - dt.timedelta(days=days_ago),
        status=status,
        pinned=None,
        notes="",
    )


def base(
    name: str = "Acme",
    *,
    arr: float = 300_000.0,
    deal: float = 100_000.0,
    tier: Tier = Tier.LEVERAGED,
    renewal: dt.date | None = None,
    csm: str = "Ann",
    stage: LifecycleStage = LifecycleStage.EXPAND,
) -> AccountBase:
    return AccountBase(
        id=abs(hash(name)) % 10_000,
        name=name,
        industry="Retail",
        tier=tier,
        strategic=False,
        stage=stage,
        csm=csm,
        arr=arr,
        initial_deal_value=deal,
        renewal_date=renewal,
        licensed_seats=200,
        active_users=150,
        reference_status=ReferenceStatus.WILLING,
    )


def line(
    b: AccountBase,
    people=(),
    use_cases=(),
    opps=(),
    allocations=(),
) -> AccountRollup:
    return account_rollup(b, people, use_cases, opps, allocations, TODAY, QUARTER, STALE)


def healthy_people() -> list[StakeholderRow]:
    return [
        person(1, Level.EXECUTIVE, roles=(BuyingRole.ECONOMIC_BUYER,)),
        person(2, Level.MANAGER, roles=(BuyingRole.CHAMPION,)),
        person(3, Level.END_USER),
    ]


# --- one account ------------------------------------------------------------------------


def test_every_column_of_an_account_follows_the_shared_rules() -> None:
    people = [
        person(1, Level.EXECUTIVE),
        person(2, Level.MANAGER, stance=Stance.CHAMPION),
        person(3, Level.END_USER, days_ago=200),  # stale: no longer covers its level
        person(
            4,
            Level.DIRECTOR_VP,
            status=StakeholderStatus.LEFT_COMPANY,
            roles=(BuyingRole.CHAMPION,),
        ),
    ]
    use_cases = [
        UseCaseLine("Adopted one", UseCaseStatus.ADOPTED, dt.date(2026, 1, 1)),
        UseCaseLine("Late one", UseCaseStatus.PLANNED, dt.date(2026, 4, 1)),
        UseCaseLine("Live but late", UseCaseStatus.LIVE, dt.date(2026, 4, 1)),
        UseCaseLine("This quarter", UseCaseStatus.IMPLEMENTING, QUARTER),
    ]
    opps = [
        OpportunityValues(
            Dimension.USERS, "Next quarter", 100_000.0, 50, target_quarter=dt.date(2027, 1, 1)
        ),
        OpportunityValues(Dimension.USERS, "Unplaced", 40_000.0, 25),  # pipeline, not projected
    ]
    allocations = [Allocation("Zoe", 0.5), Allocation("Ben", 0.25)]
    a = line(base(renewal=dt.date(2027, 1, 23)), people, use_cases, opps, allocations)
    assert a.multiple == pytest.approx(3.0)
    assert a.projected_multiple == pytest.approx(3.5)  # (300k + 50k) / 100k
    assert a.pipeline_weighted == pytest.approx(60_000.0)  # 50k + 10k
    assert a.csas == ("Ben", "Zoe") and a.csa_fte == pytest.approx(0.75)
    assert a.days_to_renewal == 60 and a.renews_soon
    assert a.license_utilization == pytest.approx(0.75)
    assert a.stakeholders == 4
    assert a.levels_covered == 2  # executive and manager; the end user is stale
    assert not a.single_threaded
    assert a.champions == 1  # the stance champion; the one who left does not count
    assert a.stale == 1
    assert a.safe_switches == 1
    assert a.mirror_complete is None  # not a top-tier account
    assert (a.use_cases, a.adopted) == (4, 1)
    assert [u.title for u in a.overdue] == ["Late one"]
    assert a.sentence("switch") == [
        "Champion Person 4 left the company: safe switch, re-win whoever holds the seat now."
    ]


def test_no_initial_deal_gives_no_multiple_not_an_error() -> None:
    a = line(base(deal=0.0))
    assert a.multiple is None and a.projected_multiple is None
    assert a.days_to_renewal is None and not a.renews_soon


@pytest.mark.parametrize(("days", "soon"), [(-1, False), (0, True), (90, True), (91, False)])
def test_the_renewal_window_is_ninety_days_from_today(days: int, soon: bool) -> None:
    a = line(base(renewal=TODAY + dt.timedelta(days=days)), healthy_people())
    assert a.renews_soon is soon
    renewals = rules.attention(_rollup([a]))[0]
    listed = soon or days < 0  # a date gone by is listed too: record the renewal
    assert [x.account.name for x in renewals.lines] == (["Acme"] if listed else [])


def test_a_renewal_date_gone_by_asks_for_the_next_one() -> None:
    a = line(base(renewal=TODAY - dt.timedelta(days=12)), healthy_people())
    assert a.renewal_past and not a.renews_soon
    assert _lists([a])["renewals"].lines[0].why == (
        "The renewal date passed 12 days ago (2026-11-12): record the renewal and set the "
        "next date; live relationships at 3 of 3 levels."
    )


def _rollup(accounts: list[AccountRollup]) -> Rollup:
    return Rollup(TODAY, "USD", "", 1, STALE, tuple(by_arr(accounts)))


def _lists(accounts: list[AccountRollup]) -> dict[str, AttentionList]:
    return {lst.key: lst for lst in rules.attention(_rollup(accounts))}


# --- attention rules ----------------------------------------------------------------------


def test_renewal_line_says_when_and_how_well_covered() -> None:
    a = line(base(renewal=dt.date(2026, 12, 4)), [person(1)])
    why = _lists([a])["renewals"].lines[0].why
    assert why == (
        "Renews in 10 days (2026-12-04); live relationships at 1 of 3 levels, single-threaded."
    )


def test_single_threaded_accounts_quote_the_coverage_panel() -> None:
    one = line(base("One"), [person(1), person(2, days_ago=400)])
    nobody = line(base("Nobody", arr=10.0))
    fine = line(base("Fine"), healthy_people())
    single = _lists([nobody, fine, one])["single"]
    assert [x.account.name for x in single.lines] == ["One", "Nobody"]  # by ARR
    assert single.lines[0].why == "Single-threaded: everything rests on Person 1."
    assert single.lines[1].why.startswith("No stakeholders yet")


def test_a_champion_who_left_or_moved_needs_a_safe_switch() -> None:
    moved = person(9, status=StakeholderStatus.CHANGED_ROLE, stance=Stance.CHAMPION)
    gone = person(8, status=StakeholderStatus.LEFT_COMPANY, roles=(BuyingRole.CHAMPION,))
    quiet = person(7, status=StakeholderStatus.LEFT_COMPANY)  # not a champion: no switch
    a = line(base(), [*healthy_people(), moved, gone, quiet])
    assert a.safe_switches == 2
    why = _lists([a])["switch"].lines[0].why.split("\n")
    assert sorted(why) == [
        "Champion Person 8 left the company: safe switch, re-win whoever holds the seat now.",
        "Champion Person 9 changed role: safe switch, re-win whoever holds the seat now.",
    ]
    assert _lists([line(base(), [*healthy_people(), quiet])])["switch"].lines == ()


@pytest.mark.parametrize(
    "people",
    [
        [],
        [person(1)],
        [person(1), person(2, days_ago=400)],
        [
            person(1, status=StakeholderStatus.LEFT_COMPANY, roles=(BuyingRole.CHAMPION,)),
            person(2, status=StakeholderStatus.CHANGED_ROLE, stance=Stance.CHAMPION),
            person(3),
        ],
        [
            *healthy_people(),
            person(9, status=StakeholderStatus.CHANGED_ROLE, stance=Stance.CHAMPION),
        ],
    ],
)
def test_the_quoted_sentences_are_the_coverage_panels(people: list[StakeholderRow]) -> None:
    from cs_planner.domain.relationships.rules import findings

    panel = findings(people, TODAY, STALE, 3, Tier.LEVERAGED)
    quoted = [(f.key, f.text) for f in panel if f.key in rules._QUOTED]
    assert list(line(base(), people).sentences) == quoted


def test_top_tier_needs_a_csa_and_a_mirrored_commitment() -> None:
    sponsor = person(5, Level.EXECUTIVE, roles=(BuyingRole.EXECUTIVE_SPONSOR,))
    manager = person(6, roles=(BuyingRole.PROGRAM_MANAGER,))
    csa = [Allocation("Zoe", 1.0)]
    complete = line(base("Complete", tier=Tier.TOP), [sponsor, manager], allocations=csa)
    no_csa = line(base("No CSA", tier=Tier.TOP, arr=500_000), [sponsor, manager])
    no_pm = line(base("No PM", tier=Tier.TOP, arr=100.0), [sponsor], allocations=csa)
    neither = line(base("Neither", tier=Tier.TOP, arr=200.0))
    leveraged = line(base("Leveraged"))  # not top tier: never on this list
    assert complete.mirror_complete is True and no_pm.mirror_complete is False
    top = _lists([complete, no_csa, no_pm, neither, leveraged])["top"]
    assert [(x.account.name, x.why) for x in top.lines] == [
        ("No CSA", "Top-tier account with no CSA allocated today."),
        (
            "Neither",
            "Top-tier account with no CSA allocated today.\nTop-tier account: the customer "
            "has not named an executive sponsor or a program manager to mirror ours.",
        ),
        (
            "No PM",
            "Top-tier account: the customer has not named a program manager to mirror ours.",
        ),
    ]


def test_overdue_use_cases_are_named_with_their_quarter() -> None:
    late = [
        UseCaseLine(f"Case {n}", UseCaseStatus.PLANNED, dt.date(2026, 1 + 3 * (n % 3), 1))
        for n in range(5)
    ]
    a = line(base(), use_cases=late)
    b = line(base("Bee", arr=1.0), use_cases=late[:1])
    overdue = _lists([b, a])["overdue"]
    assert [x.account.name for x in overdue.lines] == ["Acme", "Bee"]
    assert overdue.lines[0].why == (
        "5 use cases past their target quarter and not live: Case 0 (due 2026 Q1), "
        "Case 1 (due 2026 Q2), Case 2 (due 2026 Q3) and 2 more."
    )
    assert overdue.lines[1].why == (
        "1 use case past its target quarter and not live: Case 0 (due 2026 Q1)."
    )
    assert overdue.arr == pytest.approx(300_001.0)


def test_a_healthy_account_is_on_no_list() -> None:
    a = line(base(tier=Tier.TOP), healthy_people(), allocations=[Allocation("Zoe", 1.0)])
    lists = _lists([a])
    assert all(not lst.lines for key, lst in lists.items() if key != "top")
    # Top tier without a mirrored commitment still shows: the customer named nobody.
    assert [x.account.name for x in lists["top"].lines] == ["Acme"]
    assert all(lst.empty.endswith(".") for lst in lists.values())


# --- segments -------------------------------------------------------------------------------


def _portfolio() -> list[AccountRollup]:
    soon = TODAY + dt.timedelta(days=30)
    return [
        line(base("Big", arr=600.0, deal=100.0, tier=Tier.TOP, renewal=soon)),
        line(base("Mid", arr=300.0, deal=100.0, csm="Bob", stage=LifecycleStage.RENEW)),
        line(base("Small", arr=100.0, deal=50.0, tier=Tier.SCALABLE, csm="", renewal=soon)),
    ]


def test_segments_by_tier_add_up_to_the_portfolio() -> None:
    tiers = rules.segments_by(_portfolio(), "tier")
    assert [s.label for s in tiers] == ["Top", "Leveraged", "Scalable"]
    assert [s.accounts for s in tiers] == [1, 1, 1]
    assert [s.arr for s in tiers] == [600.0, 300.0, 100.0]
    assert sum(s.account_share for s in tiers) == pytest.approx(1.0)
    assert [s.arr_share for s in tiers] == pytest.approx([0.6, 0.3, 0.1])
    assert [s.average_multiple for s in tiers] == pytest.approx([6.0, 3.0, 2.0])


def test_segments_by_stage_show_empty_stages() -> None:
    stages = rules.segments_by(_portfolio(), "stage")
    assert [s.label for s in stages] == ["Land", "Adopt", "Expand", "Renew"]
    assert [s.accounts for s in stages] == [0, 0, 2, 1]
    assert stages[0].average_multiple is None and stages[0].arr_share == 0.0
    assert stages[2].average_multiple == pytest.approx(4.0)


def test_segments_by_csm_count_renewals_and_put_the_unassigned_last() -> None:
    csms = rules.segments_by(_portfolio(), "csm")
    assert [s.label for s in csms] == ["Ann", "Bob", rules.NO_CSM]
    assert [(s.accounts, s.arr, s.renewals_soon, s.renewals_soon_arr) for s in csms] == [
        (1, 600.0, 1, 600.0),
        (1, 300.0, 0, 0.0),
        (1, 100.0, 1, 100.0),
    ]
    with pytest.raises(ValueError):
        rules.segments_by([], "industry")


@pytest.mark.parametrize(
    ("top_arr", "verdict"),
    [
        (100.0, "below a third"),
        (400.0, "within the healthy range"),
        (900.0, "over half"),
    ],
)
def test_the_top_tier_verdict_reads_the_share_of_arr(top_arr: float, verdict: str) -> None:
    rows = [
        line(base("Top", arr=top_arr, tier=Tier.TOP)),
        line(base("Rest", arr=1000.0 - top_arr, tier=Tier.SCALABLE)),
    ]
    text = rules.top_tier_verdict(rules.segments_by(rows, "tier"))
    assert text.startswith("The top tier is 50% of accounts and holds")
    assert verdict in text


def test_no_top_tier_is_said_plainly() -> None:
    text = rules.top_tier_verdict(rules.segments_by([line(base())], "tier"))
    assert text.startswith("No account is in the top tier")


# --- the bulk read ----------------------------------------------------------------------------


def fill(portfolio: Portfolio, accounts: int) -> None:
    """``accounts`` accounts, each with people, roles, use cases, opportunities and CSAs."""
    with portfolio.session() as s:
        csm = TeamMember(name="Ann Lee", role=TeamRole.CSM)
        csa = TeamMember(name="Zoe Kim", role=TeamRole.CSA)
        s.add_all([csm, csa])
        s.flush()
        for n in range(accounts):
            account_id = create_account(
                s,
                f"Account {n}",
                10_000.0,
                arr=10_000.0 * (n + 1),
                licensed_seats=10,
                active_users=5,
                renewal_date=TODAY + dt.timedelta(days=30 * n),
                csm_id=csm.id,
                reference_status=ReferenceStatus.CASE_STUDY,
                tier_override=Tier.TOP if n == 0 else None,
            )
            exec_ = Stakeholder(
                account_id=account_id,
                name=f"Exec {n}",
                level=Level.EXECUTIVE,
                last_contact=TODAY - dt.timedelta(days=5),
            )
            exec_.roles = {BuyingRole.EXECUTIVE_SPONSOR}
            champ = Stakeholder(
                account_id=account_id,
                name=f"Champ {n}",
                level=Level.MANAGER,
                status=StakeholderStatus.LEFT_COMPANY,
                last_contact=TODAY - dt.timedelta(days=50),
            )
            champ.roles = {BuyingRole.CHAMPION}
            s.add_all([exec_, champ])
            s.add_all(
                [
                    UseCase(
                        account_id=account_id,
                        title="Late",
                        status=UseCaseStatus.QUALIFIED,
                        target_quarter=dt.date(2026, 4, 1),
                    ),
                    UseCase(account_id=account_id, title="Done", status=UseCaseStatus.ADOPTED),
                    Opportunity(
                        account_id=account_id,
                        dimension=Dimension.USERS,
                        title="More seats",
                        acv_uplift=20_000.0,
                        confidence=50,
                        target_quarter=dt.date(2027, 4, 1),
                    ),
                    Opportunity(
                        account_id=account_id,
                        dimension=Dimension.USERS,
                        title="Won already",
                        acv_uplift=99_000.0,
                        status=OpportunityStatus.WON,
                        closed_on=dt.date(2026, 1, 1),
                    ),
                    CsaAllocation(
                        csa_id=csa.id,
                        account_id=account_id,
                        fraction=0.5,
                        start_date=dt.date(2026, 1, 1),
                        end_date=dt.date(2027, 6, 30),
                    ),
                    CsaAllocation(  # over: not allocated now
                        csa_id=csa.id,
                        account_id=account_id,
                        fraction=0.25,
                        start_date=dt.date(2025, 1, 1),
                        end_date=dt.date(2025, 6, 30),
                    ),
                ]
            )


def _read_counting(portfolio: Portfolio) -> tuple[Rollup, int]:
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(portfolio.engine, "before_cursor_execute", count)
    try:
        with portfolio.read() as s:
            data = queries.read_rollup(s, TODAY)
    finally:
        event.remove(portfolio.engine, "before_cursor_execute", count)
    return data, len([q for q in statements if q.lstrip().upper().startswith("SELECT")])


def test_read_rollup_reads_every_column_from_the_file(portfolio: Portfolio) -> None:
    fill(portfolio, 3)
    data, _ = _read_counting(portfolio)
    assert [a.name for a in data.accounts] == ["Account 2", "Account 1", "Account 0"]
    a = data.accounts[-1]
    assert (a.tier, a.csm, a.csas, a.csa_fte) == (Tier.TOP, "Ann Lee", ("Zoe Kim",), 0.5)
    assert (a.arr, a.multiple, a.projected_multiple) == (10_000.0, 1.0, 2.0)
    assert a.pipeline_weighted == 10_000.0  # the won opportunity adds nothing to come
    assert (a.days_to_renewal, a.license_utilization) == (0, 0.5)
    assert (a.levels_covered, a.single_threaded, a.champions) == (1, True, 0)
    assert (a.safe_switches, a.mirror_complete) == (1, False)
    assert (a.use_cases, a.adopted, [u.title for u in a.overdue]) == (2, 1, ["Late"])
    assert a.reference_status == ReferenceStatus.CASE_STUDY
    assert data.currency == "USD" and data.stale_days == 90


def test_read_rollup_runs_the_same_few_selects_for_any_number_of_accounts(
    portfolio: Portfolio, tmp_path
) -> None:
    from cs_planner.storage import open_portfolio

    fill(portfolio, 2)
    small, small_selects = _read_counting(portfolio)
    other = open_portfolio(tmp_path / "more.csplan")
    try:
        fill(other, 12)
        big, big_selects = _read_counting(other)
    finally:
        other.close()
    assert (len(small.accounts), len(big.accounts)) == (2, 12)
    # eight, the tiers' two (the team's hours, the churned accounts) and the health
    # figures' seventeen (value.portfolio: the accounts' ids, then a select per table it
    # reads for each CHUNK of accounts)
    assert small_selects == big_selects <= 27
