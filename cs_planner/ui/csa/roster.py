"""The CSAs page's Roster tab: our CSAs (team members with the CSA role) with their hours,
bill rate and chargeability target (blank: the portfolio default). It is the Team page's
panel with the role fixed to CSA, so a CSA is added, edited, retired or deleted with the same
dialog and the same rules as anyone else on the team."""

from __future__ import annotations

from cs_planner.domain.enums import TeamRole
from cs_planner.ui.accounts.team_page import TeamPanel
from cs_planner.ui.shell.context import AppContext


class RosterPanel(TeamPanel):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, fixed_role=TeamRole.CSA)
        self.add_button.setToolTip(
            "Add a CSA (Insert); the Team page has everyone else on our side"
        )
