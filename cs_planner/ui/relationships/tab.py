"""The Relationships tab: the customer's org chart with stance, influence, coverage and risk,
edited on the map (every edit a domain edit, undoable), with a table of the same people and
the cards drawn without the private layer in workshop mode."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtWidgets import QToolButton, QWidget
from sqlalchemy.orm import Session

from cs_planner.domain.edits import Edit
from cs_planner.domain.enums import Level
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.relationships import edits, queries
from cs_planner.domain.relationships.rows import (
    LEVEL_RANK,
    LEVELS,
    MapData,
    StakeholderRow,
    StakeholderValues,
)
from cs_planner.ui.common.account_tab import AccountTab
from cs_planner.ui.relationships import menus
from cs_planner.ui.relationships.body import MapBody
from cs_planner.ui.relationships.dialogs import AddPersonDialog
from cs_planner.ui.relationships.map_view import export_dialog, export_map
from cs_planner.ui.relationships.table import PRIVATE_COLUMNS, columns, matching
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run, perform

WORKSHOP_MIN_PX = 14  # no text under 14 px on a projector


class RelationshipsTab(AccountTab):
    title = "Relationships"
    data: MapData | None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.presentation = False
        self._linking_from: int | None = None
        self._fitted_for: int | None = None
        self._shown: tuple[MapData, bool, Any] | None = None  # what built the scene
        self.body = MapBody()
        self.set_page(self.body)
        b = self.body
        # The parts tests and the menus reach for, by their usual names.
        self.scene, self.view, self.legend, self.coverage = b.scene, b.view, b.legend, b.coverage
        self.panel, self.model, self.table, self.message = b.panel, b.model, b.table, b.message
        self.centre, self.hint = b.centre, b.hint
        self.find_box, self.map_stack = b.find_box, b.map_stack
        self.fit_button, self.pin_button = b.fit_button, b.pin_button
        self.delete_button, self.add_report_button = b.delete_button, b.add_report_button
        for button, slot in (
            (b.add_button, self.insert_person),
            (b.add_report_button, self.add_report),
            (b.delete_button, self.delete_selected),
            (b.pin_button, self.unpin_selected),
            (b.fit_button, self.fit),
            (b.zoom_in, lambda: self.view.zoom_by(1.2)),
            (b.zoom_out, lambda: self.view.zoom_by(1 / 1.2)),
        ):
            self._on(button, slot)
        b.find_box.returnPressed.connect(lambda: self.find_person(b.find_box.text()))
        b.table_button.toggled.connect(self.show_table)
        b.filter.textChanged.connect(self._filter_table)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.doubleClicked.connect(self._show_on_map)
        self.table.selectionModel().selectionChanged.connect(self._table_selection)
        self.scene.selectionChanged.connect(self._map_selection)
        # Queued: the scene is rebuilt after an edit, which must not happen inside the
        # dragged card's own mouse handler or the scene's selection signal.
        queued = Qt.ConnectionType.QueuedConnection
        self.scene.reparentRequested.connect(self.move_under, queued)
        self.scene.pinRequested.connect(self._pin_at, queued)
        self.view.escapePressed.connect(self._cancel_linking)
        self.view.resized.connect(self._fit_screen)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._map_menu)
        self.coverage.peopleClicked.connect(self.select_people)
        self.panel.edited.connect(self.edit_person)
        self.panel.drawInfluence.connect(self.start_linking)
        self.panel.removeLink.connect(self.remove_link)

    @staticmethod
    def _on(button: QToolButton, slot: Any) -> None:
        button.defaultAction().triggered.connect(lambda _checked=False: slot())

    # --- loading ------------------------------------------------------------------------
    def set_account(self, account_id: int | None) -> None:
        if account_id != self.account_id:
            self._cancel_linking()
            self.message.clear_message()
        super().set_account(account_id)

    def load(self, session: Session, account_id: int, today: dt.date) -> MapData:
        return queries.load_map(session, account_id, today)

    def show_data(self, data: MapData) -> None:
        """Build the map, table and findings, unless they already show ``data`` as it is
        (a reload with nothing changed keeps the scene, its selection and place)."""
        screen = self.view.afar_screen() if self.presentation else None
        if self._shown is not None and self._shown == (data, self.presentation, screen):
            return
        self._shown = (data, self.presentation, screen)
        kept = self.selected_ids()
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        self.scene.blockSignals(True)
        self.scene.build(data, self.presentation, screen)
        self.scene.select_people(kept)
        self.scene.blockSignals(False)
        names = {p.id: p.name for p in data.stakeholders}
        self.model.set_rows(
            data.stakeholders, columns(names, data.today, data.stale_days, self.presentation)
        )
        self.coverage.show_findings(data.coverage())
        self.map_stack.set_empty(not data.stakeholders)
        self.body.complete_names([p.name for p in data.stakeholders], self.find_person)
        if self._fitted_for != data.account_id:
            self._fitted_for = data.account_id
            # Around the most senior person, once the view has its size.
            first = self.scene.cards.get(data.stakeholders[0].id) if data.stakeholders else None
            anchor = first.centre() if first is not None else None
            QTimer.singleShot(0, self.view, lambda: self.view.overview(anchor))
        elif screen is not None:
            self.view.overview()  # the room sees the whole chart
        else:
            self.view.centerOn(centre)
        self._map_selection()

    # --- selection ----------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        return [card.person.id for card in self.scene.cards.values() if card.isSelected()]

    def selected_people(self) -> list[StakeholderRow]:
        return [self.scene.cards[i].person for i in self.selected_ids()]

    def _map_selection(self) -> None:
        ids = self.selected_ids()
        if self._linking_from is not None and len(ids) == 1 and ids[0] != self._linking_from:
            source, self._linking_from = self._linking_from, None
            self.hint.setText("")
            target = ids[0]
            QTimer.singleShot(0, self, lambda: self.add_link(source, target))
            return
        person = self.scene.cards[ids[0]].person if len(ids) == 1 else None
        self.panel.show_person(person, self.data if person else None)
        self.delete_button.setEnabled(bool(ids))
        self.add_report_button.setEnabled(len(ids) == 1)
        self.pin_button.setEnabled(any(self.scene.cards[i].person.pinned for i in ids))

    def _table_people(self) -> list[StakeholderRow]:
        rows = [self.model.row_at(i) for i in self.table.selectionModel().selectedRows()]
        return [r for r in rows if r is not None]

    def _table_selection(self) -> None:
        self.select_people([r.id for r in self._table_people()])

    def _show_on_map(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.show_table(False)
            self.select_people([row.id])
            self.view.centerOn(self.scene.cards[row.id])

    def select_people(self, ids: Iterable[int]) -> None:
        wanted = list(ids)
        self.scene.select_people(wanted)
        cards = [self.scene.cards[i] for i in wanted if i in self.scene.cards]
        if cards:
            self.view.ensureVisible(cards[0], 60, 60)

    def find_person(self, text: str) -> bool:
        """Select and show the first person whose name contains ``text``."""
        wanted = text.strip().lower()
        if not wanted or self.data is None:
            return False
        people = self.data.stakeholders
        match = next((p for p in people if p.name.lower() == wanted), None) or next(
            (p for p in people if wanted in p.name.lower()), None
        )
        if match is None:
            self.message.show_message(f"Nobody on this map is called '{text.strip()}'.")
            return False
        self.message.clear_message()
        self.select_people([match.id])
        self.view.centerOn(self.scene.cards[match.id])
        return True

    # --- modes --------------------------------------------------------------------------
    def set_workshop(self, on: bool) -> None:
        """Workshop mode (ui/workshop): the room's cards, laid out to fit, no editing tools."""
        if on == (self.view.zoom_floor > 0):
            return  # asked again on every tab switch: keep the place the CSM panned to
        b = self.body
        for tool in (b.add_button, b.add_report_button, b.delete_button, b.pin_button):
            tool.setVisible(not on)
        if on != self.presentation:
            self.set_presentation(on)
        self.view.read_from_afar(on, WORKSHOP_MIN_PX)
        self._fit_screen()

    def _fit_screen(self) -> None:  # workshop mode, a resize: the room's cards and screen
        if self._shown is not None:
            self.show_data(self._shown[0])

    def set_presentation(self, on: bool) -> None:
        self.presentation = on
        self.coverage.setVisible(not on)
        self.legend.set_presentation(on)
        self.panel.set_presentation(on)
        for column in PRIVATE_COLUMNS:
            self.table.setColumnHidden(column, on)
        self._filter_table(self.body.filter.text())
        if self.data is not None:
            self.show_data(self.data)

    def _filter_table(self, text: str) -> None:
        self.model.set_filter(matching(text, self.presentation))

    def show_table(self, on: bool) -> None:
        self.centre.setCurrentIndex(1 if on else 0)
        for button in self.body.map_tools:
            button.setEnabled(not on)
        if self.body.table_button.isChecked() != on:
            self.body.table_button.setChecked(on)

    def fit(self) -> None:
        self.view.fit()

    def start_linking(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            self.message.show_message("Select one person first, then draw their influence.")
            return
        self._linking_from = ids[0]
        name = self.scene.cards[ids[0]].person.name
        self.hint.setText(f"Click the person {name} influences (Esc cancels)")

    def _cancel_linking(self) -> None:
        self._linking_from = None
        self.hint.setText("")

    # --- edits --------------------------------------------------------------------------
    def _perform(self, edit: Edit | None) -> Edit | None:
        """Perform a domain edit; a refusal shows its message (a dragged card goes back)."""
        if edit is None:
            return None
        try:
            perform(self.ctx, edit)
        except ValidationError as exc:
            self.message.show_message(exc.message)
            if self.data is not None:
                self._shown = None  # a dragged card goes back where it was
                self.show_data(self.data)
            return None
        self.message.clear_message()
        return edit

    def _person(self, person_id: int | None) -> StakeholderRow | None:
        if person_id is None or self.data is None:
            return None
        return self.data.by_id().get(person_id)

    def move_under(self, person_id: int, manager_id: int | None) -> bool:
        """Change who ``person_id`` reports to: "Move Ada Brennan under Rui Santos"."""
        person = self._person(person_id)
        if self.account_id is None or person is None or person.reports_to_id == manager_id:
            return False
        edit = edits.move_under(self.account_id, person, self._person(manager_id))
        return self._perform(edit) is not None

    def pin(self, person_id: int, position: tuple[float, float] | None) -> bool:
        person = self._person(person_id)
        if self.account_id is None or person is None:
            return False
        return self._perform(edits.pin(self.account_id, person, position)) is not None

    def _pin_at(self, person_id: int, x: float, y: float) -> None:
        self.pin(person_id, (x, y))

    def unpin_selected(self) -> None:
        if self.account_id is not None:
            self._perform(edits.unpin(self.account_id, self.selected_people()))

    def edit_person(self, person_id: int, values: StakeholderValues) -> bool:
        person = self._person(person_id)
        if self.data is None or person is None:
            return False
        names = {p.id: p.name for p in self.data.stakeholders}
        try:
            perform(self.ctx, edits.edit_person(self.data.account_id, person, values, names))
        except ValidationError as exc:
            self.panel.show_error(exc.message)
            return False
        return True

    def bulk_edit(self, people: list[StakeholderRow], what: str, **changes: Any) -> None:
        """One change for several people as one undo step."""
        if self.account_id is not None and people:
            self._perform(edits.set_for_people(self.account_id, people, what, **changes))

    def add_person(self, manager_id: int | None = None) -> int | None:
        if self.data is None or self.account_id is None:
            return None
        account_id, data = self.account_id, self.data
        level = Level.MANAGER
        manager = self._person(manager_id)
        if manager is not None:
            level = LEVELS[min(LEVEL_RANK[manager.level] + 1, len(LEVELS) - 1)]
        values = AddPersonDialog.ask(
            self,
            people=[(p.name, p.id) for p in sorted(data.stakeholders, key=lambda p: p.name)],
            initial=StakeholderValues(
                name="", level=level, reports_to_id=manager_id, since=self.ctx.today()
            ),
            # The edit itself, tried in a transaction that is rolled back.
            validate=lambda v: dry_run(self.ctx, edits.add_person(account_id, v).apply),
        )
        if values is None:
            return None
        above = self._person(values.reports_to_id)
        edit = edits.add_person(account_id, values, above.name if above else None)
        if self._perform(edit) is None:
            return None
        self.select_people([edit.row_id] if edit.row_id is not None else [])
        return edit.row_id

    def insert_person(self) -> None:
        """Insert: a new person; in workshop mode under the one selected, so that a
        newcomer named in the room takes three actions (select, Insert, name and title)."""
        ids = self.selected_ids()
        self.add_person(ids[0] if self.presentation and len(ids) == 1 else None)

    def add_report(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.add_person(ids[0])

    def delete_selected(self) -> None:
        people = self.selected_people()
        if people and self.data is not None:
            edit = edits.delete_people(self.data.account_id, self.data.account_name, people)
            self._perform(edit)

    def add_link(self, source_id: int, target_id: int) -> bool:
        source, target = self._person(source_id), self._person(target_id)
        if self.account_id is None or source is None or target is None:
            return False
        return self._perform(edits.add_link(self.account_id, source, target)) is not None

    def remove_link(self, link_id: int) -> bool:
        if self.data is None:
            return False
        link = next((x for x in self.data.links if x.id == link_id), None)
        if link is None:
            return False
        names = {p.id: p.name for p in self.data.stakeholders}
        return self._perform(edits.remove_link(self.data.account_id, link, names)) is not None

    # --- menus --------------------------------------------------------------------------
    def _table_menu(self, point: QPoint) -> None:
        team = self.data.team if self.data else []
        menu = menus.table_menu(self, self, self._table_people(), team, self.ctx.today())
        menu.exec(self.table.viewport().mapToGlobal(point))

    def _map_menu(self, point: QPoint) -> None:
        card = self.scene.card_of(self.view.itemAt(point))
        if card is not None and not card.isSelected():
            self.select_people([card.person.id])
        people = self.selected_people() if card is not None else []
        team = self.data.team if self.data else []
        menu = menus.map_menu(self, self, people, team, self.ctx.today())
        menu.exec(self.view.viewport().mapToGlobal(point))

    # --- export -------------------------------------------------------------------------
    def export(self, path: str | Path) -> bool:
        """Write the map as PNG or SVG by the file's extension."""
        return export_map(self.scene, path, self.data.account_name if self.data else "")

    def _export_dialog(self, kind: str) -> None:
        if self.data is None:
            return
        problem = export_dialog(self, self.scene, self.data.account_name, kind)
        if problem:
            self.message.show_message(problem)
        else:
            self.message.clear_message()

    def export_png_dialog(self) -> None:
        self._export_dialog("png")

    def export_svg_dialog(self) -> None:
        self._export_dialog("svg")
