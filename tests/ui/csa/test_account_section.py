"""The CSA section on an account's Overview: who is allocated, add, edit, delete, undo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.csa.edits import add_allocation, new_allocation, new_csa
from cs_planner.domain.csa.rows import AllocationValues, CsaValues
from cs_planner.domain.model import CsaAllocation
from cs_planner.ui.accounts.overview_tab import OverviewTab
from cs_planner.ui.csa.allocation_dialog import AllocationDialog
from cs_planner.ui.csa.allocations import AllocationColumn
from cs_planner.ui.shell.undo import perform

D = dt.date


@pytest.fixture
def ids(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        ada = new_csa(s, CsaValues("Ada Brennan"))
        rui = new_csa(s, CsaValues("Rui Santos"))
        s.flush()
        kestrel = create_account(s, "Kestrel", 10_000)
        harbor = create_account(s, "Harbor Lane", 20_000)
        row = new_allocation(
            s, AllocationValues(ada.id, kestrel, D(2026, 11, 2), D(2027, 2, 26), fraction=0.75)
        )
        s.flush()
        return {"ada": ada.id, "rui": rui.id, "kestrel": kestrel, "harbor": harbor, "row": row.id}


@pytest.fixture
def overview(qtbot, ctx, ids) -> OverviewTab:
    widget = OverviewTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1500, 900)
    widget.show()
    widget.set_account(ids["kestrel"])
    return widget


@pytest.fixture
def section(overview):
    return overview.csa_section


def patch_ask(monkeypatch, answer: Any) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    def ask(cls, parent, **kwargs):
        seen.append(kwargs)
        return answer

    monkeypatch.setattr(AllocationDialog, "ask", classmethod(ask))
    return seen


def count(portfolio) -> int:
    with portfolio.session() as s:
        return s.query(CsaAllocation).count()


def test_lists_who_is_allocated_to_the_account(section, qtmodeltester) -> None:
    qtmodeltester.check(section.model)
    rows = section.model.rows()
    assert [(r.csa, r.fraction) for r in rows] == [("Ada Brennan", 0.75)]
    assert section.table.isColumnHidden(AllocationColumn.ACCOUNT)
    assert section.add_button.isEnabled()


def test_add_goes_to_this_account_and_undo_removes_it(section, ctx, ids, portfolio, monkeypatch):
    new = AllocationValues(ids["rui"], ids["kestrel"], D(2026, 12, 1), D(2027, 1, 29), 0.25)
    seen = patch_ask(monkeypatch, new)
    section.add()
    assert seen[0]["accounts"] is None  # the account is fixed
    assert seen[0]["initial"].account_id == ids["kestrel"]
    assert [r.csa for r in section.model.rows()] == ["Ada Brennan", "Rui Santos"]
    assert ctx.undo_stack.undoText() == "Allocate Rui Santos 25% to Kestrel"
    ctx.undo_stack.undo()
    assert count(portfolio) == 1
    assert len(section.model.rows()) == 1


def test_edit_and_delete(section, ctx, ids, portfolio, monkeypatch) -> None:
    section.select(ids["row"])
    row = section.selected()
    patch_ask(monkeypatch, AllocationValues(**(row.values.__dict__ | {"fraction": 1.0})))
    section.edit()
    assert section.model.rows()[0].fraction == 1.0
    assert ctx.undo_stack.undoText() == "Change Ada Brennan on Kestrel to 100%"
    section.select(ids["row"])
    section.delete()
    assert count(portfolio) == 0 and section.model.rowCount() == 0
    assert section.stack.currentWidget() is not section.view
    ctx.undo_stack.undo()
    assert count(portfolio) == 1
    ctx.undo_stack.undo()
    assert section.model.rows()[0].fraction == 0.75


def test_another_accounts_allocation_flags_a_shared_csa(section, ctx, ids) -> None:
    assert not section.model.is_flagged(ids["row"])
    values = AllocationValues(ids["ada"], ids["harbor"], D(2026, 12, 7), D(2026, 12, 11), 0.5)
    perform(ctx, add_allocation("Allocate Ada Brennan 50% to Harbor Lane", values))
    assert section.model.is_flagged(ids["row"])
    assert section.model.data(section.model.index(0, 0)).startswith("⚠")


def test_adding_beyond_full_time_is_allowed_and_said(section, ids, portfolio, monkeypatch):
    new = AllocationValues(ids["ada"], ids["kestrel"], D(2026, 12, 7), D(2026, 12, 18), 0.5)
    patch_ask(monkeypatch, new)
    section.add()
    assert count(portfolio) == 2
    assert "beyond 100%" in section.error.text() and not section.error.isHidden()
    assert all(section.model.is_flagged(r.id) for r in section.model.rows())
