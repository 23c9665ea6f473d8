"""The edits the Relationships tab offers, each an undo command whose text reads as a
sentence ("Move Ada Brennan under Rui Santos"), and the bulk-edit menu they share.
A mixin of ``RelationshipsTab``, kept apart so each module stays readable."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from cs_planner.domain import relationships as rel
from cs_planner.domain.accounts.rules import choices
from cs_planner.domain.enums import Level, StakeholderStatus, Stance
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import InfluenceLink, Stakeholder
from cs_planner.domain.relationships import StakeholderRow, StakeholderValues
from cs_planner.ui.relationship_dialogs import AddPersonDialog
from cs_planner.ui.relationship_panel import change_text
from cs_planner.ui.shell.undo import DeleteRows, InsertRow, UpdateVia, dry_run, perform

if TYPE_CHECKING:
    from cs_planner.ui.relationship_map import RelationshipsTab

    _Base = RelationshipsTab
else:
    _Base = object


class RelationshipEdits(_Base):
    # --- edits --------------------------------------------------------------------------
    def _perform(self, command) -> bool:
        try:
            perform(command)
        except ValidationError as exc:
            self.message.show_message(exc.message)
            if self.data is not None:
                self._show(self.data)  # put a dragged card back where it was
            return False
        self.message.clear_message()
        return True

    def _name(self, person_id: int | None) -> str:
        if person_id is None or self.data is None:
            return ""
        person = self.data.by_id().get(person_id)
        return person.name if person else "?"

    def move_under(self, person_id: int, manager_id: int | None) -> bool:
        """Change who ``person_id`` reports to: "Move Ada Brennan under Rui Santos"."""
        if self.data is None:
            return False
        name = self._name(person_id)
        if manager_id is None:
            text = f"Move {name} to the top of the chart"
        else:
            text = f"Move {name} under {self._name(manager_id)}"
        if self.data.by_id()[person_id].reports_to_id == manager_id:
            return False
        return self._perform(
            UpdateVia(self._ctx, text, rel.set_manager, person_id, manager_id, self._account_id)
        )

    def pin(self, person_id: int, position: tuple[float, float] | None) -> bool:
        name = self._name(person_id)
        text = f"Pin {name} on the map" if position else f"Unpin {name}"
        return self._perform(
            UpdateVia(self._ctx, text, rel.set_pin, person_id, position, self._account_id)
        )

    def _pin_at(self, person_id: int, x: float, y: float) -> None:
        self.pin(person_id, (x, y))

    def unpin_selected(self) -> None:
        pinned = [p for p in self.selected_people() if p.pinned is not None]
        if len(pinned) == 1:
            self.pin(pinned[0].id, None)
        elif pinned:
            self._ctx.undo_stack.beginMacro(f"Unpin {len(pinned)} people")
            try:
                for person in pinned:
                    self.pin(person.id, None)
            finally:
                self._ctx.undo_stack.endMacro()

    def edit_person(self, person_id: int, values: StakeholderValues) -> bool:
        if self.data is None:
            return False
        old = self.data.by_id()[person_id]
        text = change_text(old.name, old.values, values)
        if replace(old.values, reports_to_id=values.reports_to_id) == values:
            manager = values.reports_to_id  # only the manager changed: say who to
            if manager is None:
                text = f"Move {old.name} to the top of the chart"
            else:
                text = f"Move {old.name} under {self._name(manager)}"
        command = UpdateVia(
            self._ctx, text, rel.update_stakeholder, person_id, values, self._account_id
        )
        try:
            perform(command)
        except ValidationError as exc:
            self.panel.show_error(exc.message)
            return False
        return True

    def add_person(self, manager_id: int | None = None) -> int | None:
        if self.data is None or self._account_id is None:
            return None
        account_id, data = self._account_id, self.data
        level = Level.MANAGER
        if manager_id is not None:
            rank = rel.LEVEL_RANK[data.by_id()[manager_id].level]
            level = rel.LEVELS[min(rank + 1, len(rel.LEVELS) - 1)]
        values = AddPersonDialog.ask(
            self,
            people=[(p.name, p.id) for p in sorted(data.stakeholders, key=lambda p: p.name)],
            initial=StakeholderValues(
                name="", level=level, reports_to_id=manager_id, since=self._ctx.today()
            ),
            validate=lambda v: dry_run(self._ctx, lambda s: rel.new_stakeholder(s, account_id, v)),
        )
        if values is None:
            return None
        where = f" under {self._name(values.reports_to_id)}" if values.reports_to_id else ""
        command = InsertRow(
            self._ctx,
            f"Add {values.name.strip()}{where}",
            lambda s: rel.new_stakeholder(s, account_id, values),
            account_id,
        )
        if not self._perform(command):
            return None
        self.select_people([command.row_id])
        return command.row_id

    def add_report(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.add_person(ids[0])

    def delete_selected(self) -> None:
        people = self.selected_people()
        if not people or self.data is None:
            return
        names = people[0].name if len(people) == 1 else f"{len(people)} people"
        text = f"Delete {names} from {self.data.account_name}"
        self._perform(
            DeleteRows(self._ctx, text, Stakeholder, [p.id for p in people], self._account_id)
        )

    def add_link(self, source_id: int, target_id: int) -> bool:
        account_id = self._account_id
        text = f"Show {self._name(source_id)} influencing {self._name(target_id)}"
        return self._perform(
            InsertRow(
                self._ctx,
                text,
                lambda s: rel.new_link(s, account_id, source_id, target_id),
                account_id,
            )
        )

    def remove_link(self, link_id: int) -> bool:
        if self.data is None:
            return False
        link = next((x for x in self.data.links if x.id == link_id), None)
        if link is None:
            return False
        text = (
            f"Remove the influence of {self._name(link.source_id)} on {self._name(link.target_id)}"
        )
        return self._perform(
            DeleteRows(self._ctx, text, InfluenceLink, [link_id], self._account_id)
        )

    def bulk_edit(self, people: list[StakeholderRow], what: str, **changes) -> None:
        """One change for several people as one undo step."""
        if not people:
            return
        stack = self._ctx.undo_stack
        label = people[0].name if len(people) == 1 else f"{len(people)} people"
        stack.beginMacro(f"Set {what} of {label}")
        try:
            for person in people:
                values = replace(person.values, **changes)
                if values != person.values:
                    command = UpdateVia(
                        self._ctx,
                        f"Set {what} of {person.name}",
                        rel.update_stakeholder,
                        person.id,
                        values,
                        self._account_id,
                    )
                    if not self._perform(command):
                        break
        finally:
            stack.endMacro()

    # --- menus --------------------------------------------------------------------------
    def _bulk_menu(self, menu: QMenu, people: list[StakeholderRow]) -> None:
        if not people:
            return
        if not self.presentation:
            stance = menu.addMenu("Set stance")
            for value in Stance:
                stance.addAction(
                    value.label, lambda v=value: self.bulk_edit(people, "stance", stance=v)
                )
            status = menu.addMenu("Set status")
            for value in StakeholderStatus:
                status.addAction(
                    value.label, lambda v=value: self.bulk_edit(people, "status", status=v)
                )
        owner = menu.addMenu("Set relationship owner")
        team = self.data.team if self.data else []
        for name, owner_id in choices(team, None, None, "(nobody)"):  # active people only
            owner.addAction(name, lambda o=owner_id: self.bulk_edit(people, "owner", owner_id=o))
        today = self._ctx.today()
        menu.addAction(
            "Mark contacted today",
            lambda: self.bulk_edit(people, "last contact", last_contact=today),
        )

    def _table_menu(self, point: QPoint) -> None:
        rows = {self.model.row_at(i) for i in self.table.selectionModel().selectedRows()}
        people = [r for r in rows if r is not None]
        menu = QMenu(self)
        self._bulk_menu(menu, people)
        if people:
            menu.addSeparator()
            menu.addAction("Delete", self.delete_selected)
        menu.addAction("Add person…", self.add_person)
        menu.exec(self.table.viewport().mapToGlobal(point))

    def _map_menu(self, point: QPoint) -> None:
        item = self.view.itemAt(point)
        card = next(
            (
                c
                for c in self.scene.cards.values()
                if c is item or (item and item.parentItem() is c)
            ),
            None,
        )
        if card is not None and not card.isSelected():
            self.select_people([card.person.id])
        people = self.selected_people() if card is not None else []
        menu = QMenu(self)
        if len(people) == 1:
            person = people[0]
            menu.addAction("Add report…", self.add_report)
            menu.addAction("Draw influence line", self.start_linking)
            if person.reports_to_id is not None:
                menu.addAction(
                    "Move to the top of the chart", lambda: self.move_under(person.id, None)
                )
        if any(p.pinned for p in people):
            menu.addAction("Unpin", self.unpin_selected)
        self._bulk_menu(menu, people)
        if people:
            menu.addAction("Delete", self.delete_selected)
            menu.addSeparator()
        menu.addAction("Add person…", self.add_person)
        menu.addAction("Fit to window", self.view.fit)
        menu.addSeparator()
        menu.addAction("Export map as PNG…", self.export_png_dialog)
        menu.addAction("Export map as SVG…", self.export_svg_dialog)
        menu.exec(self.view.viewport().mapToGlobal(point))
