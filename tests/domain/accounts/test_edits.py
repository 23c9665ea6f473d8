"""Every accounts edit done, undone and redone on a real file, without Qt: what it changed
in the database, and what it says it changed (so the right views reload)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts import edits
from cs_planner.domain.accounts.queries import (
    account_card,
    get_settings,
    list_accounts,
    list_activities,
    list_divisions,
    list_geographies,
)
from cs_planner.domain.accounts.rows import (
    ActivityValues,
    DivisionValues,
    GeographyValues,
    MemberValues,
)
from cs_planner.domain.accounts.team_reads import read_team
from cs_planner.domain.accounts.writes import (
    create_account,
    new_activity,
    new_division,
    new_geography,
)
from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Edit, run
from cs_planner.domain.enums import ActivityKind, Engagement, TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, CsaAllocation, Division, Stakeholder, TeamMember
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def ids(portfolio: Portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        account = create_account(s, "Kestrel", 100_000, arr=150_000)
        lena = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        anna = Stakeholder(account_id=account, name="Anna de Vries")
        s.add_all([lena, anna])
        s.flush()
        emea = new_geography(s, account, GeographyValues("EMEA"))
        s.flush()
        fleet = new_division(s, account, DivisionValues("Fleet", geography_id=emea.id))
        s.flush()
        yard = new_division(s, account, DivisionValues("Yard", parent_id=fleet.id))
        call = new_activity(s, account, ActivityValues(TODAY, ActivityKind.CALL, note="Hello"))
        s.flush()
        return {
            "account": account,
            "lena": lena.id,
            "anna": anna.id,
            "emea": emea.id,
            "fleet": fleet.id,
            "yard": yard.id,
            "call": call.id,
        }


def cycle(
    portfolio: Portfolio, edit: Edit, look: Callable[[Session], Any], before: Any, after: Any
) -> Changes:
    """Do, undo and redo ``edit``, checking what ``look`` reads after each; returns the
    changes it reported (the same each time)."""
    with portfolio.read() as s:
        assert look(s) == before
    with portfolio.session() as s:
        done = run(s, edit)
    with portfolio.read() as s:
        assert look(s) == after
    with portfolio.session() as s:
        undone = edit.revert(s)
    with portfolio.read() as s:
        assert look(s) == before
    with portfolio.session() as s:
        redone = edit.apply(s)
    with portfolio.read() as s:
        assert look(s) == after
    assert done == undone == redone
    return done


def test_set_account_field(portfolio: Portfolio, ids: dict[str, int]) -> None:
    edit = edits.SetAccountField(ids["account"], "arr", 300_000, "Change ARR")
    changes = cycle(
        portfolio, edit, lambda s: account_card(s, ids["account"], TODAY).arr, 150_000, 300_000
    )
    assert changes == Changes.account(ids["account"], listed=True)
    notes = edits.SetAccountField(ids["account"], "notes", "New notes", "Change notes")
    changes = cycle(
        portfolio, notes, lambda s: account_card(s, ids["account"]).notes, "", "New notes"
    )
    assert changes == Changes.account(ids["account"])  # the list shows no notes


def test_undo_puts_back_a_csm_retired_since(portfolio: Portfolio, ids: dict[str, int]) -> None:
    with portfolio.session() as s:
        run(s, edits.SetAccountField(ids["account"], "csm_id", ids["lena"], "Set CSM"))
    edit = edits.SetAccountField(ids["account"], "csm_id", None, "Clear CSM")
    with portfolio.session() as s:
        run(s, edit)
        run(s, edits.retire_member("Lena Marsh", ids["lena"], TODAY))
    with portfolio.session() as s:
        edit.revert(s)
    with portfolio.read() as s:
        assert account_card(s, ids["account"]).csm_id == ids["lena"]


def test_update_settings(portfolio: Portfolio, ids: dict[str, int]) -> None:
    edit = edits.UpdateSettings({"currency": "EUR", "stale_contact_days": 30})
    assert edit.text == "Change settings: currency, stale contact days"
    changes = cycle(
        portfolio,
        edit,
        lambda s: (get_settings(s).currency, get_settings(s).stale_contact_days),
        ("USD", get_settings_default("stale_contact_days", portfolio)),
        ("EUR", 30),
    )
    assert changes.settings and changes.account_list


def get_settings_default(name: str, portfolio: Portfolio) -> Any:
    with portfolio.read() as s:
        return getattr(get_settings(s), name)


def test_add_account(portfolio: Portfolio, ids: dict[str, int]) -> None:
    edit = edits.AddAccount({"name": "Osprey", "initial_deal_value": 5_000, "arr": 5_000})
    names = cycle(
        portfolio,
        edit,
        lambda s: [r.name for r in list_accounts(s, TODAY)],
        ["Kestrel"],
        ["Kestrel", "Osprey"],
    )
    assert edit.row_id is not None
    assert names == Changes.account(edit.row_id, listed=True)
    with portfolio.read() as s:  # redone with the same id
        assert s.get(Account, edit.row_id).name == "Osprey"


def test_add_account_refuses_a_taken_name(portfolio: Portfolio, ids: dict[str, int]) -> None:
    with portfolio.session() as s, pytest.raises(ValidationError, match="already exists"):
        run(s, edits.AddAccount({"name": "kestrel", "initial_deal_value": 1}))


def test_delete_accounts_with_everything_in_them(portfolio: Portfolio, ids: dict[str, int]) -> None:
    def look(s: Session) -> tuple[int, int, int]:
        count = func.count()
        return (
            s.scalar(select(count).select_from(Account)),
            len(list_divisions(s, ids["account"])),
            len(list_activities(s, ids["account"])),
        )

    edit = edits.delete_accounts("Delete account Kestrel", [ids["account"]])
    changes = cycle(portfolio, edit, look, (1, 2, 1), (0, 0, 0))
    assert changes == Changes.of_accounts([ids["account"]], listed=True)


def _divisions(account_id: int) -> Callable[[Session], list[tuple[str, int | None, int]]]:
    return lambda s: [(d.name, d.parent_id, d.headcount) for d in list_divisions(s, account_id)]


def test_add_edit_and_delete_a_division(portfolio: Portfolio, ids: dict[str, int]) -> None:
    account, fleet = ids["account"], ids["fleet"]
    look = _divisions(account)
    start = [("Fleet", None, 0), ("Yard", fleet, 0)]
    add = edits.add_division(account, "Kestrel", DivisionValues("Cargo", parent_id=fleet))
    assert add.text == "Add division Cargo to Kestrel"
    changes = cycle(portfolio, add, look, start, [("Cargo", fleet, 0), *start])
    assert changes == Changes.account(account)

    with portfolio.read() as s:
        rows = list_divisions(s, account)
    row = next(r for r in rows if r.name == "Fleet")
    values = DivisionValues("Fleet", None, None, 250, Engagement.ADOPTED)
    edit = edits.edit_division(account, "Kestrel", row, values)
    after = [("Cargo", fleet, 0), ("Fleet", None, 250), ("Yard", fleet, 0)]
    cycle(portfolio, edit, look, [("Cargo", fleet, 0), *start], after)

    with portfolio.read() as s:
        rows = list_divisions(s, account)
    row = next(r for r in rows if r.name == "Fleet")
    delete = edits.delete_division(account, "Kestrel", rows, row)
    assert delete.text == "Delete division Fleet and its 2 sub-divisions of Kestrel"
    cycle(portfolio, delete, look, after, [])


def test_add_edit_and_delete_a_geography(portfolio: Portfolio, ids: dict[str, int]) -> None:
    account = ids["account"]

    def look(s: Session) -> tuple[list[str], list[str]]:
        geographies = [g.label for g in list_geographies(s, account)]
        return geographies, [d.geography for d in list_divisions(s, account)]

    add = edits.add_geography(account, "Kestrel", GeographyValues("EMEA", "Germany"))
    assert add.text == "Add geography EMEA / Germany to Kestrel"
    start = (["EMEA"], ["EMEA", ""])
    cycle(portfolio, add, look, start, (["EMEA", "EMEA / Germany"], ["EMEA", ""]))

    with portfolio.read() as s:
        emea = next(g for g in list_geographies(s, account) if g.id == ids["emea"])
    edit = edits.edit_geography(account, "Kestrel", emea, GeographyValues("Europe"))
    renamed = (["EMEA / Germany", "Europe"], ["Europe", ""])
    cycle(portfolio, edit, look, (["EMEA", "EMEA / Germany"], ["EMEA", ""]), renamed)

    with portfolio.read() as s:
        europe = next(g for g in list_geographies(s, account) if g.id == ids["emea"])
    delete = edits.delete_geography(account, "Kestrel", europe)
    changes = cycle(portfolio, delete, look, renamed, (["EMEA / Germany"], ["", ""]))
    assert changes == Changes.account(account)


def test_add_edit_and_delete_an_activity(portfolio: Portfolio, ids: dict[str, int]) -> None:
    account = ids["account"]

    def look(s: Session) -> list[tuple[str, str, tuple[str, ...]]]:
        return [(a.kind.label, a.note, a.stakeholders) for a in list_activities(s, account)]

    values = ActivityValues(TODAY + dt.timedelta(days=1), ActivityKind.QBR, None, (ids["anna"],))
    add = edits.add_activity(account, "Kestrel", values)
    assert add.text == "Add QBR of 2026-11-25 to Kestrel"
    start = [("Call", "Hello", ())]
    with_qbr = [("QBR", "", ("Anna de Vries",)), *start]
    changes = cycle(portfolio, add, look, start, with_qbr)
    assert changes == Changes.account(account)

    with portfolio.read() as s:
        call = next(a for a in list_activities(s, account) if a.id == ids["call"])
    changed = ActivityValues(TODAY, ActivityKind.CALL, None, (ids["anna"],), "Renewal agreed")
    edit = edits.edit_activity(account, "Kestrel", call, changed)
    edited = [with_qbr[0], ("Call", "Renewal agreed", ("Anna de Vries",))]
    cycle(portfolio, edit, look, with_qbr, edited)

    delete = edits.delete_activity(account, "Kestrel", call)
    assert delete.text == "Delete Call of 2026-11-24 from Kestrel"
    cycle(portfolio, delete, look, edited, [with_qbr[0]])


def _team(s: Session) -> list[tuple[str, str, dt.date | None]]:
    return [(m.name, m.role.label, m.retired_on) for m in read_team(s, TODAY)]


def test_add_edit_retire_and_delete_a_member(portfolio: Portfolio, ids: dict[str, int]) -> None:
    lena = ("Lena Marsh", "CSM", None)
    add = edits.add_member(MemberValues("Rui Santos", TeamRole.CSA))
    changes = cycle(portfolio, add, _team, [lena], [lena, ("Rui Santos", "CSA", None)])
    assert changes.team and changes.account_list
    assert add.row_id is not None

    edit = edits.edit_member("Rui Santos", add.row_id, MemberValues("Rui Santos", TeamRole.AE))
    ae = [lena, ("Rui Santos", "Account executive", None)]
    cycle(portfolio, edit, _team, [lena, ("Rui Santos", "CSA", None)], ae)

    retire = edits.retire_member("Rui Santos", add.row_id, TODAY)
    assert retire.text == "Retire Rui Santos on 2026-11-24"
    cycle(portfolio, retire, _team, ae, [lena, ("Rui Santos", "Account executive", TODAY)])
    back = edits.retire_member("Rui Santos", add.row_id, None)
    assert back.text == "Reactivate Rui Santos"
    cycle(portfolio, back, _team, [lena, ("Rui Santos", "Account executive", TODAY)], ae)

    delete = edits.DeleteMember("Rui Santos", add.row_id)
    cycle(portfolio, delete, _team, ae, [lena])


def test_delete_member_refuses_someone_the_plan_refers_to(
    portfolio: Portfolio, ids: dict[str, int]
) -> None:
    with portfolio.session() as s:
        csa = TeamMember(name="Ada Brennan", role=TeamRole.CSA)
        s.add(csa)
        s.flush()
        s.add(
            CsaAllocation(
                csa_id=csa.id,
                account_id=ids["account"],
                start_date=TODAY,
                end_date=TODAY + dt.timedelta(days=90),
                fraction=0.5,
            )
        )
        s.flush()
        csa_id = csa.id
    with portfolio.session() as s, pytest.raises(ValidationError, match="Retire them instead"):
        run(s, edits.DeleteMember("Ada Brennan", csa_id))
    with portfolio.read() as s:
        assert s.get(TeamMember, csa_id) is not None
        assert s.scalar(select(func.count()).select_from(Division)) == 2
