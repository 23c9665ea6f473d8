"""Report fixtures: a well-filled account in the `portfolio` of tests/conftest.py."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts.writes import create_account, update_settings
from cs_planner.domain.enums import Engagement, TeamRole, Tier
from cs_planner.domain.model import Division, Geography, TeamMember
from cs_planner.storage import Portfolio


@pytest.fixture
def acme(portfolio: Portfolio) -> int:
    """A well-filled account in a EUR portfolio: ARR 250,000 on an initial deal of 10,000."""
    with portfolio.session() as s:
        update_settings(s, owner_name="Dana Owner", currency="EUR")
        csm = TeamMember(name="Ann Lee", role=TeamRole.CSM)
        sponsor = TeamMember(name="Sam Exec", role=TeamRole.EXECUTIVE_SPONSOR)
        s.add_all([csm, sponsor])
        s.flush()
        account_id = create_account(
            s,
            "Acme Corp",
            10_000.0,
            industry="Manufacturing",
            arr=250_000.0,
            licensed_seats=100,
            active_users=85,
            customer_since=dt.date(2022, 1, 1),
            initial_deal_date=dt.date(2022, 1, 1),
            renewal_date=dt.date(2026, 12, 31),
            csm_id=csm.id,
            executive_sponsor_id=sponsor.id,
            tier_override=Tier.TOP,
            maturity_current=2,
            maturity_target=4,
            notes="Renewal talks start in Q3.",
        )
        emea = Geography(account_id=account_id, region="EMEA", country="Germany")
        apac = Geography(account_id=account_id, region="APAC", country="")
        s.add_all([emea, apac])
        s.flush()
        finance = Division(
            account_id=account_id,
            name="Finance",
            headcount=300,
            engagement=Engagement.ADOPTED,
            geography_id=emea.id,
        )
        s.add(finance)
        s.flush()
        s.add_all(
            [
                Division(account_id=account_id, name="Accounts payable", parent_id=finance.id),
                Division(account_id=account_id, name="Marketing", headcount=50),
            ]
        )
    return account_id
