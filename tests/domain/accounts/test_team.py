"""Our own team on a real portfolio file: every role, validation, role changes that would
strand work, retirement (history kept, no new choices) and deletion of the unreferenced."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select

from cs_planner.domain.accounts.queries import list_accounts
from cs_planner.domain.accounts.rows import MemberValues, Person
from cs_planner.domain.accounts.rules import choices
from cs_planner.domain.accounts.team_reads import read_team
from cs_planner.domain.accounts.team_writes import (
    check_deletable,
    member_values,
    new_member,
    set_retired,
    update_member,
)
from cs_planner.domain.accounts.writes import create_account, update_account
from cs_planner.domain.csa.edits import new_allocation
from cs_planner.domain.csa.rows import AllocationValues
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Activity, Stakeholder, TeamMember
from cs_planner.storage import Portfolio

D = dt.date
TODAY = D(2026, 11, 24)


def add(s, name: str, role: TeamRole, **values) -> int:
    person = new_member(s, MemberValues(name, role, **values))
    s.flush()
    return person.id


@pytest.fixture
def people(portfolio: Portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        ids = {
            "lena": add(s, "Lena Ortiz", TeamRole.CSM),
            "omar": add(s, "Omar Haddad", TeamRole.CSM),
            "ada": add(s, "Ada Brennan", TeamRole.CSA, bill_rate=280.0),
            "sam": add(s, "Sam Reyes", TeamRole.EXECUTIVE_SPONSOR),
            "ines": add(s, "Ines Moreau", TeamRole.SUPPORT_LEAD),
            "mo": add(s, "Mo Okafor", TeamRole.MANAGER),
            "kit": add(s, "Kit Lam", TeamRole.AE),
        }
        ids["kestrel"] = create_account(
            s, "Kestrel", 10_000, arr=50_000, csm_id=ids["lena"], executive_sponsor_id=ids["sam"]
        )
        ids["alloc"] = new_allocation(
            s, AllocationValues(ids["ada"], ids["kestrel"], D(2026, 11, 1), D(2027, 1, 31))
        )
        s.flush()
        ids["alloc"] = ids["alloc"].id
    return ids


def test_every_role_has_a_label_and_the_database_takes_it(portfolio, people) -> None:
    assert TeamRole.AE.label == "Account executive" and TeamRole.AE.short_label == "AE"
    assert TeamRole.SUPPORT_LEAD.label == "Support lead"
    assert TeamRole.MANAGER.label == "Manager"
    assert TeamRole.parse("AE") == TeamRole.parse("account executive") == TeamRole.AE
    with portfolio.session() as s:
        roles = set(s.scalars(select(TeamMember.role)))
    assert roles == set(TeamRole)


def test_names_are_unique_whatever_the_case_and_emails_look_like_emails(portfolio, people) -> None:
    with portfolio.session() as s:
        with pytest.raises(ValidationError) as err:
            new_member(s, MemberValues("lena ORTIZ", TeamRole.AE))
        assert err.value.field == "name" and "Lena Ortiz" in err.value.message
    with portfolio.session() as s:
        with pytest.raises(ValidationError) as err:
            new_member(s, MemberValues("Nia Park", TeamRole.AE, email="nia at example"))
        assert err.value.field == "email"
    with portfolio.session() as s:
        with pytest.raises(ValidationError) as err:
            new_member(s, MemberValues("  ", TeamRole.AE))
        assert err.value.field == "name"


def test_a_rate_and_target_belong_to_csas_only(portfolio, people) -> None:
    with portfolio.session() as s:
        nia = new_member(s, MemberValues("Nia Park", TeamRole.AE, "", 40, 300.0, 0.8))
        s.flush()
        assert (nia.bill_rate, nia.chargeability_target) == (None, None)
        rows = {r.name: r for r in read_team(s, TODAY)}
    assert rows["Ada Brennan"].rate == 280 and rows["Ada Brennan"].target == 0.7  # default
    assert rows["Ada Brennan"].own_target is None
    assert rows["Nia Park"].rate is None and rows["Nia Park"].target is None


def test_role_changes_that_would_strand_work_are_refused(portfolio, people) -> None:
    cases = [
        ("lena", TeamRole.AE, "CSM of 1 account"),
        ("sam", TeamRole.MANAGER, "executive sponsor of 1 account"),
        ("ada", TeamRole.CSM, "1 CSA allocation"),
    ]
    for key, role, said in cases:
        with portfolio.session() as s:
            values = member_values(s.get(TeamMember, people[key]))
            with pytest.raises(ValidationError) as err:
                update_member(s, people[key], MemberValues(values.name, role))
            assert err.value.field == "role" and said in err.value.message
    with portfolio.session() as s:  # nothing needs Omar as a CSM: he may become a manager
        old = update_member(s, people["omar"], MemberValues("Omar Haddad", TeamRole.MANAGER))
        assert old.role == TeamRole.CSM
        assert s.get(TeamMember, people["omar"]).role == TeamRole.MANAGER


def test_only_a_csa_is_allocated_whatever_the_new_roles(portfolio, people) -> None:
    for key in ("ines", "mo", "kit", "sam", "lena"):
        with portfolio.session() as s:
            with pytest.raises(ValidationError) as err:
                new_allocation(s, AllocationValues(people[key], people["kestrel"], TODAY, TODAY))
            s.flush()
        assert err.value.field == "csa_id"


def test_a_csa_retires_once_their_allocations_have_ended(portfolio, people) -> None:
    with portfolio.session() as s:
        with pytest.raises(ValidationError) as err:
            set_retired(s, people["ada"], D(2026, 12, 31))
        assert err.value.field == "retired_on"
        assert "allocated after 2026-12-31 (Kestrel)" in err.value.message
    with portfolio.session() as s:
        assert set_retired(s, people["ada"], D(2027, 1, 31)) is None
    with portfolio.session() as s:
        # No new allocation runs past the retirement; one before it (history) may be added.
        with pytest.raises(ValidationError) as err:
            new_allocation(
                s, AllocationValues(people["ada"], people["kestrel"], TODAY, D(2027, 3, 1))
            )
        assert "retired on 2027-01-31" in err.value.message
    with portfolio.session() as s:
        new_allocation(
            s, AllocationValues(people["ada"], people["kestrel"], D(2026, 1, 5), D(2026, 2, 27))
        )
    with portfolio.session() as s:  # reactivating always works and returns the old date
        assert set_retired(s, people["ada"], None) == D(2027, 1, 31)


def test_a_retired_person_is_not_chosen_anew_but_an_undo_puts_them_back(portfolio, people) -> None:
    with portfolio.session() as s:
        set_retired(s, people["lena"], D(2026, 11, 1))
    with portfolio.session() as s:
        # Still the CSM of Kestrel, marked in the list.
        row = next(r for r in list_accounts(s, TODAY) if r.name == "Kestrel")
        assert row.csm == "Lena Ortiz (retired)"
        with pytest.raises(ValidationError) as err:
            create_account(s, "Harbor Lane", 5_000, csm_id=people["lena"])
        assert err.value.field == "csm_id" and "retired on 2026-11-01" in err.value.message
    with portfolio.session() as s:
        old = update_account(s, people["kestrel"], "csm_id", people["omar"])
        assert old == people["lena"]
    with portfolio.session() as s, pytest.raises(ValidationError):
        update_account(s, people["kestrel"], "csm_id", people["lena"])
    with portfolio.session() as s:
        update_account(s, people["kestrel"], "csm_id", people["lena"], restoring=True)
    with portfolio.session() as s:
        with pytest.raises(ValidationError) as err:
            update_account(s, people["kestrel"], "executive_sponsor_id", people["mo"])
        assert "Mo Okafor is not an executive sponsor" in err.value.message


def test_choices_offer_active_people_of_the_role_and_keep_the_current_one() -> None:
    everyone = [
        Person(1, "Ada Brennan", TeamRole.CSA),
        Person(2, "Lena Ortiz", TeamRole.CSM, D(2026, 1, 1)),
        Person(3, "Omar Haddad", TeamRole.CSM),
        Person(4, "Mo Okafor", TeamRole.MANAGER),
    ]
    assert choices(everyone, {TeamRole.CSM}) == [("(none)", None), ("Omar Haddad", 3)]
    assert choices(everyone, {TeamRole.CSM}, current=2) == [
        ("(none)", None),
        ("Lena Ortiz (retired)", 2),
        ("Omar Haddad", 3),
    ]
    # A current choice in another role (set before a role change) is kept, role shown.
    assert choices(everyone, {TeamRole.CSM}, current=4, none=None) == [
        ("Omar Haddad", 3),
        ("Mo Okafor (Manager)", 4),
    ]
    assert choices(everyone, None, none="(nobody)", show_role=True) == [
        ("(nobody)", None),
        ("Ada Brennan (CSA)", 1),
        ("Omar Haddad (CSM)", 3),
        ("Mo Okafor (Manager)", 4),
    ]


def test_the_team_list_says_what_each_person_owns_in_a_few_queries(portfolio, people) -> None:
    with portfolio.session() as s:
        s.add(Stakeholder(account_id=people["kestrel"], name="Jo", owner_id=people["ines"]))
        s.add(Activity(account_id=people["kestrel"], date=TODAY, owner_id=people["ines"]))
        s.flush()
        statements: list[str] = []
        event.listen(s.bind, "before_cursor_execute", lambda *a: statements.append(a[2]))
        rows = {r.name: r for r in read_team(s, TODAY)}
        few = len(statements)
        for n in range(20):
            add(s, f"Extra {n}", TeamRole.AE)
        statements.clear()
        read_team(s, TODAY)
        assert len(statements) == few  # the same queries for 7 people or 27
    assert rows["Lena Ortiz"].accounts == ("Kestrel",)
    assert rows["Sam Reyes"].accounts == ("Kestrel",)
    assert rows["Ada Brennan"].accounts == ("Kestrel",)  # allocated today
    assert rows["Ines Moreau"].references.describe() == "owns 1 relationship, 1 logged activity"
    assert rows["Mo Okafor"].references.total == 0


def test_only_someone_nothing_refers_to_is_deleted(portfolio, people) -> None:
    with portfolio.session() as s:
        with pytest.raises(ValidationError) as err:
            check_deletable(s, people["lena"])
        assert "CSM of 1 account" in err.value.message and "Retire them" in err.value.message
        check_deletable(s, people["mo"])  # no error
