"""The account form's fields: each one's editor, label, tooltip and group, declared once
(``ui/accounts/account_form.py`` lays them out and commits them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QFocusEvent

from cs_planner.domain.accounts.rules import LEVERAGED_SHARE, TOP_SHARE
from cs_planner.domain.enums import (
    LifecycleStage,
    MotionOwner,
    ReferenceStatus,
)
from cs_planner.ui.common.editors import (
    CheckEdit,
    ChoiceBox,
    DateEdit,
    NotesEdit,
    NumberEdit,
    OptionalNumberEdit,
    SuggestBox,
    TextEdit,
)

SIZE_BANDS = ("SMB", "Mid-market", "Enterprise")
MONEY_FIELDS = ("initial_deal_value", "arr")

TIER_TIP = (
    "Suggested: strategic accounts first, then by ARR, enter the Top tier while the CSM "
    "team's hours allow (Portfolio > Health and tiers; without them, the top "
    f"{TOP_SHARE:.0%} by ARR); the next {LEVERAGED_SHARE:.0%} by ARR are Leveraged, the rest "
    "Scalable; an account without ARR yet or churned is Scalable. Pick a tier here to "
    "override the suggestion."
)
MULTIPLE_TIP = (
    "Expansion multiple = ARR ÷ initial deal value X. The ambition: 5x, 20x, even 50x "
    "within six to eight quarters."
)
UTILIZATION_TIP = (
    "License utilization = active users ÷ licensed seats (aim at 100% or more). "
    "Red under 50%, amber under 80%, green from 80%."
)


OWNER_TIP = "Who runs this motion for the account: web self-service, the CSM or Sales."
TIPS = {
    "size_band": "The customer's size: pick a suggestion or type your own band.",
    "employees": "The customer's headcount (empty: not known).",
    "parent_id": "The group this account belongs to, as the CRM's account hierarchy has it.",
    "growth_rate": "How fast the customer grows; part of the persona a stairway is chosen by.",
    "main_challenge": "The customer's major business challenge; part of the persona.",
    "lifecycle_stage": "Land → Adopt → Expand → Renew, and again.",
    "tier_override": TIER_TIP,
    "strategic": "A strategic account comes first for the Top tier, whatever its ARR.",
    "csm_id": "The Customer Success Manager (team members with the CSM role).",
    "executive_sponsor_id": "Our executive who mirrors the customer's sponsor (top accounts).",
    "renewal_owner": OWNER_TIP,
    "expansion_owner": OWNER_TIP,
    "initial_deal_value": "The first contract's annual value, X. " + MULTIPLE_TIP,
    "arr": "Annual recurring revenue today.",
    "licensed_seats": UTILIZATION_TIP,
    "active_users": UTILIZATION_TIP,
    "reference_status": "How far the customer speaks for us: willing, a case study, a speaker.",
    "notes": "Saved when you leave the field.",
}


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the Account attribute (a key of EDITABLE_FIELDS)
    label: str  # the form label
    undo: str  # how the undo text names it: "Change <undo> of <account> from ... to ..."
    make: Callable[[], Any]  # builds the editor


def _choices(items: list[tuple[str, Any]] | None = None) -> Callable[[], ChoiceBox]:
    def make() -> ChoiceBox:
        box = ChoiceBox()
        box.set_items(items or [])
        return box

    return make


def _enum(enum: Any) -> Callable[[], ChoiceBox]:
    return _choices([(m.label, m) for m in enum])


def _number(
    what: str, field: str, integer: bool = False, optional: bool = False
) -> Callable[[], NumberEdit]:
    kind = OptionalNumberEdit if optional else NumberEdit
    return lambda: kind(what, field, integer=integer)


class AccountChoiceBox(ChoiceBox):
    """Every account of the portfolio but the one shown (thousands). The whole list is made
    when someone goes to the field (focus, the open list, a value not offered yet), not at
    every account shown: until then it holds "(none)" and the current parent. As wide as a
    typical name whatever the names, so neither a long one nor measuring them all sizes the
    form."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizeAdjustPolicy(ChoiceBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self._every: Callable[[], list[tuple[str, Any]]] = list
        self.filled = True

    def offer(
        self, shown: list[tuple[str, Any]], every: Callable[[], list[tuple[str, Any]]]
    ) -> None:
        """``shown`` now; ``every`` when the field is used."""
        self._every, self.filled = every, False
        self.set_items(shown)

    def fill(self) -> None:
        if not self.filled:
            self.filled = True
            self.set_items(self._every())

    def set_value(self, value: Any) -> None:
        if value not in self._values:
            self.fill()
        super().set_value(value)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.fill()
        super().focusInEvent(event)

    def showPopup(self) -> None:
        self.fill()
        super().showPopup()


def _date(what: str, field: str) -> Callable[[], DateEdit]:
    return lambda: DateEdit(what, field)


S = FieldSpec
GROUPS: dict[str, list[FieldSpec]] = {
    "Profile": [
        S("name", "Name", "name", TextEdit),
        S("industry", "Industry", "industry", TextEdit),
        S("size_band", "Size band", "size band", lambda: SuggestBox(SIZE_BANDS)),
        S(
            "employees",
            "Employees",
            "employees",
            _number("Employees", "employees", integer=True, optional=True),
        ),
        S("parent_id", "Parent account", "parent account", AccountChoiceBox),
        S("hq_geography", "HQ geography", "HQ geography", TextEdit),
        S("growth_rate", "Growth rate", "growth rate", TextEdit),
        S("main_challenge", "Main challenge", "main challenge", TextEdit),
        S("lifecycle_stage", "Lifecycle stage", "lifecycle stage", _enum(LifecycleStage)),
        S("tier_override", "Tier", "tier", _choices()),
        S("strategic", "Strategic", "strategic flag", lambda: CheckEdit("First for the top tier")),
    ],
    "Ownership": [
        S("csm_id", "CSM", "CSM", _choices()),
        S("executive_sponsor_id", "Executive sponsor", "executive sponsor", _choices()),
        S("renewal_owner", "Renewal owner", "renewal owner", _enum(MotionOwner)),
        S("expansion_owner", "Expansion owner", "expansion owner", _enum(MotionOwner)),
    ],
    "Commercial": [
        S(
            "initial_deal_value",
            "Initial deal (X)",
            "initial deal value",
            _number("The initial deal value", "initial_deal_value"),
        ),
        S(
            "initial_deal_date",
            "Initial deal date",
            "initial deal date",
            _date("Initial deal date", "initial_deal_date"),
        ),
        S("arr", "ARR", "ARR", _number("ARR", "arr")),
        S(
            "licensed_seats",
            "Licensed seats",
            "licensed seats",
            _number("Licensed seats", "licensed_seats", integer=True),
        ),
        S(
            "active_users",
            "Active users",
            "active users",
            _number("Active users", "active_users", integer=True),
        ),
        S(
            "customer_since",
            "Customer since",
            "customer-since date",
            _date("Customer since", "customer_since"),
        ),
        S("renewal_date", "Renewal date", "renewal date", _date("Renewal date", "renewal_date")),
        S("churned_on", "Churned on", "churn date", _date("Churned on", "churned_on")),
    ],
    "Value": [
        S("reference_status", "Reference", "reference status", _enum(ReferenceStatus)),
        S("notes", "Notes", "notes", NotesEdit),
    ],
}
COLUMNS = (("Profile", "Ownership"), ("Commercial", "Value"))
SPECS = {spec.name: spec for specs in GROUPS.values() for spec in specs}
