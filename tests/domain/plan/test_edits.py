"""Every edit of the risk register, renewals and evangelism on a real SQLite file, no Qt:
done, undone, redone; refused input leaves the file unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.edits import Edit, run
from cs_planner.domain.enums import PlanArea, RenewalOutcome, RiskCategory, RiskStatus, StoryKind
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Objective, RiskDismissal
from cs_planner.domain.plan import (
    evangelism,
    evangelism_edits,
    renewal_edits,
    renewals,
    risk_edits,
    risks,
)
from cs_planner.domain.plan.evangelism import PromotionValues, StoryValues
from cs_planner.domain.plan.renewals import RenewalValues, Suggestion
from cs_planner.domain.plan.risk_rules import Proposal
from cs_planner.domain.plan.risks import RiskValues
from cs_planner.storage import Portfolio
from tests.domain.plan.conftest import TODAY, add_person

RISK = RiskValues("The sponsor may move", RiskCategory.RELATIONSHIP, 3, 4)
RENEWAL = RenewalValues(dt.date(2026, 3, 1), 12, 90_000, 100_000, RenewalOutcome.EXPANDED)


def dump(portfolio: Portfolio, account_id: int) -> dict[str, Any]:
    with portfolio.read() as s:
        return {
            "risks": risks.list_risks(s, account_id),
            "dismissed": s.scalars(select(RiskDismissal.key)).all(),
            "renewals": renewals.list_renewals(s, account_id),
            "objectives": s.execute(select(Objective.id, Objective.title)).all(),
            "stories": evangelism.list_stories(s, account_id),
            "promotions": evangelism.list_promotions(s, account_id),
        }


def do_undo_redo(portfolio: Portfolio, account_id: int, edit: Edit) -> dict[str, Any]:
    """Apply, check undo puts everything back and redo gives the same again; the state after."""
    before = dump(portfolio, account_id)
    with portfolio.session() as s:
        changes = run(s, edit)
    assert account_id in changes.accounts
    after = dump(portfolio, account_id)
    assert after != before
    with portfolio.session() as s:
        edit.revert(s)
    assert dump(portfolio, account_id) == before
    with portfolio.session() as s:
        run(s, edit)
    assert dump(portfolio, account_id) == after
    return after


def refused(portfolio: Portfolio, account_id: int, edit: Edit, field: str | None) -> None:
    before = dump(portfolio, account_id)
    with pytest.raises(ValidationError) as err, portfolio.session() as s:
        run(s, edit)
    assert err.value.field == field, err.value.message
    assert dump(portfolio, account_id) == before


def added(portfolio: Portfolio, account_id: int, edit: Edit) -> Any:
    with portfolio.session() as s:
        run(s, edit)
    return dump(portfolio, account_id)


# --- the risk register --------------------------------------------------------------------


def test_add_edit_delete_a_risk(portfolio, acct) -> None:
    a = acct["account"]
    after = do_undo_redo(portfolio, a, risk_edits.add_risk(a, RISK, TODAY))
    (row,) = after["risks"]
    assert (row.values, row.raised_on, row.proposal_key, row.exposure) == (RISK, TODAY, None, 12)
    closed = dataclasses.replace(RISK, status=RiskStatus.CLOSED, owner_id=acct["csm"])
    after = do_undo_redo(portfolio, a, risk_edits.edit_risk(a, row, closed))
    assert after["risks"][0].values == closed and after["risks"][0].owner == "Cleo Marsh"
    after = do_undo_redo(portfolio, a, risk_edits.delete_risk(a, after["risks"][0]))
    assert after["risks"] == []


@pytest.mark.parametrize(
    ("values", "field"),
    [(dataclasses.replace(RISK, likelihood=6), "likelihood"),
     (dataclasses.replace(RISK, impact=0), "impact"),
     (dataclasses.replace(RISK, description="  "), "description")],
)  # fmt: skip
def test_a_bad_risk_is_refused(portfolio, acct, values: RiskValues, field: str) -> None:
    refused(portfolio, acct["account"], risk_edits.add_risk(acct["account"], values, TODAY), field)


PROPOSAL = Proposal("champion-left:1", "Champion left.", RiskCategory.RELATIONSHIP, 4, 4, "Re-win")


def test_accept_and_dismiss(portfolio, acct) -> None:
    a = acct["account"]
    after = do_undo_redo(portfolio, a, risk_edits.accept(a, PROPOSAL, acct["csm"], TODAY))
    assert after["risks"][0].proposal_key == PROPOSAL.key
    with portfolio.session() as s:
        risks_now = risks.list_risks(s, a)
    do_undo_redo(portfolio, a, risk_edits.delete_risk(a, risks_now[0]))
    after = do_undo_redo(portfolio, a, risk_edits.dismiss(a, PROPOSAL, TODAY))
    assert after["dismissed"] == [PROPOSAL.key]


# --- renewals ---------------------------------------------------------------------------


def test_add_edit_delete_a_renewal(portfolio, acct) -> None:
    a = acct["account"]
    after = do_undo_redo(portfolio, a, renewal_edits.add_renewal(a, RENEWAL))
    (row,) = after["renewals"]
    assert row.values == RENEWAL and row.change == 10_000
    contracted = dataclasses.replace(RENEWAL, arr_after=80_000, outcome=RenewalOutcome.CONTRACTED)
    after = do_undo_redo(portfolio, a, renewal_edits.edit_renewal(a, row, contracted))
    assert after["renewals"][0].values == contracted
    do_undo_redo(portfolio, a, renewal_edits.delete_renewal(a, after["renewals"][0]))


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"outcome": RenewalOutcome.CONTRACTED}, "arr_after"),  # contracted with more ARR
     ({"arr_after": 0.0}, "arr_after"),
     ({"term_months": 0}, "term_months")],
)  # fmt: skip
def test_a_renewal_that_contradicts_itself_is_refused(portfolio, acct, changes, field) -> None:
    a = acct["account"]
    values = dataclasses.replace(RENEWAL, **changes)
    refused(portfolio, a, renewal_edits.add_renewal(a, values), field)


def test_two_renewals_on_one_day_are_refused(portfolio, acct) -> None:
    a = acct["account"]
    added(portfolio, a, renewal_edits.add_renewal(a, RENEWAL))
    refused(portfolio, a, renewal_edits.add_renewal(a, RENEWAL), "renewed_on")


def test_add_a_suggested_objective(portfolio, acct) -> None:
    a = acct["account"]
    suggestion = Suggestion(PlanArea.ADOPTION, "Lift licence utilisation from 64% to 80%")
    after = do_undo_redo(portfolio, a, renewal_edits.add_objective(a, suggestion, TODAY))
    assert [title for _id, title in after["objectives"]] == [suggestion.title]


# --- evangelism -------------------------------------------------------------------------


def story(acct: dict[str, int]) -> StoryValues:
    return StoryValues(acct["exec"], StoryKind.WEBINAR, dt.date(2026, 10, 1), "Scaling")


def test_add_edit_delete_a_story(portfolio, acct) -> None:
    a = acct["account"]
    after = do_undo_redo(portfolio, a, evangelism_edits.add_story(a, story(acct)))
    (row,) = after["stories"]
    assert (row.values, row.champion) == (story(acct), "Eve Exec")
    moved = dataclasses.replace(story(acct), stakeholder_id=acct["manager"], title="Again")
    after = do_undo_redo(portfolio, a, evangelism_edits.edit_story(a, row, moved))
    assert after["stories"][0].champion == "Max Manager"
    do_undo_redo(portfolio, a, evangelism_edits.delete_story(a, after["stories"][0]))


def test_add_edit_delete_a_promotion(portfolio, acct) -> None:
    a = acct["account"]
    values = PromotionValues(acct["exec"], dt.date(2026, 9, 1), "Chief Operating Officer")
    after = do_undo_redo(portfolio, a, evangelism_edits.add_promotion(a, values))
    (row,) = after["promotions"]
    assert row.values == values
    changed = dataclasses.replace(values, new_title="CEO")
    after = do_undo_redo(portfolio, a, evangelism_edits.edit_promotion(a, row, changed))
    assert after["promotions"][0].values.new_title == "CEO"
    do_undo_redo(portfolio, a, evangelism_edits.delete_promotion(a, after["promotions"][0]))


def test_a_story_of_someone_from_another_account_is_refused(portfolio, acct) -> None:
    a = acct["account"]
    with portfolio.session() as s:
        other = create_account(s, "Other", 1_000)
    stranger = add_person(portfolio, other, "Stranger", champion=True)
    values = dataclasses.replace(story(acct), stakeholder_id=stranger)
    refused(portfolio, a, evangelism_edits.add_story(a, values), "stakeholder_id")


def test_edits_read_as_sentences(acct) -> None:
    a = acct["account"]
    texts: list[Callable[[], Edit]] = [
        lambda: risk_edits.add_risk(a, RISK, TODAY),
        lambda: risk_edits.accept(a, PROPOSAL, None, TODAY),
        lambda: risk_edits.dismiss(a, PROPOSAL, TODAY),
        lambda: renewal_edits.add_renewal(a, RENEWAL),
        lambda: evangelism_edits.add_story(a, story(acct)),
    ]
    assert [make().text for make in texts] == [
        "Add the risk 'The sponsor may move'",
        "Accept the risk 'Champion left.'",
        "Dismiss the proposed risk 'Champion left.'",
        "Add the renewal of 2026-03-01",
        "Add the webinar of 2026-10-01",
    ]
