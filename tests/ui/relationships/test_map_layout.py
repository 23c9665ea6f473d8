"""The map's shape with many people: leaves stacked in short columns whose lines run down
a spine into each card's left edge, no card on another or under a line, and text that
stays readable when a big organisation is fitted to a 1920x1080 screen."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainterPath
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import Level
from cs_planner.domain.model import Stakeholder
from cs_planner.domain.relationships.layout import Spacing, bounds, chart
from cs_planner.ui.relationships.card_face import H, W, fonts_for
from cs_planner.ui.relationships.scene import ReportsLine
from cs_planner.ui.relationships.tab import RelationshipsTab
from cs_planner.ui.shell.context import AppContext

from .conftest import TODAY
from .test_tab import drag, manager_of, press_and_move


@pytest.fixture
def wide(qtbot, portfolio) -> RelationshipsTab:
    """A CEO with two VPs: one with fourteen reports, one with a director of three."""
    with portfolio.session() as s:
        account = create_account(s, "Wide Org", 10_000)
        ceo = Stakeholder(account_id=account, name="Cai Ceo", level=Level.EXECUTIVE)
        s.add(ceo)
        s.flush()
        vps = [Stakeholder(account_id=account, name=f"Vp {n}", reports_to=ceo) for n in (1, 2)]
        s.add_all(vps)
        s.flush()
        director = Stakeholder(account_id=account, name="Dee Director", reports_to=vps[1])
        s.add(director)
        s.flush()
        s.add_all(
            Stakeholder(account_id=account, name=f"Lee {n:02}", reports_to=vps[0])
            for n in range(14)
        )
        s.add_all(
            Stakeholder(account_id=account, name=f"Mo {n}", reports_to=director) for n in range(3)
        )
    ctx = AppContext(portfolio)
    ctx.today = lambda: TODAY
    widget = RelationshipsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.set_account(account)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def corners(path: QPainterPath) -> list[QPointF]:
    return [QPointF(path.elementAt(n).x, path.elementAt(n).y) for n in range(path.elementCount())]


def reports_lines(tab: RelationshipsTab) -> list[ReportsLine]:
    return [item for item in tab.scene.items() if isinstance(item, ReportsLine)]


def test_fourteen_reports_hang_in_short_columns_off_spines(wide) -> None:
    cards = wide.scene.cards
    lees = [c for c in cards.values() if c.person.name.startswith("Lee")]
    assert len({c.x() for c in lees}) == 3  # three columns, not a row of fourteen
    assert max(c.x() for c in lees) - min(c.x() for c in lees) + W <= 4 * W
    lines = reports_lines(wide)
    assert len(lines) == len(cards) - 1
    for line in lines:
        end = line.end.pos()
        points = corners(line.path())
        assert points[0] == line.start.pos() + QPointF(W / 2, H)  # out of the manager's foot
        if line.end in lees or line.end.person.name.startswith("Mo"):
            assert line.stacked
            assert points[-1] == end + QPointF(0, H / 2)  # into the card's left edge
            assert points[-2].x() == points[-1].x() - Spacing().stack_indent
        else:
            assert not line.stacked
            assert points[-1] == end + QPointF(W / 2, 0)  # into the card's top
        # No line runs through a card other than its two.
        for a, b in itertools.pairwise(points):
            segment = QRectF(a, b).normalized().adjusted(-0.1, -0.1, 0.1, 0.1)
            for card in cards.values():
                if card not in (line.start, line.end):
                    inner = card.sceneBoundingRect().adjusted(2, 2, -2, -2)
                    assert not inner.intersects(segment), (line.end.person.name, card.person.name)
    for a, b in itertools.combinations(cards.values(), 2):
        assert not a.sceneBoundingRect().intersects(b.sceneBoundingRect())


def test_a_dragged_stacked_card_keeps_its_line_and_drops_onto_a_new_manager(
    wide, portfolio
) -> None:
    view, cards = wide.view, wide.scene.cards
    view.resetTransform()
    card = next(c for c in cards.values() if c.person.name == "Lee 13")
    dee = next(c for c in cards.values() if c.person.name == "Dee Director")
    line = next(line for line in card.lines if isinstance(line, ReportsLine))
    view.centerOn(card)
    start = card.pos()
    end = press_and_move(view, card.centre(), card.centre() + QPointF(60, 40))
    assert card.pos() != start
    assert corners(line.path())[-1] == card.pos() + QPointF(0, H / 2)  # follows the card
    QTest.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end
    )
    QApplication.processEvents()  # a pin: the map is built again
    card = next(c for c in wide.scene.cards.values() if c.person.name == "Lee 13")
    dee = next(c for c in wide.scene.cards.values() if c.person.name == "Dee Director")
    view.centerOn(card)
    drag(view, card.centre(), dee.centre())
    lee = next(c for c in wide.scene.cards.values() if c.person.name == "Lee 13")
    assert manager_of(portfolio, lee.person.id) == dee.person.id
    line = next(line for line in lee.lines if isinstance(line, ReportsLine))
    assert line.start.person.name == "Dee Director" and line.stacked


def org(vps: int, directors: int, leaves: list[int]) -> list[tuple[int, int | None]]:
    nodes: list[tuple[int, int | None]] = [(0, None)]
    for v in range(vps):
        vp = len(nodes)
        nodes.append((vp, 0))
        for d in range(directors):
            director = len(nodes)
            nodes.append((director, vp))
            count = leaves[(v * directors + d) % len(leaves)]
            nodes.extend((director + 1 + n, director) for n in range(count))
    return nodes


def text_pixels(scale: float) -> tuple[float, float]:
    """The card's name and body text in screen pixels (96 dpi) at ``scale``."""
    fonts = fonts_for(QFont())
    return (
        fonts.name.pointSizeF() * 96 / 72 * scale,
        fonts.small.pointSizeF() * 96 / 72 * scale,
    )


def test_a_sixty_person_org_fitted_to_a_1920_screen_keeps_its_text_readable() -> None:
    nodes = org(5, 2, [4, 5, 4, 5, 4])  # a CEO, 5 VPs, 10 directors, 44 reports
    assert len(nodes) == 60
    left, top, right, bottom = bounds(chart(nodes).positions)
    # The view fits the cards with a 40-unit margin all round.
    scale = min(1920 / (right - left + 80), 1080 / (bottom - top + 80))
    name, body = text_pixels(scale)
    # One row of 44 cards put the body text at 2 px; the stacked chart gets four times it.
    assert body >= 7.5 and name >= 9.0


def test_a_200_person_org_has_rows_of_leaves_and_text_at_fit_to_width() -> None:
    nodes = org(6, 4, [7, 8, 6, 7, 5, 9])
    assert len(nodes) >= 195
    drawn = chart(nodes)
    assert len({drawn.positions[n][1] for n in drawn.stacked}) >= 4
    left, _top, right, _bottom = bounds(drawn.positions)
    _name, body = text_pixels(1920 / (right - left + 80))
    assert body >= 8 * 96 / 72  # 8 pt; side by side it was 1.8 px (one row: 0.5 px)
