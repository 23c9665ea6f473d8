"""Our team on the account: who is on it and why, their role here, what they own in the
plan and how many open actions they own; add someone from the portfolio's team, change
their part, remove them (each one undo step)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from cs_planner import palette
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.plan import team_edits
from cs_planner.domain.plan.team import AccountTeam, TeamRow, TeamValues
from cs_planner.ui.common.table_model import Align, Col, RowsModel, table_view
from cs_planner.ui.common.widgets import CheckedFormDialog, ListPanel
from cs_planner.ui.plan.actions_model import ValueCombo
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

ROLE_ORDER = {r: n for n, r in enumerate(TeamRole)}


def columns() -> list[Col[TeamRow]]:
    return [
        Col(
            "Name",
            lambda r: r.name + (" (retired)" if r.retired else ""),
            lambda r: r.name.casefold(),
            colour=lambda r: palette.MUTED if r.retired else None,
        ),
        Col("Role here", lambda r: r.role.label, lambda r: ROLE_ORDER[r.role]),
        Col("On the team as", lambda r: r.why, lambda r: r.why),
        Col(
            "What they own in the plan",
            lambda r: r.responsibility,
            lambda r: r.responsibility.casefold(),
            tip=lambda r: r.responsibility or None,
        ),
        Col("Open actions", lambda r: str(r.open_actions), lambda r: r.open_actions, Align.RIGHT),
    ]


class MemberDialog(CheckedFormDialog):
    """Someone to add (``candidates``), or one member's role and responsibility."""

    def __init__(self, parent: QWidget | None, data: AccountTeam, row: TeamRow | None) -> None:
        super().__init__(parent, f"{row.name} on the account" if row else "Add to the team")
        self.member = ValueCombo()
        if row is None:
            for choice in data.candidates:
                self.member.add(choice.label, choice.value)
            self.add_row(
                "team_member_id",
                "Who",
                self.member,
                "Anyone on the portfolio's Team page (not retired)",
            )
        self.role = ValueCombo()
        for role in TeamRole:
            self.role.add(role.label, role)
        self.role.set_value(row.role if row else TeamRole.AE)
        self.add_row("role", "Role on this account", self.role)
        self.responsibility = QLineEdit(row.responsibility if row else "")
        self.add_row(
            "responsibility",
            "What they own",
            self.responsibility,
            "Their part of the plan: the renewal quote, escalations, the reviews…",
        )
        self._row = row

    def values(self) -> tuple[int, TeamValues] | ValidationError:
        member = self._row.member_id if self._row else self.member.value()
        if member is None:
            return ValidationError("Choose someone to add.", "team_member_id")
        return member, TeamValues(self.role.value(), self.responsibility.text().strip())

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        data: AccountTeam,
        row: TeamRow | None,
        validate: Callable[[Any], None] | None = None,
    ) -> tuple[int, TeamValues] | None:
        answer: tuple[int, TeamValues] | None = cls(parent, data, row).run(validate)
        return answer


class TeamPanel(QWidget):
    """The section: the list, and a line on where the CSM, sponsor and CSAs come from."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = TeamList(ctx)
        note = QLabel(
            "The CSM and executive sponsor come from the account (Overview tab), the CSAs "
            "from their allocations (CSAs page); add anyone else here."
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)

    def show_data(self, data: AccountTeam) -> None:
        self.list.show_data(data)


class TeamList(ListPanel):
    def __init__(self, ctx: AppContext) -> None:
        self.model: RowsModel[TeamRow] = RowsModel(columns())
        view = table_view(self.model, stretch=3)
        view.sortByColumn(1, view.horizontalHeader().sortIndicatorOrder())
        super().__init__(
            ctx, "Our team on the account", view, "No one on the team yet.", "Add to team…"
        )
        self.delete_button.setText("Remove")
        self.delete_button.setToolTip("Remove the selected person from the team (Del)")
        self.data: AccountTeam | None = None

    def show_data(self, data: AccountTeam) -> None:
        self.data = data
        self.set_rows(data.account_id, data.account_name, lambda: self.model.set_rows(data.rows))

    def _check(self, step: Callable[[Any, Any], Any]) -> Callable[[Any], None]:
        return lambda answer: dry_run(self._ctx, lambda s: step(s, answer))

    def add(self) -> None:
        data = self.data
        if data is None:
            return
        if not data.candidates:
            self.error.show_message("Everyone on the portfolio's team is on this account.")
            return

        def step(s: Any, answer: tuple[int, TeamValues]) -> None:
            s.add(team_edits.new_member(s, data.account_id, *answer))

        answer = MemberDialog.ask(self, data, None, self._check(step))
        if answer is not None:
            member, values = answer
            name = next((c.label for c in data.candidates if c.value == member), "someone")
            edit = team_edits.add_member(data.account_id, member, name, values)
            if self.perform(edit):
                self.select(member)

    def edit(self) -> None:
        row, data = self.selected(), self.data
        if row is None or data is None:
            return
        answer = MemberDialog.ask(self, data, row)
        if answer is not None and answer[1] != row.values:
            self.perform(team_edits.change_member(data.account_id, row, answer[1]))

    def delete(self) -> None:
        row, data = self.selected(), self.data
        if row is None or data is None:
            return
        try:
            edit = team_edits.remove_member(data.account_id, row)
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return
        self.perform(edit)
