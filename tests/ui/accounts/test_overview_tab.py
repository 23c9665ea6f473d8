"""The Overview tab on a real portfolio file: field edits, undo, inline validation messages,
divisions, geographies and the activity log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QDialogButtonBox

from cs_planner.domain.accounts.edits import SetAccountField
from cs_planner.domain.accounts.rows import ActivityValues, DivisionValues, GeographyValues
from cs_planner.domain.accounts.rules import marked
from cs_planner.domain.accounts.writes import create_account, new_division, update_settings
from cs_planner.domain.changes import Changes
from cs_planner.domain.enums import ActivityKind, Engagement, LifecycleStage, TeamRole, Tier
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    Account,
    Activity,
    Division,
    Geography,
    Stakeholder,
    TeamMember,
)
from cs_planner.ui.accounts import divisions as divisions_view
from cs_planner.ui.accounts.activity_log import ActivityDialog, activity_columns
from cs_planner.ui.accounts.divisions import DivisionTreeModel
from cs_planner.ui.accounts.organisation_dialogs import DivisionDialog, GeographyDialog
from cs_planner.ui.accounts.overview_tab import EMPTY_TEXT, OverviewTab
from cs_planner.ui.common.editors import parse_number
from cs_planner.ui.common.table_model import RowsModel
from cs_planner.ui.shell.undo import perform


@pytest.fixture
def ids(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        lena = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        omar = TeamMember(name="Omar Haddad", role=TeamRole.CSM)
        eva = TeamMember(name="Eva Lindqvist", role=TeamRole.EXECUTIVE_SPONSOR)
        s.add_all([lena, omar, eva])
        s.flush()
        account = create_account(
            s,
            "Harbor Lane",
            120_000,
            arr=120_000,
            licensed_seats=400,
            active_users=300,
            customer_since=dt.date(2023, 11, 24),
            renewal_date=dt.date(2027, 1, 23),
            csm_id=lena.id,
        )
        other = create_account(s, "Kestrel", 10_000)
        emea = Geography(account_id=account, region="EMEA", country="Germany")
        s.add(emea)
        ops = Division(account_id=account, name="Operations", geography=emea, headcount=900)
        fleet = Division(
            account_id=account, name="Fleet", parent=ops, engagement=Engagement.ADOPTED
        )
        cold = Division(account_id=account, name="Cold chain", parent=fleet)
        anna = Stakeholder(account_id=account, name="Anna de Vries")
        tom = Stakeholder(account_id=account, name="Tom Becker")
        s.add_all([ops, fleet, cold, anna, tom])
        s.flush()
        call = Activity(account_id=account, date=dt.date(2026, 10, 1), owner=lena, note="Call")
        call.stakeholders = [anna]
        s.add(call)
        s.flush()
        return {
            "account": account,
            "other": other,
            "lena": lena.id,
            "omar": omar.id,
            "eva": eva.id,
            "emea": emea.id,
            "ops": ops.id,
            "fleet": fleet.id,
            "cold": cold.id,
            "anna": anna.id,
            "tom": tom.id,
            "call": call.id,
        }


@pytest.fixture
def widget(qtbot, ctx, ids) -> OverviewTab:
    w = OverviewTab(ctx)
    qtbot.addWidget(w)
    w.set_account(ids["account"])
    return w


def account_value(portfolio, account_id: int, field: str) -> Any:
    with portfolio.session() as s:
        return getattr(s.get(Account, account_id), field)


def commit_text(w: OverviewTab, field: str, text: str) -> None:
    editor = w.form.editors[field]
    line = getattr(editor, "line", editor)  # a DateEdit wraps its line edit
    line.setText(text)
    line.editingFinished.emit()


def error_of(w: OverviewTab, field: str) -> str:
    label = w.form.errors[field]
    return "" if label.isHidden() else label.text()


# --- the account's fields -------------------------------------------------------------


def test_empty_state_until_an_account_is_chosen(qtbot, ctx, ids) -> None:
    w = OverviewTab(ctx)
    qtbot.addWidget(w)
    assert OverviewTab.title == "Overview"
    assert w._stack.currentWidget() is w.empty and w.empty.text() == EMPTY_TEXT
    w.set_account(ids["account"])
    assert w.form.editors["name"].text() == "Harbor Lane"
    w.set_account(None)
    assert w._stack.currentWidget() is w.empty


def test_reload_is_one_read(qtbot, ctx, ids, monkeypatch) -> None:
    w = OverviewTab(ctx)
    qtbot.addWidget(w)
    calls: list[object] = []
    real_read = ctx.read
    monkeypatch.setattr(ctx, "read", lambda fn: calls.append(fn) or real_read(fn))
    w.set_account(ids["account"])
    assert len(calls) == 1


def test_one_edit_is_one_read(widget, ctx, monkeypatch) -> None:
    """An ARR edit changes the account and the list (suggested tiers): one ``ctx.changed``,
    one reload of the tab."""
    calls: list[object] = []
    real_read = ctx.read
    monkeypatch.setattr(ctx, "read", lambda fn: calls.append(fn) or real_read(fn))
    commit_text(widget, "arr", "180,000")
    assert len(calls) == 1
    assert widget.kpis.arr.value.text() == "$180,000"


def test_edit_arr_saves_and_undo_restores_database_and_widget(widget, ctx, portfolio, ids):
    commit_text(widget, "arr", "180,000")
    assert account_value(portfolio, ids["account"], "arr") == 180_000
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == "Change ARR of Harbor Lane from 120,000 to 180,000"
    assert widget.form.editors["arr"].text() == "180,000"
    assert widget.kpis.multiple.value.text() == "1.5x"
    ctx.undo_stack.undo()
    assert account_value(portfolio, ids["account"], "arr") == 120_000
    assert widget.form.editors["arr"].text() == "120,000"
    assert widget.kpis.multiple.value.text() == "1.0x"
    ctx.undo_stack.redo()
    assert account_value(portfolio, ids["account"], "arr") == 180_000
    assert widget.form.editors["arr"].text() == "180,000"


def test_typing_and_enter_commits(qtbot, widget, ctx, portfolio, ids) -> None:
    editor = widget.form.editors["licensed_seats"]
    editor.selectAll()
    qtbot.keyClicks(editor, "1.2k")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert account_value(portfolio, ids["account"], "licensed_seats") == 1200
    assert editor.text() == "1,200"
    assert ctx.undo_stack.undoText() == "Change licensed seats of Harbor Lane from 400 to 1,200"
    assert widget.kpis.utilization.value.text() == "25%"


def test_unchanged_value_pushes_nothing(widget, ctx) -> None:
    commit_text(widget, "arr", "120000")
    commit_text(widget, "name", "  Harbor Lane ")
    assert ctx.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("initial_deal_value", "0", "The initial deal value must be greater than 0"),
        ("name", "   ", "The account name cannot be empty."),
        ("name", "kestrel", "An account named 'kestrel' already exists."),
        ("arr", "lots", "ARR must be a number, not 'lots'."),
        ("licensed_seats", "12.5", "Licensed seats must be a whole number."),
        ("renewal_date", "2020-01-01", "renewal date cannot be before the customer"),
        ("customer_since", "24/11/2026", "type a date as YYYY-MM-DD"),
    ],
)
def test_invalid_input_is_shown_next_to_the_field(
    widget, ctx, portfolio, ids, field, text, message
) -> None:
    before = account_value(portfolio, ids["account"], field)
    commit_text(widget, field, text)
    assert message in error_of(widget, field)
    assert account_value(portfolio, ids["account"], field) == before
    assert ctx.undo_stack.count() == 0
    editor = widget.form.editors[field]
    assert getattr(editor, "line", editor).text() == text  # the user's text is kept
    # Another field's edit reloads the form; the rejected text and its message stay.
    commit_text(widget, "industry", "Logistics")
    assert getattr(editor, "line", editor).text() == text
    assert message in error_of(widget, field)


def test_message_clears_when_a_valid_value_is_committed(widget, portfolio, ids) -> None:
    commit_text(widget, "initial_deal_value", "0")
    assert error_of(widget, "initial_deal_value")
    commit_text(widget, "initial_deal_value", "150000")
    assert error_of(widget, "initial_deal_value") == ""
    assert account_value(portfolio, ids["account"], "initial_deal_value") == 150_000


def test_combos_checkbox_and_dates(widget, ctx, portfolio, ids) -> None:
    form = widget.form
    stage = form.editors["lifecycle_stage"]
    stage.setCurrentIndex(list(LifecycleStage).index(LifecycleStage.EXPAND))
    stage.activated.emit(stage.currentIndex())
    assert account_value(portfolio, ids["account"], "lifecycle_stage") == LifecycleStage.EXPAND
    assert ctx.undo_stack.undoText() == "Change lifecycle stage of Harbor Lane from Land to Expand"

    csm = form.editors["csm_id"]
    assert [csm.itemText(i) for i in range(csm.count())] == [
        "(none)",
        "Lena Marsh",
        "Omar Haddad",
    ]
    csm.set_value(ids["omar"])
    csm.activated.emit(csm.currentIndex())
    assert account_value(portfolio, ids["account"], "csm_id") == ids["omar"]
    assert ctx.undo_stack.undoText() == "Change CSM of Harbor Lane from Lena Marsh to Omar Haddad"

    sponsor = form.editors["executive_sponsor_id"]
    assert sponsor.count() == 2  # (none) and Eva, the only executive sponsor

    tier = form.editors["tier_override"]
    assert tier.itemText(0) == "Suggested (Top)"
    tier.set_value(Tier.SCALABLE)
    tier.activated.emit(tier.currentIndex())
    assert account_value(portfolio, ids["account"], "tier_override") == Tier.SCALABLE

    form.editors["strategic"].click()
    assert account_value(portfolio, ids["account"], "strategic") is True

    commit_text(widget, "renewal_date", "")
    assert account_value(portfolio, ids["account"], "renewal_date") is None
    assert widget.kpis.renewal.value.text() == "—"
    ctx.undo_stack.undo()
    assert widget.form.editors["renewal_date"].line.text() == "2027-01-23"

    # The maturity level is a dated history, edited on the Value tab only.
    assert "maturity_current" not in form.editors and "maturity_target" not in form.editors


def test_people_drop_downs_follow_the_account_and_the_team(widget, ctx, portfolio, ids):
    """The CSM drop-down offers the active CSMs, plus an account's own CSM once retired
    (marked); another account's does not offer them; a new colleague shows at once."""

    def csms() -> list[str]:
        box = widget.form.editors["csm_id"]
        return [box.itemText(i) for i in range(box.count())]

    with portfolio.session() as s:
        s.get(TeamMember, ids["lena"]).retired_on = dt.date(2026, 11, 1)
    widget.set_account(ids["other"])
    assert csms() == ["(none)", "Omar Haddad"]
    widget.set_account(ids["account"])
    assert csms() == ["(none)", marked("Lena Marsh", dt.date(2026, 11, 1)), "Omar Haddad"]
    assert widget.form.editors["csm_id"].value() == ids["lena"]
    with portfolio.session() as s:
        s.add(TeamMember(name="Nia Okafor", role=TeamRole.CSM))
    widget.set_account(ids["other"])
    assert csms() == ["(none)", "Nia Okafor", "Omar Haddad"]
    assert widget.form.editors["csm_id"].value() is None


def test_notes_commit_on_focus_out(widget, portfolio, ids) -> None:
    notes = widget.form.editors["notes"]
    notes.setPlainText("Champion promoted to VP.\nQBR in January.")
    notes.document().setModified(True)
    notes.focusOutEvent(QFocusEvent(QEvent.Type.FocusOut))
    assert account_value(portfolio, ids["account"], "notes") == (
        "Champion promoted to VP.\nQBR in January."
    )


def test_kpis_and_currency(widget, ctx, portfolio, ids) -> None:
    kpis = widget.kpis
    assert kpis.arr.value.text() == "$120,000"
    assert kpis.utilization.value.text() == "75%"
    assert "#ef6c00" in kpis.utilization.value.styleSheet()  # amber: under 80%
    assert kpis.renewal.value.text() == "60"  # under 90 days: red
    assert "#c62828" in kpis.renewal.value.styleSheet()
    assert kpis.years.value.text() == "3.0"
    assert kpis.divisions.value.text() == "1 of 3"
    assert widget.form._units[0].text() == "USD"
    with portfolio.session() as s:
        update_settings(s, currency="EUR")
    ctx.notify(Changes(settings=True))
    assert widget.form._units[0].text() == "EUR"
    assert kpis.arr.value.text() == "€120,000"


def test_reloads_when_its_account_changes_elsewhere(widget, ctx, ids) -> None:
    perform(ctx, SetAccountField(ids["account"], "industry", "Retail", "Change industry"))
    assert widget.form.editors["industry"].text() == "Retail"
    # A change to another account leaves this one's editors alone.
    perform(ctx, SetAccountField(ids["other"], "industry", "Pharma", "Change industry"))
    assert widget.form.editors["industry"].text() == "Retail"


def test_deleted_account_shows_the_empty_state(widget, ctx, portfolio, ids) -> None:
    with portfolio.session() as s:
        s.delete(s.get(Account, ids["account"]))
    ctx.notify(Changes.account(ids["account"], listed=True))
    assert widget._stack.currentWidget() is widget.empty
    assert widget.account_id is None


def test_parse_number() -> None:
    assert parse_number("1,200,000", "ARR", "arr") == 1_200_000
    assert parse_number("1.5m", "ARR", "arr") == 1_500_000
    with pytest.raises(ValidationError, match="required"):
        parse_number("", "ARR", "arr")


# --- divisions and geographies ---------------------------------------------------------


def patch_ask(monkeypatch, dialog: type, answer: Any) -> list[dict[str, Any]]:
    """Make ``dialog.ask`` return ``answer``; returns the keyword arguments it got."""
    seen: list[dict[str, Any]] = []

    def ask(cls, parent, **kwargs):
        seen.append(kwargs)
        return answer

    monkeypatch.setattr(dialog, "ask", classmethod(ask))
    return seen


def division_names(portfolio, account_id: int) -> dict[str, int | None]:
    with portfolio.session() as s:
        rows = s.query(Division).filter_by(account_id=account_id).all()
        by_id = {d.id: d.name for d in rows}
        return {d.name: by_id.get(d.parent_id) for d in rows}


def test_divisions_tree_shows_the_hierarchy(widget, qtmodeltester) -> None:
    model = widget.divisions.divisions.model
    qtmodeltester.check(model)
    top = model.index(0, 0)
    assert model.data(top) == "Operations"
    fleet = model.index(0, 0, top)
    assert model.data(fleet) == "Fleet"
    assert model.data(model.index(0, 0, fleet)) == "Cold chain"
    assert model.data(model.index(0, 1)) == "EMEA / Germany"
    assert model.data(model.index(0, 2)) == "900"


def test_add_sub_division_undo_redo(widget, ctx, portfolio, ids, monkeypatch) -> None:
    panel = widget.divisions.divisions
    panel.select(ids["ops"])
    seen = patch_ask(
        monkeypatch,
        DivisionDialog,
        DivisionValues("Yard", ids["ops"], ids["emea"], 40, Engagement.EVALUATING),
    )
    panel.add_sub_button.click()
    assert seen[0]["initial"].parent_id == ids["ops"]
    parents = [label.strip() for label, _ in seen[0]["parents"]]
    assert parents == ["(top level)", "Operations", "Fleet", "Cold chain"]
    assert division_names(portfolio, ids["account"])["Yard"] == "Operations"
    assert panel.selected().name == "Yard"
    assert ctx.undo_stack.undoText() == "Add division Yard to Harbor Lane"
    assert widget.kpis.divisions.value.text() == "1 of 4"
    ctx.undo_stack.undo()
    assert "Yard" not in division_names(portfolio, ids["account"])
    ctx.undo_stack.redo()
    assert division_names(portfolio, ids["account"])["Yard"] == "Operations"
    # The dialog's validation is a dry run: a duplicate is refused, nothing is written.
    with pytest.raises(ValidationError, match="already has a division named"):
        seen[0]["validate"](DivisionValues("fleet"))
    assert len(division_names(portfolio, ids["account"])) == 4


def test_edit_division_offers_no_parent_under_itself(widget, ctx, portfolio, ids, monkeypatch):
    panel = widget.divisions.divisions
    panel.select(ids["fleet"])
    seen = patch_ask(monkeypatch, DivisionDialog, DivisionValues("Fleet & Yard", None))
    panel.edit()
    assert [label.strip() for label, _ in seen[0]["parents"]] == ["(top level)", "Operations"]
    assert division_names(portfolio, ids["account"])["Fleet & Yard"] is None
    ctx.undo_stack.undo()
    assert division_names(portfolio, ids["account"])["Fleet"] == "Operations"


def test_delete_division_with_sub_divisions_and_undo(
    qtbot, widget, ctx, portfolio, ids, monkeypatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(divisions_view.widgets, "confirm", lambda p, t, text: asked.append(text))
    panel = widget.divisions.divisions
    panel.select(ids["ops"])
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert "Operations and its 2 sub-divisions" in asked[0]
    assert len(division_names(portfolio, ids["account"])) == 3  # cancelled
    monkeypatch.setattr(divisions_view.widgets, "confirm", lambda *a: True)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert division_names(portfolio, ids["account"]) == {}
    assert panel.stack.currentWidget() is panel.stack.message
    assert ctx.undo_stack.undoText() == (
        "Delete division Operations and its 2 sub-divisions of Harbor Lane"
    )
    ctx.undo_stack.undo()
    assert division_names(portfolio, ids["account"]) == {
        "Operations": None,
        "Fleet": "Operations",
        "Cold chain": "Fleet",
    }
    assert panel.model.rowCount() == 1
    ctx.undo_stack.redo()
    assert division_names(portfolio, ids["account"]) == {}


def test_geographies_add_edit_delete(widget, ctx, portfolio, ids, monkeypatch, qtmodeltester):
    panel = widget.divisions.geographies
    qtmodeltester.check(panel.model)
    patch_ask(monkeypatch, GeographyDialog, GeographyValues("APAC", "Japan"))
    panel.add_button.click()
    assert [g.label for g in panel.model.rows()] == ["APAC / Japan", "EMEA / Germany"]
    assert ctx.undo_stack.undoText() == "Add geography APAC / Japan to Harbor Lane"
    ctx.undo_stack.undo()
    assert [g.label for g in panel.model.rows()] == ["EMEA / Germany"]
    ctx.undo_stack.redo()
    assert len(panel.model.rows()) == 2

    panel.select(ids["emea"])
    patch_ask(monkeypatch, GeographyDialog, GeographyValues("EMEA", "Austria"))
    panel.edit()
    assert widget.divisions.divisions.model.data(widget.divisions.divisions.model.index(0, 1)) == (
        "EMEA / Austria"
    )

    # Deleting a geography a division is in asks first; undo puts the division back in it.
    monkeypatch.setattr(divisions_view.widgets, "confirm", lambda *a: True)
    panel.select(ids["emea"])
    panel.delete_button.click()
    with portfolio.session() as s:
        assert s.get(Division, ids["ops"]).geography_id is None
    ctx.undo_stack.undo()
    with portfolio.session() as s:
        assert s.get(Division, ids["ops"]).geography_id == ids["emea"]


def test_division_dialog_keeps_open_on_a_rejected_value(qtbot, widget, ids) -> None:
    dialog = DivisionDialog(
        widget, "Add division", DivisionValues(""), [("(top level)", None)], [("(none)", None)]
    )
    qtbot.addWidget(dialog)
    dialog.check = lambda v: widget.divisions.divisions._ctx.read(  # a dry run, as in the app
        lambda s: new_division(s, ids["account"], v)
    )
    dialog.name.setText("Fleet")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "already has a division named 'Fleet'" in dialog.errors["name"].text()
    assert not dialog.errors["name"].isHidden()
    assert dialog.result() == 0  # still open: not accepted


# --- the activity log ------------------------------------------------------------------


def test_activity_add_edit_delete(qtbot, widget, ctx, portfolio, ids, monkeypatch, today):
    log = widget.activity_log
    qtmodeltester_rows = log.model.rowCount()
    assert qtmodeltester_rows == 1
    values = ActivityValues(today, ActivityKind.QBR, ids["lena"], (ids["anna"], ids["tom"]), "QBR")
    seen = patch_ask(monkeypatch, ActivityDialog, values)
    log.add_button.click()
    assert seen[0]["initial"].owner_id == ids["lena"]  # the account's CSM by default
    assert seen[0]["initial"].date == today
    assert seen[0]["stakeholders"] == [(ids["anna"], "Anna de Vries"), (ids["tom"], "Tom Becker")]
    assert log.model.data(log.model.index(0, 2)) == "Anna de Vries, Tom Becker"
    assert log.model.data(log.model.index(0, 1)) == "QBR"
    assert ctx.undo_stack.undoText() == "Add QBR of 2026-11-24 to Harbor Lane"
    ctx.undo_stack.undo()
    assert log.model.rowCount() == 1
    ctx.undo_stack.redo()
    assert log.model.rowCount() == 2
    with portfolio.session() as s:
        stored = s.query(Activity).order_by(Activity.id.desc()).first()
        assert {p.name for p in stored.stakeholders} == {"Anna de Vries", "Tom Becker"}

    # Double-click edits (the dialog is patched), Delete deletes, undo brings it back.
    patch_ask(monkeypatch, ActivityDialog, ActivityValues(today, ActivityKind.WORKSHOP))
    log.select(ids["call"])
    log.table.doubleClicked.emit(log.table.currentIndex())
    with portfolio.session() as s:
        edited = s.get(Activity, ids["call"])
        assert (edited.kind, edited.stakeholders, edited.owner_id) == (
            ActivityKind.WORKSHOP,
            [],
            None,
        )
    ctx.undo_stack.undo()
    with portfolio.session() as s:
        assert [p.name for p in s.get(Activity, ids["call"]).stakeholders] == ["Anna de Vries"]
    log.select(ids["call"])
    qtbot.keyClick(log.table, Qt.Key.Key_Delete)
    with portfolio.session() as s:
        assert s.get(Activity, ids["call"]) is None
    ctx.undo_stack.undo()
    with portfolio.session() as s:
        assert [p.name for p in s.get(Activity, ids["call"]).stakeholders] == ["Anna de Vries"]


def test_activity_dialog_reads_its_fields(qtbot, ids, today) -> None:
    dialog = ActivityDialog(
        None,
        "Add activity",
        ActivityValues(today, ActivityKind.CALL, None, (ids["tom"],), ""),
        [("(nobody)", None), ("Lena Marsh (CSM)", ids["lena"])],
        [(ids["anna"], "Anna de Vries"), (ids["tom"], "Tom Becker")],
    )
    qtbot.addWidget(dialog)
    dialog.people.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.owner.set_value(ids["lena"])
    dialog.note.setPlainText("  Renewal pre-call ")
    values = dialog.values()
    assert values.stakeholder_ids == (ids["anna"], ids["tom"])
    assert (values.owner_id, values.note, values.date) == (ids["lena"], "Renewal pre-call", today)


def test_models_pass_the_model_tester(qtmodeltester, widget) -> None:
    qtmodeltester.check(widget.activity_log.model)
    qtmodeltester.check(widget.divisions.geographies.model)
    empty = RowsModel(activity_columns(lambda _row: None))
    for model in (DivisionTreeModel(), empty):  # empty ones too
        qtmodeltester.check(model)


def test_parent_account_and_employees(widget, ctx, portfolio, ids) -> None:
    form = widget.form
    parent = form.editors["parent_id"]
    # "(none)" until the field is used: then the other accounts, never the account itself.
    assert [parent.itemText(i) for i in range(parent.count())] == ["(none)"]
    parent.showPopup()
    parent.hidePopup()
    assert [parent.itemText(i) for i in range(parent.count())] == ["(none)", "Kestrel"]
    assert parent.value() is None
    parent.set_value(ids["other"])
    parent.activated.emit(parent.currentIndex())
    assert account_value(portfolio, ids["account"], "parent_id") == ids["other"]
    assert ctx.undo_stack.undoText() == "Change parent account of Harbor Lane from none to Kestrel"

    commit_text(widget, "employees", "1,250")
    assert account_value(portfolio, ids["account"], "employees") == 1250
    assert form.editors["employees"].text() == "1,250"
    assert ctx.undo_stack.undoText() == "Change employees of Harbor Lane from (empty) to 1,250"
    commit_text(widget, "employees", "-3")
    assert "Employees must be at least 0" in error_of(widget, "employees")
    assert account_value(portfolio, ids["account"], "employees") == 1250
    commit_text(widget, "employees", "")
    assert account_value(portfolio, ids["account"], "employees") is None
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert account_value(portfolio, ids["account"], "employees") is None
    assert form.editors["employees"].text() == ""
    ctx.undo_stack.undo()
    assert account_value(portfolio, ids["account"], "parent_id") is None
    assert parent.value() is None


def test_a_parent_that_makes_a_loop_is_refused_next_to_the_field(
    widget, ctx, portfolio, ids
) -> None:
    perform(ctx, SetAccountField(ids["other"], "parent_id", ids["account"], "Set parent"))
    count = ctx.undo_stack.count()
    parent = widget.form.editors["parent_id"]
    parent.set_value(ids["other"])
    parent.activated.emit(parent.currentIndex())
    assert "loop in the account hierarchy" in error_of(widget, "parent_id")
    assert account_value(portfolio, ids["account"], "parent_id") is None
    assert ctx.undo_stack.count() == count
    # On Kestrel's Overview, Harbor Lane is offered and Kestrel is not.
    widget.set_account(ids["other"])
    assert parent.value() == ids["account"]  # offered before the list is made
    parent.fill()
    assert [parent.itemText(i) for i in range(parent.count())] == ["(none)", "Harbor Lane"]
    assert parent.value() == ids["account"]
