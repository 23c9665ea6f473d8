"""The demo's written risks and the app's proposals agree: a risk the CSM wrote about a
finding holds that finding's key, so the Plan tab never proposes it a second time; and the
proposals the demo is there to show do show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from cs_planner.demo import generate
from cs_planner.domain.enums import RiskCategory
from cs_planner.domain.model import Account, Stakeholder, TeamMember, UseCase
from cs_planner.domain.plan.risk_rules import RULES, Proposal, champion_left_key
from cs_planner.domain.plan.risks import RiskData, RiskRow, load_risks
from cs_planner.storage import Portfolio, open_portfolio

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portfolio]:
    portfolio = open_portfolio(tmp_path_factory.mktemp("proposals") / "demo.csplan")
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    yield portfolio
    portfolio.close()


@pytest.fixture(scope="module")
def plans(demo: Portfolio) -> dict[str, RiskData]:
    with demo.read() as s:
        accounts = s.execute(select(Account.name, Account.id)).all()
        return {name: load_risks(s, account_id, TODAY) for name, account_id in accounts}


@pytest.fixture(scope="module")
def names(demo: Portfolio) -> dict[str, dict[int, str]]:
    """The names a proposal's key points at: stakeholders, use cases, our people."""
    with demo.read() as s:
        return {
            "champion-left": {i: n for i, n in s.execute(select(Stakeholder.id, Stakeholder.name))},
            "use-case-overdue": {i: n for i, n in s.execute(select(UseCase.id, UseCase.title))},
            "csa-trapped": {i: n for i, n in s.execute(select(TeamMember.id, TeamMember.name))},
        }


def _same_finding(proposal: Proposal, risk: RiskRow, names: dict[str, dict[int, str]]) -> bool:
    """A written risk says what the proposal says: about the same person, use case or
    renewal."""
    kind, _, subject = proposal.key.partition(":")
    text = risk.values.description.lower()
    if kind == "single-threaded":
        return "single-threaded" in text
    if kind == "renewal-at-risk":
        return risk.values.category == RiskCategory.COMMERCIAL and "renewal" in text
    named = names[kind].get(int(subject.split(":")[0]), "")
    return bool(named) and named.lower() in text


def test_no_proposal_repeats_an_open_risk(
    plans: dict[str, RiskData], names: dict[str, dict[int, str]]
) -> None:
    for account, data in plans.items():
        open_risks = [r for r in data.risks if r.is_open]
        for proposal in data.proposals:
            repeats = [r for r in open_risks if _same_finding(proposal, r, names)]
            assert not repeats, (account, proposal.text, repeats)


def test_the_departed_champion_risk_holds_the_proposal_key(plans: dict[str, RiskData]) -> None:
    valemont = plans["Valemont Markets"]
    keyed = [r for r in valemont.risks if r.proposal_key]
    assert [r.values.category for r in keyed] == [RiskCategory.RELATIONSHIP]
    (risk,) = keyed
    assert risk.proposal_key and risk.proposal_key.startswith("champion-left:")
    stakeholder_id = int(risk.proposal_key.split(":")[1])
    assert risk.proposal_key == champion_left_key(stakeholder_id)
    assert not [p for p in valemont.proposals if p.key == risk.proposal_key]


def test_every_kind_of_proposal_the_demo_can_show_fires(plans: dict[str, RiskData]) -> None:
    fired = {p.key.split(":")[0]: account for account, d in plans.items() for p in d.proposals}
    # Every rule the app has fires on some account: the demo shows each kind of proposal.
    kinds = {rule.__name__.replace("_", "-") for rule in RULES}
    assert kinds == {
        "champion-left",
        "single-threaded",
        "renewal-at-risk",
        "overdue-use-cases",
        "csa-trapped",
    }
    assert set(fired) == {
        "champion-left",
        "single-threaded",
        "renewal-at-risk",
        "use-case-overdue",
        "csa-trapped",
    }
    assert fired["renewal-at-risk"] == "Valemont Markets"


def test_one_account_is_single_threaded_on_its_one_live_contact(
    plans: dict[str, RiskData], names: dict[str, dict[int, str]]
) -> None:
    threaded = {
        account: p
        for account, d in plans.items()
        for p in d.proposals
        if p.key.startswith("single-threaded:")
    }
    assert len(threaded) == 1, threaded
    (proposal,) = threaded.values()
    person = names["champion-left"][int(proposal.key.split(":")[1])]
    assert f"everything rests on {person}" in proposal.text


def test_the_at_risk_renewal_is_within_the_window(plans: dict[str, RiskData]) -> None:
    (proposal,) = [p for p in plans["Valemont Markets"].proposals if p.key.startswith("renewal")]
    renews = dt.date.fromisoformat(proposal.key.split(":")[1])
    assert 30 <= (renews - TODAY).days <= 90
    assert "health red" in proposal.text
