"""What an import can fill (the target fields) and the column names CRMs and HR systems
give them. Headers compare case-, space-, underscore- and punctuation-insensitively."""

from __future__ import annotations

import re
from enum import StrEnum


class Kind(StrEnum):
    ACCOUNTS = "accounts"
    CONTACTS = "contacts"


ACCOUNT_FIELDS: dict[str, str] = {
    "record_id": "Record id",
    "name": "Account name",
    "industry": "Industry",
    "arr": "ARR",
    "renewal_date": "Renewal date",
    "owner": "Owner",
    "parent": "Parent account",
    "country": "Country",
    "employees": "Employees",
}

CONTACT_FIELDS: dict[str, str] = {
    "record_id": "Record id",
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name",
    "title": "Title",
    "department": "Department",
    "email": "E-mail",
    "phone": "Phone",
    "country": "Country",
    "reports_to": "Reports to (id, name or e-mail)",
    "account": "Account (id or name)",
}

FIELDS = {Kind.ACCOUNTS: ACCOUNT_FIELDS, Kind.CONTACTS: CONTACT_FIELDS}

# Normalised header -> target field, per kind: Salesforce (report and Data Loader), HubSpot,
# HR systems (Workday, BambooHR, Personio style) and plain spreadsheets.
_ACCOUNT_NAMES = {
    "record_id": "id accountid recordid companyid accountrecordid sfdcid crmid",
    "name": "name accountname companyname company organization organisation customer",
    "industry": "industry sector vertical",
    "arr": "arr annualrecurringrevenue annualrevenue revenue contractvalue acv",
    "renewal_date": "renewaldate renewal contractenddate contractend nextrenewaldate",
    "owner": "owner ownerid accountowner companyowner ownername csm customersuccessmanager",
    "parent": "parentid parentaccount parentaccountid parentcompany parentcompanyid parent",
    "country": "country billingcountry countryregion hqcountry companycountry",
    "employees": "employees numberofemployees employeecount headcount companysize",
}
_CONTACT_NAMES = {
    "record_id": "id contactid recordid employeeid employeenumber workerid personid "
    "personnelnumber staffid",
    "first_name": "firstname givenname first preferredfirstname forename",
    "last_name": "lastname surname familyname last",
    "full_name": "name fullname contactname employeename employee displayname workername",
    "title": "title jobtitle position businesstitle jobrole role",
    "department": "department dept division businessunit team orgunit",
    "email": "email emailaddress workemail businessemail primaryemail mail",
    "phone": "phone phonenumber workphone mobilephone mobile businessphone telephone",
    "country": "country mailingcountry countryregion workcountry location",
    "reports_to": "reportstoid reportsto managerid manager managername manageremail "
    "supervisor supervisorid supervisoremail linemanager linemanagerid reportstoemail "
    "managerworkemail managersemail reportstoname",
    "account": "accountid account accountname company companyname associatedcompany "
    "associatedcompanyid organization organisation employer customer",
}
SYNONYMS = {
    Kind.ACCOUNTS: {n: f for f, names in _ACCOUNT_NAMES.items() for n in names.split()},
    Kind.CONTACTS: {n: f for f, names in _CONTACT_NAMES.items() for n in names.split()},
}
# Headers only a contact file has: a file with any of them holds people.
_PERSON_HEADERS = {
    "firstname",
    "lastname",
    "fullname",
    "jobtitle",
    "title",
    "email",
    "emailaddress",
    "reportstoid",
    "managerid",
    "manager",
    "employeeid",
    "contactid",
    "surname",
    "givenname",
    # A column naming the account a row belongs to: the rows are people.
    "account",
    "accountid",
    "associatedcompany",
    "associatedcompanyid",
    "department",
    "reportsto",
    "managername",
    "manageremail",
}


def normalise(header: str) -> str:
    """'Reports To ID', 'reports_to_id' and 'ReportsToId' all read 'reportstoid'."""
    return re.sub(r"[\W_]+", "", header.casefold())


def guess_kind(headers: tuple[str, ...]) -> Kind:
    names = {normalise(h) for h in headers}
    return Kind.CONTACTS if names & _PERSON_HEADERS else Kind.ACCOUNTS


def guess_source(headers: tuple[str, ...]) -> str:
    """Which system the export came from; record ids are kept per source."""
    names = {normalise(h) for h in headers}
    if names & {"accountid", "reportstoid", "ownerid", "annualrevenue", "mailingcountry"} or (
        "id" in names and names & {"billingcountry", "parentid", "firstname"}
    ):
        return "salesforce"
    if names & {"recordid", "associatedcompany", "associatedcompanyid"}:
        return "hubspot"
    if names & {"employeeid", "managerid", "employeenumber", "workerid", "supervisorid"}:
        return "hr"
    return "file"
