"""Our team on the account: who is on it and why, read from the demo; adding, changing and
removing people, done, undone and redone on a real file."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.enums import ActionStatus, TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import ActionItem, TeamMember
from cs_planner.domain.plan import team_edits
from cs_planner.domain.plan.team import TeamValues, load_team, team_rows
from cs_planner.storage import Portfolio
from tests.domain.plan.conftest import TODAY
from tests.domain.plan.edits_helpers import refused, round_trip


def read(portfolio: Portfolio, account_id: int):
    with portfolio.read() as s:
        return load_team(s, account_id, TODAY)


def test_a_row_says_more_about_someone_on_the_team_through_the_account() -> None:
    people = [
        Person(1, "Ada", TeamRole.CSM),
        Person(2, "Bo", TeamRole.AE),
        Person(3, "Cy", TeamRole.CSA),
    ]
    implied = {1: (TeamRole.CSM, "CSM of the account"), 3: (TeamRole.CSA, "CSA allocated")}
    added = [(7, 1, TeamRole.CSM, "The reviews"), (8, 2, TeamRole.AE, "The quote")]
    rows = team_rows(people, implied, added, {1: 4})
    assert [(r.name, r.why, r.responsibility, r.open_actions, r.row_id) for r in rows] == [
        ("Ada", "CSM of the account", "The reviews", 4, 7),
        ("Cy", "CSA allocated", "", 0, None),
        ("Bo", "Added here", "The quote", 0, 8),
    ]


def test_the_showcase_team(demo: Portfolio, showcase: int) -> None:
    data = read(demo, showcase)
    roles = {r.role for r in data.rows}
    csm = next(r for r in data.rows if r.why == "CSM of the account")
    assert {TeamRole.CSM, TeamRole.CSA, TeamRole.AE} <= roles
    with demo.read() as s:
        csm_open = s.scalar(
            select(func.count()).where(
                ActionItem.account_id == showcase,
                ActionItem.owner_id == csm.member_id,
                ActionItem.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]),
            )
        )
        retired = set(s.scalars(select(TeamMember.id).where(TeamMember.retired_on.is_not(None))))
    assert csm.open_actions == csm_open > 0
    on_team = {r.member_id for r in data.rows}
    assert not {c.value for c in data.candidates} & (on_team | retired)


def test_add_change_and_remove_each_undo(demo: Portfolio, showcase: int) -> None:
    def rows():
        return read(demo, showcase).rows

    data = read(demo, showcase)
    who = data.candidates[0]
    add = team_edits.add_member(showcase, who.value, who.label, TeamValues(TeamRole.SUPPORT_LEAD))
    round_trip(demo, add, rows)
    added = next(r for r in rows() if r.member_id == who.value)
    assert (added.role, added.why) == (TeamRole.SUPPORT_LEAD, "Added here")

    change = team_edits.change_member(
        showcase, added, TeamValues(TeamRole.SUPPORT_LEAD, "Escalations")
    )
    round_trip(demo, change, rows)
    assert next(r for r in rows() if r.member_id == who.value).responsibility == "Escalations"

    implied = next(r for r in rows() if r.row_id is None)  # a CSA or the sponsor
    says_more = team_edits.change_member(showcase, implied, TeamValues(implied.role, "Workshops"))
    round_trip(demo, says_more, rows)
    assert next(r for r in rows() if r.member_id == implied.member_id).row_id is not None

    added = next(r for r in rows() if r.member_id == who.value)
    round_trip(demo, team_edits.remove_member(showcase, added), rows)
    assert who.value not in {r.member_id for r in rows()}


def test_the_csm_is_removed_on_the_overview_not_here(demo: Portfolio, showcase: int) -> None:
    csm = next(r for r in read(demo, showcase).rows if r.why == "CSM of the account")
    with pytest.raises(ValidationError, match="Overview"):
        team_edits.remove_member(showcase, csm)


def test_someone_on_the_team_is_not_added_twice(demo: Portfolio, showcase: int) -> None:
    added = next(r for r in read(demo, showcase).rows if r.row_id is not None)
    edit = team_edits.add_member(showcase, added.member_id, added.name, TeamValues(TeamRole.AE))
    assert "on the team already" in refused(
        demo, edit, "team_member_id", lambda: read(demo, showcase).rows
    )
