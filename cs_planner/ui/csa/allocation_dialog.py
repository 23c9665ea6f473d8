"""The dialog that adds or edits a CSA allocation, and the pieces the what-if panel shares
with it (the date box, the CSA drop-down's choices, the labels of the allowed fractions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from cs_planner.domain.accounts.rules import choices
from cs_planner.domain.csa.rows import AllocationValues, CsaRow
from cs_planner.domain.enums import (
    ALLOWED_FRACTIONS,
    AllocationPhase,
    Funding,
    RequestedBy,
    TeamRole,
)
from cs_planner.ui.common.editors import ChoiceBox, text_box
from cs_planner.ui.common.widgets import CheckedFormDialog

FRACTION_LABELS = {
    0.25: "Quarter time (25%)",
    0.5: "Half time (50%)",
    0.75: "Three quarters (75%)",
    1.0: "Full time (100%)",
}


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_of(box: QDateEdit) -> dt.date:
    value = box.date().toPython()
    assert isinstance(value, dt.date)
    return value


def date_box(value: dt.date) -> QDateEdit:
    box = QDateEdit(qdate(value))
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy-MM-dd")
    return box


def csa_choices(roster: list[CsaRow], current: int | None) -> list[tuple[str, int | None]]:
    """The CSAs a drop-down offers: the active ones, plus ``current`` even if retired since
    (marked); a retired CSA gets no new allocations."""
    return choices([c.person for c in roster], {TeamRole.CSA}, current, none=None)


class AllocationDialog(CheckedFormDialog):
    """Add or edit an allocation. With ``accounts`` None the account is fixed."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: AllocationValues,
        roster: list[CsaRow],
        accounts: list[tuple[int, str]] | None,
        use_cases: Callable[[int], list[tuple[int, str]]],
    ) -> None:
        super().__init__(parent, title)
        self.setMinimumWidth(480)
        self._initial, self._use_cases = initial, use_cases
        self.csa = self._choice(
            "csa_id", "CSA", csa_choices(roster, initial.csa_id), initial.csa_id
        )
        self.account: ChoiceBox | None = None
        if accounts is not None:
            listed = [("(choose an account)", None)] + [(n, i) for i, n in accounts]
            self.account = self._choice("account_id", "Account", listed, initial.account_id)
            self.account.currentIndexChanged.connect(self._account_changed)
        self.use_case = self._choice(
            "use_case_id", "Use case", [], None, "Optional: the use case the CSA works on"
        )
        fractions = [(FRACTION_LABELS[f], f) for f in ALLOWED_FRACTIONS]
        self.fraction = self._choice(
            "fraction", "Time", fractions, initial.fraction, "Share of the CSA's week"
        )
        phases = [(p.label, p) for p in AllocationPhase]
        self.phase = self._choice("phase", "Phase", phases, initial.phase)
        self.funding = self._choice(
            "funding",
            "Funding",
            [(f.label, f) for f in Funding],
            initial.funding,
            "Chargeable: the customer pays for the time",
        )
        asked_by = [(r.label, r) for r in RequestedBy]
        self.requested_by = self._choice(
            "requested_by", "Requested by", asked_by, initial.requested_by
        )
        self.start = date_box(initial.start_date)
        self.end = date_box(initial.end_date)
        self.notes = text_box(initial.notes)
        self.add_row("start_date", "Start", self.start)
        self.add_row("end_date", "End", self.end)
        self.add_row("notes", "Notes", self.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self._account_changed()

    def _choice(
        self, field: str, label: str, items: list[tuple[str, Any]], value: Any, tip: str = ""
    ) -> ChoiceBox:
        box = ChoiceBox()
        self.add_row(field, label, box, tip)
        if items:
            box.set_items(items)
            box.set_value(value)
        return box

    def _account_id(self) -> int | None:
        return self.account.value() if self.account is not None else self._initial.account_id

    def _account_changed(self, *_args: object) -> None:
        account_id = self._account_id()
        choices = self._use_cases(account_id) if account_id is not None else []
        keep = self.use_case.value() if self.use_case.count() else self._initial.use_case_id
        self.use_case.set_items([("(none)", None)] + [(t, i) for i, t in choices])
        self.use_case.set_value(keep if keep in {i for i, _ in choices} else None)

    def values(self) -> AllocationValues:  # a value, not a dict
        return AllocationValues(
            csa_id=self.csa.value(),
            account_id=self._account_id(),
            start_date=date_of(self.start),
            end_date=date_of(self.end),
            fraction=self.fraction.value(),
            phase=self.phase.value(),
            funding=self.funding.value(),
            requested_by=self.requested_by.value(),
            use_case_id=self.use_case.value(),
            notes=self.notes.toPlainText().strip(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        initial: AllocationValues,
        roster: list[CsaRow],
        accounts: list[tuple[int, str]] | None,
        use_cases: Callable[[int], list[tuple[int, str]]],
        validate: Callable[[AllocationValues], None] | None = None,
    ) -> AllocationValues | None:
        dialog = cls(parent, title, initial, roster, accounts, use_cases)
        answer: AllocationValues | None = dialog.run(validate)
        return answer
