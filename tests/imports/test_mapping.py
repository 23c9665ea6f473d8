"""The recognisers on real header sets, the mapping in TOML, and the mapping remembered per
header set in the portfolio."""

from __future__ import annotations

import pytest

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.fields import Kind
from cs_planner.domain.imports.mapping import (
    Mapping,
    Source,
    header_key,
    mapping_for,
    recall,
    recognise,
    remember,
)
from cs_planner.storage import Portfolio

SALESFORCE_CONTACT = (
    "Id",
    "AccountId",
    "Name",
    "FirstName",
    "LastName",
    "Title",
    "Department",
    "ReportsToId",
    "Email",
    "Phone",
    "MailingCountry",
)
SALESFORCE_ACCOUNT = ("Id", "Name", "Industry", "AnnualRevenue", "ParentId", "BillingCountry")
SALESFORCE_REPORT = ("First Name", "Last Name", "Title", "Account Name", "Email", "Reports To")
HUBSPOT_CONTACT = ("Record ID", "First Name", "Last Name", "Job Title", "Associated Company")
HUBSPOT_COMPANY = ("Record ID", "Company name", "Industry", "Annual Revenue", "Country/Region")
HR = ("Employee_ID", "FIRST_NAME", "last name", "Job Title", "Department", "Manager ID")


def _columns(mapping: Mapping) -> dict[str, str | None]:
    return {target: source.column for target, source in mapping.fields.items()}


def test_salesforce_data_loader_contacts() -> None:
    mapping = recognise(SALESFORCE_CONTACT)
    assert (mapping.kind, mapping.source) == (Kind.CONTACTS, "salesforce")
    columns = _columns(mapping)
    assert columns["record_id"] == "Id" and columns["account"] == "AccountId"
    assert columns["reports_to"] == "ReportsToId" and columns["country"] == "MailingCountry"
    assert "full_name" not in columns  # FirstName and LastName are the record


def test_salesforce_accounts_and_report() -> None:
    accounts = recognise(SALESFORCE_ACCOUNT)
    assert accounts.kind is Kind.ACCOUNTS and accounts.source == "salesforce"
    assert _columns(accounts) == {
        "record_id": "Id",
        "name": "Name",
        "industry": "Industry",
        "arr": "AnnualRevenue",
        "parent": "ParentId",
        "country": "BillingCountry",
    }
    report = _columns(recognise(SALESFORCE_REPORT))
    assert report["account"] == "Account Name" and report["reports_to"] == "Reports To"


def test_hubspot_contacts_and_companies() -> None:
    contacts = recognise(HUBSPOT_CONTACT)
    assert (contacts.kind, contacts.source) == (Kind.CONTACTS, "hubspot")
    assert _columns(contacts)["account"] == "Associated Company"
    assert _columns(contacts)["title"] == "Job Title"
    companies = recognise(HUBSPOT_COMPANY)
    assert companies.kind is Kind.ACCOUNTS
    assert _columns(companies)["name"] == "Company name"
    assert _columns(companies)["country"] == "Country/Region"


def test_hr_columns_in_any_case_and_spacing() -> None:
    mapping = recognise(HR)
    assert (mapping.kind, mapping.source) == (Kind.CONTACTS, "hr")
    assert _columns(mapping) == {
        "record_id": "Employee_ID",
        "first_name": "FIRST_NAME",
        "last_name": "last name",
        "title": "Job Title",
        "department": "Department",
        "reports_to": "Manager ID",
    }


def test_toml_round_trip_with_fixed_values_and_odd_text() -> None:
    mapping = Mapping(
        Kind.CONTACTS,
        "file",
        {
            "full_name": Source(column='Naam "volledig"'),
            "account": Source(value="Ünïcode\tCo\\"),
        },
    )
    again = Mapping.from_toml(mapping.to_toml())
    assert again == mapping
    with pytest.raises(ValidationError, match="not valid TOML"):
        Mapping.from_toml("kind = ")
    with pytest.raises(ValidationError, match="kind"):
        Mapping.from_toml('kind = "people"')


def test_a_mapping_naming_a_missing_column_or_field_is_refused() -> None:
    with pytest.raises(ValidationError, match="does not have"):
        Mapping(Kind.CONTACTS, "file", {"title": Source(column="Rol")}).check(("Name",))
    with pytest.raises(ValidationError, match="known fields"):
        Mapping(Kind.CONTACTS, "file", {"shoe_size": Source(value="9")}).check(("Name",))


def test_the_mapping_is_remembered_per_header_set(portfolio: Portfolio) -> None:
    headers = ("Naam", "Functie", "Bedrijf")
    chosen = Mapping(
        Kind.CONTACTS,
        "file",
        {
            "full_name": Source(column="Naam"),
            "title": Source(column="Functie"),
            "account": Source(column="Bedrijf"),
        },
    )
    with portfolio.session() as session:
        assert recall(session, headers) is None
        remember(session, headers, chosen)
    with portfolio.read() as session:
        # The same headers in another order and case are the same set.
        assert recall(session, ("bedrijf", "NAAM", "Functie")) is None  # columns differ in name
        assert mapping_for(session, headers) == chosen
    assert header_key(("Naam", "Functie")) == header_key(("functie", "NAAM"))
    with portfolio.session() as session:
        remember(session, headers, Mapping(Kind.CONTACTS, "file", {}))
    with portfolio.read() as session:
        assert recall(session, headers) == Mapping(Kind.CONTACTS, "file", {})
