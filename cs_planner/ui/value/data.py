"""What the Value tab reads for one account, in one transaction: rows, never ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account
from cs_planner.domain.quarters import quarter_label
from cs_planner.domain.value.health import AccountHealth, account_health
from cs_planner.domain.value.maturity import MaturityData, load_maturity
from cs_planner.domain.value.messages import MessageRow, load_messages
from cs_planner.domain.value.metrics import Definition, MetricRow, definitions, load_metrics
from cs_planner.ui.common import format as fmt


@dataclass(frozen=True)
class ValueData:
    account_id: int
    account_name: str
    today: dt.date
    fy_start_month: int
    currency: str
    maturity: MaturityData
    metrics: tuple[MetricRow, ...]
    definitions: tuple[Definition, ...]
    messages: tuple[MessageRow, ...]
    health: AccountHealth

    def label(self, quarter: dt.date) -> str:
        return quarter_label(quarter, self.fy_start_month)


def load_value(session: Session, account_id: int, today: dt.date) -> ValueData:
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    settings = get_settings(session)
    metrics = load_metrics(session, account_id)
    money = partial(fmt.money, currency=settings.currency)
    return ValueData(
        account_id=account_id,
        account_name=account.name,
        today=today,
        fy_start_month=settings.fiscal_year_start_month,
        currency=settings.currency,
        maturity=load_maturity(session, account_id),
        metrics=metrics,
        definitions=definitions(session),
        messages=load_messages(session, account_id, account.name, metrics, money),
        health=account_health(session, account_id, today),
    )
