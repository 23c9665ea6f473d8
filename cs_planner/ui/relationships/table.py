"""The stakeholder table: the map's people as rows of the one table model, sortable and
filterable, for bulk edits (several rows selected, one change for all of them as one undo
step)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from enum import IntEnum

from PySide6.QtCore import QModelIndex

from cs_planner import palette
from cs_planner.domain.enums import BuyingRole
from cs_planner.domain.relationships.rows import LEVEL_RANK, StakeholderRow
from cs_planner.domain.workshop.privacy import field_is_private
from cs_planner.ui.common.table_model import Align, RowsModel
from cs_planner.ui.common.table_model import Col as Column
from cs_planner.ui.relationships.cards import role_badges

StakeholderModel = RowsModel[StakeholderRow]


class Col(IntEnum):
    NAME = 0
    TITLE = 1
    DIVISION = 2
    LEVEL = 3
    ROLES = 4
    STANCE = 5
    INFLUENCE = 6
    REPORTS_TO = 7
    OWNER = 8
    LAST_CONTACT = 9
    DAYS = 10
    STATUS = 11
    NOTES = 12


# The field each column shows where it may be private: hidden in workshop mode, as on the
# map, when domain/workshop/privacy.py says so.
FIELD_OF = {
    Col.ROLES: "stakeholder_role.role",
    Col.STANCE: "stakeholder.stance",
    Col.INFLUENCE: "stakeholder.influence",
    Col.OWNER: "stakeholder.owner_id",
    Col.LAST_CONTACT: "stakeholder.last_contact",
    Col.DAYS: "stakeholder.last_contact",
    Col.STATUS: "stakeholder.status",
    Col.NOTES: "stakeholder.notes",
}
PRIVATE_COLUMNS = tuple(c for c, field in FIELD_OF.items() if field_is_private(field))
STANCE_ORDER = {stance: n for n, stance in enumerate(palette.STANCE)}
NEVER = 10**9  # days since a contact that never happened: sorts as the longest


def columns(  # long: one spec per column, a table rather than logic
    names: Mapping[int, str], today: dt.date, stale_days: int, presentation: bool
) -> list[Column[StakeholderRow]]:
    """The table's columns; ``names`` are the people by id (for "Reports to")."""

    def days(row: StakeholderRow) -> int | None:
        return row.days_since_contact(today)

    def muted(row: StakeholderRow) -> str | None:
        return palette.MUTED if not row.active and not presentation else None

    def days_colour(row: StakeholderRow) -> str | None:
        if not presentation and row.active and row.is_stale(today, stale_days):
            return palette.WARN
        return muted(row)

    def text_col(header: str, text: Callable[[StakeholderRow], str]) -> Column[StakeholderRow]:
        return Column(header, text, lambda r: (text(r).lower(), r.name.lower()), colour=muted)

    def roles(row: StakeholderRow) -> str:
        return ", ".join(role_badges(row, presentation))

    def reports_to(row: StakeholderRow) -> str:
        return names.get(row.reports_to_id, "") if row.reports_to_id else ""

    def stance_fill(row: StakeholderRow) -> str | None:
        return None if presentation else palette.tint(palette.STANCE[row.stance], 0.7)

    def day_text(row: StakeholderRow) -> str:
        count = days(row)
        return "" if count is None else f"{count:,}"

    def day_key(row: StakeholderRow) -> tuple[int, str]:
        count = days(row)
        return (NEVER if count is None else count, row.name.lower())

    return [
        text_col("Name", lambda r: r.name),
        text_col("Title", lambda r: r.title),
        text_col("Division", lambda r: r.division),
        Column(
            "Level",
            lambda r: r.level.label,
            lambda r: (LEVEL_RANK[r.level], r.name.lower()),
            colour=muted,
        ),
        Column(
            "Buying roles",
            roles,
            lambda r: (roles(r).lower(), r.name.lower()),
            colour=muted,
            tip=lambda r: ", ".join(x.label for x in BuyingRole if x in r.roles) or None,
        ),
        Column(
            "Stance",
            lambda r: r.stance.label,
            lambda r: (STANCE_ORDER[r.stance], r.name.lower()),
            colour=muted,
            background=stance_fill,
        ),
        Column(
            "Influence",
            lambda r: str(r.influence),
            lambda r: (r.influence, r.name.lower()),
            Align.RIGHT,
            colour=muted,
        ),
        text_col("Reports to", reports_to),
        text_col("Ours", lambda r: r.owner),
        Column(
            "Last contact",
            lambda r: r.last_contact.isoformat() if r.last_contact else "",
            day_key,
            colour=muted,
        ),
        Column("Days", day_text, day_key, Align.RIGHT, colour=days_colour),
        text_col("Status", lambda r: r.status.label),
        Column(
            "Notes",
            lambda r: r.notes.splitlines()[0] if r.notes else "",
            lambda r: ((r.notes.splitlines()[0] if r.notes else "").lower(), r.name.lower()),
            colour=muted,
            tip=lambda r: r.notes or None,
        ),
    ]


def matching(text: str, presentation: bool) -> Callable[[StakeholderRow], bool] | None:
    """The filter for what was typed: name, title, division, owner, level, roles, and
    (except while presenting) stance, status and notes."""
    wanted = text.strip().lower()
    if not wanted:
        return None

    def keep(row: StakeholderRow) -> bool:
        fields = [row.name, row.title, row.division, row.owner, row.level.label]
        fields += [r.label for r in row.roles]
        if not presentation:
            fields += [row.stance.label, row.status.label, row.notes]
        return any(wanted in f.lower() for f in fields)

    return keep


def index_of(model: StakeholderModel, person_id: int) -> QModelIndex:
    """Where a person is in the table (invalid when filtered out)."""
    position = model.find(lambda r: r.id == person_id)
    return QModelIndex() if position is None else model.index(position, 0)
