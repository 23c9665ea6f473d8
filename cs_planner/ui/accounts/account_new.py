"""Portfolio > Add account: the account's name, industry, ARR, initial deal and its date, the
renewal date and the CSM, validated inline by a dry run of the insert, then one undoable
edit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget

from cs_planner.domain.accounts.edits import AddAccount
from cs_planner.domain.accounts.queries import new_account_choices
from cs_planner.domain.accounts.rows import NewAccountChoices
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.errors import ValidationError
from cs_planner.ui.common.editors import ChoiceBox, DateEdit, NumberEdit, SuggestBox, parse_number
from cs_planner.ui.common.widgets import CheckedFormDialog
from cs_planner.ui.shell import undo
from cs_planner.ui.shell.context import AppContext

MONEY_FIELDS = ("initial_deal_value", "arr")


class NewAccountDialog(CheckedFormDialog):
    """ARR follows the initial deal until it is typed in (a new customer usually pays the
    first deal), and the renewal a year after the deal until it is typed in."""

    def __init__(self, parent: QWidget | None, offer: NewAccountChoices, today: dt.date) -> None:
        super().__init__(parent, "Add account")
        self.setMinimumWidth(480)
        self.name = self.add_row("name", "Account name", QLineEdit())
        self.name.setPlaceholderText("The customer's name")
        self.industry = self.add_row(
            "industry",
            "Industry",
            SuggestBox(offer.industries),
            "Part of the persona a stairway template is chosen by; pick one or type your own",
        )
        self.industry.set_value("")
        self.deal = self.add_row(
            "initial_deal_value",
            f"Initial deal X ({offer.currency})",
            NumberEdit("The initial deal value", "initial_deal_value"),
            "The annual value of the first contract: the base of the expansion multiple "
            "(120,000 or 120k)",
        )
        self.arr = self.add_row(
            "arr",
            f"ARR ({offer.currency})",
            NumberEdit("ARR", "arr"),
            "Annual recurring revenue today; follows the initial deal until you type it. "
            "Leave it at 0 if not known yet: the account shows no multiple until it is entered.",
        )
        self.deal_date = self.add_row(
            "initial_deal_date",
            "Initial deal date",
            DateEdit("The initial deal date", "initial_deal_date"),
            "When the first contract was signed; the customer relationship starts then",
        )
        self.deal_date.set_value(today)
        self.renewal = self.add_row(
            "renewal_date",
            "Renewal date",
            DateEdit("The renewal date", "renewal_date"),
            "The next renewal; a year after the initial deal unless you type it",
        )
        self.renewal.set_value(_a_year_after(today))
        self.csm = self.add_row("csm_id", "CSM", ChoiceBox(), "Active CSMs (Team page)")
        self.csm.set_items(offer.csms)
        self.csm.set_value(offer.default_csm)
        if len(offer.csms) <= 1:
            hint = QLabel("No CSM on the team yet: add one on the Team page.")
            hint.setObjectName("muted")
            self.form.addRow("", hint)
        self.deal.textEdited.connect(self._deal_typed)
        self.deal_date.line.textEdited.connect(self._deal_date_typed)
        self.deal_date.committed.connect(self._deal_date_typed)
        self.name.setFocus()

    def _deal_typed(self, text: str) -> None:
        if not self.arr.isModified():
            self.arr.setText(text)

    def _deal_date_typed(self, *_args: object) -> None:
        if self.renewal.is_dirty():
            return
        try:
            signed = self.deal_date.value()
        except ValidationError:
            return
        self.renewal.set_value(_a_year_after(signed) if signed else None)

    def values(self) -> dict[str, Any] | ValidationError:
        try:
            deal_date = self.deal_date.value()
            return {
                "name": self.name.text().strip(),
                "industry": self.industry.value(),
                # Empty: None, so the domain says what is missing in the fields' order.
                "initial_deal_value": self.deal.value() if self.deal.text().strip() else None,
                "arr": _amount(self.arr.text()),
                "initial_deal_date": deal_date,
                "customer_since": deal_date,
                "renewal_date": self.renewal.value(),
                "csm_id": self.csm.value(),
            }
        except ValidationError as exc:  # shown under its field by validate()
            return exc

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        offer: NewAccountChoices,
        today: dt.date,
        validate: Callable[[dict[str, Any]], None] | None = None,
    ) -> dict[str, Any] | None:
        answer: dict[str, Any] | None = cls(parent, offer, today).run(validate)
        return answer


def _amount(text: str) -> float:
    """ARR: empty means none yet (0)."""
    return 0.0 if not text.strip() else float(parse_number(text, "ARR", "arr"))


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def add_account(ctx: AppContext, parent: QWidget | None = None) -> int | None:
    """Ask for a new account and add it (one undoable step); returns its id."""
    offer = ctx.read(new_account_choices)

    def check(candidate: dict[str, Any]) -> None:
        undo.dry_run(ctx, lambda session: create_account(session, **candidate))

    values = NewAccountDialog.ask(parent, offer=offer, today=ctx.today(), validate=check)
    if values is None:
        return None
    edit = AddAccount(values)
    try:
        undo.perform(ctx, edit)
    except ValidationError as exc:  # rare: the dialog checked the same insert
        QMessageBox.warning(parent, "Add account", exc.message)
        return None
    return edit.row_id
