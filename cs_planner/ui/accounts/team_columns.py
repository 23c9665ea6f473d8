"""The Team page's columns: everyone on our side as rows of the one table model, and the
filter by role, text and retirement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from cs_planner.domain.accounts.rows import MemberRow
from cs_planner.domain.enums import TeamRole
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.common.table_model import Align, Col

NO_PEOPLE = (
    "No one on the team yet. Add the people on our side: CSMs, CSAs, account executives, "
    "executive sponsors, a support lead, a manager."
)
NO_CSAS = "No CSAs yet. Add the architects you plan: their hours, rate and target."
NO_MATCH = "No one matches the search and filters."
EMAIL_WIDTH = 280
DEFAULT_TIP = "The portfolio default (File > Settings); set one for this CSA with Edit"


class TeamColumn(IntEnum):
    """Display order: who and whether active first, the e-mail last (it scrolls out of
    view first on a laptop)."""

    NAME = 0
    ROLE = 1
    STATUS = 2
    CAPACITY = 3
    RATE = 4
    TARGET = 5
    ACCOUNTS = 6
    EMAIL = 7


HEADER_TIPS = {
    TeamColumn.RATE: "CSAs only: their own hourly rate, or the portfolio default (grey)",
    TeamColumn.TARGET: "CSAs only: chargeability target, the share of time on customer-funded "
    "work, or the portfolio default (grey)",
    TeamColumn.ACCOUNTS: "The accounts they own: as CSM or executive sponsor, or (CSAs) "
    "allocated to today",
    TeamColumn.STATUS: "Retired people stay where the plan refers to them but are no longer "
    "offered for new choices",
}


def role_count(n: int, role: TeamRole) -> str:
    label = role.short_label if role in (TeamRole.CSM, TeamRole.CSA) else role.label.lower()
    return f"{n} {label}{'' if n == 1 else 's'}"


def _defaulted_rate(row: MemberRow) -> bool:
    return row.rate is not None and row.own_rate is None


def _defaulted_target(row: MemberRow) -> bool:
    return row.target is not None and row.own_target is None


def _muted(
    defaulted: Callable[[MemberRow], bool] | None = None,
) -> Callable[[MemberRow], str | None]:
    """Grey for a retired person, and for a CSA's rate or target taken from the default."""

    def colour(row: MemberRow) -> str | None:
        grey = row.retired or (defaulted is not None and defaulted(row))
        return theme.MUTED if grey else None

    return colour


def _rated_tip(defaulted: Callable[[MemberRow], bool]) -> Callable[[MemberRow], str | None]:
    def tip(row: MemberRow) -> str | None:
        if defaulted(row):
            return DEFAULT_TIP
        return "Applies to CSAs only" if row.rate is None else None

    return tip


def _name_tip(row: MemberRow) -> str:
    refs = row.references.describe()
    return f"{row.name}, {row.role.label}" + (f": {refs}" if refs else "")


def _accounts_tip(row: MemberRow) -> str | None:
    if not row.accounts:
        return None
    count = len(row.accounts)
    return f"{count} account{'s' * (count != 1)}:\n" + "\n".join(row.accounts)


def team_columns(currency: Callable[[], str]) -> list[Col[MemberRow]]:
    """In ``TeamColumn`` order; money in the portfolio's ``currency()``."""
    muted = _muted()
    return [
        Col("Name", lambda r: r.name, lambda r: r.name.lower(), colour=muted, tip=_name_tip),
        Col(
            "Role",
            lambda r: r.role.label,
            lambda r: (list(TeamRole).index(r.role), r.name.lower()),
            colour=muted,
        ),
        Col(
            "Status",
            lambda r: f"Retired {r.retired_on.isoformat()}" if r.retired_on else "Active",
            lambda r: (r.retired_on or dt.date.max, r.name.lower()),
            colour=muted,
            header_tip=HEADER_TIPS[TeamColumn.STATUS],
        ),
        Col(
            "Hours a week",
            lambda r: fmt.amount(r.capacity),
            lambda r: r.capacity,
            Align.RIGHT,
            colour=muted,
        ),
        Col(
            "Bill rate",
            lambda r: fmt.money(r.rate, currency()),
            lambda r: (r.rate is None, r.rate or 0.0),
            Align.RIGHT,
            colour=_muted(_defaulted_rate),
            tip=_rated_tip(_defaulted_rate),
            header_tip=HEADER_TIPS[TeamColumn.RATE],
        ),
        Col(
            "Target",
            lambda r: fmt.percent(r.target),
            lambda r: (r.target is None, r.target or 0.0),
            Align.RIGHT,
            colour=_muted(_defaulted_target),
            tip=_rated_tip(_defaulted_target),
            header_tip=HEADER_TIPS[TeamColumn.TARGET],
        ),
        Col(
            "Accounts",
            lambda r: ", ".join(r.accounts),
            lambda r: (len(r.accounts), r.name.lower()),
            colour=muted,
            tip=_accounts_tip,
            header_tip=HEADER_TIPS[TeamColumn.ACCOUNTS],
        ),
        Col(
            "E-mail",
            lambda r: r.email,
            lambda r: (r.email == "", r.email.lower()),
            colour=muted,
        ),
    ]


@dataclass(frozen=True)
class TeamFilter:
    """Who the list shows: one role (None: every role), a text, and the retired or not."""

    role: TeamRole | None = None
    text: str = ""
    show_retired: bool = False

    def keeps(self, row: MemberRow) -> bool:
        text = self.text.strip().lower()
        return (
            (self.role is None or row.role == self.role)
            and (self.show_retired or not row.retired)
            and (
                not text
                or text in row.name.lower()
                or text in row.email.lower()
                or text in row.role.label.lower()
                or any(text in a.lower() for a in row.accounts)
            )
        )
