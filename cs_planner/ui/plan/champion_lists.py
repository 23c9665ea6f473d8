"""The Evangelism section's two lists of a champion's successes, one parametrised list:
the stories told (blog post, case study, webinar, ...) and the promotions. A ``ListKind``
says what differs (columns, dialog, the domain's reads and edits); the list adds, edits
and deletes with undo the same way for both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHeaderView, QTableView, QWidget
from sqlalchemy.orm import Session

from cs_planner.domain.edits import Edit, Insert
from cs_planner.domain.enums import StoryKind
from cs_planner.domain.plan import evangelism, evangelism_edits
from cs_planner.domain.plan.evangelism import (
    EvangelismData,
    PromotionRow,
    PromotionValues,
    StoryRow,
    StoryValues,
)
from cs_planner.ui.common.columns import StretchWhenRoom
from cs_planner.ui.common.editors import ChoiceBox, TextEdit, text_box
from cs_planner.ui.common.table_model import Col, RowsModel
from cs_planner.ui.common.widgets import CheckedFormDialog, ListPanel
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

if TYPE_CHECKING:
    from cs_planner.ui.plan.evangelism import EvangelismPanel

NO_CHAMPION = "Give a stakeholder the champion role first (Relationships)."


def _date_box(day: dt.date) -> QDateEdit:
    box = QDateEdit(QDate(day.year, day.month, day.day))
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy-MM-dd")
    return box


class _ChampionDialog(CheckedFormDialog):
    """A success of one champion: who first, the notes last."""

    def __init__(
        self, parent: QWidget | None, title: str, person: int, people: list[tuple[str, int]]
    ) -> None:
        super().__init__(parent, title)
        self.person = self.add_row("stakeholder_id", "Champion", ChoiceBox())
        self.person.set_items(people)
        self.person.set_value(person)

    def _add_notes(self, notes: str) -> None:
        self.notes = self.add_row("notes", "Notes", text_box(notes))
        self.notes.setTabChangesFocus(True)


class StoryDialog(_ChampionDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: StoryValues,
        people: list[tuple[str, int]],
    ) -> None:
        super().__init__(parent, title, initial.stakeholder_id, people)
        self.kind = self.add_row("kind", "Kind", ChoiceBox())
        self.kind.set_items([(k.label, k) for k in StoryKind])
        self.kind.set_value(initial.kind)
        self.date = self.add_row("told_on", "Told on", _date_box(initial.told_on))
        self.title_edit = self.add_row("title", "Title", TextEdit())
        self.title_edit.set_value(initial.title)
        self._add_notes(initial.notes)

    def values(self) -> StoryValues:
        return StoryValues(
            stakeholder_id=self.person.value(),
            kind=self.kind.value(),
            told_on=self.date.date().toPython(),  # type: ignore[arg-type]
            title=self.title_edit.value().strip(),
            notes=self.notes.toPlainText().strip(),
        )


class PromotionDialog(_ChampionDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: PromotionValues,
        people: list[tuple[str, int]],
    ) -> None:
        super().__init__(parent, title, initial.stakeholder_id, people)
        self.date = self.add_row("promoted_on", "Promoted on", _date_box(initial.promoted_on))
        self.new_title = self.add_row("new_title", "New title", TextEdit())
        self.new_title.set_value(initial.new_title)
        self._add_notes(initial.notes)

    def values(self) -> PromotionValues:
        return PromotionValues(
            stakeholder_id=self.person.value(),
            promoted_on=self.date.date().toPython(),  # type: ignore[arg-type]
            new_title=self.new_title.value().strip(),
            notes=self.notes.toPlainText().strip(),
        )


@dataclass(frozen=True)
class ListKind:
    """What one list of a champion's successes holds and how it is edited."""

    title: str
    noun: str  # "story": "Add story", "Add a story", "Edit the story"
    empty: str
    columns: list[Col[Any]]
    dialog: Callable[[QWidget, str, Any, list[tuple[str, int]]], _ChampionDialog]
    initial: Callable[[int, dt.date], Any]  # (champion, today) -> values
    rows: Callable[[EvangelismData], tuple[Any, ...]]
    new: Callable[[Session, int, Any], object]  # (session, account, values) -> a row
    update: Callable[[Session, int, Any], object]  # (session, row id, values)
    add_edit: Callable[[int, Any], Insert[Any]]
    edit_edit: Callable[[int, Any, Any], Edit]
    delete_edit: Callable[[int, Any], Edit]


STORIES = ListKind(
    title="Stories",
    noun="story",
    empty="No stories yet: a blog post, case study, webinar, video, talk or reference call.",
    columns=[
        Col("Date", lambda r: r.values.told_on.isoformat(), lambda r: r.values.told_on),
        Col("Kind", lambda r: r.values.kind.label, lambda r: r.values.kind.label),
        Col("Champion", lambda r: r.champion, lambda r: r.champion.casefold()),
        Col(
            "Title",
            lambda r: r.values.title,
            lambda r: r.values.title.casefold(),
            tip=lambda r: r.values.title or None,
        ),
    ],
    dialog=StoryDialog,
    initial=lambda person, today: StoryValues(person, told_on=today),
    rows=lambda data: data.stories,
    new=evangelism.new_story,
    update=evangelism.update_story,
    add_edit=evangelism_edits.add_story,
    edit_edit=evangelism_edits.edit_story,
    delete_edit=evangelism_edits.delete_story,
)
PROMOTIONS = ListKind(
    title="Promotions",
    noun="promotion",
    empty="No promotions recorded: a champion's promotion is a shared success.",
    columns=[
        Col("Date", lambda r: r.values.promoted_on.isoformat(), lambda r: r.values.promoted_on),
        Col("Champion", lambda r: r.champion, lambda r: r.champion.casefold()),
        Col(
            "New title",
            lambda r: r.values.new_title,
            lambda r: r.values.new_title.casefold(),
            tip=lambda r: r.values.new_title or None,
        ),
    ],
    dialog=PromotionDialog,
    initial=lambda person, today: PromotionValues(person, promoted_on=today),
    rows=lambda data: data.promotions,
    new=evangelism.new_promotion,
    update=evangelism.update_promotion,
    add_edit=evangelism_edits.add_promotion,
    edit_edit=evangelism_edits.edit_promotion,
    delete_edit=evangelism_edits.delete_promotion,
)


class ChampionList(ListPanel):
    """One champion's (or every champion's) stories or promotions."""

    def __init__(self, ctx: AppContext, panel: EvangelismPanel, kind: ListKind) -> None:
        self._panel, self.kind = panel, kind
        self.model: RowsModel[StoryRow | PromotionRow] = RowsModel(kind.columns)
        self.table = QTableView()
        self.table.setModel(self.model)
        super().__init__(ctx, kind.title, self.table, kind.empty, f"Add {kind.noun}")
        self.model.setParent(self)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        last = len(kind.columns) - 1
        for column in range(last):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        StretchWhenRoom(self.table, last, readable=120)

    def show_rows(self, data: EvangelismData, person: int | None) -> None:
        rows = self.kind.rows(data)
        shown = [r for r in rows if person is None or r.values.stakeholder_id == person]
        self.set_rows(data.account_id, data.account, lambda: self.model.set_rows(shown))

    def add(self) -> None:
        if self.account is None or (person := self._panel.default_champion()) is None:
            self.error.show_message(NO_CHAMPION)
            return
        account_id, kind = self.account[0], self.kind
        initial = kind.initial(person, self._ctx.today())
        values = self._ask(
            f"Add a {kind.noun}", initial, lambda s, v: s.add(kind.new(s, account_id, v))
        )
        if values is not None:
            self.perform_insert(kind.add_edit(account_id, values))

    def edit(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, _name = chosen
        values = self._ask(
            f"Edit the {self.kind.noun}", row.values, lambda s, v: self.kind.update(s, row.id, v)
        )
        if values is not None and values != row.values:
            self.perform(self.kind.edit_edit(account_id, row, values))

    def delete(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, _name = chosen
        self.perform(self.kind.delete_edit(account_id, row))

    def _ask(self, title: str, initial: Any, validate: Callable[[Session, Any], object]) -> Any:
        data = self._panel.data
        champions = data.champions if data is not None else ()
        current = initial.stakeholder_id
        people = [(c.label, c.id) for c in champions if not c.departed or c.id == current]
        dialog = self.kind.dialog(self, title, initial, people)
        return dialog.run(lambda v: dry_run(self._ctx, lambda s: validate(s, v)))
