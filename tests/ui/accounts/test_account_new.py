"""Portfolio > Add account on a real portfolio file: the dialog's fields and defaults, inline
errors from a dry run, the undoable insert; and a new account without ARR shown as having
no multiple (never 0.0x, no green projection, not suggested top tier)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.accounts.rows import MemberValues
from cs_planner.domain.accounts.rules import NO_ARR_YET
from cs_planner.domain.accounts.team_writes import new_member, set_retired
from cs_planner.domain.accounts.writes import create_account, update_settings
from cs_planner.domain.enums import TeamRole, Tier
from cs_planner.domain.model import Account
from cs_planner.ui.accounts.account_new import NewAccountDialog, add_account, new_account_choices
from cs_planner.ui.shell.undo import dry_run

D = dt.date


@pytest.fixture
def csms(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        ids = {}
        for name in ("Lena Ortiz", "Omar Haddad", "Gus Old"):
            person = new_member(s, MemberValues(name, TeamRole.CSM))
            s.flush()
            ids[name] = person.id
        ids["ada"] = new_member(s, MemberValues("Ada Brennan", TeamRole.CSA)).id
        set_retired(s, ids["Gus Old"], D(2026, 6, 30))
        create_account(s, "Kestrel", 10_000, arr=30_000, industry="Retail")
        update_settings(s, owner_name="Omar Haddad")
    return ids


def dialog_for(qtbot, ctx) -> NewAccountDialog:
    dialog = NewAccountDialog(None, ctx.read(new_account_choices), ctx.today())
    qtbot.addWidget(dialog)
    dialog.check = lambda values: dry_run(ctx, lambda s: create_account(s, **values))
    return dialog


def test_the_dialog_offers_active_csms_and_sensible_defaults(qtbot, ctx, csms) -> None:
    dialog = dialog_for(qtbot, ctx)
    offered = [dialog.csm.itemText(i) for i in range(dialog.csm.count())]
    assert offered == ["(none)", "Lena Ortiz", "Omar Haddad"]  # not the retired, not a CSA
    assert dialog.csm.value() == csms["Omar Haddad"]  # the portfolio's owner
    assert dialog.deal_date.value() == D(2026, 11, 24)
    assert dialog.renewal.value() == D(2027, 11, 24)
    assert dialog.industry.findText("Retail") >= 0
    # ARR follows the initial deal until typed; the renewal follows the deal date.
    qtbot.keyClicks(dialog.deal, "120k")
    assert dialog.arr.text() == "120k"
    dialog.arr.selectAll()
    qtbot.keyClicks(dialog.arr, "90,000")  # typed: the deal no longer sets it
    qtbot.keyClicks(dialog.deal, "0")
    assert dialog.arr.text() == "90,000"
    dialog.deal_date.line.setText("2026-03-15")
    dialog.deal_date.line.textEdited.emit("2026-03-15")
    assert dialog.renewal.value() == D(2027, 3, 15)


def test_errors_show_under_their_field_and_nothing_is_added(qtbot, ctx, csms, portfolio) -> None:
    dialog = dialog_for(qtbot, ctx)
    dialog.show()
    dialog._accept()
    assert "cannot be empty" in dialog.errors["name"].text()
    dialog.name.setText("kestrel")
    dialog._accept()
    assert "already exists" in dialog.errors["name"].text()
    dialog.name.setText("Aldwick Dental")
    dialog._accept()
    assert "initial deal value is required" in dialog.errors["initial_deal_value"].text()
    dialog.deal.setText("40,000")
    dialog.arr.setText("-5")
    dialog._accept()
    assert "ARR must be at least 0" in dialog.errors["arr"].text()
    dialog.arr.setText("")
    dialog.renewal.set_value(D(2026, 1, 1))
    dialog._accept()
    assert "renewal date cannot be before" in dialog.errors["renewal_date"].text()
    assert dialog.isVisible()
    with portfolio.session() as s:
        assert s.query(Account).count() == 1
    dialog.renewal.set_value(D(2027, 11, 24))
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    values = dialog.values()
    assert values["arr"] == 0.0 and values["customer_since"] == D(2026, 11, 24)


def test_add_account_adds_every_field_in_one_undoable_step(
    qtbot, ctx, csms, portfolio, monkeypatch
) -> None:
    answer: dict[str, Any] = {
        "name": "Aldwick Dental",
        "industry": "Healthcare",
        "initial_deal_value": 40_000.0,
        "arr": 45_000.0,
        "initial_deal_date": D(2026, 10, 1),
        "customer_since": D(2026, 10, 1),
        "renewal_date": D(2027, 10, 1),
        "csm_id": csms["Lena Ortiz"],
    }
    seen: list[dict] = []
    monkeypatch.setattr(
        NewAccountDialog,
        "ask",
        classmethod(lambda cls, parent, **kwargs: seen.append(kwargs) or answer),
    )
    account_id = add_account(ctx, None)
    assert seen[0]["today"] == D(2026, 11, 24)
    with portfolio.session() as s:
        a = s.get(Account, account_id)
        assert (a.industry, a.arr, a.initial_deal_date, a.renewal_date, a.csm_id) == (
            "Healthcare",
            45_000,
            D(2026, 10, 1),
            D(2027, 10, 1),
            csms["Lena Ortiz"],
        )
    assert ctx.undo_stack.undoText() == "Add account Aldwick Dental"
    ctx.undo_stack.undo()
    with portfolio.session() as s:
        assert s.get(Account, account_id) is None
    ctx.undo_stack.redo()
    with portfolio.session() as s:
        assert s.get(Account, account_id).name == "Aldwick Dental"


def test_a_new_account_without_arr_shows_no_multiple_anywhere(qtbot, ctx, csms, portfolio) -> None:
    """Not "0.0x" in the list or on the Overview, no green projection on the Expansion tab,
    and not suggested top tier even as the only account with none."""
    from cs_planner.domain.enums import Dimension
    from cs_planner.domain.expansion.edits import add_opportunity
    from cs_planner.domain.expansion.rows import OpportunityValues
    from cs_planner.ui.accounts.overview_tab import OverviewTab
    from cs_planner.ui.accounts.portfolio_list import Column, PortfolioView
    from cs_planner.ui.expansion.tab import ExpansionTab

    with portfolio.session() as s:
        fresh = create_account(
            s, "Aldwick Dental", 40_000, csm_id=csms["Lena Ortiz"], initial_deal_date=ctx.today()
        )
        add_opportunity(
            s,
            fresh,
            OpportunityValues(Dimension.USERS, "Seats", 400_000, 90, target_quarter=D(2027, 1, 1)),
            ctx.today(),
        )
        assert get_settings(s).currency == "USD"

    view = PortfolioView(ctx)
    qtbot.addWidget(view)
    view.reload()
    model = view.model
    row = next(
        r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "Aldwick Dental"
    )
    multiple = model.index(row, Column.MULTIPLE)
    assert model.data(multiple) == "—"
    assert model.data(multiple, Qt.ItemDataRole.ToolTipRole) == NO_ARR_YET
    assert model.data(model.index(row, Column.TIER)) == Tier.SCALABLE.label
    model.sort(Column.MULTIPLE, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, 0)) == "Aldwick Dental"  # no multiple sorts lowest

    overview = OverviewTab(ctx)
    qtbot.addWidget(overview)
    overview.set_account(fresh)
    tile = overview.kpis.multiple
    assert tile.value.text() == "—" and tile.detail.text() == "no ARR yet"
    assert tile.toolTip() == NO_ARR_YET

    expansion = ExpansionTab(ctx)
    qtbot.addWidget(expansion)
    expansion.set_account(fresh)
    for tile in (expansion.kpis.multiple, *expansion.kpis.projected.values()):
        assert tile.value.text() == "—"
        assert "color" not in tile.value.styleSheet()  # not the green of a rising multiple
        assert tile.toolTip() == NO_ARR_YET
    with portfolio.session() as s:  # once the ARR is entered, the multiple shows
        s.get(Account, fresh).arr = 20_000
    expansion.set_account(fresh)
    assert expansion.kpis.multiple.value.text() == "0.5x"
    # Quarter 8 after the first deal, projected from the ARR now entered (a number, not "—").
    assert expansion.kpis.projected[8].value.text().endswith("x")
