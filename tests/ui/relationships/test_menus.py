"""The map's and the table's context menus: what they offer, and that an entry performs its
edit as one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsRectItem, QMenu

from cs_planner.domain.enums import Stance
from cs_planner.domain.model import Stakeholder
from cs_planner.ui.relationships import menus


def entries(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if a.text()]


def submenu(menu: QMenu, title: str) -> QMenu:
    found = next(a.menu() for a in menu.actions() if a.text() == title)
    assert isinstance(found, QMenu)
    return found


def test_a_bulk_entry_performs_one_step(tab, portfolio, ids) -> None:
    people = [tab.data.by_id()[ids["bo"]], tab.data.by_id()[ids["rui"]]]
    menu = menus.table_menu(tab, tab, people, tab.data.team, tab.ctx.today())
    assert entries(menu)[:4] == [
        "Set stance",
        "Set status",
        "Set relationship owner",
        "Mark contacted today",
    ]
    champion = next(a for a in submenu(menu, "Set stance").actions() if a.text() == "Champion")
    champion.trigger()
    with portfolio.session() as s:
        assert {s.get(Stakeholder, i).stance for i in (ids["bo"], ids["rui"])} == {Stance.CHAMPION}
    assert tab.ctx.undo_stack.undoText() == "Set stance of 2 people"
    owners = entries(submenu(menu, "Set relationship owner"))
    assert owners[0] == "(nobody)" and "Lena Marsh" in owners


def test_presenting_hides_stance_and_status_and_the_map_menu_offers_a_move(tab, ids) -> None:
    tab.set_presentation(True)
    bo = tab.data.by_id()[ids["bo"]]
    menu = menus.map_menu(tab, tab, [bo], tab.data.team, tab.ctx.today())
    texts = entries(menu)
    assert "Set stance" not in texts and "Set status" not in texts
    assert texts[:3] == ["Add report…", "Draw influence line", "Move to the top of the chart"]
    next(a for a in menu.actions() if a.text() == "Move to the top of the chart").trigger()
    assert tab.data.by_id()[ids["bo"]].reports_to_id is None
    assert tab.ctx.undo_stack.undoText() == "Move Bo Ng to the top of the chart"


def test_a_right_click_on_a_card_or_on_what_it_holds_finds_the_card(tab, ids) -> None:
    card = tab.scene.cards[ids["bo"]]
    held = QGraphicsRectItem(0, 0, 4, 4, card)
    assert tab.scene.card_of(card) is card
    assert tab.scene.card_of(held) is card
    assert tab.scene.card_of(None) is None
    cards = set(tab.scene.cards.values())
    line = next(i for i in tab.scene.items() if i not in cards and i is not held)
    assert tab.scene.card_of(line) is None
