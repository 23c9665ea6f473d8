"""The side panel of the relationship map: every field of the selected stakeholder, saved
as an undoable edit as soon as a field is committed, and the person's influence lines."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.accounts.rules import choices
from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.relationships.rows import MapData, StakeholderRow, StakeholderValues
from cs_planner.ui.common.editors import (
    CheckEdit,
    ChoiceBox,
    DateEdit,
    ErrorLabel,
    NotesEdit,
    TextEdit,
)
from cs_planner.ui.relationships.cards import ROLE_SHORT

INFLUENCE_CHOICES = [
    ("1 · little", 1),
    ("2", 2),
    ("3 · some", 3),
    ("4", 4),
    ("5 · decisive", 5),
]


class StakeholderPanel(QWidget):
    """Shows one stakeholder (or a hint when none is selected) and reports edits with
    ``edited(person_id, new_values)``; the tab performs them and calls ``show_error``."""

    edited = Signal(int, object)
    drawInfluence = Signal()
    removeLink = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person: StakeholderRow | None = None
        self.presentation = False
        self.title = QLabel("Select a person on the map")
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self._make_editors()
        self.form_box = self._form()
        self.editors: list[Any] = [
            self.name,
            self.job_title,
            self.division,
            self.level,
            self.stance,
            self.influence,
            self.manager,
            self.owner,
            self.email,
            self.phone,
            self.country,
            self.last_contact,
            self.since,
            self.status,
            self.notes,
            *self.role_boxes.values(),
        ]
        for editor in self.editors:
            editor.committed.connect(self._commit)
        self.error = ErrorLabel()
        links_header, buttons = self._links_section()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.form_box)
        layout.addWidget(self.error)
        layout.addWidget(links_header)
        layout.addWidget(self.links)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._link_widgets = [links_header, self.links, self.draw_button, self.remove_button]
        self.show_person(None, None)

    def _make_editors(self) -> None:
        self.name = TextEdit()
        self.job_title = TextEdit()
        self.division = ChoiceBox()
        self.level = ChoiceBox()
        self.level.set_items([(lv.label, lv) for lv in Level])
        self.stance = ChoiceBox()
        self.stance.set_items([(s.label, s) for s in Stance])
        self.stance.setToolTip("How this person stands toward us (hidden in presentation mode)")
        self.influence = ChoiceBox()
        self.influence.set_items(INFLUENCE_CHOICES)
        self.influence.setToolTip("How much weight this person carries in decisions")
        self.manager = ChoiceBox()
        self.manager.setToolTip("Reports to (or drag the card onto the manager's card)")
        self.owner = ChoiceBox()
        self.owner.setToolTip("Who on our side owns this relationship")
        self.email = TextEdit()
        self.phone = TextEdit()
        self.phone.setToolTip("Digits, spaces and + ( ) - . / x (kept out of the customer copy)")
        self.country = TextEdit()
        self.country.setToolTip("Where the person works")
        self.last_contact = DateEdit("Last contact", "last_contact")
        self.since = DateEdit("Known since", "since")
        self.since.setToolTip(
            "When the relationship began: counts toward the new relationships of that month"
        )
        self.status = ChoiceBox()
        self.status.set_items([(s.label, s) for s in StakeholderStatus])
        self.status.setToolTip("Left or moved: the map flags a safe switch for a champion")
        self.notes = NotesEdit()
        self.notes.setMaximumHeight(80)
        for box in (self.division, self.level, self.stance, self.influence, self.manager):
            box.setSizeAdjustPolicy(
                ChoiceBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(12)
        self.owner.setSizeAdjustPolicy(
            ChoiceBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner.setMinimumContentsLength(12)

    def _roles(self) -> QWidget:
        """A check box per buying role, two to a row."""
        self.role_boxes: dict[BuyingRole, CheckEdit] = {}
        roles = QWidget()
        grid = QGridLayout(roles)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for n, role in enumerate(BuyingRole):
            check = CheckEdit(ROLE_SHORT[role])
            check.setToolTip(role.label)
            self.role_boxes[role] = check
            grid.addWidget(check, n // 2, n % 2)
        return roles

    def _form(self) -> QWidget:
        """Every field of a person, labelled (stance and notes hide while presenting)."""
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.stance_label = QLabel("Stance")
        self.notes_label = QLabel("Notes")
        self.phone_label = QLabel("Phone")
        rows: list[tuple[str | QLabel, QWidget]] = [
            ("Name", self.name),
            ("Title", self.job_title),
            ("Division", self.division),
            ("Level", self.level),
            ("Buying roles", self._roles()),
            (self.stance_label, self.stance),
            ("Influence", self.influence),
            ("Reports to", self.manager),
            ("Ours", self.owner),
            ("Email", self.email),
            (self.phone_label, self.phone),
            ("Country", self.country),
            ("Last contact", self.last_contact),
            ("Known since", self.since),
            ("Status", self.status),
            (self.notes_label, self.notes),
        ]
        for label, widget in rows:
            form.addRow(label, widget)
        return box

    def _links_section(self) -> tuple[QLabel, QHBoxLayout]:
        """The person's influence lines, with Draw and Remove."""
        self.links = QListWidget()
        self.links.setMaximumHeight(110)
        self.links.setToolTip("Informal influence beside the org chart")
        self.draw_button = QPushButton("Draw influence line")
        self.draw_button.setToolTip(
            "Then click the person this one influences (Esc cancels) — shortcut I"
        )
        self.draw_button.clicked.connect(lambda: self.drawInfluence.emit())
        self.remove_button = QPushButton("Remove line")
        self.remove_button.setToolTip("Remove the selected influence line (Ctrl+Z undoes it)")
        self.remove_button.clicked.connect(self._remove_link)
        self.links.currentRowChanged.connect(
            lambda row: self.remove_button.setEnabled(row >= 0 and self.links.count() > 0)
        )
        links_header = QLabel("Influence")
        links_header.setObjectName("sectionTitle")
        buttons = QHBoxLayout()
        buttons.addWidget(self.draw_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        return links_header, buttons

    # --- showing ------------------------------------------------------------------------
    def show_person(self, person: StakeholderRow | None, data: MapData | None) -> None:
        self.person = person
        self.error.clear_message()
        has = person is not None and data is not None
        self.form_box.setVisible(has)
        for widget in self._link_widgets:
            widget.setVisible(has)
        if person is None or data is None:
            self.title.setText(
                "Select a person on the map to edit them here.\n\n"
                "Drag a card onto another to change who they report to; drag it to an "
                "empty spot to pin it there."
            )
            return
        self.title.setText(person.name)
        people = data.stakeholders
        self.division.set_items([("(none)", None), *((n, i) for i, n in data.divisions)])
        # Anyone active on our side, plus the current owner even if retired since.
        self.owner.set_items(choices(data.team, None, person.owner_id, "(nobody yet)"))
        self.manager.set_items(
            [("(nobody on the map)", None)]
            + [(p.name, p.id) for p in sorted(people, key=lambda p: p.name) if p.id != person.id]
        )
        self.name.set_value(person.name)
        self.job_title.set_value(person.title)
        self.division.set_value(person.division_id)
        self.level.set_value(person.level)
        self.stance.set_value(person.stance)
        self.influence.set_value(person.influence)
        self.manager.set_value(person.reports_to_id)
        self.owner.set_value(person.owner_id)
        self.email.set_value(person.email)
        self.phone.set_value(person.phone)
        self.country.set_value(person.country)
        self.last_contact.set_value(person.last_contact)
        self.since.set_value(person.since)
        self.status.set_value(person.status)
        self.notes.set_value(person.notes)
        for role, check in self.role_boxes.items():
            check.set_value(role in person.roles)
        for editor in self.editors:
            if hasattr(editor, "mark_clean"):
                editor.mark_clean()
        self._show_links(person, data)
        self.set_presentation(self.presentation)

    def _show_links(self, person: StakeholderRow, data: MapData) -> None:
        names = {p.id: p.name for p in data.stakeholders}
        self.links.clear()
        for link in data.links:
            if person.id not in (link.source_id, link.target_id):
                continue
            if link.source_id == person.id:
                text = f"→ sways {names.get(link.target_id, '?')}"
            else:
                text = f"← swayed by {names.get(link.source_id, '?')}"
            text += f" ({link.strength}/5)"
            item = QListWidgetItem(text, self.links)
            item.setData(Qt.ItemDataRole.UserRole, link.id)
            if link.note and not self.presentation:
                item.setToolTip(link.note)
        if not self.links.count():
            placeholder = QListWidgetItem("No influence lines yet", self.links)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
        self.remove_button.setEnabled(False)

    def set_presentation(self, on: bool) -> None:
        """Hide what the customer must not read: stance, notes and the phone number."""
        self.presentation = on
        hidden = (self.stance, self.stance_label, self.notes, self.notes_label)
        for widget in (*hidden, self.phone, self.phone_label):
            widget.setVisible(not on)
        for role in (BuyingRole.COACH, BuyingRole.BLOCKER):
            self.role_boxes[role].setVisible(not on)

    def show_error(self, message: str) -> None:
        self.error.show_message(message)

    # --- editing ------------------------------------------------------------------------
    def values(self) -> StakeholderValues:
        """The values in the editors (a typed date that does not parse raises)."""
        assert self.person is not None
        return replace(
            self.person.values,
            name=self.name.value(),
            title=self.job_title.value(),
            division_id=self.division.value(),
            level=self.level.value(),
            roles=frozenset(r for r, box in self.role_boxes.items() if box.value()),
            stance=self.stance.value(),
            influence=self.influence.value(),
            reports_to_id=self.manager.value(),
            owner_id=self.owner.value(),
            email=self.email.value(),
            phone=self.phone.value(),
            country=self.country.value(),
            last_contact=self.last_contact.value(),
            since=self.since.value(),
            status=self.status.value(),
            notes=self.notes.value(),
        )

    def _commit(self) -> None:
        if self.person is None:
            return
        try:
            values = self.values()
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return
        if values != self.person.values:
            self.error.clear_message()
            self.edited.emit(self.person.id, values)

    def _remove_link(self) -> None:
        item = self.links.currentItem()
        link_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if link_id is not None:
            self.removeLink.emit(link_id)
