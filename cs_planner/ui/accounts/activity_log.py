"""The account's activity log: a table, newest first, with an add/edit dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum
from typing import cast

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.accounts import edits
from cs_planner.domain.accounts.rows import ActivityRow, ActivityValues, Person
from cs_planner.domain.accounts.rules import ActivityNote, activity_contradictions, choices
from cs_planner.domain.accounts.writes import new_activity, update_activity
from cs_planner.domain.enums import ActivityKind
from cs_planner.ui.common import theme
from cs_planner.ui.common.columns import StretchWhenRoom
from cs_planner.ui.common.editors import ChoiceBox, text_box
from cs_planner.ui.common.findings import FindingLabel, FindingList
from cs_planner.ui.common.table_model import Col, RowsModel
from cs_planner.ui.common.widgets import CheckedFormDialog, ListPanel
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

NOTE_WIDTH = 120  # a few words of the note; the whole note is in the cell's tooltip
NO_ACTIVITIES = (
    "No activities yet — log calls, workshops and QBRs to keep the relationship history."
)
Role = Qt.ItemDataRole
ROOT = QModelIndex()


class ActivityColumn(IntEnum):
    DATE = 0
    KIND = 1
    WITH = 2
    BY = 3
    NOTE = 4


HEADERS = ("Date", "Kind", "With", "By", "Note")


def activity_columns(flagged: Callable[[ActivityRow], str | None]) -> list[Col[ActivityRow]]:
    """The log's columns; ``flagged`` says what an activity contradicts (its date and kind
    then show in the warning colour, with the sentence as their tooltip)."""

    def warn(row: ActivityRow) -> str | None:
        return theme.WARN if flagged(row) else None

    def text_tip(text: str) -> str | None:
        return text or None

    return [
        Col(
            "Date", lambda r: r.date.isoformat(), lambda r: (r.date, r.id), colour=warn, tip=flagged
        ),
        Col("Kind", lambda r: r.kind.label, lambda r: r.kind.label, colour=warn, tip=flagged),
        Col(
            "With",
            lambda r: ", ".join(r.stakeholders),
            lambda r: r.stakeholders,
            tip=lambda r: text_tip("\n".join(r.stakeholders)),
        ),
        Col("By", lambda r: r.owner, lambda r: r.owner.lower()),
        # The first line in the table; all of it in the tooltip.
        Col(
            "Note",
            lambda r: r.note.splitlines()[0] if r.note else "",
            lambda r: r.note.lower(),
            tip=lambda r: text_tip(r.note),
        ),
    ]


class ActivityDialog(CheckedFormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: ActivityValues,
        people: list[tuple[str, int | None]],
        stakeholders: list[tuple[int, str]],
    ) -> None:
        super().__init__(parent, title)
        self.setMinimumWidth(480)
        self.date = self.add_row(
            "date",
            "Date",
            QDateEdit(QDate(initial.date.year, initial.date.month, initial.date.day)),
        )
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.kind = self.add_row("kind", "Kind", ChoiceBox())
        self.kind.set_items([(k.label, k) for k in ActivityKind])
        self.kind.set_value(initial.kind)
        self.owner = self.add_row("owner_id", "By (our side)", ChoiceBox())
        self.owner.set_items(people)
        self.owner.set_value(initial.owner_id)
        self.people = QListWidget()
        self.people.setMaximumHeight(140)
        for person_id, name in stakeholders:
            item = QListWidgetItem(name, self.people)
            item.setData(Role.UserRole, person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = person_id in initial.stakeholder_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if stakeholders:
            self.add_row("stakeholders", "With (theirs)", self.people)
        else:
            hint = QLabel("No stakeholders recorded for this account yet (Relationships tab).")
            hint.setWordWrap(True)
            hint.setObjectName("muted")
            self.add_row("stakeholders", "With (theirs)", hint)
        self.note = self.add_row("note", "Note", text_box(initial.note))
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(90)

    def values(self) -> ActivityValues:
        picked = tuple(
            self.people.item(n).data(Role.UserRole)
            for n in range(self.people.count())
            if self.people.item(n).checkState() == Qt.CheckState.Checked
        )
        return ActivityValues(
            date=cast(dt.date, self.date.date().toPython()),
            kind=self.kind.value(),
            owner_id=self.owner.value(),
            stakeholder_ids=picked,
            note=self.note.toPlainText().strip(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        initial: ActivityValues,
        people: list[tuple[str, int | None]],
        stakeholders: list[tuple[int, str]],
        validate: Callable[[ActivityValues], None] | None = None,
    ) -> ActivityValues | None:
        answer: ActivityValues | None = cls(parent, title, initial, people, stakeholders).run(
            validate
        )
        return answer


class ActivityLog(ListPanel):
    """The log for one account: add, edit (Enter, double-click), delete (Del)."""

    def __init__(self, ctx: AppContext) -> None:
        self._flagged: dict[int, str] = {}  # activity id -> what contradicts itself
        self.model: RowsModel[ActivityRow] = RowsModel(
            activity_columns(lambda row: self._flagged.get(row.id))
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        super().__init__(ctx, "Activity log", self.table, NO_ACTIVITIES, "Add activity")
        self.model.setParent(self)
        self._csm_id: int | None = None
        self._team: list[Person] = []
        self._stakeholders: list[tuple[int, str]] = []
        self.add_button.setToolTip("Log a call, email, workshop, training or QBR (Insert)")
        self.delete_button.setToolTip("Delete the selected activity (Del); Ctrl+Z undoes it")
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Dates, kinds and our people in full; the note takes the room left yet stays
        # readable on a laptop (the table scrolls sideways rather than show "Qu…").
        for column in (ActivityColumn.DATE, ActivityColumn.KIND, ActivityColumn.BY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(ActivityColumn.WITH, 125)  # everyone in the cell's tooltip
        StretchWhenRoom(self.table, ActivityColumn.NOTE, readable=NOTE_WIDTH)
        # Contradictions in the log (an activity still to come written as done), under it.
        self.checks = FindingList(
            (0, 2, 0, 0), "The log contradicts itself · click to select the activity"
        )
        self.checks.clicked.connect(lambda ids: self.select(ids[0]))
        cast(QVBoxLayout, self.layout()).insertWidget(2, self.checks)

    @property
    def check_labels(self) -> list[FindingLabel]:
        return self.checks.labels

    def show_rows(
        self,
        account_id: int,
        account_name: str,
        rows: list[ActivityRow],
        team: list[Person],
        stakeholders: list[tuple[int, str]],
        csm_id: int | None,
    ) -> None:
        self._team, self._stakeholders, self._csm_id = team, stakeholders, csm_id
        notes = [ActivityNote(r.id, r.date, r.kind.label, r.note) for r in rows]
        found = activity_contradictions(notes, self._ctx.today())
        flagged = {f.people[0]: f.text for f in found}
        self._flagged = flagged
        self.set_rows(account_id, account_name, lambda: self.model.set_rows(rows))
        self.checks.show_findings(found)

    def _default_owner(self) -> int | None:
        """The account's CSM logs a new activity by default, unless they are retired."""
        csm = next((p for p in self._team if p.id == self._csm_id), None)
        return csm.id if csm is not None and not csm.retired else None

    def _ask(
        self,
        title: str,
        initial: ActivityValues,
        validate: Callable[[Session, ActivityValues], object],
    ) -> ActivityValues | None:
        return ActivityDialog.ask(
            self,
            title=title,
            initial=initial,
            # Anyone active on our side, plus whoever logged it (retired since or not).
            people=choices(self._team, None, initial.owner_id, "(nobody)", show_role=True),
            stakeholders=self._stakeholders,
            validate=lambda v: dry_run(self._ctx, lambda s: validate(s, v)),
        )

    def add(self) -> None:
        if self.account is None:
            return
        account_id, account_name = self.account
        values = self._ask(
            "Add activity",
            ActivityValues(date=self._ctx.today(), owner_id=self._default_owner()),
            lambda s, v: new_activity(s, account_id, v),
        )
        if values is not None:
            self.perform_insert(edits.add_activity(account_id, account_name, values))

    def edit(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, account_name = chosen
        what = f"{row.kind.label} of {row.date.isoformat()}"
        values = self._ask(f"Edit {what}", row.values, lambda s, v: update_activity(s, row.id, v))
        if values is None or values == row.values:
            return
        self.perform(edits.edit_activity(account_id, account_name, row, values))

    def delete(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, account_name = chosen
        self.perform(edits.delete_activity(account_id, account_name, row))
