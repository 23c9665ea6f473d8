"""Reads of the relationship map and its validated writes, on a real file."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from cs_planner.domain.enums import BuyingRole, Stance
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Division, InfluenceLink, Stakeholder
from cs_planner.domain.relationships import queries, writes
from cs_planner.domain.relationships.rows import StakeholderValues

TODAY = dt.date(2026, 11, 24)


# --- reads and edits on a real file --------------------------------------------------


def test_load_map_reads_people_roles_first_meetings_and_settings(portfolio, acct) -> None:
    with portfolio.session() as s:
        data = queries.load_map(s, acct["account"], TODAY)
    assert [p.name for p in data.stakeholders] == ["Rui Santos", "Ada Brennan", "Bo Ng"]
    ada = data.by_id()[acct["ada"]]
    assert ada.roles == {BuyingRole.CHAMPION, BuyingRole.USER}
    assert ada.division == "Operations" and ada.reports_to_id == acct["rui"]
    assert ada.first_met == dt.date(2026, 9, 1)
    assert data.by_id()[acct["bo"]].owner == "Lena Marsh"
    assert data.stale_days == 90 and data.monthly_goal == 3
    assert data.divisions == [(acct["ops"], "Operations")]


def test_a_recorded_start_wins_over_the_first_meeting(portfolio, acct) -> None:
    values = replace(_values(portfolio, acct["ada"]), since=dt.date(2026, 11, 3))
    with portfolio.session() as s:
        before = writes.update_stakeholder(s, acct["ada"], values)
    assert before.since is None
    with portfolio.session() as s:
        data = queries.load_map(s, acct["account"], TODAY)
    assert data.by_id()[acct["ada"]].first_met == dt.date(2026, 11, 3)
    assert data.by_id()[acct["bo"]].first_met == dt.date(2026, 11, 2)  # from the meeting


def test_a_start_after_the_last_contact_is_refused(portfolio, acct) -> None:
    values = replace(
        _values(portfolio, acct["bo"]),
        last_contact=dt.date(2026, 10, 1),
        since=dt.date(2026, 10, 20),
    )
    with pytest.raises(ValidationError) as caught, portfolio.session() as s:
        writes.update_stakeholder(s, acct["bo"], values)
    assert caught.value.field == "since"
    with portfolio.session() as s:
        assert s.get(Stakeholder, acct["bo"]).since is None


def _values(portfolio, stakeholder_id: int) -> StakeholderValues:
    with portfolio.session() as s:
        account_id = s.get(Stakeholder, stakeholder_id).account_id
        return queries.load_map(s, account_id, TODAY).by_id()[stakeholder_id].values


def test_moving_someone_under_their_own_report_is_refused(portfolio, acct) -> None:
    with portfolio.session() as s, pytest.raises(ValidationError) as caught:
        writes.set_manager(s, acct["rui"], acct["bo"])
    assert "Rui Santos cannot report to Bo Ng" in caught.value.message
    assert caught.value.field == "reports_to_id"
    with portfolio.session() as s:
        assert s.get(Stakeholder, acct["rui"]).reports_to_id is None


def test_reporting_to_yourself_is_refused(portfolio, acct) -> None:
    with portfolio.session() as s, pytest.raises(ValidationError) as caught:
        writes.set_manager(s, acct["ada"], acct["ada"])
    assert caught.value.message == "Ada Brennan cannot report to themselves."


def test_moving_and_moving_back(portfolio, acct) -> None:
    with portfolio.session() as s:
        before = writes.set_manager(s, acct["bo"], acct["rui"])
    assert before == acct["ada"]
    with portfolio.session() as s:
        assert s.get(Stakeholder, acct["bo"]).reports_to_id == acct["rui"]
        writes.set_manager(s, acct["bo"], None)
    with portfolio.session() as s:
        assert s.get(Stakeholder, acct["bo"]).reports_to_id is None


def test_a_manager_from_another_account_is_refused(portfolio, acct) -> None:
    with portfolio.session() as s, pytest.raises(ValidationError):
        writes.set_manager(s, acct["bo"], acct["stranger"])


def test_update_returns_the_old_values_and_roles(portfolio, acct) -> None:
    with portfolio.session() as s:
        old = queries.list_stakeholders(s, acct["account"])
        ada = next(p for p in old if p.id == acct["ada"])
        new = StakeholderValues(
            **{**ada.values.__dict__, "stance": Stance.SKEPTIC, "roles": frozenset()}
        )
        before = writes.update_stakeholder(s, ada.id, new)
    assert before == ada.values
    with portfolio.session() as s:
        row = s.get(Stakeholder, acct["ada"])
        assert row.stance == Stance.SKEPTIC and row.roles == set()


def test_a_bad_name_leaves_the_file_unchanged(portfolio, acct) -> None:
    with pytest.raises(ValidationError) as caught, portfolio.session() as s:
        writes.new_stakeholder(s, acct["account"], StakeholderValues(name="  "))
        s.flush()
    assert caught.value.field == "name"
    with portfolio.session() as s:
        assert len(queries.list_stakeholders(s, acct["account"])) == 3


def test_a_division_of_another_account_is_refused(portfolio, acct) -> None:
    with portfolio.session() as s:
        theirs = Division(account_id=acct["other"], name="Theirs")
        s.add(theirs)
        s.flush()
        theirs_id = theirs.id
    with pytest.raises(ValidationError) as caught, portfolio.session() as s:
        writes.new_stakeholder(
            s, acct["account"], StakeholderValues(name="Zoe", division_id=theirs_id)
        )
    assert caught.value.field == "division_id"


def test_pin_and_unpin(portfolio, acct) -> None:
    with portfolio.session() as s:
        assert writes.set_pin(s, acct["ada"], (120.5, -30.0)) is None
    with portfolio.session() as s:
        ada = next(p for p in queries.list_stakeholders(s, acct["account"]) if p.id == acct["ada"])
        assert ada.pinned == (120.5, -30.0)
        assert writes.set_pin(s, acct["ada"], None) == (120.5, -30.0)
    with portfolio.session() as s, pytest.raises(ValidationError):
        writes.set_pin(s, acct["ada"], (float("inf"), 0.0))


def test_influence_lines_refuse_duplicates_self_and_other_accounts(portfolio, acct) -> None:
    with portfolio.session() as s:
        writes.new_link(s, acct["account"], acct["bo"], acct["rui"], 4, "Golf partners")
    with portfolio.session() as s:
        links = queries.list_links(s, acct["account"])
    assert [(x.source_id, x.target_id, x.strength, x.note) for x in links] == [
        (acct["bo"], acct["rui"], 4, "Golf partners")
    ]
    for source, target in (
        (acct["bo"], acct["rui"]),
        (acct["bo"], acct["bo"]),
        (acct["bo"], acct["stranger"]),
    ):
        with pytest.raises(ValidationError), portfolio.session() as s:
            writes.new_link(s, acct["account"], source, target)
    with portfolio.session() as s:
        assert s.query(InfluenceLink).count() == 1
