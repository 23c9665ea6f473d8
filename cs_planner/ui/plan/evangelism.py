"""The Plan tab's Evangelism section: the goal strip (new stories this quarter, for the
account and the portfolio, and the four quarters before), the champions (departed ones
marked), and the stories and promotions of the champion selected (all when none is), each
added, edited and deleted with undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.enums import StoryKind
from cs_planner.domain.plan import evangelism, evangelism_edits
from cs_planner.domain.plan.evangelism import (
    ChampionRow,
    EvangelismData,
    PromotionRow,
    PromotionValues,
    StoryRow,
    StoryValues,
    goal_sentence,
)
from cs_planner.palette import BAD, DEPARTED, GOOD, MUTED
from cs_planner.ui.common.columns import StretchWhenRoom, compact_rows
from cs_planner.ui.common.editors import ChoiceBox, TextEdit, text_box
from cs_planner.ui.common.empty_state import EmptyState
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.common.widgets import CheckedFormDialog, ListPanel
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

NO_CHAMPIONS = "No champions on the map: give a stakeholder the champion buying role."
NO_STORIES = "No stories yet: a blog post, case study, webinar, video, talk or reference call."
NO_PROMOTIONS = "No promotions recorded: a champion's promotion is a shared success."


def _date_box(day: dt.date) -> QDateEdit:
    box = QDateEdit(QDate(day.year, day.month, day.day))
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy-MM-dd")
    return box


def champion_columns() -> list[Col[ChampionRow]]:
    return [
        Col(
            "Champion",
            lambda c: c.label,
            lambda c: (bool(c.departed), c.name.casefold()),
            mark=lambda c: DEPARTED if c.departed else GOOD,
            colour=lambda c: MUTED if c.departed else None,
            tip=lambda c: f"{c.name} {c.departed.lower()}" if c.departed else None,
        ),
        Col("Title", lambda c: c.title, lambda c: c.title.casefold()),
        Col("Stories", lambda c: str(c.stories), lambda c: c.stories, Align.RIGHT),
        Col(
            "Last story",
            lambda c: c.last_story.isoformat() if c.last_story else "—",
            lambda c: c.last_story or dt.date.min,
        ),
        Col("Promotions", lambda c: str(c.promotions), lambda c: c.promotions, Align.RIGHT),
    ]


STORY_COLUMNS: list[Col[StoryRow]] = [
    Col("Date", lambda r: r.values.told_on.isoformat(), lambda r: r.values.told_on),
    Col("Kind", lambda r: r.values.kind.label, lambda r: r.values.kind.label),
    Col("Champion", lambda r: r.champion, lambda r: r.champion.casefold()),
    Col(
        "Title",
        lambda r: r.values.title,
        lambda r: r.values.title.casefold(),
        tip=lambda r: r.values.title or None,
    ),
]
PROMOTION_COLUMNS: list[Col[PromotionRow]] = [
    Col("Date", lambda r: r.values.promoted_on.isoformat(), lambda r: r.values.promoted_on),
    Col("Champion", lambda r: r.champion, lambda r: r.champion.casefold()),
    Col(
        "New title",
        lambda r: r.values.new_title,
        lambda r: r.values.new_title.casefold(),
        tip=lambda r: r.values.new_title or None,
    ),
]


class StoryDialog(CheckedFormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: StoryValues,
        people: list[tuple[str, int]],
    ) -> None:
        super().__init__(parent, title)
        self.person = self.add_row("stakeholder_id", "Champion", ChoiceBox())
        self.person.set_items(people)
        self.person.set_value(initial.stakeholder_id)
        self.kind = self.add_row("kind", "Kind", ChoiceBox())
        self.kind.set_items([(k.label, k) for k in StoryKind])
        self.kind.set_value(initial.kind)
        self.date = self.add_row("told_on", "Told on", _date_box(initial.told_on))
        self.title_edit = self.add_row("title", "Title", TextEdit())
        self.title_edit.set_value(initial.title)
        self.notes = self.add_row("notes", "Notes", text_box(initial.notes))
        self.notes.setTabChangesFocus(True)

    def values(self) -> StoryValues:
        return StoryValues(
            stakeholder_id=self.person.value(),
            kind=self.kind.value(),
            told_on=self.date.date().toPython(),  # type: ignore[arg-type]
            title=self.title_edit.value().strip(),
            notes=self.notes.toPlainText().strip(),
        )


class PromotionDialog(CheckedFormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: PromotionValues,
        people: list[tuple[str, int]],
    ) -> None:
        super().__init__(parent, title)
        self.person = self.add_row("stakeholder_id", "Champion", ChoiceBox())
        self.person.set_items(people)
        self.person.set_value(initial.stakeholder_id)
        self.date = self.add_row("promoted_on", "Promoted on", _date_box(initial.promoted_on))
        self.new_title = self.add_row("new_title", "New title", TextEdit())
        self.new_title.set_value(initial.new_title)
        self.notes = self.add_row("notes", "Notes", text_box(initial.notes))
        self.notes.setTabChangesFocus(True)

    def values(self) -> PromotionValues:
        return PromotionValues(
            stakeholder_id=self.person.value(),
            promoted_on=self.date.date().toPython(),  # type: ignore[arg-type]
            new_title=self.new_title.value().strip(),
            notes=self.notes.toPlainText().strip(),
        )


class _ChampionList(ListPanel):
    """A list of one champion's (or every champion's) stories or promotions."""

    def __init__(
        self,
        ctx: AppContext,
        panel: EvangelismPanel,
        title: str,
        columns: list[Col[Any]],
        empty: str,
        add_text: str,
    ) -> None:
        self._panel = panel
        self.model: RowsModel[Any] = RowsModel(columns)
        self.table = QTableView()
        self.table.setModel(self.model)
        super().__init__(ctx, title, self.table, empty, add_text)
        self.model.setParent(self)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        last = len(columns) - 1
        for column in range(last):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        StretchWhenRoom(self.table, last, readable=120)

    def show_rows(self, data: EvangelismData, rows: tuple[Any, ...], person: int | None) -> None:
        shown = [r for r in rows if person is None or r.values.stakeholder_id == person]
        self.set_rows(data.account_id, data.account, lambda: self.model.set_rows(shown))

    def _people(self, current: int | None) -> list[tuple[str, int]]:
        data = self._panel.data
        champions = data.champions if data is not None else ()
        return [(c.label, c.id) for c in champions if not c.departed or c.id == current]

    def _check(self, step: Callable[[Session], object]) -> None:
        dry_run(self._ctx, step)


class StoriesList(_ChampionList):
    def __init__(self, ctx: AppContext, panel: EvangelismPanel) -> None:
        super().__init__(ctx, panel, "Stories", STORY_COLUMNS, NO_STORIES, "Add story")

    def add(self) -> None:
        if self.account is None or (person := self._panel.default_champion()) is None:
            self.error.show_message("Give a stakeholder the champion role first (Relationships).")
            return
        account_id = self.account[0]
        initial = StoryValues(person, told_on=self._ctx.today())
        values = self._ask(
            "Add a story", initial, lambda s, v: s.add(evangelism.new_story(s, account_id, v))
        )
        if values is not None:
            self.perform_insert(evangelism_edits.add_story(account_id, values))

    def edit(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, _name = chosen
        values = self._ask(
            "Edit the story", row.values, lambda s, v: evangelism.update_story(s, row.id, v)
        )
        if values is not None and values != row.values:
            self.perform(evangelism_edits.edit_story(account_id, row, values))

    def delete(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, _name = chosen
        self.perform(evangelism_edits.delete_story(account_id, row))

    def _ask(
        self, title: str, initial: StoryValues, validate: Callable[[Session, StoryValues], object]
    ) -> StoryValues | None:
        dialog = StoryDialog(self, title, initial, self._people(initial.stakeholder_id))
        answer: StoryValues | None = dialog.run(lambda v: self._check(lambda s: validate(s, v)))
        return answer


class PromotionsList(_ChampionList):
    def __init__(self, ctx: AppContext, panel: EvangelismPanel) -> None:
        super().__init__(
            ctx, panel, "Promotions", PROMOTION_COLUMNS, NO_PROMOTIONS, "Add promotion"
        )

    def add(self) -> None:
        if self.account is None or (person := self._panel.default_champion()) is None:
            self.error.show_message("Give a stakeholder the champion role first (Relationships).")
            return
        account_id = self.account[0]
        initial = PromotionValues(person, promoted_on=self._ctx.today())
        values = self._ask(
            "Add a promotion",
            initial,
            lambda s, v: s.add(evangelism.new_promotion(s, account_id, v)),
        )
        if values is not None:
            self.perform_insert(evangelism_edits.add_promotion(account_id, values))

    def edit(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, _name = chosen
        values = self._ask(
            "Edit the promotion", row.values, lambda s, v: evangelism.update_promotion(s, row.id, v)
        )
        if values is not None and values != row.values:
            self.perform(evangelism_edits.edit_promotion(account_id, row, values))

    def delete(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, _name = chosen
        self.perform(evangelism_edits.delete_promotion(account_id, row))

    def _ask(
        self,
        title: str,
        initial: PromotionValues,
        validate: Callable[[Session, PromotionValues], object],
    ) -> PromotionValues | None:
        dialog = PromotionDialog(self, title, initial, self._people(initial.stakeholder_id))
        answer: PromotionValues | None = dialog.run(lambda v: self._check(lambda s: validate(s, v)))
        return answer


class EvangelismPanel(QWidget):
    """The Evangelism section of one account's plan."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.data: EvangelismData | None = None
        self.goal = QLabel("")
        self.goal.setObjectName("sectionTitle")
        self.goal.setWordWrap(True)
        self.history = QLabel("")
        self.history.setObjectName("muted")
        self.history.setWordWrap(True)
        self.champion_model: RowsModel[ChampionRow] = RowsModel(champion_columns(), self)
        self.champions = QTableView()
        self.champions.setModel(self.champion_model)
        self.champions.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.champions.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.champions.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.champions.verticalHeader().hide()
        self.champions.setWordWrap(False)
        compact_rows(self.champions)
        header = self.champions.horizontalHeader()
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.champions.selectionModel().selectionChanged.connect(lambda *_a: self._show_lists())
        self.champion_stack = EmptyState(self.champions, NO_CHAMPIONS)
        champions_title = QLabel("Champions · select one to show their stories and promotions")
        champions_title.setObjectName("sectionTitle")
        champions_title.setWordWrap(True)
        self.stories = StoriesList(ctx, self)
        self.promotions = PromotionsList(ctx, self)
        lists = QSplitter(Qt.Orientation.Horizontal)
        lists.setChildrenCollapsible(False)
        lists.addWidget(self.stories)
        lists.addWidget(self.promotions)
        lists.setStretchFactor(0, 3)
        lists.setStretchFactor(1, 2)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(champions_title)
        top_layout.addWidget(self.champion_stack)
        body = QSplitter(Qt.Orientation.Vertical)
        body.setChildrenCollapsible(False)
        body.addWidget(top)
        body.addWidget(lists)
        body.setStretchFactor(0, 1)  # a few champions; their stories get the room
        body.setStretchFactor(1, 2)
        goals = QHBoxLayout()
        goals.addWidget(self.goal, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(goals)
        layout.addWidget(self.history)
        layout.addWidget(body, 1)

    def show_data(self, data: EvangelismData) -> None:
        same = self.data is not None and self.data.account_id == data.account_id
        kept = self.selected_champion() if same else None
        self.data = data
        now = data.this_quarter
        met = now.account >= data.goal
        self.goal.setText(
            f"{goal_sentence(now.account, data.goal)} · the portfolio: "
            f"{now.portfolio} new stor{'y' if now.portfolio == 1 else 'ies'} ({now.label})"
        )
        self.goal.setStyleSheet(f"color: {GOOD if met else BAD};")
        self.history.setText(
            "The four quarters before: "
            + " · ".join(
                f"{q.label}: {q.account} here, {q.portfolio} in the portfolio"
                for q in data.quarters[1:]
            )
            + f". The goal: {data.goal} new stor{'y' if data.goal == 1 else 'ies'} a quarter"
            " (Settings)."
        )
        self.champion_model.set_rows(data.champions)
        self.champion_stack.set_empty(not data.champions)
        if kept is not None:
            index = self.champion_model.index_of(kept)
            if index.isValid():
                self.champions.setCurrentIndex(index)
        self._show_lists()

    def selected_champion(self) -> int | None:
        index = self.champions.currentIndex()
        if not self.champions.selectionModel().isSelected(index):
            return None
        row = self.champion_model.row_at(index)
        return row.id if row is not None else None

    def default_champion(self) -> int | None:
        """The champion selected, else the first still in the seat."""
        if (chosen := self.selected_champion()) is not None:
            return chosen
        data = self.data
        active = [c.id for c in data.champions if not c.departed] if data else []
        return active[0] if active else None

    def _show_lists(self) -> None:
        if (data := self.data) is None:
            return
        person = self.selected_champion()
        self.stories.show_rows(data, data.stories, person)
        self.promotions.show_rows(data, data.promotions, person)


def load(session: Session, account_id: int, today: dt.date) -> EvangelismData:
    return evangelism.load_evangelism(session, account_id, today)
