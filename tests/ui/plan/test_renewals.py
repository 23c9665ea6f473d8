"""The Renewals section on a real file: the headline counted from the records, records
added, edited and deleted with undo, and after a renewal the next cycle's suggestions, each
added as an objective with one click (and undone)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select

from cs_planner.domain.enums import PlanArea, RenewalOutcome
from cs_planner.domain.model import Objective, Renewal
from cs_planner.ui.plan import renewals as renewals_ui
from cs_planner.ui.plan.renewals import RenewalsPanel, RenewalValues

RENEWAL = RenewalValues(dt.date(2026, 6, 1), 12, 90_000, 99_000, RenewalOutcome.EXPANDED)


def panel_of(tab) -> RenewalsPanel:
    panel = tab.show_section("Renewals")
    assert isinstance(panel, RenewalsPanel)
    return panel


def test_records_headline_and_suggestions(qtbot, tab, ctx, acct, monkeypatch, portfolio) -> None:
    panel = panel_of(tab)
    assert panel.headline.text() == "Customer for 4 years, 0 renewals"  # since 2022-06-01
    assert panel.suggestions.isHidden()  # no renewal yet: no next cycle
    monkeypatch.setattr(renewals_ui.RenewalDialog, "ask", classmethod(lambda c, *a, **k: RENEWAL))
    panel.records.add()
    assert panel.headline.text() == "Customer for 4 years, 1 renewal"
    model = panel.records.model
    assert model.rowCount() == 1
    change = model.index(0, 4).data()
    assert change == "+$9,000 (+10%)"
    assert not panel.suggestions.isHidden()
    assert "2026-06-01" in panel.suggestions.title.text()
    areas = [s.area for s, *_ in panel.suggestions.rows]
    assert areas == list(PlanArea)
    (suggestion, _text, add) = next(
        r for r in panel.suggestions.rows if r[0].area == PlanArea.ADOPTION
    )
    assert "from 64% to 80%" in suggestion.title
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert PlanArea.ADOPTION not in [s.area for s, *_ in panel.suggestions.rows]
    with portfolio.read() as s:
        assert s.scalars(select(Objective.title)).all() == [suggestion.title]
    ctx.undo_stack.undo()
    assert len(panel.suggestions.rows) == 4
    ctx.undo_stack.undo()  # the renewal itself
    assert model.rowCount() == 0 and panel.suggestions.isHidden()


def test_edit_and_delete_a_record(tab, ctx, acct, monkeypatch, portfolio) -> None:
    with portfolio.session() as s:
        s.add(Renewal(account_id=acct["account"], renewed_on=RENEWAL.renewed_on, arr_before=90_000,
                      arr_after=99_000, outcome=RenewalOutcome.EXPANDED))  # fmt: skip
    tab.reload()
    panel = panel_of(tab)
    table = panel.records
    table.select(table.model.row_at(0).id)
    churned = dataclasses.replace(RENEWAL, arr_after=0.0, outcome=RenewalOutcome.CHURNED)
    monkeypatch.setattr(renewals_ui.RenewalDialog, "ask", classmethod(lambda c, *a, **k: churned))
    table.edit()
    assert table.model.row_at(0).values.outcome == RenewalOutcome.CHURNED
    assert panel.headline.text().endswith("0 renewals")  # churned: not a cycle
    assert panel.suggestions.isHidden()
    table.select(table.model.row_at(0).id)
    table.delete()
    assert table.model.rowCount() == 0
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert table.model.row_at(0).values == RENEWAL
