"""Workshop mode's map read from the back of a room: the whole chart of a 60-person
organisation, and of the demo's Meridian Freight Group, fits a 1920x1080 window with no
card text under 14 px on screen, and the lines still join the cards."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import Level
from cs_planner.domain.model import Stakeholder
from cs_planner.ui.relationships.card_afar import AfarFonts
from cs_planner.ui.relationships.scene import ReportsLine
from cs_planner.ui.relationships.tab import RelationshipsTab
from cs_planner.ui.shell.main_window import MainWindow

MIN_PX = 14
MERIDIAN = "Meridian Freight Group"


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _sixty(window: MainWindow) -> int:
    """A new account of 60: a CEO, 6 VPs, 12 directors, 41 staff under the directors."""
    with window.ctx.portfolio.session() as s:
        account = create_account(s, "Sixty People Inc", 50_000)
        ceo = Stakeholder(account_id=account, name="Avery Chief-Executive", level=Level.EXECUTIVE)
        s.add(ceo)
        people = [ceo]
        staff = iter(range(41))
        for v in range(6):
            vp = Stakeholder(
                account_id=account, name=f"Vice President {v + 1}", title="VP Operations",
                level=Level.DIRECTOR_VP, reports_to=ceo,
            )  # fmt: skip
            people.append(vp)
            for d in range(2):
                director = Stakeholder(
                    account_id=account, name=f"Director {v + 1}.{d + 1}",
                    title="Director of Regional Logistics", level=Level.DIRECTOR_VP,
                    reports_to=vp,
                )  # fmt: skip
                people.append(director)
                for _ in range(4 if (v * 2 + d) % 3 else 3):
                    n = next(staff, None)
                    if n is not None:
                        people.append(Stakeholder(
                            account_id=account, name=f"Staff Member Number {n + 1}",
                            title="Planner", level=Level.END_USER, reports_to=director,
                        ))  # fmt: skip
        s.add_all(people)
        s.flush()
        assert len(people) == 60
        return account


def _show(window: MainWindow, account_id: int, size: tuple[int, int]) -> RelationshipsTab:
    window.workspace.set_account(account_id)  # a new account: the list is not reloaded
    window.main_area.show_account()
    _settle()
    window.workshop.enter()
    window.showNormal()  # the offscreen screen is smaller than a projector's
    window.resize(*size)
    _settle()
    window.main_area.set_tab("Relationships")
    _settle()
    tab = window.workspace.current_page()
    assert isinstance(tab, RelationshipsTab)
    _settle()
    return tab


def _assert_readable_and_whole(tab: RelationshipsTab, people: int) -> None:
    view, scene = tab.view, tab.scene
    assert len(scene.cards) == people
    assert all(card.afar for card in scene.cards.values())  # the room's card is drawn
    zoom = view.zoom()
    fonts = AfarFonts.of(view.viewport().font())
    smallest = min(QFontInfo(f).pixelSize() for f in (fonts.name, fonts.title))
    assert smallest * zoom >= MIN_PX - 0.01
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    for card in scene.cards.values():
        assert shown.contains(card.sceneBoundingRect()), card.person.name
    for line in scene.items():
        if isinstance(line, ReportsLine):
            path = line.path()
            first, last = path.elementAt(0), path.elementAt(path.elementCount() - 1)
            top = line.start.sceneBoundingRect()
            end = line.end.sceneBoundingRect()
            assert top.adjusted(-1, -1, 1, 1).contains(first.x, first.y)
            assert end.adjusted(-1, -1, 1, 1).contains(last.x, last.y)


def _meridian(window: MainWindow) -> int:
    with window.ctx.portfolio.read() as s:
        return find_account(s, MERIDIAN)


@pytest.mark.parametrize("make", [_sixty, _meridian], ids=["sixty", "meridian"])
def test_the_whole_chart_fits_1920_by_1080_in_type_read_from_the_back(writable, make) -> None:
    window, _ = writable
    tab = _show(window, make(window), (1920, 1080))
    assert tab.data is not None and len(tab.data.stakeholders) >= 28
    _assert_readable_and_whole(tab, len(tab.data.stakeholders))
    # Leaving workshop mode gives the working cards back, where they were.
    window.workshop.leave()
    _settle()
    assert not any(card.afar for card in tab.scene.cards.values())
    assert tab.view.zoom_floor == 0


def test_a_small_window_scrolls_the_room_chart_but_keeps_its_type(writable) -> None:
    window, _ = writable
    tab = _show(window, _sixty(window), (1366, 768))
    view = tab.view
    fonts = AfarFonts.of(view.viewport().font())
    smallest = min(QFontInfo(f).pixelSize() for f in (fonts.name, fonts.title))
    assert view.zoom() * smallest >= MIN_PX - 0.01
    ceo = next(c for c in tab.scene.cards.values() if c.person.reports_to_id is None)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(ceo.sceneBoundingRect())  # the top of the chart first
