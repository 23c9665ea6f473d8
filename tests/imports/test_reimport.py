"""Salesforce-, HubSpot- and HR-shaped exports imported into an empty portfolio and then
again: the second time updates, never duplicates. Org charts from manager ids, names and
e-mails, including managers in another account or missing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from cs_planner.domain.imports.fields import Kind
from cs_planner.domain.imports.rows import Status
from cs_planner.domain.model import Account, Division, Stakeholder
from cs_planner.storage import Portfolio
from tests.imports.helpers import apply, org, preview, write

SF_ACCOUNTS = """Id,Name,Industry,AnnualRevenue,ParentId,BillingCountry,OwnerId
001A,Acme Corp,Manufacturing,"1,200,000",,Germany,005X
001B,Globex,Energy,850000,001A,France,
"""
SF_CONTACTS = """Id,AccountId,FirstName,LastName,Title,Department,ReportsToId,Email,Phone
003A,001A,Ada,Brennan,CEO,Executive,,ada@acme.com,1
003B,001A,Rui,Santos,VP Sales,Sales,003A,rui@acme.com,
003C,001A,Lin,Wu,Sales Manager,Sales,003B,lin@acme.com,
003F,001B,Zoe,Adams,Analyst,,003A,zoe@globex.com,
"""
HUBSPOT = """Record ID,First Name,Last Name,Job Title,Email,Company Name
51,Ada,Brennan,CEO,ada@initech.com,Initech
52,Bo,Chen,CTO,bo@initech.com,Initech
53,Cy,Diaz,Buyer,cy@hooli.com,Hooli
"""
HR = """Employee ID,First Name,Last Name,Job Title,Department,Manager ID
1,Ann,Top,Chief Executive Officer,Board,
2,Bob,Mid,VP Engineering,Engineering,1
3,Cat,Low,Engineer,Engineering,2
4,Dan,Low,Engineer,Engineering,2
"""


def _count(portfolio: Portfolio, model: type) -> int:
    with portfolio.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_salesforce_accounts_and_contacts_then_again(portfolio: Portfolio, tmp_path: Path) -> None:
    accounts = write(tmp_path, "accounts.csv", SF_ACCOUNTS)
    contacts = write(tmp_path, "contacts.csv", SF_CONTACTS)
    first = preview(portfolio, accounts, contacts)
    assert first.counts(Kind.ACCOUNTS)[Status.CREATE] == 2
    assert first.counts(Kind.CONTACTS)[Status.CREATE] == 4
    apply(portfolio, first)
    assert org(portfolio, "Acme Corp") == {
        "Ada Brennan": None,
        "Rui Santos": "Ada Brennan",
        "Lin Wu": "Rui Santos",
    }
    # Zoe's manager is in Acme Corp: she is kept, without a manager, and the row says why.
    assert org(portfolio, "Globex") == {"Zoe Adams": None}
    zoe = next(r for r in first.contacts if r.name == "Zoe Adams")
    assert any("in another account" in reason for reason in zoe.reasons)
    with portfolio.read() as session:
        acme = session.scalars(select(Account).where(Account.name == "Acme Corp")).one()
        assert (acme.external_source, acme.external_id) == ("salesforce", "001A")
        assert acme.arr == 1_200_000 and acme.hq_geography == "Germany"
        divisions = session.scalars(select(Division.name).where(Division.account_id == acme.id))
        assert set(divisions) == {"Executive", "Sales"}

    again = preview(portfolio, accounts, contacts)
    assert again.counts(Kind.ACCOUNTS)[Status.UNCHANGED] == 2
    assert again.counts(Kind.CONTACTS)[Status.UNCHANGED] == 4
    assert again.writes.empty

    # The CRM renamed a title and moved Lin under Ada: one update each, still four people.
    changed = write(
        tmp_path,
        "contacts.csv",
        SF_CONTACTS.replace("Sales Manager,Sales,003B", "Head of Sales Ops,Sales,003A"),
    )
    update = preview(portfolio, accounts, changed)
    assert update.counts(Kind.CONTACTS)[Status.UPDATE] == 1
    apply(portfolio, update)
    assert org(portfolio, "Acme Corp")["Lin Wu"] == "Ada Brennan"
    assert _count(portfolio, Stakeholder) == 4 and _count(portfolio, Account) == 2


def test_hubspot_contacts_make_their_companies_then_again(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    path = write(tmp_path, "hubspot.csv", HUBSPOT)
    first = preview(portfolio, contacts=path)
    assert first.counts(Kind.ACCOUNTS)[Status.CREATE] == 2  # Initech and Hooli
    apply(portfolio, first)
    assert set(org(portfolio, "Initech")) == {"Ada Brennan", "Bo Chen"}
    again = preview(portfolio, contacts=path)
    assert again.writes.empty
    assert again.counts(Kind.CONTACTS)[Status.UNCHANGED] == 3
    with portfolio.read() as session:
        ids = set(session.scalars(select(Stakeholder.external_id)))
    assert ids == {"51", "52", "53"}


def test_hr_org_chart_into_a_named_account_then_again(portfolio: Portfolio, tmp_path: Path) -> None:
    path = write(tmp_path, "hr.csv", HR)
    first = preview(portfolio, contacts=path, account="Umbrella")
    apply(portfolio, first)
    assert org(portfolio, "Umbrella") == {
        "Ann Top": None,
        "Bob Mid": "Ann Top",
        "Cat Low": "Bob Mid",
        "Dan Low": "Bob Mid",
    }
    with portfolio.read() as session:
        levels = dict(session.execute(select(Stakeholder.name, Stakeholder.level)).all())
    assert levels["Ann Top"].value == "executive" and levels["Cat Low"].value == "end_user"
    again = preview(portfolio, contacts=path, account="Umbrella")
    assert again.writes.empty and _count(portfolio, Stakeholder) == 4


def test_org_chart_from_manager_names_and_emails(portfolio: Portfolio, tmp_path: Path) -> None:
    names = write(
        tmp_path,
        "names.csv",
        "Name,Title,Manager\nAnn Top,CEO,\nBob Mid,VP,ann top\nCat Low,Engineer,Bob Mid\n"
        "Eve Gone,Engineer,Nobody Here\n",
    )
    emails = write(
        tmp_path,
        "emails.csv",
        "Name,Email,Manager Email\nAnn Top,ann@b.com,\nBob Mid,bob@b.com,ANN@B.COM\n",
    )
    plan = preview(portfolio, contacts=names, account="By Name")
    eve = next(r for r in plan.contacts if r.name == "Eve Gone")
    assert eve.status is Status.CREATE and "not found" in eve.reasons[0]
    apply(portfolio, plan)
    apply(portfolio, preview(portfolio, contacts=emails, account="By Mail"))
    assert org(portfolio, "By Name") == {
        "Ann Top": None,
        "Bob Mid": "Ann Top",
        "Cat Low": "Bob Mid",
        "Eve Gone": None,
    }
    assert org(portfolio, "By Mail") == {"Ann Top": None, "Bob Mid": "Ann Top"}


def test_a_fix_or_an_exclusion_in_the_preview_recomputes(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    path = write(tmp_path, "c.csv", "Name,Email,Manager\nAnn,bad,\nBob,bob@x.com,Ann\n")
    plan = preview(portfolio, contacts=path, account="Acme")
    ann, bob = plan.contacts
    assert ann.status is Status.SKIP and "is not imported" in bob.reasons[0]
    plan.fix(ann, "email", "ann@x.com")
    assert ann.status is Status.CREATE and not bob.reasons
    assert plan.writes.managers[bob.key] == ann.key
    plan.exclude(bob)
    assert bob.status is Status.SKIP and bob.key not in plan.writes.new_people
