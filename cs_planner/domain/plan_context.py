"""What every sheet of one account plan shares (the account, the day, the settings). In the
domain, below the reports: ``reports/account_plan.py`` builds it and each sheet module reads
it, so no sheet has to import the workbook module that imports it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cs_planner.domain.accounts.rows import SettingsData


@dataclass(frozen=True)
class PlanContext:
    """What every sheet of one account plan shares."""

    account_id: int
    account_name: str
    today: dt.date
    settings: SettingsData

    @property
    def currency(self) -> str:
        return self.settings.currency
