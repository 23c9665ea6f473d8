"""The Relationships tab on a real file: the map, dragging a card onto another to change
who they report to (undoable), loops refused, presentation mode, the side panel, the
stakeholder table, influence lines, pins, find and export."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cs_planner import palette
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import Level, Stance
from cs_planner.domain.model import InfluenceLink, Stakeholder
from cs_planner.domain.relationships.rows import StakeholderValues
from cs_planner.ui.relationships.cards import PRESENTATION_COLOUR
from cs_planner.ui.relationships.dialogs import AddPersonDialog
from cs_planner.ui.relationships.tab import RelationshipsTab
from cs_planner.ui.relationships.table import Col
from cs_planner.ui.shell.context import AppContext

TODAY = dt.date(2026, 11, 24)


def manager_of(portfolio, person_id: int) -> int | None:
    with portfolio.session() as s:
        return s.get(Stakeholder, person_id).reports_to_id


def press_and_move(view, start: QPointF, end: QPointF, steps: int = 8):
    """Press, then move with the button held (not released); the end in the viewport."""
    viewport = view.viewport()
    a, b = view.mapFromScene(start), view.mapFromScene(end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for step in range(1, steps + 1):
        point = QPointF(a + (b - a) * (step / steps))
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            point,
            QPointF(viewport.mapToGlobal(point.toPoint())),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, move)
    return b


def drag(view, start: QPointF, end: QPointF) -> None:
    """Press, move with the button held, release: a real drag on the view's viewport."""
    b = press_and_move(view, start, end)
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mouseRelease(view.viewport(), left, none, b)
    QApplication.processEvents()  # the edit is queued until the drag's handlers return


def test_empty_state_without_an_account(qtbot, portfolio) -> None:
    widget = RelationshipsTab(AppContext(portfolio))
    qtbot.addWidget(widget)
    widget.set_account(None)
    assert widget._stack.currentWidget() is widget.empty


def test_the_map_shows_everyone_with_lines_and_flags(tab, ids) -> None:
    cards = tab.scene.cards
    assert set(cards) == {ids["rui"], ids["ada"], ids["bo"], ids["cy"]}
    assert cards[ids["ada"]].y() > cards[ids["rui"]].y()
    assert cards[ids["bo"]].y() > cards[ids["ada"]].y()
    assert cards[ids["ada"]].fill_colour() == palette.STANCE[Stance.CHAMPION]
    assert cards[ids["bo"]].flags_shown() == ["268 d"]
    assert cards[ids["cy"]].flags_shown() == ["Left"]
    assert "Wants the EU rollout first" in cards[ids["ada"]].toolTip()
    texts = tab.coverage.texts()
    assert any("Champion Cy Ortiz left the company" in t for t in texts)
    assert any("Bo Ng" in t and "stale" in t for t in texts)


def test_dragging_a_card_onto_another_changes_the_manager_and_undo_restores(
    tab, portfolio, ids
) -> None:
    tab.view.resetTransform()
    bo, rui = tab.scene.cards[ids["bo"]], tab.scene.cards[ids["rui"]]
    tab.view.centerOn(bo)
    drag(tab.view, bo.centre(), rui.centre())
    assert manager_of(portfolio, ids["bo"]) == ids["rui"]
    stack = tab.ctx.undo_stack
    assert stack.undoText() == "Move Bo Ng under Rui Santos"
    new_bo, new_rui = tab.scene.cards[ids["bo"]], tab.scene.cards[ids["rui"]]
    assert new_bo.y() > new_rui.y()
    stack.undo()
    assert manager_of(portfolio, ids["bo"]) == ids["ada"]
    assert tab.data.by_id()[ids["bo"]].reports_to_id == ids["ada"]
    stack.redo()
    assert manager_of(portfolio, ids["bo"]) == ids["rui"]


def test_a_drag_that_would_make_a_loop_is_refused_with_a_message(tab, portfolio, ids) -> None:
    tab.view.resetTransform()
    rui, bo = tab.scene.cards[ids["rui"]], tab.scene.cards[ids["bo"]]
    start = rui.pos()
    tab.view.centerOn(rui)
    drag(tab.view, rui.centre(), bo.centre())
    assert manager_of(portfolio, ids["rui"]) is None
    assert "Rui Santos cannot report to Bo Ng" in tab.message.text()
    assert tab.message.isVisible()
    assert tab.ctx.undo_stack.count() == 0
    assert tab.scene.cards[ids["rui"]].pos() == start


def test_dropping_on_empty_space_pins_the_card_and_unpin_undoes_it(tab, portfolio, ids) -> None:
    tab.view.resetTransform()
    cy = tab.scene.cards[ids["cy"]]
    tab.view.centerOn(cy)
    before = cy.pos()
    drag(tab.view, cy.centre(), cy.centre() + QPointF(0, 150))
    with portfolio.session() as s:
        row = s.get(Stakeholder, ids["cy"])
        assert row.pinned_x == pytest.approx(before.x(), abs=2)
        assert row.pinned_y == pytest.approx(before.y() + 150, abs=2)
    assert tab.ctx.undo_stack.undoText() == "Pin Cy Ortiz on the map"
    pinned_at = tab.scene.cards[ids["cy"]].pos()
    tab.reload()
    assert tab.scene.cards[ids["cy"]].pos() == pinned_at  # saved, not recomputed
    tab.select_people([ids["cy"]])
    assert tab.pin_button.isEnabled()
    tab.unpin_selected()
    with portfolio.session() as s:
        assert s.get(Stakeholder, ids["cy"]).pinned_x is None


def test_presentation_mode_hides_stance_notes_and_risk_flags(tab, ids) -> None:
    tab.set_presentation(True)
    cards = tab.scene.cards
    assert {c.fill_colour() for c in cards.values()} == {PRESENTATION_COLOUR}
    assert all(c.flags_shown() == [] for c in cards.values())
    assert "Wants the EU rollout" not in cards[ids["ada"]].toolTip()
    assert "Stance" not in cards[ids["ada"]].toolTip()
    assert tab.coverage.isHidden()
    assert "Detractor" not in tab.legend.text()
    tab.select_people([ids["ada"]])
    assert tab.panel.stance.isHidden() and tab.panel.notes.isHidden()
    assert tab.table.isColumnHidden(Col.STANCE) and tab.table.isColumnHidden(Col.NOTES)
    tab.set_presentation(False)
    assert cards is not tab.scene.cards
    assert tab.scene.cards[ids["ada"]].fill_colour() == palette.STANCE[Stance.CHAMPION]
    assert not tab.coverage.isHidden()
    assert "Detractor" in tab.legend.text()


def test_editing_in_the_side_panel_is_one_undoable_step(tab, portfolio, ids) -> None:
    tab.select_people([ids["bo"]])
    assert tab.panel.person.id == ids["bo"]
    tab.panel.stance.set_value(Stance.SUPPORTER)
    tab.panel.stance.committed.emit()
    with portfolio.session() as s:
        assert s.get(Stakeholder, ids["bo"]).stance == Stance.SUPPORTER
    assert tab.ctx.undo_stack.undoText() == "Change stance of Bo Ng"
    assert tab.panel.person.stance == Stance.SUPPORTER  # still selected after the reload
    tab.ctx.undo_stack.undo()
    with portfolio.session() as s:
        assert s.get(Stakeholder, ids["bo"]).stance == Stance.DETRACTOR


def test_changing_the_manager_in_the_side_panel_reads_as_a_move(tab, portfolio, ids) -> None:
    tab.select_people([ids["bo"]])
    tab.panel.manager.set_value(ids["rui"])
    tab.panel.manager.committed.emit()
    assert manager_of(portfolio, ids["bo"]) == ids["rui"]
    assert tab.ctx.undo_stack.undoText() == "Move Bo Ng under Rui Santos"
    tab.select_people([ids["rui"]])
    tab.panel.manager.set_value(ids["bo"])
    tab.panel.manager.committed.emit()
    assert "Rui Santos cannot report to Bo Ng" in tab.panel.error.text()
    assert manager_of(portfolio, ids["rui"]) is None


def test_a_bad_value_in_the_side_panel_is_shown_and_nothing_changes(tab, portfolio, ids) -> None:
    tab.select_people([ids["bo"]])
    tab.panel.name.set_value("")
    tab.panel.name.committed.emit()
    assert "name cannot be empty" in tab.panel.error.text()
    tab.panel.last_contact.line.setText("yesterday")
    tab.panel.last_contact.committed.emit()
    assert "YYYY-MM-DD" in tab.panel.error.text()
    with portfolio.session() as s:
        assert s.get(Stakeholder, ids["bo"]).name == "Bo Ng"
    assert tab.ctx.undo_stack.count() == 0


def test_add_a_report_of_the_selected_person(tab, portfolio, ids, monkeypatch) -> None:
    seen = {}

    def ask(parent, *, people, initial, validate):
        seen["initial"] = initial
        values = StakeholderValues(name="Dee Park", level=initial.level, reports_to_id=ids["bo"])
        validate(values)
        return values

    monkeypatch.setattr(AddPersonDialog, "ask", ask)
    tab.select_people([ids["bo"]])
    tab.add_report()
    assert seen["initial"].reports_to_id == ids["bo"]
    assert seen["initial"].level == Level.END_USER  # one level below a manager
    with portfolio.session() as s:
        dee = s.query(Stakeholder).filter_by(name="Dee Park").one()
        assert dee.reports_to_id == ids["bo"]
    assert tab.ctx.undo_stack.undoText() == "Add Dee Park under Bo Ng"
    assert tab.selected_ids() == [dee.id]
    tab.ctx.undo_stack.undo()
    assert dee.id not in tab.scene.cards


def test_delete_and_undo_brings_the_person_and_their_reports_line_back(tab, portfolio, ids) -> None:
    tab.select_people([ids["ada"]])
    tab.delete_selected()
    assert ids["ada"] not in tab.scene.cards
    assert manager_of(portfolio, ids["bo"]) is None
    tab.ctx.undo_stack.undo()
    assert manager_of(portfolio, ids["bo"]) == ids["ada"]
    assert ids["ada"] in tab.scene.cards


def test_draw_an_influence_line_then_remove_it(tab, portfolio, ids) -> None:
    tab.select_people([ids["bo"]])
    tab.start_linking()
    assert "Bo Ng" in tab.hint.text()
    tab.select_people([ids["rui"]])
    QApplication.processEvents()
    with portfolio.session() as s:
        link = s.query(InfluenceLink).one()
        assert (link.source_id, link.target_id) == (ids["bo"], ids["rui"])
        link_id = link.id
    assert tab.ctx.undo_stack.undoText() == "Show Bo Ng influencing Rui Santos"
    tab.select_people([ids["bo"]])
    assert "sways Rui Santos" in tab.panel.links.item(0).text()
    tab.remove_link(link_id)
    with portfolio.session() as s:
        assert s.query(InfluenceLink).count() == 0


def test_find_a_person_by_part_of_the_name(tab, ids) -> None:
    assert tab.find_person("brenn")
    assert tab.selected_ids() == [ids["ada"]]
    assert not tab.find_person("Nobody Here")
    assert "Nobody on this map" in tab.message.text()


def test_export_png_and_svg(tab, tmp_path) -> None:
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    assert tab.export(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert tab.export(svg)
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "Ada Brennan" in text


def test_coverage_click_selects_the_people_it_names(tab, ids) -> None:
    label = next(lb for lb in tab.coverage.labels if "Cy Ortiz" in lb.finding.text)
    QTest.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert tab.selected_ids() == [ids["cy"]]


def test_view_menu_map_exports_only_while_the_tab_is_shown(
    qtbot, portfolio_path, ids, tmp_path, monkeypatch
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from cs_planner.ui.shell.main_window import MainWindow
    from cs_planner.ui.shell.opening import open_for_ui

    portfolio, lock = open_for_ui(portfolio_path)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(portfolio), lock, settings)
    qtbot.addWidget(win)
    png, svg = win.map_actions
    win._update_map_actions()
    assert not png.isEnabled() and not svg.isEnabled()
    win.portfolio_view.select_account(ids["account"])
    win._update_map_actions()
    assert not svg.isEnabled()  # the Overview tab is shown
    assert win.main_area.set_tab("Relationships")
    win._update_map_actions()
    assert png.isEnabled() and svg.isEnabled()
    target = tmp_path / "out.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    svg.trigger()
    assert "<svg" in target.read_text(encoding="utf-8")
    win.close()


def test_an_account_without_people_says_what_to_do(qtbot, portfolio) -> None:
    with portfolio.session() as s:
        account = create_account(s, "Empty Co", 1_000)
    widget = RelationshipsTab(AppContext(portfolio))
    qtbot.addWidget(widget)
    widget.set_account(account)
    assert widget.map_stack.currentWidget() is widget.map_stack.message
    assert "No stakeholders" in widget.coverage.texts()[0]


def test_a_hidden_tab_marks_itself_stale_and_reloads_when_shown(qtbot, tab, ids) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from cs_planner.domain.changes import Changes
    from cs_planner.domain.relationships import edits
    from cs_planner.ui.shell.undo import perform

    window = QWidget()  # a window on screen, the tab hidden in it (another tab is shown)
    qtbot.addWidget(window)
    QVBoxLayout(window).addWidget(tab)
    window.show()
    tab.hide()
    bo = tab.data.by_id()[ids["bo"]]
    perform(tab.ctx, edits.move_under(ids["account"], bo, None))
    assert tab.stale and tab.data.by_id()[ids["bo"]].reports_to_id == ids["ada"]
    tab.show()
    assert not tab.stale and tab.data.by_id()[ids["bo"]].reports_to_id is None
    tab.ctx.notify(Changes.account(ids["account"] + 1000))  # another account: no reload
    assert not tab.stale
    tab.setParent(None)  # the fixture closes it, after the window


def test_the_lines_follow_a_card_while_it_is_dragged(tab, ids) -> None:
    tab.view.resetTransform()
    bo = tab.scene.cards[ids["bo"]]  # a line to Ada Brennan
    tab.view.centerOn(bo)
    before = [line.path().boundingRect() for line in bo.lines]
    assert before
    end = press_and_move(tab.view, bo.centre(), bo.centre() + QPointF(120, 60), steps=4)
    after = [line.path().boundingRect() for line in bo.lines]
    assert all(new != old for new, old in zip(after, before, strict=True))
    assert any(line.path().intersects(bo.sceneBoundingRect()) for line in bo.lines)
    viewport = tab.view.viewport()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    QApplication.processEvents()


def test_a_reload_with_nothing_changed_keeps_the_scene(tab, portfolio, ids) -> None:
    from cs_planner.domain.relationships import edits
    from cs_planner.ui.shell.undo import perform

    card = tab.scene.cards[ids["ada"]]
    tab.scene.select_people([ids["bo"]])
    tab.reload()
    assert tab.scene.cards[ids["ada"]] is card  # not rebuilt
    assert tab.selected_ids() == [ids["bo"]]
    bo = tab.data.by_id()[ids["bo"]]
    perform(tab.ctx, edits.move_under(ids["account"], bo, None))
    assert tab.scene.cards[ids["ada"]] is not card  # a change builds it again
    assert tab.scene.cards[ids["bo"]].person.reports_to_id is None


def test_phone_and_country_in_the_side_panel_undo_and_a_bad_phone(tab, portfolio, ids) -> None:
    tab.select_people([ids["bo"]])
    panel = tab.panel
    assert panel.phone.value() == "" and panel.country.value() == ""
    panel.phone.set_value("+49 (0)30 1234-56")
    panel.phone.committed.emit()
    assert tab.ctx.undo_stack.undoText() == "Change phone of Bo Ng"
    panel.country.set_value("Germany")
    panel.country.committed.emit()
    assert tab.ctx.undo_stack.undoText() == "Change country of Bo Ng"
    with portfolio.session() as s:
        bo = s.get(Stakeholder, ids["bo"])
        assert (bo.phone, bo.country) == ("+49 (0)30 1234-56", "Germany")
    assert (panel.phone.value(), panel.country.value()) == ("+49 (0)30 1234-56", "Germany")
    count = tab.ctx.undo_stack.count()
    panel.phone.set_value("ask reception")
    panel.phone.committed.emit()
    assert "is not a phone number" in panel.error.text()
    assert tab.ctx.undo_stack.count() == count
    with portfolio.session() as s:
        assert s.get(Stakeholder, ids["bo"]).phone == "+49 (0)30 1234-56"
    tab.ctx.undo_stack.undo()
    tab.ctx.undo_stack.undo()
    with portfolio.session() as s:
        bo = s.get(Stakeholder, ids["bo"])
        assert (bo.phone, bo.country) == ("", "")
    # Presenting hides the phone (a personal contact detail), not the country.
    tab.set_presentation(True)
    tab.select_people([ids["bo"]])
    assert panel.phone.isHidden() and not panel.country.isHidden()
