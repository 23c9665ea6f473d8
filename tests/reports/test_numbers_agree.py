"""Issue 10, "numbers agree everywhere": each figure recomputed by hand from the database rows
(plain selects and day-by-day loops, not the app's helpers) and compared with every place
that shows it: the map's findings, the roll-up, the CSAs page's data, the Stairway's CSA
metrics and the workbooks read back with openpyxl."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.csa import queries, rules
from cs_planner.domain.csa.edits import new_allocation, new_csa
from cs_planner.domain.csa.queries import read_coverage, read_scorecard
from cs_planner.domain.csa.rows import AllocationValues, CsaValues
from cs_planner.domain.enums import (
    BuyingRole,
    Funding,
    Level,
    StakeholderStatus,
    Tier,
    UseCaseStatus,
)
from cs_planner.domain.model import (
    Account,
    CsaAllocation,
    Stakeholder,
    StakeholderRole,
    TeamMember,
    UseCase,
)
from cs_planner.domain.relationships import coverage as relationship_coverage
from cs_planner.domain.relationships.queries import load_map
from cs_planner.domain.rollup.queries import read_rollup
from cs_planner.domain.rollup.rules import attention
from cs_planner.domain.stairway.queries import csa_metrics
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.reports.csa.workbook import write_csa_workbook
from cs_planner.reports.rollup.workbook import write_rollup_workbook
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)  # a Tuesday
D = dt.date


@pytest.fixture
def filled(portfolio: Portfolio) -> Portfolio:
    """A top-tier account whose people are an executive, a director and a manager (no end
    user), with a part-time CSA and no program manager; a small account where a use case
    names that CSA without an allocation, and where another CSA has been on three quarters
    time for two years."""
    with portfolio.session() as s:
        ada = new_csa(s, CsaValues("Ada Brennan", bill_rate=200))
        rui = new_csa(s, CsaValues("Rui Santos", bill_rate=300))
        s.flush()
        top = create_account(
            s, "Top Co", 100_000, arr=900_000, tier_override=Tier.TOP,
            initial_deal_date=D(2025, 2, 1),
        )  # fmt: skip
        small = create_account(s, "Small Co", 50_000, arr=100_000, tier_override=Tier.SCALABLE)
        for name, level, roles in (
            ("Eve Exec", Level.EXECUTIVE, [BuyingRole.ECONOMIC_BUYER,
                                           BuyingRole.EXECUTIVE_SPONSOR]),
            ("Dan Director", Level.DIRECTOR_VP, [BuyingRole.CHAMPION]),
            ("Meg Manager", Level.MANAGER, []),
        ):  # fmt: skip
            s.add(
                Stakeholder(
                    account_id=top, name=name, level=level, roles=roles,
                    last_contact=TODAY - dt.timedelta(days=10), since=D(2026, 11, 3),
                )
            )  # fmt: skip
        s.add(  # an end user who left: no longer covers the level
            Stakeholder(
                account_id=top, name="Ulla User", level=Level.END_USER,
                status=StakeholderStatus.LEFT_COMPANY, last_contact=D(2026, 6, 1),
            )
        )  # fmt: skip
        new_allocation(s, AllocationValues(ada.id, top, D(2026, 10, 1), D(2027, 3, 31), 0.25))
        new_allocation(
            s,
            AllocationValues(
                ada.id, small, D(2026, 12, 7), D(2027, 1, 29), 0.5,
                funding=Funding.VENDOR_UNDERWRITTEN,
            ),
        )  # fmt: skip
        new_allocation(s, AllocationValues(rui.id, small, D(2025, 1, 6), D(2026, 12, 31), 0.75))
        s.add(
            UseCase(
                account_id=top, title="Invoices", csa_id=rui.id, status=UseCaseStatus.ADOPTED,
                users_reached=40, annual_value=10_000,
            )
        )  # fmt: skip
    return portfolio


def rows_of(ws, header: str) -> list[dict]:
    """The table whose first header cell is ``header``, as dicts (until a blank line)."""
    top = next(c.row for c in ws["A"] if c.value == header)
    names = [c.value for c in ws[top]]
    out = []
    for row in ws.iter_rows(min_row=top + 1, values_only=True):
        if row[0] is None or row[0] == "Total":
            break
        out.append(dict(zip(names, row, strict=False)))
    return out


# --- levels: one list, one rule ------------------------------------------------------------


BAND = {  # the rule, written out by hand: an end user, a manager, a director/VP or above
    Level.EXECUTIVE: "director/VP or above",
    Level.DIRECTOR_VP: "director/VP or above",
    Level.MANAGER: "manager",
    Level.END_USER: "end user",
}


def test_levels_covered_agree_on_the_map_the_rollup_and_both_workbooks(filled, tmp_path):
    with filled.session() as s:
        top = s.scalar(select(Account.id).where(Account.name == "Top Co"))
        people = s.execute(
            select(Stakeholder.level, Stakeholder.status, Stakeholder.last_contact).where(
                Stakeholder.account_id == top
            )
        ).all()
        data = load_map(s, top, TODAY)
        line = next(a for a in read_rollup(s, TODAY).accounts if a.id == top)
    live = {
        BAND[p.level]
        for p in people
        if p.status == StakeholderStatus.ACTIVE and (TODAY - p.last_contact).days <= 90
    }
    assert live == {"director/VP or above", "manager"}  # by hand: 2 of the 3 levels
    expected = f"{len(live)} of 3 levels (missing: end user)"

    (levels,) = [f for f in data.coverage() if f.key == "levels"]
    assert levels.severity == "bad" and f"only {len(live)} of 3 levels" in levels.text
    (new,) = [f for f in data.coverage() if f.key == "new"]  # three new, but no end user
    assert new.severity == "warn" and "none new at end user yet" in new.text
    assert line.levels_covered == len(live)

    plan = load_workbook(write_account_plan(filled, top, tmp_path / "plan.xlsx", today=TODAY))
    ws = plan["Relationships"]
    labels = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, 30)}
    assert labels["Levels covered"] == expected
    rollup = load_workbook(write_rollup_workbook(filled, tmp_path / "r.xlsx", today=TODAY))
    accounts = {r["Account"]: r for r in rows_of(rollup["Accounts"], "Account")}
    assert accounts["Top Co"]["Levels covered (of 3)"] == len(live)
    assert len(set(BAND.values())) == relationship_coverage.LEVELS_GOAL


# --- the mirrored commitment: one rule -------------------------------------------------------


def test_the_mirrored_commitment_gap_is_flagged_alike_everywhere(filled, tmp_path) -> None:
    """The roll-up flagged a top-tier account without a program manager while the CSAs
    page and the CSA workbook (which only judged full-time CSAs) said there were no gaps."""
    with filled.session() as s:
        top = s.scalar(select(Account.id).where(Account.name == "Top Co"))
        held = set(
            s.scalars(
                select(StakeholderRole.role)
                .join(Stakeholder, Stakeholder.id == StakeholderRole.stakeholder_id)
                .where(
                    Stakeholder.account_id == top,
                    Stakeholder.status == StakeholderStatus.ACTIVE,
                )
            )
        )
        gaps = read_coverage(s, TODAY)
        rollup = read_rollup(s, TODAY)
        mirror = [f for f in load_map(s, top, TODAY).coverage() if f.key == "mirror"]
    missing = [
        r for r in (BuyingRole.EXECUTIVE_SPONSOR, BuyingRole.PROGRAM_MANAGER) if r not in held
    ]
    assert missing == [BuyingRole.PROGRAM_MANAGER]  # by hand, from the role rows
    sentence = "Top-tier account: the customer has not named a program manager to mirror ours."
    assert [f.text for f in mirror] == [sentence]
    assert [(g.account, g.detail) for g in gaps] == [("Top Co", sentence)]
    (top_list,) = [lst for lst in attention(rollup) if lst.key == "top"]
    assert [(x.account.name, x.why) for x in top_list.lines] == [("Top Co", sentence)]
    book = load_workbook(write_csa_workbook(filled, tmp_path / "queries.xlsx", today=TODAY))
    coverage = rows_of(book["Warnings"], "Account")
    assert [(r["Account"], r["Detail"]) for r in coverage] == [("Top Co", sentence)]


# --- the roll-up's two multiples -------------------------------------------------------------


def test_both_portfolio_multiples_are_labelled_and_recomputed(filled, tmp_path) -> None:
    with filled.session() as s:
        pairs = s.execute(select(Account.arr, Account.initial_deal_value)).all()
    total = sum(a for a, _ in pairs) / sum(d for _, d in pairs)  # 1,000k / 150k
    mean = sum(a / d for a, d in pairs) / len(pairs)  # (9 + 2) / 2
    assert (round(total, 2), mean) == (6.67, 5.5)
    book = load_workbook(write_rollup_workbook(filled, tmp_path / "r.xlsx", today=TODAY))
    ws = book["Segments"]
    top = next(c.row for c in ws["A"] if c.value == "By tier")
    header = [c.value for c in ws[top + 1]]
    total_row = next(r for r in range(top + 2, top + 9) if ws.cell(r, 1).value == "Total")
    cells = dict(zip(header, [c.value for c in ws[total_row]], strict=False))
    assert cells["Total ARR ÷ total initial deals"] == pytest.approx(total)
    # The mean is a value from the same function as the tiers' means (accounts without ARR
    # have no multiple, so the tiers' means count different numbers of accounts).
    assert cells["Mean of the accounts' multiples"] == pytest.approx(mean)
    tiers = [
        dict(zip(header, [c.value for c in ws[r]], strict=False)) for r in range(top + 2, total_row)
    ]
    weighted = sum(t["Accounts"] * (t["Mean of the accounts' multiples"] or 0) for t in tiers)
    assert weighted / sum(t["Accounts"] for t in tiers) == pytest.approx(mean)
    accounts = book["Accounts"]
    notes = [c.value for c in accounts["A"] if isinstance(c.value, str)]
    assert "Multiple on the Total row: total ARR ÷ total initial deals." in notes


# --- accounts served: one definition ---------------------------------------------------------


def test_scorecard_and_stairway_metrics_count_the_same_accounts(filled) -> None:
    with filled.session() as s:
        names = dict(s.execute(select(TeamMember.id, TeamMember.name)).all())
        allocated = set(s.execute(select(CsaAllocation.csa_id, CsaAllocation.account_id)).all())
        named = s.execute(
            select(UseCase.csa_id, UseCase.account_id, UseCase.status).where(
                UseCase.csa_id.is_not(None)
            )
        ).all()
        scorecard = {r.csa: r for r in read_scorecard(s)}
        metrics = {m.name: m for m in csa_metrics(s)}
    for csa_id, name in names.items():
        served = {a for c, a in allocated if c == csa_id} | {
            u.account_id for u in named if u.csa_id == csa_id
        }
        adopted = [u for u in named if u.csa_id == csa_id and u.status == UseCaseStatus.ADOPTED]
        assert scorecard[name].accounts_served == metrics[name].accounts == len(served)
        assert scorecard[name].use_cases_adopted == metrics[name].metrics.adopted == len(adopted)
    # Rui is named on a use case at Top Co without an allocation there: served, and counted.
    assert scorecard["Rui Santos"].accounts_served == 2


# --- the CSA period, hours, chargeability and trapped ------------------------------------------


def hours_by_hand(rows, capacity: float, start: dt.date, end: dt.date) -> tuple[float, float]:
    """(allocated, chargeable) hours, day by day: a weekday inside an allocation adds its
    share of a fifth of the CSA's weekly hours."""
    allocated = chargeable = 0.0
    day = start
    while day <= end:
        if day.weekday() < 5:
            for r in rows:
                if r.start_date <= day <= r.end_date:
                    allocated += capacity / 5 * r.fraction
                    if r.funding == Funding.CHARGEABLE:
                        chargeable += capacity / 5 * r.fraction
        day += dt.timedelta(days=1)
    return allocated, chargeable


def test_csa_figures_are_the_same_over_one_stated_period(filled, tmp_path) -> None:
    start, end = rules.default_period(TODAY)
    assert (start, end) == (D(2026, 11, 23), D(2027, 5, 23))  # Mon to Sun, 26 weeks
    with filled.session() as s:
        people = s.execute(
            select(TeamMember.id, TeamMember.name, TeamMember.bill_rate).order_by(TeamMember.name)
        ).all()
        allocations = s.execute(select(CsaAllocation)).scalars().all()
        data = queries.read_csa_data(s)
    page = {f.csa.name: f for f in rules.csa_figures(data, start, end, TODAY)}
    book = load_workbook(write_csa_workbook(filled, tmp_path / "queries.xlsx", today=TODAY))
    sheet = {r["CSA"]: r for r in rows_of(book["CSAs"], "CSA")}
    assert book["CSAs"]["B3"].value.startswith("Mon 23 Nov 2026 to Sun 23 May 2027")
    capacity = 40 * 130 / 5  # 130 weekdays in 26 weeks
    for person_id, name, rate in people:
        mine = [a for a in allocations if a.csa_id == person_id]
        allocated, chargeable = hours_by_hand(mine, 40, start, end)
        window = page[name].window
        assert window.allocated_hours == pytest.approx(allocated)
        assert window.revenue == pytest.approx(rate * chargeable)
        assert sheet[name]["Allocated hours"] == round(allocated)
        assert sheet[name]["Billable revenue"] == pytest.approx(round(rate * chargeable, 2))
        # Chargeability both ways, each stated in its header.
        assert sheet[name]["Chargeable ÷ capacity"] == pytest.approx(chargeable / capacity)
        assert window.chargeability == pytest.approx(chargeable / capacity)
        assert sheet[name]["Chargeable ÷ allocated"] == pytest.approx(chargeable / allocated)
        assert window.chargeable_of_allocated == pytest.approx(chargeable / allocated)
    assert page["Ada Brennan"].window.chargeable_of_allocated < 1  # vendor-paid time


def test_three_quarter_time_for_two_years_is_trapped_on_the_page_and_in_the_workbook(
    filled, tmp_path
) -> None:
    with filled.session() as s:
        data = queries.read_csa_data(s)
        (rui,) = s.execute(
            select(CsaAllocation.start_date, CsaAllocation.end_date, CsaAllocation.fraction)
            .join(TeamMember, TeamMember.id == CsaAllocation.csa_id)
            .where(TeamMember.name == "Rui Santos")
        ).all()
    months = (
        (rui.end_date.year - rui.start_date.year) * 12 + rui.end_date.month - rui.start_date.month
    )
    assert rui.fraction >= 0.5 and months >= 12 and rui.end_date >= TODAY  # by hand: trapped
    figures = rules.csa_figures(data, *rules.default_period(TODAY), TODAY)
    trapped = [w for w in rules.all_warnings(figures) if w.kind.value == "trapped"]
    assert [w.csa for w in trapped] == ["Rui Santos"]
    assert "at 75% or more of their time, without a break, from 2025-01-06 to 2026-12-31" in (
        trapped[0].message
    )
    assert "over the 12-month limit at 50% or more" in trapped[0].message
    book = load_workbook(write_csa_workbook(filled, tmp_path / "queries.xlsx", today=TODAY))
    warnings = rows_of(book["Warnings"], "CSA")
    assert [(w["CSA"], w["Warning"]) for w in warnings] == [
        ("Rui Santos", "Trapped on one account")
    ]
    assert warnings[0]["What"] == trapped[0].message
