"""Input the domain used to accept but must not: overflowing numbers, unknown enum values,
control characters, huge text, malformed e-mails and names that differ only in case."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Enum, Integer, Numeric, String, Text, func, select, text

from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.accounts.rows import DivisionValues, GeographyValues
from cs_planner.domain.accounts.writes import (
    create_account,
    new_division,
    new_geography,
    update_account,
)
from cs_planner.domain.csa.edits import new_csa
from cs_planner.domain.csa.rows import CsaValues
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, Base, Stakeholder, TeamMember
from cs_planner.domain.model.base import NAME_MAX, NOTES_MAX
from cs_planner.domain.names import name_key


@pytest.fixture
def acme(portfolio) -> int:
    with portfolio.session() as s:
        return create_account(s, "Acme", 10_000)


def _rejected(portfolio, account_id: int, field: str, value: object) -> ValidationError:
    """Set ``field`` through the domain in a real transaction; the database is unchanged."""
    with portfolio.session() as s:
        before = s.execute(select(getattr(Account, field)).where(Account.id == account_id)).one()
    with pytest.raises(ValidationError) as info, portfolio.session() as s:
        update_account(s, account_id, field, value)
    assert info.value.field == field
    with portfolio.session() as s:
        after = s.execute(select(getattr(Account, field)).where(Account.id == account_id)).one()
    assert after == before
    return info.value


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("arr", float("inf"), "must be a number"),
        ("arr", float("-inf"), "must be a number"),
        ("arr", float("nan"), "must be a number"),
        ("arr", 1e300, "far too large"),
        ("arr", 1e13, "at most 999,999,999,999"),
        ("initial_deal_value", 1e-300, "at least 0.01"),
        ("initial_deal_value", 0.004, "at least 0.01"),
        ("licensed_seats", 2**63, "far too large"),
        ("licensed_seats", 10_000_001, "at most 10,000,000"),
        ("active_users", -1, "at least 0"),
        ("lifecycle_stage", "bogus", "one of: Land, Adopt, Expand, Renew"),
        ("reference_status", 3, "must be one of"),
        ("tier_override", "platinum", "must be one of"),
        ("strategic", "yes", "yes or no"),
        ("strategic", 1, "yes or no"),
        ("name", "Acme\x00Evil", "control character"),
        ("name", "Acme\nEvil", "one line"),
        ("name", "Acme\tEvil", "tab"),
        ("name", "A" * (NAME_MAX + 1), "too long"),
        ("industry", "Retail\u2028Logistics", "one line"),
        ("notes", "x" * (NOTES_MAX + 1), "too long"),
        ("notes", "line\x1b[31m red", "control character"),
    ],
)
def test_the_domain_refuses_with_a_message_not_a_crash(
    portfolio, acme: int, field: str, value: object, message: str
) -> None:
    error = _rejected(portfolio, acme, field, value)
    assert message in error.message


def test_values_a_person_types_are_still_accepted(portfolio, acme: int) -> None:
    with portfolio.session() as s:
        update_account(s, acme, "arr", 999_999_999_999)
        update_account(s, acme, "initial_deal_value", 0.01)
        update_account(s, acme, "licensed_seats", 10_000_000)
        update_account(s, acme, "lifecycle_stage", "adopt")  # a stored value is fine too
        update_account(s, acme, "notes", "Line one\r\n\tLine two\n" + "x" * 19_000)
        update_account(s, acme, "name", "Örebro Energi AB")
    with portfolio.session() as s:
        account = s.get(Account, acme)
        assert account.lifecycle_stage.label == "Adopt"
        assert account.notes.startswith("Line one\n\tLine two\n")  # CRLF became LF


def test_the_expansion_multiple_cannot_overflow(portfolio, acme: int) -> None:
    """The largest ARR over the smallest deal is a large but finite multiple."""
    from cs_planner.domain.accounts.queries import account_card

    with portfolio.session() as s:
        update_account(s, acme, "arr", 999_999_999_999)
        update_account(s, acme, "initial_deal_value", 0.01)
        multiple = account_card(s, acme).kpis.multiple
    assert multiple == pytest.approx(1e14)


@pytest.mark.parametrize("email", ["not an email", "a@b", "@example.com", "a@@b.com", "a b@c.de"])
def test_an_email_must_look_like_one(email: str) -> None:
    with pytest.raises(ValidationError, match="not an e-mail address") as info:
        Stakeholder(name="Ada", email=email)
    assert info.value.field == "email"
    with pytest.raises(ValidationError, match="not an e-mail address"):
        TeamMember(name="Ada", email=email)


def test_a_plain_email_and_none_are_fine() -> None:
    assert Stakeholder(name="Ada", email=" ada.lovelace@example.co.uk ").email == (
        "ada.lovelace@example.co.uk"
    )
    assert Stakeholder(name="Ada", email="").email == ""


def _text_columns() -> list[tuple[type, str, String]]:
    found = []
    for mapper in Base.registry.mappers:
        for prop in mapper.column_attrs:
            column = prop.columns[0]
            if isinstance(column.type, String) and not isinstance(column.type, Enum):
                found.append((mapper.class_, prop.key, column.type))
    return found


@pytest.mark.parametrize(
    ("model", "key", "kind"), _text_columns(), ids=lambda v: getattr(v, "__name__", str(v))
)
def test_every_text_column_refuses_control_characters_and_huge_text(
    model: type, key: str, kind: String
) -> None:
    row = model()
    with pytest.raises(ValidationError) as info:
        setattr(row, key, "Kestrel\x00")
    assert info.value.field == key
    limit = kind.length or NOTES_MAX
    with pytest.raises(ValidationError) as info:
        setattr(row, key, "x" * (limit + 1))
    assert info.value.field == key
    if isinstance(kind, Text):  # free text keeps its line breaks and tabs
        setattr(row, key, "one\n\ttwo")
        assert getattr(row, key) == "one\n\ttwo"
    else:
        with pytest.raises(ValidationError):
            setattr(row, key, "one\ntwo")


def _number_columns() -> list[tuple[type, str]]:
    found = []
    for mapper in Base.registry.mappers:
        for prop in mapper.column_attrs:
            column = prop.columns[0]
            if column.primary_key or column.foreign_keys:
                continue
            if isinstance(column.type, Numeric | Integer):
                found.append((mapper.class_, prop.key))
    return found


@pytest.mark.parametrize(("model", "key"), _number_columns(), ids=str)
def test_every_number_column_refuses_infinity_and_overflow(model: type, key: str) -> None:
    row = model()
    for value in (float("inf"), float("nan"), 2**63, "12"):
        with pytest.raises(ValidationError) as info:
            setattr(row, key, value)
        assert info.value.field == key


# --- names compared by Unicode case folding ------------------------------------------------


def test_names_fold_case_beyond_ascii() -> None:
    assert name_key("Örebro AB") == name_key("ÖREBRO  ab")
    assert name_key("O\u0308rebro AB") == name_key("Örebro AB")  # decomposed Ö
    assert name_key("Straße") == name_key("STRASSE")
    assert name_key("Örebro AB") != name_key("Orebro AB")


def test_account_names_are_unique_whatever_their_case(portfolio) -> None:
    with portfolio.session() as s:
        orebro = create_account(s, "Örebro AB", 1000)
        other = create_account(s, "Kiruna AB", 1000)
    with pytest.raises(ValidationError, match="already exists") as info, portfolio.session() as s:
        create_account(s, "ÖREBRO AB", 1000)
    assert info.value.field == "name"
    with pytest.raises(ValidationError, match="already exists"), portfolio.session() as s:
        update_account(s, other, "name", "örebro ab")
    with portfolio.session() as s:
        update_account(s, orebro, "name", "ÖREBRO AB")  # renaming itself is fine
        assert s.scalar(select(func.count(Account.id))) == 2


def test_other_unique_names_fold_case_too(portfolio, acme: int) -> None:
    with portfolio.session() as s:
        new_csa(s, CsaValues("Åsa Öberg", "", 40, None, None))
        new_division(s, acme, DivisionValues(name="Förädling"))
        new_geography(s, acme, GeographyValues(region="Nordics", country="Sverige"))
    with pytest.raises(ValidationError, match="already on the team"), portfolio.session() as s:
        new_csa(s, CsaValues("ÅSA ÖBERG", "", 40, None, None))
    with pytest.raises(ValidationError, match="already has a division"), portfolio.session() as s:
        new_division(s, acme, DivisionValues(name="FÖRÄDLING"))
    with pytest.raises(ValidationError, match="already lists"), portfolio.session() as s:
        new_geography(s, acme, GeographyValues(region="NORDICS", country="SVERIGE"))


def copy_account(session, account_id: int, name: str) -> None:
    """A copy of an account under another name, written by raw SQL (no validation)."""
    columns = [c.name for c in Account.__table__.c if c.name not in ("id", "name")]
    listed = ", ".join(columns)
    session.execute(
        text(
            f"INSERT INTO account (name, {listed}) SELECT :name, {listed} FROM account "
            "WHERE id = :id"
        ),
        {"name": name, "id": account_id},
    )


def test_find_account_folds_case_and_prefers_the_exact_name(portfolio) -> None:
    with portfolio.session() as s:
        orebro = create_account(s, "Örebro Energi AB", 1000)
    with portfolio.session() as s:
        assert find_account(s, "örebro energi ab") == orebro
        assert find_account(s, "ÖREBRO ENERGI AB") == orebro
        # An older file may hold a case variant the domain now refuses.
        copy_account(s, orebro, "ÖREBRO ENERGI AB")
    with portfolio.session() as s:
        variant = s.scalar(select(Account.id).where(Account.name == "ÖREBRO ENERGI AB"))
        assert find_account(s, "Örebro Energi AB") == orebro
        assert find_account(s, "ÖREBRO ENERGI AB") == variant
        with pytest.raises(ValidationError, match="Several accounts"):
            find_account(s, "örebro energi ab")
        with pytest.raises(ValidationError, match="no account named"):
            find_account(s, "Orebro Energi AB")


def test_a_rejected_account_leaves_no_row(portfolio) -> None:
    with pytest.raises(ValidationError), portfolio.session() as s:
        create_account(s, "Kestrel", 1000, arr=float("inf"), renewal_date=dt.date(2027, 1, 1))
    with portfolio.session() as s:
        assert s.scalar(select(func.count(Account.id))) == 0
