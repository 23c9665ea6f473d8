"""The edits on our people, as undo commands, and the add / edit / retire / delete steps the
Team page and the CSAs page's roster share (one dialog for a person, one set of rules)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.rows import MemberRow, MemberValues, SettingsData
from cs_planner.domain.accounts.team_writes import (
    check_deletable,
    new_member,
    set_retired,
    update_member,
)
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.model import TeamMember
from cs_planner.ui.common.widgets import ListPanel
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import DeleteRows, InsertRow, UpdateVia, dry_run
from cs_planner.ui.team_dialogs import PersonDialog, RetireDialog


def team_changed(ctx: AppContext) -> None:
    ctx.teamChanged.emit()
    ctx.accountsChanged.emit()  # the portfolio list shows CSM and CSA names, marked if retired


class AddMember(InsertRow):
    def notify(self) -> None:
        team_changed(self.ctx)


class EditMember(UpdateVia):
    def notify(self) -> None:
        team_changed(self.ctx)


class SetRetired(UpdateVia):
    """Retire a person on a date, or make them active again (``new`` None)."""

    def __init__(self, ctx: AppContext, row: MemberRow, retired_on: dt.date | None) -> None:
        text = (
            f"Retire {row.name} on {retired_on.isoformat()}"
            if retired_on is not None
            else f"Reactivate {row.name}"
        )
        super().__init__(ctx, text, set_retired, row.id, retired_on)

    def notify(self) -> None:
        team_changed(self.ctx)


class DeleteMember(DeleteRows):
    """Delete someone nothing refers to; anyone else is retired instead (checked in the
    transaction, so a reference added meanwhile still stops it)."""

    def apply(self, session: Session) -> None:
        for row_id in self.row_ids:
            check_deletable(session, row_id)
        super().apply(session)

    def notify(self) -> None:
        team_changed(self.ctx)


class TeamActions:
    """Add, edit, retire and delete people from a list panel: each step asks with a dialog
    validated by a dry run, then performs one undoable command (errors under the list)."""

    def __init__(self, panel: ListPanel, ctx: AppContext) -> None:
        self._panel, self._ctx = panel, ctx
        self.settings: SettingsData | None = None

    @property
    def _parent(self) -> QWidget:
        return self._panel

    def _defaults(self) -> tuple[float, float]:
        s = self.settings
        return (s.default_csa_rate, s.chargeability_target) if s else (250.0, 0.7)

    def add(self, role: TeamRole | None = None) -> int | None:
        """Add a person (of ``role`` only, when given); returns the new id."""
        initial = MemberValues("", role or TeamRole.CSM)
        values = PersonDialog.ask(
            self._parent,
            title=f"Add {role.label}" if role else "Add person",
            initial=initial,
            defaults=self._defaults(),
            fixed_role=role is not None,
            validate=lambda v: dry_run(self._ctx, lambda s: new_member(s, v)),
        )
        if values is None:
            return None
        text = f"Add {values.role.label} {values.name}"
        command = AddMember(self._ctx, text, lambda s: new_member(s, values))
        return command.row_id if self._panel.perform(command) else None

    def edit(self, row: MemberRow, fixed_role: bool = False) -> bool:
        values = PersonDialog.ask(
            self._parent,
            title=f"Edit {row.name}",
            initial=row.values,
            defaults=self._defaults(),
            fixed_role=fixed_role,
            validate=lambda v: dry_run(self._ctx, lambda s: update_member(s, row.id, v)),
        )
        if values is None or values == row.values:
            return False
        command = EditMember(self._ctx, f"Edit {row.name}", update_member, row.id, values)
        return self._panel.perform(command)

    def retire(self, row: MemberRow) -> bool:
        """Retire an active person (asking the date), or reactivate a retired one."""
        if row.retired:
            return self._panel.perform(SetRetired(self._ctx, row, None))
        retired_on = RetireDialog.ask(
            self._parent,
            row=row,
            today=self._ctx.today(),
            validate=lambda d: dry_run(self._ctx, lambda s: set_retired(s, row.id, d)),
        )
        if retired_on is None:
            return False
        return self._panel.perform(SetRetired(self._ctx, row, retired_on))

    def delete(self, row: MemberRow) -> bool:
        text = f"Delete {row.name}"
        return self._panel.perform(DeleteMember(self._ctx, text, TeamMember, [row.id]))
