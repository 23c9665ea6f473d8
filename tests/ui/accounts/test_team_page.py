"""The Team page on a real portfolio file: the list (model tester, filters, sort), add, edit,
retire and reactivate, delete of the unreferenced, all undoable; the person dialog; and the
people drop-downs elsewhere offering active people only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from cs_planner.domain.accounts.rows import MemberValues
from cs_planner.domain.accounts.rules import choices
from cs_planner.domain.accounts.team_writes import new_member, set_retired
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.csa import queries as csa
from cs_planner.domain.csa.edits import new_allocation
from cs_planner.domain.csa.rows import AllocationValues
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.model import Stakeholder, TeamMember
from cs_planner.ui.accounts.team_dialogs import PersonDialog, RetireDialog
from cs_planner.ui.accounts.team_page import TeamColumn, TeamPage
from cs_planner.ui.shell.undo import dry_run
from cs_planner.ui.shell.workspace import MainArea

D = dt.date


@pytest.fixture
def ids(portfolio) -> dict[str, int]:
    with portfolio.session() as s:

        def add(name: str, role: TeamRole, **values: Any) -> int:
            person = new_member(s, MemberValues(name, role, **values))
            s.flush()
            return person.id

        out = {
            "lena": add("Lena Ortiz", TeamRole.CSM, email="lena@vendor.example"),
            "omar": add("Omar Haddad", TeamRole.CSM),
            "ada": add("Ada Brennan", TeamRole.CSA, bill_rate=300.0),
            "sam": add("Sam Reyes", TeamRole.EXECUTIVE_SPONSOR),
            "ines": add("Ines Moreau", TeamRole.SUPPORT_LEAD),
            "mo": add("Mo Okafor", TeamRole.MANAGER),
        }
        out["kestrel"] = create_account(
            s, "Kestrel", 10_000, arr=40_000, csm_id=out["lena"], executive_sponsor_id=out["sam"]
        )
        new_allocation(
            s, AllocationValues(out["ada"], out["kestrel"], D(2026, 11, 2), D(2027, 1, 29))
        )
        s.add(Stakeholder(account_id=out["kestrel"], name="Jo Park", owner_id=out["ines"]))
    return out


@pytest.fixture
def page(qtbot, ctx, ids) -> TeamPage:
    widget = TeamPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.refresh()
    return widget


def patch_ask(monkeypatch, dialog: type, answer: Any) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    def ask(cls, parent, **kwargs):
        seen.append(kwargs)
        return answer

    monkeypatch.setattr(dialog, "ask", classmethod(ask))
    return seen


def names(page: TeamPage) -> list[str]:
    return [r.name for r in page.panel.model.rows()]


def test_the_team_page_sits_beside_the_other_portfolio_pages(qtbot, ctx, ids) -> None:
    area = MainArea(ctx)
    qtbot.addWidget(area)
    assert area.tab_names()[-4:] == ["Expansion outlook", "Health", "CSAs", "Team"]
    assert area.set_tab("Team") and isinstance(area.current_page(), TeamPage)
    assert len(area.current_page().panel.model.rows()) == 6  # shown: refreshed


def test_every_person_with_role_hours_rate_accounts_and_status(page, qtmodeltester) -> None:
    qtmodeltester.check(page.panel.model)
    model = page.panel.model
    assert names(page) == [
        "Ada Brennan",
        "Ines Moreau",
        "Lena Ortiz",
        "Mo Okafor",
        "Omar Haddad",
        "Sam Reyes",
    ]

    def cell(name: str, column: TeamColumn, role=Qt.ItemDataRole.DisplayRole) -> Any:
        row = names(page).index(name)
        return model.data(model.index(row, column), role)

    assert cell("Ada Brennan", TeamColumn.RATE) == "$300"
    assert cell("Ada Brennan", TeamColumn.TARGET) == "70%"  # the portfolio default...
    assert "portfolio default" in cell(
        "Ada Brennan", TeamColumn.TARGET, Qt.ItemDataRole.ToolTipRole
    )
    assert cell("Lena Ortiz", TeamColumn.RATE) == ""  # ...a rate is a CSA's only
    assert cell("Lena Ortiz", TeamColumn.ROLE) == "CSM"
    assert cell("Ines Moreau", TeamColumn.ROLE) == "Support lead"
    assert cell("Lena Ortiz", TeamColumn.ACCOUNTS) == "Kestrel"
    assert cell("Sam Reyes", TeamColumn.ACCOUNTS) == "Kestrel"
    assert cell("Ada Brennan", TeamColumn.ACCOUNTS) == "Kestrel"  # allocated today
    assert cell("Mo Okafor", TeamColumn.STATUS) == "Active"
    assert cell("Lena Ortiz", TeamColumn.EMAIL) == "lena@vendor.example"
    assert page.summary.text() == (
        "6 active people: 2 CSMs, 1 CSA, 1 executive sponsor, 1 support lead, 1 manager"
    )
    model.sort(TeamColumn.ROLE, Qt.SortOrder.AscendingOrder)
    assert names(page)[:3] == ["Lena Ortiz", "Omar Haddad", "Ada Brennan"]


def test_search_and_role_filter(page) -> None:
    panel = page.panel
    panel.role_filter.setCurrentIndex(panel.role_filter.findData(TeamRole.CSM))
    assert names(page) == ["Lena Ortiz", "Omar Haddad"]
    panel.search.setText("kestrel")  # the accounts they own are searched too
    assert names(page) == ["Lena Ortiz"]
    panel.search.setText("nobody like this")
    assert panel.stack.currentWidget() is panel.stack.message
    assert "No one matches" in panel.stack.message.text()
    panel.search.clear()
    panel.role_filter.setCurrentIndex(0)
    assert len(names(page)) == 6


def test_add_edit_and_undo(page, ctx, portfolio, monkeypatch) -> None:
    panel = page.panel
    seen = patch_ask(
        monkeypatch, PersonDialog, MemberValues("Nia Park", TeamRole.AE, "nia@vendor.example")
    )
    panel.add()
    assert not seen[0]["fixed_role"]
    assert ctx.undo_stack.undoText() == "Add Account executive Nia Park"
    assert "Nia Park" in names(page) and panel.selected().name == "Nia Park"
    patch_ask(monkeypatch, PersonDialog, MemberValues("Nia Park", TeamRole.AE, "", 30))
    panel.edit()
    assert ctx.undo_stack.undoText() == "Edit Nia Park"
    with portfolio.session() as s:
        nia = s.query(TeamMember).filter_by(name="Nia Park").one()
        assert nia.capacity_hours_per_week == 30
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert "Nia Park" not in names(page)
    ctx.undo_stack.redo()
    assert "Nia Park" in names(page)


def test_a_role_change_that_strands_accounts_is_refused_and_nothing_changes(
    page, ctx, ids, monkeypatch
) -> None:
    panel = page.panel
    panel.select(ids["lena"])
    count = ctx.undo_stack.count()
    patch_ask(monkeypatch, PersonDialog, MemberValues("Lena Ortiz", TeamRole.MANAGER))
    panel.edit()
    assert "CSM of 1 account" in panel.error.text()
    assert ctx.undo_stack.count() == count
    assert panel.selected().role == TeamRole.CSM


def test_retire_and_reactivate_with_undo_and_the_list_marks_them(
    page, ctx, ids, monkeypatch
) -> None:
    panel = page.panel
    panel.select(ids["lena"])
    assert panel.retire_button.text() == "Retire…"
    asked = patch_ask(monkeypatch, RetireDialog, D(2026, 11, 20))
    panel.retire()
    assert asked[0]["today"] == D(2026, 11, 24)
    assert ctx.undo_stack.undoText() == "Retire Lena Ortiz on 2026-11-20"
    assert "Lena Ortiz" not in names(page)  # retired people are hidden...
    assert "Show retired" in panel.error.text()
    panel.show_retired.setChecked(True)  # ...until asked for
    panel.select(ids["lena"])
    assert panel.selected().retired_on == D(2026, 11, 20)
    row = names(page).index("Lena Ortiz")
    model = panel.model
    assert model.data(model.index(row, TeamColumn.STATUS)) == "Retired 2026-11-20"
    assert model.data(model.index(row, TeamColumn.NAME), Qt.ItemDataRole.ForegroundRole)
    assert page.summary.text().endswith("; 1 retired")
    assert panel.retire_button.text() == "Reactivate"
    panel.retire()
    assert ctx.undo_stack.undoText() == "Reactivate Lena Ortiz"
    assert panel.selected().retired_on is None
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    panel.select(ids["lena"])
    assert panel.selected().retired_on is None


def test_only_someone_nothing_refers_to_can_be_deleted(page, ctx, ids) -> None:
    panel = page.panel
    panel.select(ids["ines"])  # owns a relationship
    assert not panel.delete_button.isEnabled()
    assert "owns 1 relationship" in panel.delete_button.toolTip()
    assert "owns 1 relationship" in panel.details.text()
    panel.delete()
    assert "retire them instead" in panel.error.text()
    assert "Ines Moreau" in names(page)
    panel.select(ids["mo"])
    assert panel.delete_button.isEnabled()
    panel.delete()
    assert ctx.undo_stack.undoText() == "Delete Mo Okafor"
    assert "Mo Okafor" not in names(page)
    ctx.undo_stack.undo()
    assert "Mo Okafor" in names(page)


def test_the_person_dialog_shows_rates_for_csas_only_and_errors_under_fields(
    qtbot, ctx, ids
) -> None:
    dialog = PersonDialog(None, "Add person", MemberValues("", TeamRole.CSM), (250.0, 0.7))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.rate.isVisible() and not dialog.target.isVisible()
    dialog.role.set_value(TeamRole.CSA)
    assert dialog.rate.isVisible() and dialog.rate.placeholderText() == "default: 250"
    dialog.check = lambda v: dry_run(ctx, lambda s: new_member(s, v))
    dialog.name.setText("ada brennan")
    dialog._accept()
    assert "Ada Brennan" in dialog.errors["name"].text() and dialog.isVisible()
    dialog.name.setText("Nia Park")
    dialog.email.setText("nia at vendor")
    dialog._accept()
    assert "e-mail" in dialog.errors["email"].text() and dialog.errors["name"].isHidden()
    dialog.email.setText("nia@vendor.example")
    dialog.rate.setText("lots")
    dialog._accept()
    assert "number" in dialog.errors["bill_rate"].text()
    dialog.rate.setText("")
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with ctx.portfolio.session() as s:  # the dry run added nobody
        assert s.query(TeamMember).filter_by(name="Nia Park").count() == 0
    fixed = PersonDialog(None, "Add CSA", MemberValues("", TeamRole.CSA), (250.0, 0.7), True)
    qtbot.addWidget(fixed)
    assert not fixed.role.isEnabled() and fixed.role.value() == TeamRole.CSA


def test_the_retire_dialog_explains_and_validates_the_date(qtbot, ctx, ids, page) -> None:
    page.panel.select(ids["ada"])
    row = page.panel.selected()
    dialog = RetireDialog(None, row, D(2026, 11, 24))
    qtbot.addWidget(dialog)
    assert "1 CSA allocation" in dialog.explanation.text()
    assert "no new allocations" in dialog.explanation.text()
    dialog.check = lambda d: dry_run(ctx, lambda s: set_retired(s, row.id, d))
    dialog._accept()
    assert "allocated after 2026-11-24 (Kestrel)" in dialog.errors["retired_on"].text()
    dialog.date.set_value(None)
    dialog._accept()
    assert "Enter the date" in dialog.errors["retired_on"].text()
    dialog.date.set_value(D(2027, 1, 29))
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_people_drop_downs_offer_active_people_and_keep_the_retired_current_one(
    qtbot, ctx, ids, portfolio
) -> None:
    """The Overview's CSM and sponsor, the activity log's "by", the map's owner, the use
    case's CSA and an allocation's CSA: active people of the fitting role only, plus the
    person already chosen, marked (retired)."""
    from cs_planner.domain.model import UseCase
    from cs_planner.ui.accounts.overview_tab import OverviewTab
    from cs_planner.ui.csa.allocation_dialog import csa_choices
    from cs_planner.ui.relationships.tab import RelationshipsTab
    from cs_planner.ui.stairway.tab import StairwayTab

    with portfolio.session() as s:
        set_retired(s, ids["lena"], D(2026, 11, 1))
        set_retired(s, ids["mo"], D(2026, 11, 1))
        set_retired(s, ids["ada"], D(2027, 1, 29))
        used = UseCase(account_id=ids["kestrel"], title="Invoices", csa_id=ids["ada"])
        spare = UseCase(account_id=ids["kestrel"], title="Payroll", position=1)
        s.add_all([used, spare])
        s.flush()
        used_id, spare_id = used.id, spare.id

    overview = OverviewTab(ctx)
    qtbot.addWidget(overview)
    overview.set_account(ids["kestrel"])
    csm = overview.form.editors["csm_id"]
    assert [csm.itemText(i) for i in range(csm.count())] == [
        "(none)",
        "Lena Ortiz (retired)",
        "Omar Haddad",
    ]
    sponsor = overview.form.editors["executive_sponsor_id"]
    assert [sponsor.itemText(i) for i in range(sponsor.count())] == ["(none)", "Sam Reyes"]
    offered = choices(overview.activity_log._team, None, None, "(nobody)", show_role=True)
    assert [label for label, _ in offered] == [
        "(nobody)",
        "Ines Moreau (Support lead)",
        "Omar Haddad (CSM)",
        "Sam Reyes (Exec. sponsor)",
    ]
    assert overview.activity_log._default_owner() is None  # the CSM retired

    tab = RelationshipsTab(ctx)
    qtbot.addWidget(tab)
    tab.set_account(ids["kestrel"])
    person = next(p for p in tab.data.stakeholders if p.name == "Jo Park")
    tab.panel.show_person(person, tab.data)
    owners = [tab.panel.owner.itemText(i) for i in range(tab.panel.owner.count())]
    assert "Mo Okafor" not in owners and "Lena Ortiz (retired)" not in owners
    assert "Ines Moreau" in owners

    view = StairwayTab(ctx)
    qtbot.addWidget(view)
    view.set_account(ids["kestrel"])
    box = view.panel.editors["csa_id"]
    view.staircase.cards[used_id].setSelected(True)
    assert [box.itemText(i) for i in range(box.count())] == ["(none)", "Ada Brennan (retired)"]
    view.staircase.cards[used_id].setSelected(False)
    view.staircase.cards[spare_id].setSelected(True)
    assert [box.itemText(i) for i in range(box.count())] == ["(none)"]
    roster = ctx.read(csa.read_roster)
    assert csa_choices(roster, None) == []
    assert csa_choices(roster, ids["ada"]) == [("Ada Brennan (retired)", ids["ada"])]
