"""Every change to the risk register, as undoable edits: add, edit and delete a risk; accept
a proposal (the risk with its proposal key, owned by the CSM, reviewed in 30 days) or
dismiss it (a ``risk_dismissal`` row). Undo of either proposes it again."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Delete, Edit, Insert, Update
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Risk, RiskDismissal
from cs_planner.domain.plan import risks
from cs_planner.domain.plan.risk_rules import REVIEW_AFTER_DAYS, Proposal
from cs_planner.domain.plan.risks import RiskRow, RiskValues

TAKEN = "That proposal was accepted or dismissed already."


def _short(text: str, most: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1] + "…"


def add_risk(account_id: int, values: RiskValues, today: dt.date) -> Insert[Risk]:
    return Insert(
        f"Add the risk '{_short(values.description)}'",
        lambda s: risks.new_risk(s, account_id, values, today),
        Changes.account(account_id),
    )


def edit_risk(account_id: int, row: RiskRow, values: RiskValues) -> Update[RiskValues]:
    return Update(
        f"Edit the risk '{_short(values.description)}'",
        risks.update_risk,
        row.id,
        values,
        Changes.account(account_id),
    )


def delete_risk(account_id: int, row: RiskRow) -> Edit:
    return Delete(
        f"Delete the risk '{_short(row.values.description)}'",
        Risk,
        [row.id],
        Changes.account(account_id),
    )


def _check_open(session: Session, account_id: int, key: str) -> None:
    if key in risks.taken_keys(session, account_id):
        raise ValidationError(TAKEN)


def accepted_values(proposal: Proposal, csm_id: int | None, today: dt.date) -> RiskValues:
    return RiskValues(
        description=proposal.text,
        category=proposal.category,
        likelihood=proposal.likelihood,
        impact=proposal.impact,
        owner_id=csm_id,
        mitigation=proposal.mitigation,
        review_date=today + dt.timedelta(days=REVIEW_AFTER_DAYS),
    )


def accept(account_id: int, proposal: Proposal, csm_id: int | None, today: dt.date) -> Insert[Risk]:
    """The proposal becomes a risk in the register, owned by the CSM."""
    values = accepted_values(proposal, csm_id, today)

    def factory(session: Session) -> Risk:
        _check_open(session, account_id, proposal.key)
        return risks.new_risk(session, account_id, values, today, proposal.key)

    return Insert(
        f"Accept the risk '{_short(proposal.text)}'", factory, Changes.account(account_id)
    )


def dismiss(account_id: int, proposal: Proposal, today: dt.date) -> Insert[RiskDismissal]:
    """Never propose it again."""

    def factory(session: Session) -> RiskDismissal:
        _check_open(session, account_id, proposal.key)
        return RiskDismissal(account_id=account_id, key=proposal.key, dismissed_on=today)

    return Insert(
        f"Dismiss the proposed risk '{_short(proposal.text)}'",
        factory,
        Changes.account(account_id),
    )
