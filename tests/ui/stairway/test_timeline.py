"""The Stairway tab's timeline: cards by quarter, rescheduling by dragging."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF

from cs_planner.domain.enums import StairStep
from cs_planner.ui.stairway.cards import CardItem
from cs_planner.ui.stairway.timeline import QUARTERS, column_of
from tests.ui.stairway.roadmap import stored

R, E, INN, D = StairStep


# --- timeline ----------------------------------------------------------------------------------


def test_timeline_places_cards_by_quarter(view, today, ids) -> None:
    view.set_mode(1)
    assert view.modes.currentIndex() == 1 and view.time_mode.isChecked()
    assert column_of(dt.date(2026, 4, 1), today, 1) == 0  # earlier: overdue
    assert column_of(dt.date(2026, 10, 1), today, 1) == 1  # the current quarter
    assert column_of(dt.date(2028, 7, 1), today, 1) == QUARTERS  # the eighth
    assert column_of(dt.date(2028, 10, 1), today, 1) == QUARTERS + 1
    assert column_of(None, today, 1) == QUARTERS + 1
    cards = view.timeline.cards
    assert isinstance(cards[ids["Invoice capture"]], CardItem)
    assert cards[ids["Invoice capture"]].overdue
    assert cards[ids["Dashboards"]].x() > cards[ids["Invoice capture"]].x()
    cards[ids["Dashboards"]].setSelected(True)
    assert view.panel.editors["title"].text() == "Dashboards"
    texts = {i.toPlainText() for i in view.timeline.items() if hasattr(i, "toPlainText")}
    assert {"Earlier", "2026 Q4 (now)", "1 overdue", "1 use case · $1k"} <= texts


def test_drag_on_the_timeline_reschedules_with_undo(qtbot, view, ctx, portfolio, ids) -> None:
    from cs_planner.ui.stairway.timeline import COL_W, LANE_LABEL_W

    view.set_mode(1)
    scene = view.timeline
    card = scene.cards[ids["Dashboards"]]  # 2027 Q1, the second of the eight quarters
    card.home = card.pos()
    q2 = QPointF(LANE_LABEL_W + 3 * COL_W + 20, card.sceneBoundingRect().center().y())
    assert scene.quarter_at(q2.x()) == dt.date(2027, 4, 1)
    scene.show_drop(card, q2)
    assert scene.highlight is not None and scene.highlight.isVisible()
    with qtbot.waitSignal(scene.rescheduleRequested):
        scene.drop(card, q2)
    assert stored(portfolio, ids["Dashboards"]).target_quarter == dt.date(2027, 4, 1)
    assert ctx.undo_stack.undoText() == "Reschedule Dashboards to 2027 Q2"
    moved = scene.cards[ids["Dashboards"]]
    assert scene.quarter_at(moved.sceneBoundingRect().center().x()) == dt.date(2027, 4, 1)
    ctx.undo_stack.undo()
    assert stored(portfolio, ids["Dashboards"]).target_quarter == dt.date(2027, 1, 1)
    later = QPointF(LANE_LABEL_W + (QUARTERS + 1) * COL_W + 20, 60)
    assert scene.quarter_at(later.x()) is None and scene.quarter_at(LANE_LABEL_W + 5) is None
    card = scene.cards[ids["Dashboards"]]
    card.home = card.pos()
    scene.drop(card, later)
    qtbot.wait(10)
    assert stored(portfolio, ids["Dashboards"]).target_quarter == dt.date(2027, 1, 1)
    assert card.pos() == card.home
