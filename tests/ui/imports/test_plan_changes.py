"""The dialog of Portfolio > Import changes from an account plan…: the diff per sheet, a
checkbox per row, problems shown and not choosable, the chosen rows one undo step."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from cs_planner.demo import generate
from cs_planner.domain.imports.plan_changes import ACTIONS, read_plan_changes
from cs_planner.domain.model import ActionItem
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.storage import Portfolio
from cs_planner.ui.imports.plan_changes import PlanChangesDialog, import_plan_changes
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow

ID_COL = 8  # H: the Action Plan's seven columns, then the ids


@pytest.fixture
def edited(portfolio: Portfolio, today: dt.date, tmp_path: Path) -> tuple[Path, list[int]]:
    """The demo's first account's plan with two titles fixed and one due date unreadable."""
    generate(portfolio, accounts=2, today=today)
    path = write_account_plan(portfolio, 1, tmp_path / "plan.xlsx", today=today)
    wb = load_workbook(path)
    ws = wb[ACTIONS]
    rows = [r for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, ID_COL).value, int)]
    ids = [ws.cell(r, ID_COL).value for r in rows[:3]]
    assert ws.cell(4, ID_COL).value == "Record id (cs_planner)"  # right after the table
    ws.cell(rows[0], 1).value = "Book the EBR with the new CFO"
    ws.cell(rows[1], 1).value = "Agree the success criteria, signed"
    ws.cell(rows[2], 3).value = "after the summer"
    wb.save(path)
    return path, ids


def titles(ctx: AppContext, ids: list[int]) -> list[str]:
    return ctx.read(lambda s: [s.get(ActionItem, i).title for i in ids])  # type: ignore[union-attr]


def test_the_chosen_rows_apply_as_one_undo_step(
    ctx: AppContext, qtbot: QtBot, edited: tuple[Path, list[int]], tmp_path: Path
) -> None:
    path, ids = edited
    before = titles(ctx, ids)
    changes = ctx.read(lambda s: read_plan_changes(s, path, ctx.today()))
    dialog = PlanChangesDialog(changes)
    qtbot.addWidget(dialog)
    assert len(dialog.items) == 2  # the unreadable date is shown, not choosable
    assert dialog.apply_button.text() == "Apply 2 changes"
    second = next(item for item, row in dialog.items if row.record_id == ids[1])
    second.setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.apply_button.text() == "Apply 1 change"
    assert [r.record_id for r in dialog.chosen()] == [ids[0]]
    dialog.resize(1366, 768)
    shots = os.environ.get("CS_PLANNER_SHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "plan_changes.png"))

    # Through the entry point: the dialog accepted with the second row unticked.
    def accept() -> None:
        shown = QApplication.activeModalWidget()
        assert isinstance(shown, PlanChangesDialog)
        for item, row in shown.items:
            if row.record_id == ids[1]:
                item.setCheckState(0, Qt.CheckState.Unchecked)
        shown.accept()

    QTimer.singleShot(0, accept)
    assert import_plan_changes(ctx, None, str(path))
    assert titles(ctx, ids) == ["Book the EBR with the new CFO", before[1], before[2]]
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert titles(ctx, ids) == before


def test_a_refused_plan_says_why_and_changes_nothing(
    ctx: AppContext, qtbot: QtBot, edited: tuple[Path, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, ids = edited
    before = titles(ctx, ids)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    other = path.with_name("other.xlsx")
    Workbook().save(other)
    assert not import_plan_changes(ctx, None, str(other))
    assert said == ["This workbook is not an account plan exported by cs_planner."]
    assert titles(ctx, ids) == before and ctx.undo_stack.count() == 0


def test_the_portfolio_menu_has_the_entry(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, None, settings)
    qtbot.addWidget(window)
    menu = next(m for m in window.menuBar().actions() if m.text() == "&Portfolio").menu()
    entry = next(a for a in menu.actions() if "account plan" in a.text())
    assert entry.text() == "Import c&hanges from an account plan…" and entry.statusTip()
