"""The plan's first section: the customer's objectives on top, the action plan below."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from cs_planner.domain.plan.actions import ActionPlan, load_actions
from cs_planner.domain.plan.objectives import Objectives, load_objectives
from cs_planner.ui.plan.actions_panel import ActionsPanel
from cs_planner.ui.plan.objectives_panel import ObjectivesPanel
from cs_planner.ui.shell.context import AppContext


@dataclass(frozen=True)
class ObjectivesAndActions:
    objectives: Objectives
    actions: ActionPlan


def load(session: Session, account_id: int, today: dt.date) -> ObjectivesAndActions:
    return ObjectivesAndActions(
        load_objectives(session, account_id), load_actions(session, account_id, today)
    )


class ObjectivesAndActionsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.objectives = ObjectivesPanel(ctx)
        self.action_plan = ActionsPanel(ctx)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.objectives)
        splitter.addWidget(self.action_plan)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def show_data(self, data: ObjectivesAndActions) -> None:
        self.objectives.show_data(data.objectives)
        self.action_plan.show_data(data.actions)
