"""The context menus of the map and the table. They call what the tab offers (a
``MapActions``), so this module needs nothing from the tab itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtWidgets import QMenu, QWidget

from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.accounts.rules import choices
from cs_planner.domain.enums import StakeholderStatus, Stance
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.ui.shell.context import AppContext


class MapActions(Protocol):
    """What the menus ask the tab to do."""

    presentation: bool
    ctx: AppContext
    account_id: int | None

    def bulk_edit(self, people: list[StakeholderRow], what: str, **changes: Any) -> None: ...
    def delete_selected(self) -> None: ...
    def add_person(self, manager_id: int | None = None) -> int | None: ...
    def add_report(self) -> None: ...
    def start_linking(self) -> None: ...
    def move_under(self, person_id: int, manager_id: int | None) -> bool: ...
    def unpin_selected(self) -> None: ...
    def fit(self) -> None: ...
    def export_png_dialog(self) -> None: ...
    def export_svg_dialog(self) -> None: ...


def bulk_menu(
    menu: QMenu,
    tab: MapActions,
    people: list[StakeholderRow],
    team: Sequence[Person],
    today: dt.date,
) -> None:
    """Stance, status, owner and "contacted today" for everyone selected, one step each."""
    if not people:
        return
    if not tab.presentation:
        stance = menu.addMenu("Set stance")
        for value in Stance:
            stance.addAction(value.label, _setting(tab, people, "stance", stance=value))
        status = menu.addMenu("Set status")
        for state in StakeholderStatus:
            status.addAction(state.label, _setting(tab, people, "status", status=state))
    owner = menu.addMenu("Set relationship owner")
    for name, owner_id in choices(team, None, None, "(nobody)"):  # active people only
        owner.addAction(name, _setting(tab, people, "owner", owner_id=owner_id))
    menu.addAction(
        "Mark contacted today", _setting(tab, people, "last contact", last_contact=today)
    )


def _setting(
    tab: MapActions, people: list[StakeholderRow], what: str, **changes: Any
) -> Callable[[], None]:
    return lambda: tab.bulk_edit(people, what, **changes)


def plan_entry(menu: QMenu, parent: QWidget, tab: MapActions, people: list[StakeholderRow]) -> None:
    """One person: plan an action with them (it lands on the Plan tab)."""
    if len(people) != 1:
        return
    person = people[0]

    def plan() -> None:
        from cs_planner.domain.plan.actions import Serves
        from cs_planner.ui.plan.plan_action import plan_action

        target = (Serves.STAKEHOLDER, person.id)
        plan_action(parent, tab.ctx, tab.account_id, target, f"Meet {person.name}")

    menu.addAction("Plan an action with…", plan)
    menu.addSeparator()


def table_menu(
    parent: QWidget,
    tab: MapActions,
    people: list[StakeholderRow],
    team: Sequence[Person],
    today: dt.date,
) -> QMenu:
    menu = QMenu(parent)
    plan_entry(menu, parent, tab, people)
    bulk_menu(menu, tab, people, team, today)
    if people:
        menu.addSeparator()
        menu.addAction("Delete", tab.delete_selected)
    menu.addAction("Add person…", tab.add_person)
    return menu


def map_menu(
    parent: QWidget,
    tab: MapActions,
    people: list[StakeholderRow],
    team: Sequence[Person],
    today: dt.date,
) -> QMenu:
    """``people``: the selection when the menu opened on a card, else nobody."""
    menu = QMenu(parent)
    if len(people) == 1:
        person = people[0]
        menu.addAction("Add report…", tab.add_report)
        menu.addAction("Draw influence line", tab.start_linking)
        if person.reports_to_id is not None:
            menu.addAction("Move to the top of the chart", lambda: tab.move_under(person.id, None))
    if any(p.pinned for p in people):
        menu.addAction("Unpin", tab.unpin_selected)
    plan_entry(menu, parent, tab, people)
    bulk_menu(menu, tab, people, team, today)
    if people:
        menu.addAction("Delete", tab.delete_selected)
        menu.addSeparator()
    menu.addAction("Add person…", tab.add_person)
    menu.addAction("Fit to window", tab.fit)
    menu.addSeparator()
    menu.addAction("Export map as PNG…", tab.export_png_dialog)
    menu.addAction("Export map as SVG…", tab.export_svg_dialog)
    return menu
