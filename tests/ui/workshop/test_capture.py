"""Capturing in the room: a stakeholder added under the selected person in three actions
(select, Insert, type name and title), driven by key events."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cs_planner.domain.model import Stakeholder


def test_select_insert_name_and_title(qtbot, writable) -> None:
    window, account_id = writable
    window.workshop.enter()
    window.main_area.set_tab("Relationships")
    tab = window.workspace.current_page()
    qtbot.waitUntil(lambda: tab.data is not None)
    boss = tab.data.stakeholders[0]

    def type_in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        QTest.keyClicks(dialog.focusWidget(), "Rosa Lind")
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        QTest.keyClicks(dialog.focusWidget(), "Head of Procurement")
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    tab.select_people([boss.id])  # 1: select
    tab.view.setFocus()
    QTimer.singleShot(0, type_in_the_dialog)  # 3: name, Tab, title, Enter
    QTest.keyClick(tab.view, Qt.Key.Key_Insert)  # 2: Insert
    with window.ctx.portfolio.read() as session:
        rosa = session.query(Stakeholder).filter_by(name="Rosa Lind").one()
        assert (rosa.title, rosa.reports_to_id) == ("Head of Procurement", boss.id)
        assert rosa.account_id == account_id
