"""The Plan tab's Evangelism section: the goal strip (new stories this quarter, for the
account and the portfolio, and the four quarters before), the champions (departed ones
marked), and the stories and promotions of the champion selected (all when none is), each
added, edited and deleted with undo (one parametrised list, ``champion_lists``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.plan import evangelism
from cs_planner.domain.plan.evangelism import ChampionRow, EvangelismData, goal_sentence
from cs_planner.palette import BAD, DEPARTED, GOOD, MUTED
from cs_planner.ui.common.columns import compact_rows
from cs_planner.ui.common.empty_state import EmptyState
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.plan.champion_lists import PROMOTIONS, STORIES, ChampionList
from cs_planner.ui.shell.context import AppContext

NO_CHAMPIONS = "No champions on the map: give a stakeholder the champion buying role."
LISTS_BESIDE_FROM = 1200  # px of the section's width: narrower, promotions go under stories


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
        self.stories = ChampionList(ctx, self, STORIES)
        self.promotions = ChampionList(ctx, self, PROMOTIONS)
        self.lists = lists = QSplitter(Qt.Orientation.Horizontal)
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        # On a laptop side by side the stories' titles were cut: each list gets the width.
        narrow = event.size().width() < LISTS_BESIDE_FROM
        self.lists.setOrientation(Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal)
        super().resizeEvent(event)

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
        self.stories.show_rows(data, person)
        self.promotions.show_rows(data, person)


def load(session: Session, account_id: int, today: dt.date) -> EvangelismData:
    return evangelism.load_evangelism(session, account_id, today)
