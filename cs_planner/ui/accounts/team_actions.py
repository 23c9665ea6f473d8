"""The add / edit / retire / delete steps the Team page and the CSAs page's roster share (one
dialog for a person, one set of rules), each one undoable edit (``accounts.edits``)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cs_planner.domain.accounts import edits
from cs_planner.domain.accounts.rows import MemberRow, MemberValues, SettingsData
from cs_planner.domain.accounts.team_writes import (
    new_member,
    set_retired,
    update_member,
)
from cs_planner.domain.enums import TeamRole
from cs_planner.ui.accounts.team_dialogs import PersonDialog, RetireDialog
from cs_planner.ui.common.widgets import ListPanel
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run


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
        edit = edits.add_member(values)
        return edit.row_id if self._panel.perform(edit) else None

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
        return self._panel.perform(edits.edit_member(row.name, row.id, values))

    def retire(self, row: MemberRow) -> bool:
        """Retire an active person (asking the date), or reactivate a retired one."""
        if row.retired:
            return self._panel.perform(edits.retire_member(row.name, row.id, None))
        retired_on = RetireDialog.ask(
            self._parent,
            row=row,
            today=self._ctx.today(),
            validate=lambda d: dry_run(self._ctx, lambda s: set_retired(s, row.id, d)),
        )
        if retired_on is None:
            return False
        return self._panel.perform(edits.retire_member(row.name, row.id, retired_on))

    def delete(self, row: MemberRow) -> bool:
        return self._panel.perform(edits.DeleteMember(row.name, row.id))
