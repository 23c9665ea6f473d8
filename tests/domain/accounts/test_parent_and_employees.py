"""An account's parent account and employee count, a stakeholder's phone and country: set
through the same edits as their neighbours, checked in the domain (a loop of parents, a
phone with letters, a negative headcount refused with a sentence; nothing changed)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cs_planner.domain.accounts import edits
from cs_planner.domain.accounts.queries import account_card
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.edits import run
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, Stakeholder
from cs_planner.domain.model.base import a_phone
from cs_planner.storage import Portfolio


@pytest.fixture
def group(portfolio: Portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        return {
            name: create_account(s, name, 100_000)
            for name in ("Group Holding", "Acme Corp", "Acme Benelux")
        }


def _parents(portfolio: Portfolio) -> dict[str, int | None]:
    with portfolio.read() as s:
        return {name: parent for name, parent in s.execute(select(Account.name, Account.parent_id))}


def test_parent_set_undone_and_redone_and_shown_on_the_card(
    portfolio: Portfolio, group: dict[str, int]
) -> None:
    edit = edits.SetAccountField(
        group["Acme Corp"], "parent_id", group["Group Holding"], "Set parent"
    )
    assert edit.changes.account_list  # the list's tooltip names the parent
    with portfolio.session() as s:
        run(s, edit)
    with portfolio.read() as s:
        card = account_card(s, group["Acme Corp"])
        assert (card.parent_id, card.parent) == (group["Group Holding"], "Group Holding")
    with portfolio.session() as s:
        edit.revert(s)
    assert _parents(portfolio)["Acme Corp"] is None
    with portfolio.session() as s:
        run(s, edit)
    assert _parents(portfolio)["Acme Corp"] == group["Group Holding"]


@pytest.mark.parametrize("loop", [False, True])
def test_an_account_cannot_be_its_own_parent_or_close_a_loop(
    portfolio: Portfolio, group: dict[str, int], loop: bool
) -> None:
    with portfolio.session() as s:
        run(s, edits.SetAccountField(group["Acme Corp"], "parent_id", group["Group Holding"], ""))
        run(s, edits.SetAccountField(group["Acme Benelux"], "parent_id", group["Acme Corp"], ""))
    before = _parents(portfolio)
    target = group["Acme Benelux"] if loop else group["Group Holding"]
    with pytest.raises(ValidationError) as caught, portfolio.session() as s:
        run(s, edits.SetAccountField(group["Group Holding"], "parent_id", target, "Set parent"))
    wanted = "loop in the account hierarchy" if loop else "cannot be its own parent account"
    assert wanted in caught.value.message and caught.value.field == "parent_id"
    assert _parents(portfolio) == before


def test_a_parent_that_is_gone_is_refused(portfolio: Portfolio, group: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="no longer exists"), portfolio.session() as s:
        run(s, edits.SetAccountField(group["Acme Corp"], "parent_id", 999_999, "Set parent"))


def test_deleting_the_parent_clears_the_link_and_undo_puts_it_back(
    portfolio: Portfolio, group: dict[str, int]
) -> None:
    with portfolio.session() as s:
        run(s, edits.SetAccountField(group["Acme Corp"], "parent_id", group["Group Holding"], ""))
    delete = edits.delete_accounts("Delete Group Holding", [group["Group Holding"]])
    with portfolio.session() as s:
        run(s, delete)
    assert _parents(portfolio) == {"Acme Corp": None, "Acme Benelux": None}
    with portfolio.session() as s:
        delete.revert(s)
    assert _parents(portfolio)["Acme Corp"] == group["Group Holding"]


@pytest.mark.parametrize(
    ("value", "message"),
    [(-1, "at least 0"), (2.5, "whole number"), (10**9, "at most 10,000,000")],
)
def test_employees_must_be_a_whole_number_not_below_zero(
    portfolio: Portfolio, group: dict[str, int], value: float, message: str
) -> None:
    with pytest.raises(ValidationError, match=message), portfolio.session() as s:
        run(s, edits.SetAccountField(group["Acme Corp"], "employees", value, "Set employees"))
    edit = edits.SetAccountField(group["Acme Corp"], "employees", 850, "Set employees")
    with portfolio.session() as s:
        run(s, edit)
    with portfolio.read() as s:
        assert account_card(s, group["Acme Corp"]).employees == 850


@pytest.mark.parametrize(
    "phone", ["+44 (0)20 7946-0958", "030/1234.56 x12", "+1 555 0100 X7", "  0800 111  "]
)
def test_phone_numbers_as_people_write_them_are_kept(phone: str) -> None:
    assert a_phone(phone, "The phone number", "phone") == phone.strip()


@pytest.mark.parametrize("phone", ["call me", "+44 20 7946 0958 ext. 5", "---", "1" * 41, "12\n3"])
def test_a_phone_that_is_not_one_is_refused(
    portfolio: Portfolio, group: dict[str, int], phone: str
) -> None:
    with pytest.raises(ValidationError) as caught, portfolio.session() as s:
        s.add(Stakeholder(account_id=group["Acme Corp"], name="Ada Brennan", phone=phone))
    assert caught.value.field == "phone"
    with portfolio.read() as s:
        assert s.scalar(select(Stakeholder.id)) is None


def test_a_stakeholders_phone_and_country_are_stored(
    portfolio: Portfolio, group: dict[str, int]
) -> None:
    with portfolio.session() as s:
        s.add(
            Stakeholder(
                account_id=group["Acme Corp"], name="Ada", phone="+49 30 1234", country="Germany"
            )
        )
    with portfolio.read() as s:
        person = s.scalars(select(Stakeholder)).one()
        assert (person.phone, person.country) == ("+49 30 1234", "Germany")
    with pytest.raises(ValidationError, match="too long"), portfolio.session() as s:
        found = s.scalars(select(Stakeholder)).one()
        found.country = "x" * 101
