"""Our team on the account, on the Plan tab: who is there and why, add someone from the
portfolio's team, change their part, remove them; each undoable."""

from __future__ import annotations

from cs_planner.domain.enums import TeamRole
from cs_planner.domain.plan.team import TeamValues
from cs_planner.ui.plan.tab import PlanTab
from cs_planner.ui.plan.team_panel import MemberDialog, TeamList


def team_of(tab: PlanTab) -> TeamList:
    return tab.show_section("Team").list  # type: ignore[attr-defined]


def test_the_team_lists_the_csm_with_their_open_actions(plan_tab: PlanTab, qtmodeltester) -> None:
    team = team_of(plan_tab)
    qtmodeltester.check(team.model)
    csm = next(r for r in team.model.rows() if r.why == "CSM of the account")
    actions = plan_tab.show_section("Objectives and actions").action_plan  # type: ignore[attr-defined]
    owned = [
        r
        for r in actions.model.every_row()
        if r.values.owner == ("team", csm.member_id) and r.status.value in ("open", "in_progress")
    ]
    assert csm.open_actions == len(owned) > 0


def test_add_change_remove(plan_tab: PlanTab, monkeypatch) -> None:
    team, stack = team_of(plan_tab), plan_tab.ctx.undo_stack
    who = team.data.candidates[0].value
    answers = iter(
        [
            (who, TeamValues(TeamRole.SUPPORT_LEAD, "Escalations")),
            (who, TeamValues(TeamRole.SUPPORT_LEAD, "Escalations and outages")),
        ]
    )

    def ask(cls, parent, data, row, validate=None):
        found = next(answers)
        if validate is not None:
            validate(found)
        return found

    monkeypatch.setattr(MemberDialog, "ask", classmethod(ask))
    team.add()
    added = team.selected()
    assert (added.member_id, added.role, added.why) == (who, TeamRole.SUPPORT_LEAD, "Added here")
    team.edit()
    assert team.selected().responsibility == "Escalations and outages"
    team.delete()
    assert who not in {r.member_id for r in team.model.rows()}
    stack.undo()
    assert who in {r.member_id for r in team.model.rows()}


def test_removing_the_csm_says_where_to_change_it(plan_tab: PlanTab) -> None:
    team = team_of(plan_tab)
    csm = next(r for r in team.model.rows() if r.why == "CSM of the account")
    team.select(csm.member_id)
    team.delete()
    assert "Overview" in team.error.text()
    assert plan_tab.ctx.undo_stack.count() == 0
