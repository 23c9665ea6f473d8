"""Bad input raises one error type with a message a user can act on, and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from cs_planner.domain.accounts.writes import create_account, update_account
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    Account,
    CsaAllocation,
    Division,
    InfluenceLink,
    Settings,
    Stakeholder,
    TeamMember,
    UseCase,
)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "   ", "cannot be empty"),
        ("initial_deal_value", 0, "greater than 0"),
        ("initial_deal_value", -10, "greater than 0"),
        ("arr", -1, "at least 0"),
        ("licensed_seats", 2.5, "whole number"),
        ("active_users", "many", "must be a number"),
        ("maturity_current", 9, "at most 7"),
        ("renewal_date", "next year", "must be a date"),
        ("renewal_date", dt.date(1800, 1, 1), "not a plausible date"),
    ],
)
def test_account_field_rules(field: str, value: object, message: str) -> None:
    account = Account(name="Kestrel", initial_deal_value=1000)
    with pytest.raises(ValidationError, match=message) as info:
        setattr(account, field, value)
    assert info.value.field == field


def test_account_cross_field_rules(portfolio) -> None:
    with (
        pytest.raises(ValidationError, match="renewal date cannot be before"),
        portfolio.session() as s,
    ):
        s.add(
            Account(
                name="Kestrel",
                initial_deal_value=1000,
                customer_since=dt.date(2024, 1, 1),
                renewal_date=dt.date(2023, 1, 1),
            )
        )
    with portfolio.session() as s:
        assert s.scalar(select(func.count(Account.id))) == 0


def test_duplicate_account_name_is_refused_case_insensitively(portfolio) -> None:
    with portfolio.session() as s:
        create_account(s, "Kestrel Biotech", 1000)
    with pytest.raises(ValidationError, match="already exists"), portfolio.session() as s:
        create_account(s, "kestrel biotech", 2000)
    with portfolio.session() as s:
        assert s.scalar(select(func.count(Account.id))) == 1


def test_failed_update_leaves_database_unchanged(portfolio) -> None:
    with portfolio.session() as s:
        account_id = create_account(s, "Kestrel", 1000, arr=5000)
    with pytest.raises(ValidationError), portfolio.session() as s:
        update_account(s, account_id, "arr", 9000)
        update_account(s, account_id, "initial_deal_value", -1)
    with portfolio.session() as s:
        assert s.get(Account, account_id).arr == 5000


def test_reports_to_cycle_is_refused(portfolio) -> None:
    with portfolio.session() as s:
        account = Account(name="Kestrel", initial_deal_value=1000)
        ceo = Stakeholder(account=account, name="Ada Brennan")
        vp = Stakeholder(account=account, name="Tomas Ek", reports_to=ceo)
        manager = Stakeholder(account=account, name="Rui Santos", reports_to=vp)
        s.add_all([ceo, vp, manager])
    with pytest.raises(ValidationError, match="loop in the org chart"), portfolio.session() as s:
        ceo = s.scalar(select(Stakeholder).where(Stakeholder.name == "Ada Brennan"))
        ceo.reports_to = s.scalar(select(Stakeholder).where(Stakeholder.name == "Rui Santos"))
    with portfolio.session() as s:
        assert (
            s.scalar(select(Stakeholder).where(Stakeholder.name == "Ada Brennan")).reports_to_id
            is None
        )


def test_stakeholder_of_another_account_is_refused(portfolio) -> None:
    with portfolio.session() as s:
        one = Account(name="One", initial_deal_value=1)
        two = Account(name="Two", initial_deal_value=1)
        s.add_all([Stakeholder(account=one, name="A"), Stakeholder(account=two, name="B")])
    with (
        pytest.raises(ValidationError, match="belongs to another account"),
        portfolio.session() as s,
    ):
        a = s.scalar(select(Stakeholder).where(Stakeholder.name == "A"))
        b = s.scalar(select(Stakeholder).where(Stakeholder.name == "B"))
        a.reports_to = b
    with pytest.raises(ValidationError, match="another account"), portfolio.session() as s:
        a = s.scalar(select(Stakeholder).where(Stakeholder.name == "A"))
        b = s.scalar(select(Stakeholder).where(Stakeholder.name == "B"))
        s.add(InfluenceLink(account_id=a.account_id, source=a, target=b))
    with (
        pytest.raises(ValidationError, match="champion belongs to another"),
        portfolio.session() as s,
    ):
        b = s.scalar(select(Stakeholder).where(Stakeholder.name == "B"))
        one = s.scalar(select(Account).where(Account.name == "One"))
        s.add(UseCase(account=one, title="Digitise intake", champion=b))


def test_division_cycle_is_refused(portfolio) -> None:
    with portfolio.session() as s:
        account = Account(name="One", initial_deal_value=1)
        parent = Division(account=account, name="Operations")
        s.add(Division(account=account, name="Fleet", parent=parent))
    with pytest.raises(ValidationError, match="cannot sit under itself"), portfolio.session() as s:
        parent = s.scalar(select(Division).where(Division.name == "Operations"))
        parent.parent = s.scalar(select(Division).where(Division.name == "Fleet"))


def test_allocation_rules(portfolio) -> None:
    with pytest.raises(ValidationError, match="quarter, a half"):
        CsaAllocation(fraction=0.3)
    with portfolio.session() as s:
        s.add(TeamMember(name="Priya Nandakumar", role=TeamRole.CSA))
        s.add(TeamMember(name="Sam Okafor", role=TeamRole.CSM))
        s.add(Account(name="One", initial_deal_value=1))
    with pytest.raises(ValidationError, match="on or after the start"), portfolio.session() as s:
        s.add(
            CsaAllocation(
                csa=s.scalar(select(TeamMember).where(TeamMember.role == TeamRole.CSA)),
                account=s.scalar(select(Account)),
                fraction=0.5,
                start_date=dt.date(2026, 3, 1),
                end_date=dt.date(2026, 2, 1),
            )
        )
    with pytest.raises(ValidationError, match="not a CSA"), portfolio.session() as s:
        s.add(
            CsaAllocation(
                csa=s.scalar(select(TeamMember).where(TeamMember.role == TeamRole.CSM)),
                account=s.scalar(select(Account)),
                fraction=1.0,
                start_date=dt.date(2026, 1, 1),
                end_date=dt.date(2026, 2, 1),
            )
        )
    with portfolio.session() as s:
        assert s.scalar(select(func.count(CsaAllocation.id))) == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("currency", "dollars", "three-letter ISO code"),
        ("fiscal_year_start_month", 13, "at most 12"),
        ("chargeability_target", 1.5, "at most 1"),
        ("default_csa_rate", -1, "at least 0"),
        ("stale_contact_days", 0, "at least 1"),
    ],
)
def test_settings_rules(field: str, value: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        setattr(Settings(), field, value)


def test_use_case_quarter_must_start_a_month() -> None:
    with pytest.raises(ValidationError, match="first day of a month"):
        UseCase(title="x", target_quarter=dt.date(2027, 1, 15))
