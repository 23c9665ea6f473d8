"""An account with four people (one at another account), a division, a CSM and two
meetings, on a real file."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import BuyingRole, Level, TeamRole
from cs_planner.domain.model import Activity, Division, Stakeholder, TeamMember


@pytest.fixture
def acct(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        csm = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        s.add(csm)
        s.flush()
        account = create_account(s, "Harbor Lane", 10_000, csm_id=csm.id)
        other = create_account(s, "Kestrel", 5_000)
        ops = Division(account_id=account, name="Operations")
        rui = Stakeholder(account_id=account, name="Rui Santos", level=Level.EXECUTIVE)
        s.add_all([ops, rui])
        s.flush()
        ada = Stakeholder(account_id=account, name="Ada Brennan", reports_to=rui, division=ops)
        ada.roles = {BuyingRole.CHAMPION, BuyingRole.USER}
        stranger = Stakeholder(account_id=other, name="Stranger")
        s.add_all([ada, stranger])
        s.flush()
        bo = Stakeholder(account_id=account, name="Bo Ng", reports_to=ada, owner=csm)
        s.add(bo)
        s.flush()
        for day, who in ((dt.date(2026, 9, 1), [ada]), (dt.date(2026, 11, 2), [ada, bo])):
            meeting = Activity(account_id=account, date=day)
            meeting.stakeholders = who
            s.add(meeting)
        return {
            "account": account,
            "other": other,
            "rui": rui.id,
            "ada": ada.id,
            "bo": bo.id,
            "stranger": stranger.id,
            "csm": csm.id,
            "ops": ops.id,
        }
