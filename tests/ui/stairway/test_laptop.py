"""The staircase on a laptop: all four steps (remediation to disruption) inside the view at
1366x768, without scrolling, and the text no smaller than the view's smallest scale; on a
large screen the cards keep their full width."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QStyle

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.enums import StairStep
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.stairway.cards import CARD_W, MIN_CARD_W, CardItem, StepHeader
from cs_planner.ui.stairway.fit_view import FitWidthView
from cs_planner.ui.stairway.tab import StairwayTab

SHOWCASE = "Meridian Freight Group"  # the demo account of the README's pictures


@pytest.fixture
def open_stairway(qtbot, portfolio, today, tmp_path: Path):
    generate(portfolio, today=today)
    windows = []  # alive until the test ends

    def open_at(width: int, height: int) -> StairwayTab:
        settings = QSettings(str(tmp_path / f"{width}.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(portfolio)
        ctx.today = lambda: today
        window = MainWindow(ctx, None, settings)
        windows.append(window)
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        window.portfolio_view.select_account(ctx.read(lambda s: find_account(s, SHOWCASE)))
        assert window.main_area.set_tab("Stairway")
        tab = window.main_area.workspace.current_page()
        assert isinstance(tab, StairwayTab)
        qtbot.waitUntil(lambda: tab.isVisible() and tab.data is not None)
        return tab

    return open_at


def _on_screen(tab: StairwayTab, item) -> bool:
    view = tab.stair_view
    shown = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    return view.viewport().rect().contains(shown)


def test_all_four_steps_fit_a_laptop_screen(open_stairway) -> None:
    tab = open_stairway(1366, 768)
    scene = tab.staircase
    headers = [i for i in scene.items() if isinstance(i, StepHeader)]
    assert sorted(h.summary.step for h in headers) == sorted(StairStep)
    for header in headers:
        assert _on_screen(tab, header), f"{header.summary.step.label} is cut off"
    # The first card of each step too: each column is in view, not only its header.
    firsts = [cards[0] for cards in scene.columns.values() if cards]
    assert len(firsts) == 4
    for card in firsts:
        shown = tab.stair_view.mapFromScene(card.sceneBoundingRect()).boundingRect()
        viewport = tab.stair_view.viewport().rect()
        assert viewport.left() <= shown.left() and shown.right() <= viewport.right()
    assert tab.stair_view.horizontalScrollBar().maximum() == 0  # nothing to scroll to
    assert tab.stair_view.transform().m11() >= FitWidthView.MIN_SCALE  # text stays readable
    assert MIN_CARD_W <= scene.card_w < CARD_W
    assert all(c.width == scene.card_w for c in scene.items() if isinstance(c, CardItem))


def test_a_large_screen_keeps_full_cards(open_stairway) -> None:
    tab = open_stairway(1920, 1080)
    assert tab.staircase.card_w == CARD_W
    assert tab.stair_view.transform().m11() == 1.0
    for header in (i for i in tab.staircase.items() if isinstance(i, StepHeader)):
        assert _on_screen(tab, header)


def test_the_toolbar_fits_a_laptop_screen(open_stairway) -> None:
    """At 1366 px every toolbar button shows in full, the Templates menu button with room
    for its text and its menu arrow (a tool button drew the arrow over the text)."""
    tab = open_stairway(1366, 768)
    button = tab.templates_button
    page = button.parentWidget()
    bar = next(
        item.layout()
        for item in (page.layout().itemAt(i) for i in range(page.layout().count()))
        if item.layout() is not None and item.layout().indexOf(button) >= 0
    )
    assert bar.minimumSize().width() <= page.contentsRect().width()
    style = button.style()
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
    margins = 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin)
    needed = button.fontMetrics().horizontalAdvance(button.text()) + arrow + margins
    assert button.menu() is tab.template_menu
    assert button.sizeHint().width() >= needed
    for widget in (tab.add_button, tab.apply_button, button):
        assert widget.isVisible()
        assert widget.width() >= widget.sizeHint().width()
        shown = QRect(widget.mapTo(tab, QPoint(0, 0)), widget.size())
        assert tab.rect().contains(shown), f"{widget.text()} is cut off"
