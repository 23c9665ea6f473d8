"""The Plan tab's sections. Each is a panel that reads its own part of the account in the
tab's one read transaction and shows it; the tab composes them in this order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from cs_planner.ui.shell.context import AppContext


class SectionPanel(Protocol):
    def show_data(self, data: Any) -> None: ...


@dataclass(frozen=True)
class Section:
    """``title`` with its Alt+letter (``&``), a tooltip, the panel, and how it reads."""

    title: str
    tooltip: str
    panel: Callable[[AppContext], QWidget]
    load: Callable[[Session, int, dt.date], Any]


def sections() -> list[Section]:
    """Imported when the tab is first built (not at start-up)."""
    from cs_planner.domain.plan.team import load_team
    from cs_planner.ui.plan import evangelism, objectives_actions, renewals, risks
    from cs_planner.ui.plan.team_panel import TeamPanel

    return [
        # Alt+O, R, N, G, M (the menus use P, E, V and H).
        Section(
            "&Objectives and actions",
            "The customer's objectives and the action plan: who does what by when (Alt+O)",
            objectives_actions.ObjectivesAndActionsPanel,
            objectives_actions.load,
        ),
        Section(
            "&Risks",
            "The risk register, its heat grid and the risks the app proposes",
            risks.RisksPanel,
            risks.load,
        ),
        Section(
            "Re&newals",
            "Renewals as records, years as a customer, the next cycle's plan",
            renewals.RenewalsPanel,
            renewals.load,
        ),
        Section(
            "Evan&gelism",
            "Each champion's stories and promotions; the stories goal",
            evangelism.EvangelismPanel,
            evangelism.load,
        ),
        Section(
            "Tea&m",
            "Our team on the account: roles and what each owns in the plan (Alt+M)",
            TeamPanel,
            load_team,
        ),
    ]
