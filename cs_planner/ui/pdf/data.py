"""What the PDF account plan shows, read in one read transaction as plain rows (no ORM
object outlives the session): the account's card, health, map, stairway, expansion, and
its objectives, action plan and risk register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import account_card, get_settings
from cs_planner.domain.accounts.rows import AccountCard, SettingsData
from cs_planner.domain.expansion.queries import load_expansion
from cs_planner.domain.expansion.rows import ExpansionData
from cs_planner.domain.plan.actions import ActionRow
from cs_planner.domain.plan.objectives import ObjectiveRow
from cs_planner.domain.plan.risks import RiskRow
from cs_planner.domain.relationships.queries import load_map
from cs_planner.domain.relationships.rows import MapData
from cs_planner.domain.value.health import AccountHealth, account_health
from cs_planner.reports.plan.reads import read_actions, read_objectives, read_risks
from cs_planner.ui.common import format as fmt
from cs_planner.ui.stairway.screen import StairwayScreen, load_screen


@dataclass(frozen=True)
class PlanData:
    """Everything one PDF account plan shows."""

    account_id: int
    account_name: str
    today: dt.date
    settings: SettingsData
    card: AccountCard
    health: AccountHealth
    map: MapData
    stairway: StairwayScreen
    expansion: ExpansionData
    objectives: tuple[ObjectiveRow, ...]
    actions: tuple[ActionRow, ...]  # as the Plan tab and the Action Plan sheet read them
    risks: tuple[RiskRow, ...]  # as the tab and the Risks sheet do
    customer: bool = False  # the customer copy: read from a scrubbed copy, drawn without
    # what privacy.py declares private (figures, sections)

    @property
    def currency(self) -> str:
        return self.settings.currency


def read_plan(
    session: Session, account_id: int, today: dt.date, customer: bool = False
) -> PlanData:
    """Everything the PDF shows, in the caller's (read) transaction."""
    card = account_card(session, account_id, today)
    return PlanData(
        account_id=account_id,
        account_name=card.name,
        today=today,
        settings=get_settings(session),
        card=card,
        health=account_health(session, account_id, today),
        map=load_map(session, account_id, today),
        stairway=load_screen(session, account_id, today),
        expansion=load_expansion(session, account_id, today, fmt.money),
        objectives=tuple(read_objectives(session, account_id)),
        actions=tuple(read_actions(session, account_id, today).rows),
        risks=tuple(read_risks(session, account_id)),
        customer=customer,
    )
