"""The one dialog for a person on our side (add and edit, from the Team page or the CSAs
page's roster) and the retirement dialog. Both follow ``ask(...) -> value | None`` and show a
rejected value under its field, keeping the dialog open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from cs_planner.domain.accounts.rows import MemberRow, MemberValues
from cs_planner.domain.accounts.rules import RATED_ROLES
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.editors import ChoiceBox, DateEdit, parse_number
from cs_planner.ui.common.widgets import CheckedFormDialog

ROLE_TIPS = {
    TeamRole.CSM: "Customer Success Manager: owns accounts (the CSM of an account)",
    TeamRole.CSA: "Customer Success Architect: allocated to accounts; has a bill rate and a "
    "chargeability target",
    TeamRole.AE: "Account executive (Sales): owns deals, renewals or expansion when Sales does",
    TeamRole.EXECUTIVE_SPONSOR: "Our executive who mirrors the customer's sponsor on top accounts",
    TeamRole.SUPPORT_LEAD: "Leads support for our accounts; can own relationships and actions",
    TeamRole.MANAGER: "Manages the team; can own relationships, actions and risks",
}


def _optional_number(text: str, what: str, field: str, scale: float = 1.0) -> float | None:
    cleaned = text.strip().rstrip("%").strip()
    return None if not cleaned else parse_number(cleaned, what, field) / scale


class PersonDialog(CheckedFormDialog):
    """Name, role, e-mail and weekly hours; a CSA's bill rate and chargeability target
    (empty: the portfolio default) appear only for the roles they apply to."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: MemberValues,
        defaults: tuple[float, float],
        fixed_role: bool = False,
    ) -> None:
        super().__init__(parent, title)
        rate, target = defaults
        self.name = self.add_row("name", "Name", QLineEdit(initial.name))
        self.name.setPlaceholderText("First and last name")
        self.role = self.add_row("role", "Role", ChoiceBox())
        self.role.set_items([(r.label, r) for r in TeamRole])
        for number, role in enumerate(TeamRole):
            self.role.setItemData(number, ROLE_TIPS[role], Qt.ItemDataRole.ToolTipRole)
        self.role.set_value(initial.role)
        self.role.setEnabled(not fixed_role)
        if fixed_role:
            self.role.setToolTip("Add other roles on the Team page")
        self.email = self.add_row("email", "E-mail", QLineEdit(initial.email))
        self.email.setPlaceholderText("name@company.com")
        self.capacity = self.add_row(
            "capacity_hours_per_week",
            "Hours a week",
            QLineEdit(fmt.amount(initial.capacity_hours_per_week)),
            "The hours this person works in a week (a CSA's loads are a share of these)",
        )
        self.rate = self.add_row(
            "bill_rate",
            "Bill rate (per hour)",
            QLineEdit(fmt.amount(initial.bill_rate)),
            "Leave empty for the portfolio default (File > Settings)",
        )
        self.rate.setPlaceholderText(f"default: {fmt.amount(rate)}")
        own_target = initial.chargeability_target
        self.target = self.add_row(
            "chargeability_target",
            "Chargeability target (%)",
            QLineEdit("" if own_target is None else f"{own_target * 100:g}"),
            "Share of the CSA's time on customer-funded work; empty for the portfolio default",
        )
        self.target.setPlaceholderText(f"default: {target:.0%}")
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self.name.setFocus()

    def rated(self) -> bool:
        return self.role.value() in RATED_ROLES

    def _role_changed(self, *_args: object) -> None:
        rated = self.rated()
        for editor in (self.rate, self.target):
            row = editor.parentWidget()
            if row is not None:
                self.form.setRowVisible(row, rated)
        self.adjustSize()

    def values(self) -> MemberValues | ValidationError:
        try:
            rated = self.rated()
            return MemberValues(
                name=self.name.text().strip(),
                role=self.role.value(),
                email=self.email.text().strip(),
                capacity_hours_per_week=parse_number(
                    self.capacity.text(), "Hours a week", "capacity_hours_per_week"
                ),
                bill_rate=_optional_number(self.rate.text(), "The bill rate", "bill_rate")
                if rated
                else None,
                chargeability_target=_optional_number(
                    self.target.text(), "The target", "chargeability_target", 100
                )
                if rated
                else None,
            )
        except ValidationError as exc:  # shown under its field by validate()
            return exc

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        initial: MemberValues,
        defaults: tuple[float, float],
        fixed_role: bool = False,
        validate: Callable[[MemberValues], None] | None = None,
    ) -> MemberValues | None:
        answer: MemberValues | None = cls(parent, title, initial, defaults, fixed_role).run(
            validate
        )
        return answer


def retire_text(row: MemberRow) -> str:
    """What retiring does, said for this person."""
    refs = row.references.describe()
    kept = (
        f"{row.name} stays where the plan refers to them ({refs}), marked (retired)"
        if refs
        else f"{row.name} stays in the team's history, marked (retired)"
    )
    csa = " A retired CSA gets no new allocations." if row.role == TeamRole.CSA else ""
    csm = row.references.count("account", "csm_id")
    handover = (
        f" Choose a new CSM for {'that account' if csm == 1 else f'those {csm} accounts'} "
        "on the Overview tab."
        if csm
        else ""
    )
    return (
        f"{kept}, but is no longer offered for new choices.{csa}{handover} "
        "Reactivate them on the Team page at any time; Edit > Undo reverses this."
    )


class RetireDialog(CheckedFormDialog):
    """The date someone left (today by default)."""

    def __init__(self, parent: QWidget | None, row: MemberRow, today: dt.date) -> None:
        super().__init__(parent, f"Retire {row.name}")
        self.explanation = QLabel(retire_text(row))
        self.explanation.setWordWrap(True)
        cast(QVBoxLayout, self.layout()).insertWidget(0, self.explanation)
        self.date = self.add_row(
            "retired_on",
            "Retired on",
            DateEdit("The retirement date", "retired_on"),
            "The last day with us (YYYY-MM-DD)",
        )
        self.date.set_value(today)
        self.date.setFocus()

    def values(self) -> dt.date | ValidationError:
        try:
            value = self.date.value()
        except ValidationError as exc:
            return exc
        if value is None:
            return ValidationError("Enter the date they left (YYYY-MM-DD).", "retired_on")
        return value

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        row: MemberRow,
        today: dt.date,
        validate: Callable[[dt.date], None] | None = None,
    ) -> dt.date | None:
        answer: dt.date | None = cls(parent, row, today).run(validate)
        return answer
