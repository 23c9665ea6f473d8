"""Per-CSA figures and warnings, coverage gaps and the scorecard."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts.rows import SettingsData
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.csa import rules
from cs_planner.domain.csa.edits import new_allocation, new_csa
from cs_planner.domain.csa.queries import read_coverage, read_scorecard
from cs_planner.domain.csa.rows import (
    AllocationRow,
    AllocationValues,
    CsaData,
    CsaRow,
    CsaValues,
    GapKind,
    WarningKind,
)
from cs_planner.domain.enums import (
    AllocationPhase,
    BuyingRole,
    Funding,
    ReferenceStatus,
    RequestedBy,
    StakeholderStatus,
    Tier,
    UseCaseStatus,
)
from cs_planner.domain.model import Stakeholder, UseCase

D = dt.date
TODAY = D(2026, 11, 24)


def span(start, end, fraction=1.0, *, csa=1, account=10, **kinds) -> AllocationRow:
    return AllocationRow(
        id=0,
        csa_id=csa,
        csa=f"CSA {csa}",
        account_id=account,
        account=f"Account {account}",
        use_case_id=None,
        use_case="",
        fraction=fraction,
        phase=kinds.get("phase", AllocationPhase.IMPLEMENTATION),
        funding=Funding.CHARGEABLE,
        requested_by=kinds.get("requested_by", RequestedBy.CUSTOMER_SUCCESS),
        start=start,
        end=end,
        notes="",
    )


def roster(*rows: tuple[int, str, float]) -> list[CsaRow]:
    return [CsaRow(i, n, "", cap, None, None, 200.0, 0.7) for i, n, cap in rows]


def data(allocations, *, presales_limit: float = 0.3, fy: int = 1) -> CsaData:
    return CsaData(
        SettingsData("", "USD", fy, 250.0, 0.7, presales_limit, 3, 90),
        roster((1, "Ada", 40), (2, "Rui", 40)),
        list(allocations),
    )


def test_figures_split_revenue_by_month_and_quarter_across_a_year_end() -> None:
    allocations = [span(D(2026, 12, 14), D(2027, 1, 8), 0.5, csa=1)]
    (ada, rui) = rules.csa_figures(data(allocations), D(2026, 12, 1), D(2027, 1, 31), TODAY)
    # Dec 14-31: 14 weekdays; Jan 1-8: 6 weekdays; half of 8 hours a day at 200 an hour.
    assert [m.revenue for m in ada.months] == pytest.approx([11_200, 4_800])
    assert [label for label, _ in ada.quarters] == ["2026 Q4", "2027 Q1"]
    assert [q.revenue for _, q in ada.quarters] == pytest.approx([11_200, 4_800])
    assert ada.window.revenue == pytest.approx(16_000)
    assert ada.peak_load == pytest.approx(0.5)
    assert ada.below_target and rui.window.allocated_hours == 0
    assert ada.warnings == [] and rui.warnings == []


def test_figures_with_the_calendar_in_one_pass_are_the_same() -> None:
    allocations = [
        span(D(2026, 11, 18), D(2027, 2, 10), 0.5, csa=1),
        span(D(2026, 12, 14), D(2027, 1, 8), 0.25, csa=1, account=11),
        span(D(2027, 1, 6), D(2027, 3, 3), 1.0, csa=2, phase=AllocationPhase.PRESALES),
    ]
    window = (D(2026, 11, 30), D(2027, 2, 28))
    lazy = rules.csa_figures(data(allocations), *window, TODAY)
    eager = rules.csa_figures(data(allocations), *window, TODAY, with_calendar=True)
    assert [f.figured for f in lazy] == [None, None]
    assert all(f.figured is not None for f in eager)
    for one, other in zip(lazy, eager, strict=True):
        assert other.window == one.window
        assert other.months == one.months and len(one.months) == 4
        assert other.quarters == one.quarters and len(one.quarters) == 2
        assert other.warnings == one.warnings
    assert eager[0].months[1].revenue > 0


def test_the_rows_a_page_keeps_hold_only_their_fields() -> None:
    # Slotted: no dictionary per row (a 5,000-account portfolio has 1,700 CSAs, 1,000
    # warnings and gaps); the calendar's figures are kept once made, never compared.
    allocations = [span(D(2026, 6, 1), D(2027, 6, 30), 1.0, csa=1)]
    (ada, _rui) = rules.csa_figures(data(allocations), D(2026, 11, 30), D(2027, 1, 31), TODAY)
    gap = rules.coverage_gaps([(1, "Top", Tier.TOP)], [], {}, TODAY)[0]
    for row in (ada, ada.csa, ada.warnings[0], ada.calendar, gap):
        assert not hasattr(row, "__dict__"), type(row).__name__
    assert ada.figured is None
    months = ada.months
    assert ada.figured is not None and ada.months == months
    assert ada == rules.csa_figures(data(allocations), D(2026, 11, 30), D(2027, 1, 31), TODAY)[0]


def test_fiscal_quarters_follow_the_fiscal_year_start() -> None:
    allocations = [span(D(2027, 1, 4), D(2027, 1, 8), 1.0, csa=1)]
    (ada, _rui) = rules.csa_figures(data(allocations, fy=2), D(2027, 1, 1), D(2027, 1, 31), TODAY)
    assert [label for label, _ in ada.quarters] == ["FY2027 Q4"]  # Nov-Jan of FY2027


def test_warnings_over_allocation_presales_pull_and_trapped() -> None:
    window = (D(2026, 11, 30), D(2027, 5, 30))
    allocations = [
        span(D(2026, 6, 1), D(2027, 6, 30), 1.0, csa=1, account=10),
        span(D(2026, 12, 7), D(2026, 12, 18), 0.25, csa=1, account=11),
        span(
            *window,
            0.5,
            csa=2,
            phase=AllocationPhase.PRESALES,
            requested_by=RequestedBy.SALES,
        ),
    ]
    ada, rui = rules.csa_figures(data(allocations), *window, TODAY)
    assert [w.kind for w in ada.warnings] == [WarningKind.OVER_ALLOCATED, WarningKind.TRAPPED]
    assert "2 weeks" in ada.warnings[0].message and "125%" in ada.warnings[0].message
    assert "Account 10" in ada.warnings[1].message
    assert [w.kind for w in rui.warnings] == [WarningKind.PRESALES]
    assert "50%" in rui.warnings[0].message
    # At a 60% limit the same pre-sales share is fine.
    _ada, rui = rules.csa_figures(data(allocations, presales_limit=0.6), *window, TODAY)
    assert rui.warnings == []


def test_coverage_gaps_pure() -> None:
    """One rule with the map and the roll-up: a top-tier account needs a CSA allocated
    today, and its customer an executive sponsor and a program manager; other tiers have
    no mirrored commitment, whatever their CSA's time."""
    accounts = [
        (1, "Top A", Tier.TOP),
        (2, "Top B", Tier.TOP),
        (3, "Small", Tier.SCALABLE),
        (4, "Top C", Tier.TOP),
    ]
    allocations = [
        span(D(2026, 1, 1), D(2026, 12, 31), 1.0, account=2),
        span(D(2026, 1, 1), D(2026, 3, 31), 0.5, account=1),  # over: not coverage
        span(D(2027, 1, 4), D(2027, 3, 31), 0.5, account=1),  # planned: named, not coverage
        span(D(2026, 1, 1), D(2027, 3, 31), 1.0, account=3),  # full time, but not top tier
        span(D(2026, 10, 1), D(2027, 3, 31), 0.25, account=4),  # part time: still mirrored
    ]
    roles = {
        1: {BuyingRole.EXECUTIVE_SPONSOR, BuyingRole.PROGRAM_MANAGER},
        2: {BuyingRole.EXECUTIVE_SPONSOR, BuyingRole.PROGRAM_MANAGER},
        3: set(),
        4: {BuyingRole.EXECUTIVE_SPONSOR},
    }
    gaps = rules.coverage_gaps(accounts, allocations, roles, TODAY)
    assert [(g.account, g.kind, g.detail) for g in gaps] == [
        (
            "Top A",
            GapKind.NO_CSA,
            "Top-tier account with no CSA allocated today. CSA 1 is planned from 2027-01-04.",
        ),
        (
            "Top C",
            GapKind.NO_MIRROR,
            "Top-tier account: the customer has not named a program manager to mirror ours.",
        ),
    ]
    roles[4] = set()
    gap = rules.coverage_gaps(accounts, allocations, roles, TODAY)[1]
    assert gap.detail == (
        "Top-tier account: the customer has not named an executive sponsor or a program "
        "manager to mirror ours."
    )


def test_read_coverage_counts_active_stakeholders_only(portfolio) -> None:
    with portfolio.session() as s:
        ada = new_csa(s, CsaValues("Ada"))
        s.flush()
        top = create_account(s, "Big Co", 1_000, tier_override=Tier.TOP, arr=900_000)
        s.add_all(
            [
                Stakeholder(account_id=top, name="Eve", roles=[BuyingRole.EXECUTIVE_SPONSOR]),
                Stakeholder(
                    account_id=top,
                    name="Pam",
                    roles=[BuyingRole.PROGRAM_MANAGER],
                    status=StakeholderStatus.LEFT_COMPANY,
                ),
            ]
        )
        new_allocation(
            s, AllocationValues(ada.id, top, D(2026, 10, 1), D(2027, 3, 31), fraction=1.0)
        )
    with portfolio.session() as s:
        gaps = read_coverage(s, TODAY)
    assert [(g.account, g.kind) for g in gaps] == [("Big Co", GapKind.NO_MIRROR)]
    assert gaps[0].detail == (
        "Top-tier account: the customer has not named a program manager to mirror ours."
    )


def test_scorecard(portfolio) -> None:
    with portfolio.session() as s:
        ada = new_csa(s, CsaValues("Ada"))
        rui = new_csa(s, CsaValues("Rui"))
        s.flush()
        ref = create_account(s, "Ref", 1_000, reference_status=ReferenceStatus.WILLING, arr=5)
        gone = create_account(s, "Gone", 1_000, arr=0)
        for account in (ref, gone):
            new_allocation(s, AllocationValues(ada.id, account, D(2025, 1, 1), D(2025, 6, 30)))
        new_allocation(s, AllocationValues(ada.id, ref, D(2026, 1, 1), D(2026, 6, 30)))
        s.add_all(
            [
                UseCase(
                    account_id=ref,
                    title="A",
                    csa_id=ada.id,
                    status=UseCaseStatus.ADOPTED,
                    users_reached=100,
                ),
                UseCase(
                    account_id=ref,
                    title="B",
                    csa_id=ada.id,
                    status=UseCaseStatus.ADOPTED,
                    users_reached=50,
                ),
                UseCase(account_id=ref, title="C", csa_id=ada.id, status=UseCaseStatus.LIVE),
            ]
        )
    with portfolio.session() as s:
        ada_row, rui_row = read_scorecard(s)
    assert (ada_row.accounts_served, ada_row.use_cases_adopted) == (2, 2)
    assert ada_row.users_per_use_case == pytest.approx(75)
    # Summed by CSA, account and status in SQL: two adopted on Ref count as two.
    assert (ada_row.use_cases, ada_row.live, ada_row.users_reached) == (3, 1, 150)
    assert (ada_row.reference_accounts, ada_row.churned_accounts) == (1, 1)
    assert (rui_row.csa_id, rui_row.accounts_served, rui_row.users_per_use_case) == (
        rui.id,
        0,
        None,
    )
