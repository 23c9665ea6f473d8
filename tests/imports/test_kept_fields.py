"""What an import keeps beyond names: contacts' phone and country, accounts' parent account
and employee count. Written on create and update, never wiped by an empty cell; a parent
not found or one that makes a loop is a reason on the row, the account imported anyway."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cs_planner.domain.edits import run
from cs_planner.domain.imports.fields import Kind
from cs_planner.domain.imports.rows import Status
from cs_planner.domain.model import Account, Stakeholder
from cs_planner.storage import Portfolio
from tests.imports.helpers import apply, preview, tables, write

ACCOUNTS = """Id,Name,ParentId,NumberOfEmployees
001G,Group Holding,,"12,000"
001A,Acme Corp,001G,850
001B,Acme Benelux,Acme Corp,40
"""
CONTACTS = """Id,AccountId,FirstName,LastName,Email,Phone,MailingCountry
003A,001A,Ada,Brennan,ada@acme.com,+49 (0)30 1234-56 x7,Germany
003B,001A,Rui,Santos,rui@acme.com,call me maybe,Portugal
"""


def _accounts(portfolio: Portfolio) -> dict[str, tuple[str | None, int | None, str]]:
    """Name -> (parent's name, employees, size band)."""
    with portfolio.read() as session:
        rows = session.scalars(select(Account)).all()
        names = {a.id: a.name for a in rows}
        return {
            a.name: (names.get(a.parent_id) if a.parent_id else None, a.employees, a.size_band)
            for a in rows
        }


def _people(portfolio: Portfolio) -> dict[str, tuple[str, str]]:
    with portfolio.read() as session:
        return {p.name: (p.phone, p.country) for p in session.scalars(select(Stakeholder))}


def test_parent_employees_phone_and_country_are_kept(portfolio: Portfolio, tmp_path: Path) -> None:
    accounts = write(tmp_path, "accounts.csv", ACCOUNTS)
    contacts = write(tmp_path, "contacts.csv", CONTACTS)
    plan = preview(portfolio, accounts, contacts)
    assert plan.counts(Kind.ACCOUNTS)[Status.CREATE] == 3
    assert not any("not kept" in note for note in plan.notes)
    rui = next(r for r in plan.contacts if r.name == "Rui Santos")
    assert rui.status is Status.CREATE
    assert any("is not a phone number" in r for r in rui.reasons)
    edit = apply(portfolio, plan)
    assert _accounts(portfolio) == {
        "Group Holding": (None, 12000, "Enterprise"),
        "Acme Corp": ("Group Holding", 850, "Mid-market"),
        "Acme Benelux": ("Acme Corp", 40, "SMB"),  # the parent named, not by id
    }
    assert _people(portfolio) == {
        "Ada Brennan": ("+49 (0)30 1234-56 x7", "Germany"),
        "Rui Santos": ("", "Portugal"),
    }
    # Undo puts the portfolio back; redo makes the same hierarchy again.
    with portfolio.session() as session:
        edit.revert(session)
    assert _accounts(portfolio) == {}
    with portfolio.session() as session:
        run(session, edit)
    assert _accounts(portfolio)["Acme Benelux"] == ("Acme Corp", 40, "SMB")


def test_an_empty_cell_never_wipes_and_a_change_updates(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    apply(portfolio, preview(portfolio, write(tmp_path, "a.csv", ACCOUNTS)))
    apply(portfolio, preview(portfolio, contacts=write(tmp_path, "c.csv", CONTACTS)))
    before = tables(portfolio)
    blanks = write(
        tmp_path,
        "blank.csv",
        "Id,Name,ParentId,NumberOfEmployees\n001A,Acme Corp,,\n001B,Acme Benelux,,\n",
    )
    again = preview(portfolio, blanks)
    assert [r.status for r in again.accounts] == [Status.UNCHANGED, Status.UNCHANGED]
    people = write(
        tmp_path,
        "people.csv",
        "Id,AccountId,FirstName,LastName,Phone,MailingCountry\n003A,001A,Ada,Brennan,,\n",
    )
    assert [r.status for r in preview(portfolio, contacts=people).contacts] == [Status.UNCHANGED]
    assert tables(portfolio) == before

    moved = write(
        tmp_path,
        "moved.csv",
        "Id,Name,ParentId,NumberOfEmployees\n001B,Acme Benelux,Group Holding,45\n",
    )
    plan = preview(portfolio, moved)
    assert [r.status for r in plan.accounts] == [Status.UPDATE]
    edit = apply(portfolio, plan)
    assert _accounts(portfolio)["Acme Benelux"] == ("Group Holding", 45, "SMB")
    with portfolio.session() as session:
        edit.revert(session)
    assert _accounts(portfolio)["Acme Benelux"] == ("Acme Corp", 40, "SMB")


def test_a_parent_not_found_or_in_a_loop_is_a_reason_and_the_account_comes_in(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    apply(portfolio, preview(portfolio, write(tmp_path, "a.csv", ACCOUNTS)))
    loop = write(
        tmp_path,
        "loop.csv",
        "Id,Name,ParentId\n"
        "001G,Group Holding,Acme Benelux\n"  # Benelux is below Group: a loop
        "001N,Newco,Nobody Ltd\n"
        "001S,Selfie,001S\n",
    )
    plan = preview(portfolio, loop)
    reasons = {r.name: r.reasons for r in plan.accounts}
    assert [r.status for r in plan.accounts] == [Status.UNCHANGED, Status.CREATE, Status.CREATE]
    assert "loop in the account hierarchy" in reasons["Group Holding"][0]
    assert "'Nobody Ltd' is neither in the file nor in the portfolio" in reasons["Newco"][0]
    assert "would be itself" in reasons["Selfie"][0]
    apply(portfolio, plan)
    found = _accounts(portfolio)
    assert found["Group Holding"][0] is None
    assert found["Newco"][0] is None and found["Selfie"][0] is None


def test_a_loop_within_the_file_sets_the_first_line_only(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    path = write(tmp_path, "pair.csv", "Name,Parent Account\nNorth,South\nSouth,North\n")
    plan = preview(portfolio, path)
    assert plan.accounts[0].reasons == []
    assert "loop" in plan.accounts[1].reasons[0]
    apply(portfolio, plan)
    assert _accounts(portfolio)["North"][0] == "South"
    assert _accounts(portfolio)["South"][0] is None
