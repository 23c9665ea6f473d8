"""The risks the app proposes, each on a real file built for it (and not otherwise); a
proposal accepted or dismissed is never proposed again, and undo proposes it again."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from cs_planner.domain.edits import Edit, run
from cs_planner.domain.enums import (
    HealthBand,
    RiskCategory,
    RiskStatus,
    StakeholderStatus,
    UseCaseStatus,
)
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    Account,
    CsaAllocation,
    Risk,
    RiskDismissal,
    Stakeholder,
    UseCase,
)
from cs_planner.domain.plan import risk_edits, risk_rules, risks
from cs_planner.domain.plan.risk_rules import Proposal
from cs_planner.storage import Portfolio
from tests.domain.plan.conftest import TODAY


def proposed(portfolio: Portfolio, account_id: int) -> dict[str, Proposal]:
    with portfolio.read() as s:
        data = risks.load_risks(s, account_id, TODAY)
    return {p.key: p for p in data.proposals}


def do(portfolio: Portfolio, edit: Edit) -> None:
    with portfolio.session() as s:
        run(s, edit)


def undo(portfolio: Portfolio, edit: Edit) -> None:
    with portfolio.session() as s:
        edit.revert(s)
        s.flush()


def test_a_healthy_account_gets_no_proposal(portfolio, acct) -> None:
    assert proposed(portfolio, acct["account"]) == {}


def test_a_champion_who_left_is_proposed(portfolio, acct, change) -> None:
    change(Stakeholder, acct["exec"], status=StakeholderStatus.LEFT_COMPANY)
    found = proposed(portfolio, acct["account"])
    key = f"champion-left:{acct['exec']}"
    assert list(found) == [key]
    assert "Champion Eve Exec left the company" in found[key].text
    assert found[key].category == RiskCategory.RELATIONSHIP


def test_a_non_champion_who_left_is_not(portfolio, acct, change) -> None:
    change(Stakeholder, acct["manager"], status=StakeholderStatus.LEFT_COMPANY)
    assert proposed(portfolio, acct["account"]) == {}


def test_single_threaded_is_proposed(portfolio, acct, change) -> None:
    change(Stakeholder, acct["manager"], last_contact=TODAY - dt.timedelta(days=200))
    assert proposed(portfolio, acct["account"]) == {}  # two live people: not single-threaded
    change(Stakeholder, acct["user"], last_contact=TODAY - dt.timedelta(days=200))
    found = proposed(portfolio, acct["account"])
    assert list(found) == [f"single-threaded:{acct['exec']}"]
    assert "everything rests on Eve Exec" in found[f"single-threaded:{acct['exec']}"].text


def test_a_renewal_within_90_days_with_amber_health_is_proposed(portfolio, acct, change) -> None:
    soon = TODAY + dt.timedelta(days=60)
    change(Account, acct["account"], renewal_date=soon)
    assert proposed(portfolio, acct["account"]) == {}  # green health
    change(Account, acct["account"], active_users=10)  # utilisation 10%: amber
    found = proposed(portfolio, acct["account"])
    key = f"renewal-at-risk:{soon.isoformat()}"
    assert list(found) == [key]
    assert "in 60 days, with health amber" in found[key].text
    assert (found[key].category, found[key].impact) == (RiskCategory.COMMERCIAL, 5)


def test_amber_health_with_the_renewal_far_away_is_not(portfolio, acct, change) -> None:
    change(Account, acct["account"], active_users=10, renewal_date=TODAY + dt.timedelta(days=91))
    assert proposed(portfolio, acct["account"]) == {}


def test_an_overdue_use_case_is_proposed(portfolio, acct) -> None:
    with portfolio.session() as s:
        late = UseCase(
            account_id=acct["account"],
            title="Claims intake",
            status=UseCaseStatus.PLANNED,
            target_quarter=dt.date(2026, 4, 1),
        )
        live = UseCase(
            account_id=acct["account"],
            title="Live one",
            status=UseCaseStatus.LIVE,
            target_quarter=dt.date(2026, 4, 1),
        )
        due = UseCase(
            account_id=acct["account"],
            title="This quarter",
            status=UseCaseStatus.PLANNED,
            target_quarter=dt.date(2026, 10, 1),
        )
        s.add_all([late, live, due])  # fmt: skip
        s.flush()
        late_id = late.id
    found = proposed(portfolio, acct["account"])
    assert list(found) == [f"use-case-overdue:{late_id}"]
    assert "Claims intake is overdue" in found[f"use-case-overdue:{late_id}"].text


def allocation(acct: dict[str, int], share: float, start: dt.date, end: dt.date) -> CsaAllocation:
    return CsaAllocation(
        csa_id=acct["csa"], account_id=acct["account"], fraction=share, start_date=start,
        end_date=end,
    )  # fmt: skip


def test_a_trapped_csa_is_proposed(portfolio, acct) -> None:
    with portfolio.session() as s:
        s.add(allocation(acct, 0.5, dt.date(2026, 1, 1), dt.date(2027, 6, 30)))
    found = proposed(portfolio, acct["account"])
    key = f"csa-trapped:{acct['csa']}:2026-01-01"
    assert list(found) == [key]
    assert "CSA Arun Patel is trapped on the account: 18 months" in found[key].text


def test_a_shorter_allocation_is_not_trapped(portfolio, acct) -> None:
    with portfolio.session() as s:
        s.add(allocation(acct, 1.0, dt.date(2026, 6, 1), dt.date(2027, 1, 31)))
    assert proposed(portfolio, acct["account"]) == {}


@pytest.fixture
def left(portfolio, acct, change) -> Proposal:
    change(Stakeholder, acct["exec"], status=StakeholderStatus.LEFT_COMPANY)
    return proposed(portfolio, acct["account"])[f"champion-left:{acct['exec']}"]


def test_accepted_is_never_proposed_again_and_undo_proposes_it(portfolio, acct, left) -> None:
    a = acct["account"]
    edit = risk_edits.accept(a, left, acct["csm"], TODAY)
    do(portfolio, edit)
    assert proposed(portfolio, a) == {}
    with portfolio.read() as s:
        (row,) = risks.list_risks(s, a)
    assert row.proposal_key == left.key and row.values.description == left.text
    assert (row.values.owner_id, row.values.status) == (acct["csm"], RiskStatus.OPEN)
    assert row.values.review_date == TODAY + dt.timedelta(days=30)
    assert (row.values.likelihood, row.values.impact, row.raised_on) == (4, 4, TODAY)
    undo(portfolio, edit)
    assert list(proposed(portfolio, a)) == [left.key]
    do(portfolio, edit)  # redo
    assert proposed(portfolio, a) == {}
    with portfolio.read() as s:
        assert s.scalar(select(Risk.proposal_key)) == left.key


def test_dismissed_is_never_proposed_again_and_undo_proposes_it(portfolio, acct, left) -> None:
    a = acct["account"]
    edit = risk_edits.dismiss(a, left, TODAY)
    do(portfolio, edit)
    assert proposed(portfolio, a) == {}
    with portfolio.read() as s:
        assert s.scalars(select(RiskDismissal.key)).all() == [left.key]
        assert risks.list_risks(s, a) == []
    undo(portfolio, edit)
    assert list(proposed(portfolio, a)) == [left.key]
    do(portfolio, edit)
    assert proposed(portfolio, a) == {}


def test_a_proposal_taken_already_is_refused(portfolio, acct, left) -> None:
    a = acct["account"]
    do(portfolio, risk_edits.dismiss(a, left, TODAY))
    for edit in (risk_edits.accept(a, left, None, TODAY), risk_edits.dismiss(a, left, TODAY)):
        with pytest.raises(ValidationError, match="accepted or dismissed already"):
            do(portfolio, edit)
    with portfolio.read() as s:
        assert risks.list_risks(s, a) == []


def test_proposals_biggest_exposure_first() -> None:
    f = risk_rules.ProposalFacts(
        today=TODAY, people=(), stale_days=90, renewal_date=TODAY + dt.timedelta(days=10),
        band=HealthBand.RED, score=40.0, use_cases=(), trapped=(), taken=frozenset(),
    )  # fmt: skip
    keys = [p.key for p in risk_rules.proposals(f)]
    # Nobody live: single-threaded (3 x 4); the renewal with red health (4 x 5) first.
    assert keys == [f"renewal-at-risk:{(TODAY + dt.timedelta(days=10)).isoformat()}",
                    "single-threaded:none"]  # fmt: skip
    taken = risk_rules.proposals(
        risk_rules.ProposalFacts(**{**f.__dict__, "taken": frozenset(keys[:1])})
    )
    assert [p.key for p in taken] == keys[1:]


@pytest.mark.parametrize(
    ("exposure", "band"),
    [(1, HealthBand.GREEN), (4, HealthBand.GREEN), (5, HealthBand.AMBER),
     (12, HealthBand.AMBER), (15, HealthBand.RED), (25, HealthBand.RED)],
)  # fmt: skip
def test_exposure_bands(exposure: int, band: HealthBand) -> None:
    assert risk_rules.exposure_band(exposure) == band


def test_grid_counts_every_cell() -> None:
    counts = risk_rules.grid_counts([(4, 5), (4, 5), (1, 1), (9, 9)])
    assert len(counts) == 25 and counts[(4, 5)] == 2 and counts[(1, 1)] == 1
    assert sum(counts.values()) == 3  # a cell off the grid is not counted


def test_review_overdue() -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    assert risk_rules.review_overdue(yesterday, True, TODAY)
    assert not risk_rules.review_overdue(yesterday, False, TODAY)  # closed: nothing to review
    assert not risk_rules.review_overdue(TODAY, True, TODAY)
    assert not risk_rules.review_overdue(None, True, TODAY)
