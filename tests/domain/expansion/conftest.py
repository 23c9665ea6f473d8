"""An account with divisions, geographies, products and use cases, on a real portfolio."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import Engagement, UseCaseStatus
from cs_planner.domain.model import ArrHistory, Division, Geography, Product, UseCase
from cs_planner.storage import Portfolio


@pytest.fixture
def acct(portfolio: Portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        a = create_account(s, "Harbor", 10_000, arr=100_000, active_users=420)
        emea = Geography(account_id=a, region="EMEA", country="Germany")
        apac = Geography(account_id=a, region="APAC", country="Japan")
        ops = Division(account_id=a, name="Ops", engagement=Engagement.ADOPTED)
        hr = Division(account_id=a, name="HR", engagement=Engagement.EVALUATING)
        fin = Division(account_id=a, name="Finance", engagement=Engagement.ADOPTED)
        forms, sign, vault = Product(name="Forms"), Product(name="Sign"), Product(name="Vault")
        s.add_all([emea, apac, ops, hr, fin, forms, sign, vault])
        s.flush()
        adopted = UseCase(account_id=a, title="A", status=UseCaseStatus.ADOPTED, geography=emea)
        adopted.products = [forms]
        live = UseCase(account_id=a, title="L", status=UseCaseStatus.LIVE, geography=emea)
        live.products = [forms, sign]
        planned = UseCase(account_id=a, title="P", status=UseCaseStatus.PLANNED, geography=apac)
        planned.products = [vault]
        s.add_all([adopted, live, planned])
        s.add(ArrHistory(account_id=a, quarter=dt.date(2026, 4, 1), arr=80_000))
        s.add(ArrHistory(account_id=a, quarter=dt.date(2026, 7, 1), arr=100_000))
        s.flush()
        return {"account": a, "ops": ops.id, "hr": hr.id, "forms": forms.id, "vault": vault.id,
                "emea": emea.id, "apac": apac.id, "sign": sign.id}  # fmt: skip
