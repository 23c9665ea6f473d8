"""The roll-up's bulk read counts stakeholders and use cases in SQL: it must give every
account the figures the tabs' own rules give on the tabs' own rows (the relationship map's
``list_stakeholders``, the Stairway's ``list_use_cases``), on the demo portfolio and on the
edge cases of each rule."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import (
    BuyingRole,
    Level,
    StakeholderStatus,
    Stance,
    Tier,
    UseCaseStatus,
)
from cs_planner.domain.expansion.queries import open_opportunities
from cs_planner.domain.model import Stakeholder, UseCase
from cs_planner.domain.quarters import quarter_start
from cs_planner.domain.relationships.queries import list_stakeholders
from cs_planner.domain.rollup import queries, rules
from cs_planner.domain.rollup.rows import AccountBase, Allocation, UseCaseLine
from cs_planner.domain.stairway.queries import list_use_cases
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)


def _tab_lines(portfolio: Portfolio) -> tuple[dict, dict]:
    """Every account's roll-up line by the bulk read, and by ``rules.account_rollup`` on
    the rows each tab reads for one account."""
    with portfolio.read() as s:
        bulk = {a.id: a for a in queries.read_rollup(s, TODAY).accounts}
        settings = get_settings(s)
        now = quarter_start(TODAY, settings.fiscal_year_start_month)
        opportunities = open_opportunities(s)
        by_tab = {}
        for a in bulk.values():
            base = AccountBase(
                a.id,
                a.name,
                a.industry,
                a.tier,
                a.strategic,
                a.stage,
                a.csm,
                a.arr,
                a.initial_deal_value,
                a.renewal_date,
                0,
                0,
                a.reference_status,
            )
            people = sorted(list_stakeholders(s, a.id), key=lambda p: p.id)  # as the map has them
            cases = sorted(
                list_use_cases(s, a.id),
                key=lambda u: (u.values.target_quarter or dt.date.max, u.id),
            )
            lines = [
                UseCaseLine(u.values.title, u.values.status, u.values.target_quarter) for u in cases
            ]
            allocations = [Allocation(csa, 0.0) for csa in a.csas]
            by_tab[a.id] = rules.account_rollup(
                base,
                people,
                lines,
                opportunities.get(a.id, []),
                allocations,
                TODAY,
                now,
                settings.stale_contact_days,
                settings.relationships_per_month_goal,
            )
    return bulk, by_tab


FIGURES = (
    "stakeholders",
    "levels_covered",
    "single_threaded",
    "champions",
    "stale",
    "safe_switches",
    "mirror_complete",
    "mirror_missing",
    "sentences",
    "use_cases",
    "adopted",
    "overdue",
    "projected_multiple",
    "pipeline_weighted",
)


def _assert_same(portfolio: Portfolio) -> int:
    bulk, by_tab = _tab_lines(portfolio)
    for account_id, line in bulk.items():
        expected = by_tab[account_id]
        for name in FIGURES:
            assert getattr(line, name) == getattr(expected, name), (line.name, name)
    return len(bulk)


def test_the_bulk_read_gives_the_tabs_figures_on_the_demo_portfolio(portfolio: Portfolio) -> None:
    generate(portfolio, accounts=40, seed=7, today=TODAY)
    assert _assert_same(portfolio) == 40


@pytest.fixture
def edges(portfolio: Portfolio) -> Portfolio:
    """One account per edge of the coverage and use case rules."""

    def person(account_id: int, name: str, **values) -> Stakeholder:
        roles = values.pop("roles", ())
        days = values.pop("days", 10)
        values.setdefault("level", Level.MANAGER)
        if days is not None:
            values["last_contact"] = TODAY - dt.timedelta(days=days)
        p = Stakeholder(account_id=account_id, name=name, **values)
        p.roles = set(roles)
        return p

    with portfolio.session() as s:
        limit = get_settings(s).stale_contact_days
        ids = {
            name: create_account(s, name, 10_000.0, arr=20_000.0, tier_override=tier)
            for name, tier in (
                ("Nobody", Tier.TOP),
                ("Edges", Tier.TOP),
                ("Alone", Tier.LEVERAGED),
                ("Dark", Tier.SCALABLE),
                ("Late", Tier.SCALABLE),
            )
        }
        edges = ids["Edges"]
        s.add_all(
            [
                person(edges, "At the limit", days=limit, level=Level.EXECUTIVE),
                person(edges, "A day past", days=limit + 1, level=Level.END_USER),
                person(edges, "Ahead", days=-3, level=Level.END_USER),
                person(edges, "Never spoken", days=None, level=Level.DIRECTOR_VP),
                person(edges, "Stance only", stance=Stance.CHAMPION, days=400),
                person(
                    edges, "Role and stance", stance=Stance.CHAMPION, roles=[BuyingRole.CHAMPION]
                ),
                person(
                    edges,
                    "Left champion",
                    roles=[BuyingRole.CHAMPION],
                    status=StakeholderStatus.LEFT_COMPANY,
                ),
                person(
                    edges,
                    "Moved champion",
                    stance=Stance.CHAMPION,
                    status=StakeholderStatus.CHANGED_ROLE,
                ),
                person(edges, "Sponsor", roles=[BuyingRole.EXECUTIVE_SPONSOR, BuyingRole.USER]),
                person(
                    edges,
                    "Gone manager",
                    roles=[BuyingRole.PROGRAM_MANAGER],
                    status=StakeholderStatus.LEFT_COMPANY,
                ),
                person(ids["Alone"], "Only one", level=Level.DIRECTOR_VP),
                person(ids["Alone"], "Stale one", days=limit + 30),
                person(
                    ids["Alone"],
                    "Its champion left",
                    roles=[BuyingRole.CHAMPION],
                    status=StakeholderStatus.LEFT_COMPANY,
                ),
                person(ids["Dark"], "Nobody spoken to", days=None),
                person(ids["Dark"], "Left", status=StakeholderStatus.LEFT_COMPANY),
            ]
        )
        late = ids["Late"]
        s.add_all(
            [
                UseCase(
                    account_id=late,
                    title="Quarter just over",
                    status=UseCaseStatus.PLANNED,
                    target_quarter=dt.date(2026, 7, 1),
                ),
                UseCase(
                    account_id=late,
                    title="This quarter",
                    status=UseCaseStatus.PLANNED,
                    target_quarter=dt.date(2026, 10, 1),
                ),
                UseCase(
                    account_id=late,
                    title="Live already",
                    status=UseCaseStatus.LIVE,
                    target_quarter=dt.date(2025, 1, 1),
                ),
                UseCase(account_id=late, title="Adopted", status=UseCaseStatus.ADOPTED),
                UseCase(
                    account_id=late,
                    title="Long overdue",
                    status=UseCaseStatus.IDENTIFIED,
                    target_quarter=dt.date(2024, 1, 1),
                ),
            ]
        )
    return portfolio


def test_the_bulk_read_gives_the_tabs_figures_on_every_edge(edges: Portfolio) -> None:
    assert _assert_same(edges) == 5
    with edges.read() as s:
        lines = {a.name: a for a in queries.read_rollup(s, TODAY).accounts}
    assert lines["Nobody"].sentence("empty") and lines["Nobody"].mirror_missing
    assert lines["Edges"].safe_switches == 2 and lines["Edges"].champions == 2
    assert lines["Edges"].mirror_missing == (BuyingRole.PROGRAM_MANAGER,)
    assert lines["Alone"].single_threaded and len(lines["Alone"].sentences) == 2
    assert lines["Dark"].sentence("single") == ["Single-threaded: no live contact at all."]
    assert [u.title for u in lines["Late"].overdue] == ["Long overdue", "Quarter just over"]
    assert (lines["Late"].use_cases, lines["Late"].adopted) == (5, 1)


def test_many_single_threaded_accounts_are_read_a_few_thousand_at_a_time(
    edges: Portfolio, monkeypatch
) -> None:
    from cs_planner.domain.rollup import people

    monkeypatch.setattr(people, "LONELY_CHUNK", 1)  # a select per single-threaded account
    assert _assert_same(edges) == 5
