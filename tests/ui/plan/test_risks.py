"""The Risks section on a real file: a proposal accepted or dismissed with one click and
undone; the heat grid counts open risks per cell and a click filters the register; an
overdue review reads red; add, edit and delete are undoable."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy import func, select

from cs_planner.domain.enums import RiskCategory, RiskStatus, StakeholderStatus
from cs_planner.domain.model import Risk, RiskDismissal, Stakeholder
from cs_planner.ui.plan import risks as risks_ui
from cs_planner.ui.plan.risks import RisksPanel
from tests.domain.plan.conftest import TODAY

Role = Qt.ItemDataRole


def panel_of(tab) -> RisksPanel:
    panel = tab.show_section("Risks")
    assert isinstance(panel, RisksPanel)
    return panel


def count(portfolio, model) -> int:
    with portfolio.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_the_sections_have_their_alt_letters(tab) -> None:
    titles = [tab.sections.tabText(i) for i in range(tab.sections.count())]
    assert {"&Risks", "Re&newals", "Evan&gelism"} <= set(titles)
    # The menus use P, E, V and H: a section's letter must not take one of them.
    letters = {t[t.index("&") + 1].lower() for t in titles if "&" in t}
    assert not letters & set("pevh")


def test_accept_with_one_click_and_undo(qtbot, tab, ctx, acct, change, portfolio) -> None:
    change(Stakeholder, acct["exec"], status=StakeholderStatus.LEFT_COMPANY)
    tab.reload()
    panel = panel_of(tab)
    assert panel.proposals.isVisible()
    ((proposal, text, accept, _dismiss),) = panel.proposals.rows
    assert "Champion Eve Exec left the company" in text.text()
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    assert panel.register.model.rowCount() == 1
    row = panel.register.model.row_at(0)
    assert (row.proposal_key, row.owner) == (proposal.key, "Cleo Marsh")
    assert panel.proposals.rows == [] and not panel.proposals.isVisible()
    assert ctx.undo_stack.undoText().startswith("Accept the risk")
    ctx.undo_stack.undo()
    assert panel.register.model.rowCount() == 0 and count(portfolio, Risk) == 0
    assert [p.key for p, *_ in panel.proposals.rows] == [proposal.key]
    ctx.undo_stack.redo()
    assert panel.register.model.rowCount() == 1 and panel.proposals.rows == []


def test_dismiss_with_one_click_and_undo(qtbot, tab, ctx, acct, change, portfolio) -> None:
    change(Stakeholder, acct["exec"], status=StakeholderStatus.LEFT_COMPANY)
    tab.reload()
    panel = panel_of(tab)
    ((_proposal, _text, _accept, dismiss),) = panel.proposals.rows
    qtbot.mouseClick(dismiss, Qt.MouseButton.LeftButton)
    assert panel.proposals.rows == [] and panel.register.model.rowCount() == 0
    assert count(portfolio, RiskDismissal) == 1
    ctx.undo_stack.undo()
    assert len(panel.proposals.rows) == 1 and count(portfolio, RiskDismissal) == 0


def add_risks(portfolio, account_id: int) -> None:
    with portfolio.session() as s:
        for likelihood, impact, status in (
            (3, 4, RiskStatus.OPEN),
            (3, 4, RiskStatus.OPEN),
            (3, 4, RiskStatus.CLOSED),
            (5, 5, RiskStatus.OPEN),
        ):
            s.add(Risk(account_id=account_id, description=f"{likelihood}x{impact} {status}",
                       likelihood=likelihood, impact=impact, status=status))  # fmt: skip


def test_heat_grid_counts_open_risks_and_a_click_filters(qtbot, tab, acct, portfolio) -> None:
    add_risks(portfolio, acct["account"])
    tab.reload()
    panel = panel_of(tab)
    grid = panel.grid
    assert grid.cells[(3, 4)].text() == "2"  # the closed one is not counted
    assert grid.cells[(5, 5)].text() == "1" and grid.cells[(1, 1)].text() == ""
    assert "2 open risks" in grid.cells[(3, 4)].toolTip()
    assert panel.register.model.rowCount() == 4
    qtbot.mouseClick(grid.cells[(3, 4)], Qt.MouseButton.LeftButton)
    shown = panel.register.model.rows()
    assert len(shown) == 2 and all(r.values.likelihood == 3 and r.is_open for r in shown)
    assert "likelihood 3 x impact 4" in panel.grid_note.text()
    qtbot.mouseClick(grid.cells[(3, 4)], Qt.MouseButton.LeftButton)  # again: everything
    assert panel.register.model.rowCount() == 4
    panel.register.open_only.setChecked(True)
    assert panel.register.model.rowCount() == 3
    # The biggest exposure first.
    assert panel.register.model.row_at(0).exposure == 25


def test_an_overdue_review_reads_red(tab, acct, portfolio) -> None:
    with portfolio.session() as s:
        s.add(Risk(account_id=acct["account"], description="Late",
                   review_date=TODAY - dt.timedelta(days=1)))  # fmt: skip
        s.add(Risk(account_id=acct["account"], description="Closed late",
                   review_date=TODAY - dt.timedelta(days=1), status=RiskStatus.CLOSED))  # fmt: skip
    tab.reload()
    model = panel_of(tab).register.model
    review = len(model.columns) - 1
    colours = {
        model.row_at(n).values.description: model.index(n, review).data(Role.ForegroundRole)
        for n in range(model.rowCount())
    }
    assert isinstance(colours["Late"], QColor)
    assert colours["Late"].red() > colours["Late"].green()  # BAD, made readable
    assert colours["Closed late"] is None


def test_add_edit_delete_are_undoable(tab, ctx, acct, monkeypatch, portfolio) -> None:
    panel = panel_of(tab)
    values = risks_ui.RiskValues("Budget cut", RiskCategory.COMMERCIAL, 2, 5, acct["csm"])
    monkeypatch.setattr(risks_ui.RiskDialog, "ask", classmethod(lambda cls, *a, **k: values))
    panel.register.add()
    assert panel.register.model.rowCount() == 1
    assert panel.grid.cells[(2, 5)].text() == "1"
    panel.register.select(panel.register.model.row_at(0).id)
    edited = dataclasses.replace(values, likelihood=4)
    monkeypatch.setattr(risks_ui.RiskDialog, "ask", classmethod(lambda cls, *a, **k: edited))
    panel.register.edit()
    assert panel.register.model.row_at(0).values.likelihood == 4
    assert panel.grid.cells[(4, 5)].text() == "1" and panel.grid.cells[(2, 5)].text() == ""
    panel.register.select(panel.register.model.row_at(0).id)
    panel.register.delete()
    assert count(portfolio, Risk) == 0
    for _ in range(3):
        ctx.undo_stack.undo()
    assert count(portfolio, Risk) == 0 and panel.register.model.rowCount() == 0
    ctx.undo_stack.redo()
    assert panel.register.model.row_at(0).values.likelihood == 2
