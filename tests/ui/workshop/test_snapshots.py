"""Account > Take snapshot… (one undoable insert, named "<account> <date>" by default) and
Account > Compare with snapshot… (picker, slider, the changes in words by area, the map
with the differences marked, an empty state; the private changes left out in workshop
mode), on a writable copy of the demo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from cs_planner.domain.edits import run
from cs_planner.domain.enums import Stance
from cs_planner.domain.model import AccountSnapshot, Stakeholder
from cs_planner.domain.workshop import snapshots
from cs_planner.domain.workshop.compare import Kind
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.workshop import snapshot_actions
from cs_planner.ui.workshop.compare_view import CompareDialog


def account_menu(window: MainWindow) -> QMenu:
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Account"]
    return menu


def stored(window: MainWindow) -> list[str]:
    with window.ctx.portfolio.read() as s:
        return list(
            s.scalars(AccountSnapshot.__table__.select().with_only_columns(AccountSnapshot.name))
        )


def test_take_snapshot_from_the_account_menu_is_one_undo_step(
    writable, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _ = writable
    asked: list[str] = []
    monkeypatch.setattr(snapshot_actions, "ask_name", lambda _p, d: asked.append(d) or d)
    take, compare = account_menu(window).actions()
    assert take.isEnabled() and compare.isEnabled()
    take.trigger()
    today = window.ctx.today().isoformat()
    assert asked == [f"Cedarline Medical Group {today}"]
    assert stored(window) == [f"Cedarline Medical Group {today}"]
    assert window.ctx.undo_stack.undoText() == f"Take snapshot Cedarline Medical Group {today}"
    window.ctx.undo_stack.undo()
    assert stored(window) == []
    window.ctx.undo_stack.redo()
    assert stored(window) == [f"Cedarline Medical Group {today}"]
    monkeypatch.setattr(snapshot_actions, "ask_name", lambda _p, d: None)  # cancelled
    take.trigger()
    assert len(stored(window)) == 1


def test_compare_shows_an_empty_state_without_snapshots(writable, qtbot) -> None:
    window, account_id = writable
    dialog = CompareDialog(window.ctx, account_id, "Cedarline", workshop=False, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.stack.currentWidget() is dialog.empty
    assert "No snapshot of Cedarline yet" in dialog.empty.text()


def test_compare_lists_marks_and_steps_through_snapshots(writable, qtbot) -> None:
    window, account_id = writable
    portfolio = window.ctx.portfolio
    with portfolio.session() as s:
        run(s, snapshots.take_snapshot(account_id, "First"))
    with portfolio.session() as s:
        boss = s.query(Stakeholder).filter_by(account_id=account_id, reports_to_id=None).first()
        kim = Stakeholder(account_id=account_id, name="Kim Park", title="CFO", reports_to=boss)
        s.add(kim)
        s.flush()
        kim_id, boss_id = kim.id, boss.id
    with portfolio.session() as s:
        run(s, snapshots.take_snapshot(account_id, "Second"))
    with portfolio.session() as s:
        person = s.get(Stakeholder, boss_id)
        person.stance = Stance.DETRACTOR if person.stance != Stance.DETRACTOR else Stance.CHAMPION

    dialog = CompareDialog(window.ctx, account_id, "Cedarline", workshop=False, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.picker.currentIndex() == 1 and dialog.slider.value() == 1  # the latest
    assert [c.kind for c in dialog.changes] == [Kind.STANCE]
    assert dialog.scene.marked == {boss_id: [Kind.STANCE]}
    dialog.slider.setFocus()
    qtbot.keyClick(dialog.slider, Qt.Key.Key_Left)  # back to the first snapshot
    assert dialog.picker.currentIndex() == 0
    texts = dialog.area_texts()
    [relationships] = [v for k, v in texts.items() if k.startswith("Relationships")]
    assert any(
        t.startswith("Kim Park (CFO) is new on the map, reporting to") for t in relationships
    )
    assert dialog.scene.marked[kim_id] == [Kind.PERSON_ADDED]
    assert dialog.summary.text().startswith("2 changes since First")

    shown = CompareDialog(window.ctx, account_id, "Cedarline", workshop=True, parent=window)
    qtbot.addWidget(shown)
    assert shown.changes == []  # only the stance changed since the latest: private
    assert shown.summary.text() == "Nothing changed since Second."
    shown.picker.setCurrentIndex(0)
    assert [c.kind for c in shown.changes] == [Kind.PERSON_ADDED]
    shown.show()
    shown.show_snapshot(0)  # laid out at its size: readable type, around what changed
    visible = shown.map.mapToScene(shown.map.viewport().rect()).boundingRect()
    assert visible.contains(shown.scene.cards[kim_id].sceneBoundingRect().center())
    assert all("stance" not in t for ts in shown.area_texts().values() for t in ts)
