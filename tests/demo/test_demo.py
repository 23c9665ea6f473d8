"""The demo portfolio: counts and proportions, validity, determinism and the showcase story."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.demo import DemoSummary, generate
from cs_planner.domain.enums import (
    ALLOWED_FRACTIONS,
    BuyingRole,
    LifecycleStage,
    StairStep,
    StakeholderStatus,
    TeamRole,
    UseCaseStatus,
)
from cs_planner.domain.model import (
    Account,
    AccountMetric,
    ArrHistory,
    Base,
    CsaAllocation,
    DimensionPlan,
    Division,
    Geography,
    InfluenceLink,
    MaturityLevel,
    MetricDefinition,
    MetricTarget,
    MetricValue,
    Opportunity,
    Product,
    Settings,
    Stakeholder,
    StakeholderRole,
    TeamMember,
    UseCase,
    WhitespaceCell,
)
from cs_planner.domain.quarters import quarter_start
from cs_planner.storage import Portfolio, open_portfolio

# The same fixed day as the shared ``today`` fixture, usable by the module-scoped demo.
TODAY = dt.date(2026, 11, 24)


def _demo(path: Path, today: dt.date, **options) -> tuple[Portfolio, DemoSummary]:
    portfolio = open_portfolio(path)
    return portfolio, generate(portfolio, today=today, **options)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    """The default demo, generated once for the read-only tests below."""
    portfolio, summary = _demo(tmp_path_factory.mktemp("demo") / "demo.csplan", TODAY)
    yield portfolio, summary
    portfolio.close()


def per_account(session: Session, model: type) -> Counter[int]:
    rows = session.execute(select(model.account_id, func.count()).group_by(model.account_id))
    return Counter(dict(rows.all()))


def test_default_counts(demo) -> None:
    portfolio, summary = demo
    assert summary.accounts == 12
    with portfolio.session() as s:
        account_ids = set(s.scalars(select(Account.id)))
        assert len(account_ids) == 12
        active = Counter(s.scalars(select(TeamMember.role).where(TeamMember.retired_on.is_(None))))
        assert active == {
            TeamRole.CSM: 3,
            TeamRole.CSA: 4,
            TeamRole.AE: 2,
            TeamRole.EXECUTIVE_SPONSOR: 2,
            TeamRole.SUPPORT_LEAD: 1,
            TeamRole.MANAGER: 1,
        }
        # One CSM left four months ago: retired, kept in the history, no account of theirs.
        retired = s.scalars(select(TeamMember).where(TeamMember.retired_on.is_not(None))).all()
        assert [(p.role, p.retired_on) for p in retired] == [
            (TeamRole.CSM, TODAY - dt.timedelta(days=120))
        ]
        assert s.scalar(select(Account.id).where(Account.csm_id == retired[0].id)) is None
        assert summary.team_members == 14
        assert 6 <= s.scalar(select(func.count()).select_from(Product)) <= 8
        assert [
            m.level for m in s.scalars(select(MaturityLevel).order_by(MaturityLevel.level))
        ] == [
            1,
            2,
            3,
            4,
            5,
        ]
        assert 4 <= s.scalar(select(func.count()).select_from(MetricDefinition)) <= 6
        owner = s.get(Settings, 1).owner_name
        assert owner in set(s.scalars(select(TeamMember.name).where(TeamMember.role == "csm")))

        showcase = s.scalar(select(Account.id).where(Account.name == summary.showcase_account))
        opportunities = per_account(s, Opportunity)
        assert opportunities.pop(showcase) > 6  # its story is told through won deals
        assert all(2 <= n <= 6 for n in opportunities.values())
        for model, low, high in (
            (Stakeholder, 10, 30),
            (UseCase, 4, 12),
            (Division, 2, 8),
            (Geography, 1, 5),
            (InfluenceLink, 2, 6),
            (DimensionPlan, 6, 6),
            (AccountMetric, 2, 3),
        ):
            counts = per_account(s, model)
            assert set(counts) == account_ids, model.__name__
            assert all(low <= n <= high for n in counts.values()), (model.__name__, counts)

        steps = defaultdict(set)
        for account_id, step in s.execute(select(UseCase.account_id, UseCase.step)):
            steps[account_id].add(step)
        assert all(found == set(StairStep) for found in steps.values())

        history = per_account(s, ArrHistory)
        assert set(history) == account_ids and min(history.values()) >= 4
        assert s.scalar(select(func.count()).select_from(MetricValue)) > 12 * 2
        assert s.scalar(select(func.count()).select_from(MetricTarget)) > 12 * 2
        assert s.scalar(select(func.count()).select_from(WhitespaceCell)) > 12 * 2 * 7

        csas = set(s.scalars(select(TeamMember.id).where(TeamMember.role == "csa")))
        allocated = set(s.scalars(select(CsaAllocation.csa_id)))
        assert allocated == csas
        assert summary.stakeholders == s.scalar(select(func.count()).select_from(Stakeholder))
        assert summary.allocations == len(s.scalars(select(CsaAllocation.id)).all())


def test_the_portfolio_shows_every_situation(demo) -> None:
    portfolio, _ = demo
    with portfolio.session() as s:
        accounts = list(s.scalars(select(Account)))
        assert {a.lifecycle_stage for a in accounts} == set(LifecycleStage)
        assert {a.size_band for a in accounts} == {"SMB", "Mid-market", "Enterprise"}
        assert len({a.industry for a in accounts}) >= 6
        assert any(a.strategic for a in accounts)
        assert any(a.tier_override for a in accounts)
        assert all(20_000 <= a.initial_deal_value <= 250_000 for a in accounts)
        assert all(1 <= a.arr / a.initial_deal_value <= 15 for a in accounts)
        utilisation = [a.active_users / a.licensed_seats for a in accounts]
        assert all(0.35 <= u <= 1.25 for u in utilisation)

        people = list(s.scalars(select(Stakeholder)))
        roles = defaultdict(set)
        for stakeholder_id, role in s.execute(
            select(StakeholderRole.stakeholder_id, StakeholderRole.role)
        ):
            roles[stakeholder_id].add(role)
        departed_champions = [
            p
            for p in people
            if p.status == StakeholderStatus.LEFT_COMPANY and BuyingRole.CHAMPION in roles[p.id]
        ]
        assert departed_champions
        assert any(p.status == StakeholderStatus.CHANGED_ROLE for p in people)
        assert len({p.stance for p in people}) >= 5
        assert all(p.influence >= 4 for p in people if p.level == "executive")

        # Mirrored commitments: most top accounts have both, at least one lacks one.
        mirrored = defaultdict(set)
        for p in people:
            mirrored[p.account_id] |= roles[p.id] & {
                BuyingRole.EXECUTIVE_SPONSOR,
                BuyingRole.PROGRAM_MANAGER,
            }
        sponsored = [a.id for a in accounts if a.executive_sponsor_id is not None]
        complete = [a for a in sponsored if len(mirrored[a]) == 2]
        assert len(complete) > len(sponsored) / 2
        assert len(complete) < len(sponsored)

        statuses = defaultdict(set)
        for step, status in s.execute(select(UseCase.step, UseCase.status)):
            statuses[step].add(status)
        assert UseCaseStatus.ADOPTED in statuses[StairStep.REMEDIATION]
        assert UseCaseStatus.ADOPTED not in statuses[StairStep.DISRUPTION]


def test_dates_are_relative_to_today(demo) -> None:
    portfolio, _ = demo
    with portfolio.session() as s:
        for a in s.scalars(select(Account)):
            assert 30 <= (a.renewal_date - TODAY).days <= 366, a.name
            assert 365 <= (TODAY - a.customer_since).days <= 6 * 365, a.name
            assert a.initial_deal_date == a.customer_since
        contacts = [d for d in s.scalars(select(Stakeholder.last_contact)) if d is not None]
        assert max(contacts) <= TODAY
        assert sum((TODAY - d).days > 120 for d in contacts) >= 3
        quarters = [
            *s.scalars(select(UseCase.target_quarter)),
            *s.scalars(select(Opportunity.target_quarter)),
            *s.scalars(select(DimensionPlan.target_quarter)),
            *s.scalars(select(ArrHistory.quarter)),
            *s.scalars(select(MetricTarget.quarter)),
        ]
        assert all(q.day == 1 and q.month in (1, 4, 7, 10) for q in quarters if q is not None)
        assert all(d <= TODAY for d in s.scalars(select(MetricValue.measured_on)))
        for arr, last in s.execute(
            select(Account.arr, ArrHistory.arr)
            .join(ArrHistory, ArrHistory.account_id == Account.id)
            .where(ArrHistory.quarter == quarter_start(TODAY))
        ):
            assert arr == last


def test_csa_allocations_include_overload_and_a_full_timer(demo) -> None:
    portfolio, _ = demo
    with portfolio.session() as s:
        allocations = list(s.scalars(select(CsaAllocation)))
    assert all(a.fraction in ALLOWED_FRACTIONS and a.end_date >= a.start_date for a in allocations)
    assert {a.phase for a in allocations} == {"presales", "implementation", "adoption"}
    assert {a.funding for a in allocations} == {"chargeable", "vendor_underwritten"}
    assert any(a.fraction == 1.0 and (a.end_date - a.start_date).days > 2 * 91 for a in allocations)
    weeks = [TODAY + dt.timedelta(weeks=n) for n in range(-13, 40)]
    peak = defaultdict(float)
    for week in weeks:
        load = Counter()
        for a in allocations:
            if a.start_date <= week <= a.end_date:
                load[a.csa_id] += a.fraction
        for csa, total in load.items():
            peak[csa] = max(peak[csa], total)
    assert sum(total > 1.0 for total in peak.values()) == 1
    assert len(peak) == 4


def test_every_row_passes_the_model_validation(demo) -> None:
    """The writer bypasses the ORM for speed; re-run every validator and check() on it."""
    portfolio, _ = demo
    with portfolio.session() as s:
        for mapper in Base.registry.mappers:
            validated = [a.key for a in mapper.column_attrs if a.key in mapper.validators]
            for obj in s.scalars(select(mapper.class_)):
                for key in validated:
                    value = getattr(obj, key)
                    setattr(obj, key, value)
                    assert getattr(obj, key) == value, (mapper.class_.__name__, key, value)
                obj.check()
        s.rollback()


def test_org_charts_are_trees_within_their_account(demo) -> None:
    portfolio, _ = demo
    with portfolio.session() as s:
        rows = s.execute(select(Stakeholder.id, Stakeholder.account_id, Stakeholder.reports_to_id))
        account_of, boss_of = {}, {}
        for stakeholder_id, account_id, boss in rows:
            account_of[stakeholder_id] = account_id
            boss_of[stakeholder_id] = boss
        for stakeholder_id, boss in boss_of.items():
            if boss is not None:
                assert account_of[boss] == account_of[stakeholder_id]
            seen = {stakeholder_id}
            while boss is not None:
                assert boss not in seen, "cycle in the org chart"
                seen.add(boss)
                boss = boss_of[boss]
        tops = Counter(a for sid, a in account_of.items() if boss_of[sid] is None)
        assert all(1 <= n <= 2 for n in tops.values())
        pairs = list(
            s.execute(
                select(InfluenceLink.account_id, InfluenceLink.source_id, InfluenceLink.target_id)
            )
        )
        assert len({(src, dst) for _, src, dst in pairs}) == len(pairs)
        for account_id, source, target in pairs:
            assert source != target
            assert account_of[source] == account_of[target] == account_id


def test_land_and_expand_story(demo) -> None:
    portfolio, summary = demo
    with portfolio.session() as s:
        first = s.scalar(select(Account).order_by(Account.id).limit(1))
        assert first.name == summary.showcase_account
        history = list(
            s.scalars(
                select(ArrHistory.arr)
                .where(ArrHistory.account_id == first.id)
                .order_by(ArrHistory.quarter)
            )
        )
        assert len(history) >= 8
        assert history[0] == first.initial_deal_value
        assert 90_000 <= history[0] <= 110_000
        assert history == sorted(history)
        assert history[-1] == first.arr
        assert 10 <= first.arr / first.initial_deal_value <= 20
        statuses = Counter(s.scalars(select(UseCase.status).where(UseCase.account_id == first.id)))
        assert statuses[UseCaseStatus.ADOPTED] >= 4
        won = s.scalars(
            select(Opportunity.acv_uplift).where(
                Opportunity.account_id == first.id, Opportunity.status == "won"
            )
        ).all()
        assert len(won) >= 6
        assert first.initial_deal_value + sum(won) == pytest.approx(first.arr)
        assert (
            s.scalar(
                select(func.count()).select_from(Geography).where(Geography.account_id == first.id)
            )
            >= 4
        )


def test_same_seed_same_data_and_another_seed_differs(tmp_path: Path, today: dt.date) -> None:
    def snapshot(path: Path, seed: int) -> tuple[list, list]:
        portfolio, _ = _demo(path, today, seed=seed)
        with portfolio.session() as s:
            accounts = s.execute(select(Account.name, Account.arr).order_by(Account.id)).all()
            people = s.scalars(select(Stakeholder.name).order_by(Stakeholder.id)).all()
        portfolio.close()
        return accounts, people

    one = snapshot(tmp_path / "one.csplan", 7)
    assert snapshot(tmp_path / "two.csplan", 7) == one
    other = snapshot(tmp_path / "three.csplan", 8)
    assert other[0] != one[0] and other[1] != one[1]


def test_refuses_a_portfolio_with_accounts(portfolio: Portfolio, today: dt.date) -> None:
    with portfolio.session() as s:
        s.add(Account(name="Existing Customer", initial_deal_value=1000))
    with pytest.raises(ValueError, match="already has 1 account"):
        generate(portfolio, today=today)
    with pytest.raises(ValueError, match="at least one account"):
        generate(portfolio, accounts=0, today=today)
    with portfolio.session() as s:
        assert s.scalar(select(func.count()).select_from(Account)) == 1


def test_mid_size_keeps_the_proportions(tmp_path: Path, today: dt.date) -> None:
    portfolio, summary = _demo(tmp_path / "mid.csplan", today, accounts=200)
    try:
        assert summary.accounts == 200
        assert 10 <= summary.stakeholders / 200 <= 30
        assert 4 <= summary.use_cases / 200 <= 12
        with portfolio.session() as s:
            names = s.scalars(select(Account.name)).all()
            assert len(set(names)) == 200
            active = TeamMember.retired_on.is_(None)
            roles = Counter(s.scalars(select(TeamMember.role).where(active)))
            pods = -(-200 // 12)
            assert roles[TeamRole.CSA] == 4 * pods and roles[TeamRole.CSM] == 3 * pods
            assert roles[TeamRole.MANAGER] == roles[TeamRole.SUPPORT_LEAD] == 1
            assert summary.allocations / pods == pytest.approx(13, abs=1)
            stages = Counter(s.scalars(select(Account.lifecycle_stage)))
            assert all(n >= 200 / 12 for n in stages.values())
            for model, low, high in ((Stakeholder, 10, 30), (UseCase, 4, 12), (Division, 2, 8)):
                counts = per_account(s, model)
                assert len(counts) == 200
                assert all(low <= n <= high for n in counts.values()), model.__name__
    finally:
        portfolio.close()


@pytest.mark.parametrize(
    "day", [dt.date(2026, 10, 10), dt.date(2027, 1, 1), dt.date(2028, 2, 29), dt.date(2026, 3, 31)]
)
def test_dates_fit_any_today(tmp_path: Path, day: dt.date) -> None:
    portfolio, _ = _demo(tmp_path / "day.csplan", day, accounts=24)
    try:
        with portfolio.session() as s:
            for a in s.scalars(select(Account)):
                assert 30 <= (a.renewal_date - day).days <= 366, (a.name, a.renewal_date)
                assert 365 <= (day - a.customer_since).days <= 6 * 365, a.name
            showcase = s.scalar(select(Account).order_by(Account.id).limit(1))
            first = s.scalar(
                select(func.min(ArrHistory.quarter)).where(ArrHistory.account_id == showcase.id)
            )
            assert quarter_start(showcase.customer_since) == first
            assert first == quarter_start(day).replace(year=quarter_start(day).year - 2)
            latest = max(
                s.scalars(
                    select(Stakeholder.last_contact).where(Stakeholder.last_contact.isnot(None))
                )
            )
            assert latest <= day
    finally:
        portfolio.close()
