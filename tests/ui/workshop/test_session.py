"""A workshop session in the window: entering takes a workshop snapshot; a person added,
one marked as left and an action agreed during it make leaving ask first, then the summary
names each, exports the meeting notes (.xlsx read back, .md) and logs the session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from cs_planner.domain.edits import Insert, Update
from cs_planner.domain.enums import ActivityKind, SnapshotKind, StakeholderStatus
from cs_planner.domain.model import ActionItem, Activity, Stakeholder
from cs_planner.domain.workshop import snapshots
from cs_planner.domain.workshop.session import SessionSummary
from cs_planner.ui.common import widgets
from cs_planner.ui.shell.undo import perform
from cs_planner.ui.workshop import session_view
from cs_planner.ui.workshop.session_view import SummaryDialog

ACCOUNT = "Cedarline Medical Group"


def _set_status(session, person_id: int, status: StakeholderStatus) -> StakeholderStatus:
    person = session.get(Stakeholder, person_id)
    before, person.status = person.status, status
    return before


def _capture(window, account_id: int) -> tuple[str, str]:
    """A person added, one marked as left, an action agreed: as the window makes them."""
    ctx = window.ctx
    with ctx.portfolio.read() as s:
        people = s.scalars(
            select(Stakeholder).where(Stakeholder.account_id == account_id).order_by(Stakeholder.id)
        ).all()
        boss_id = people[0].id
        leaving = next(p for p in people[1:] if p.status is StakeholderStatus.ACTIVE)
        leaving_id, leaving_name = leaving.id, leaving.name
    perform(ctx, Insert("Add Rosa Lind", lambda s: Stakeholder(
        account_id=account_id, name="Rosa Lind", title="Head of Procurement",
        reports_to_id=boss_id)))  # fmt: skip
    perform(ctx, Update("Mark as left", _set_status, leaving_id, StakeholderStatus.LEFT_COMPANY))
    perform(ctx, Insert("Add an action", lambda s: ActionItem(
        account_id=account_id, title="Send the rollout plan", customer_owner_id=boss_id,
        due_date=dt.date(2026, 12, 16))))  # fmt: skip
    return leaving_name, people[0].name


def test_a_session_from_entering_to_the_activity_log(
    writable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, account_id = writable
    today = window.ctx.today().isoformat()
    name = f"Workshop with {ACCOUNT}, {today}"
    window.workshop.enter()
    with window.ctx.portfolio.read() as s:
        [started] = snapshots.snapshots_of(s, account_id)
    assert (started.name, started.kind) == (name, SnapshotKind.WORKSHOP)
    assert window.ctx.undo_stack.count() == 0  # the start is not an undoable step

    leaving, boss = _capture(window, account_id)
    asked: list[str] = []
    monkeypatch.setattr(widgets, "confirm", lambda _p, title, _t: asked.append(title) or False)
    window.workshop.action.trigger()  # F5 again, and "no": still in front of the customer
    assert asked == ["Leave workshop mode"] and window.workshop.on
    assert window.workshop.action.isChecked() and window.portfolio_view.isHidden()
    asked.clear()
    monkeypatch.setattr(widgets, "confirm", lambda _p, title, _t: asked.append(title) or True)
    shown: list[SessionSummary] = []

    def log_it(summary: SessionSummary, _parent) -> SessionSummary:
        shown.append(summary)
        return summary

    monkeypatch.setattr(session_view, "ask_to_log", log_it)
    window.workshop.action.trigger()  # F5 again
    assert asked == ["Leave workshop mode"] and not window.workshop.on
    [summary] = shown
    sections = dict(summary.sections())
    assert sections["Agreed actions"] == [f"Send the rollout plan ({boss}, by 2026-12-16)"]
    assert sections["New people"][0].startswith("Rosa Lind (Head of Procurement) is new")
    assert sections["Departed people"] == [f"{leaving} left the company."]
    with window.ctx.portfolio.read() as s:
        logged = s.scalars(select(Activity).order_by(Activity.id.desc())).first()
        assert (logged.account_id, logged.kind, logged.note) == (
            account_id,
            ActivityKind.WORKSHOP,
            summary.text(),
        )
    assert window.ctx.undo_stack.undoText() == f"Log {name}"


def test_the_summary_dialog_renames_and_exports_the_notes(
    writable,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window, account_id = writable
    window.workshop.enter()
    _capture(window, account_id)
    summary = window.workshop.session.summary(window.ctx)
    dialog = SummaryDialog(summary, window)
    qtbot.addWidget(dialog)
    assert "Rosa Lind" in dialog.text.toPlainText()
    dialog.name.setText("Q3 review with Cedarline")
    for suffix in (".xlsx", ".md"):
        target = tmp_path / f"notes{suffix}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, t=target: (str(t), ""))
        assert dialog.export_notes() == target
    ws = openpyxl.load_workbook(tmp_path / "notes.xlsx")["Meeting notes"]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells[0] == "Q3 review with Cedarline"
    assert "Send the rollout plan" in cells and "Agreed actions" in cells
    assert any(c.startswith("Rosa Lind (Head of Procurement)") for c in cells)
    markdown = (tmp_path / "notes.md").read_text()
    assert markdown.startswith("# Q3 review with Cedarline\n")
    assert "## Departed people" in markdown and "## New people" in markdown
