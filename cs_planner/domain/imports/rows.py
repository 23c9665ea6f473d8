"""The preview's rows and the writes an import will make. A row keeps the text its file
gave each target field, so a dialog can fix a value or leave the row out and recompute."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cs_planner.domain.imports.fields import Kind

# Called once per row planned: the preview counts them for its progress (and may stop).
Tick = Callable[[], None]


def no_tick() -> None:
    pass


class Status(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    SKIP = "skip"


@dataclass
class PlanRow:
    """One data row of a file: its values by target field, and what the import does with it.

    ``reasons`` say why a row is skipped, or what of it is left out (a manager not found)."""

    kind: Kind
    file: str
    row: int
    values: dict[str, str]
    excluded: bool = False
    status: Status = Status.SKIP
    reasons: list[str] = field(default_factory=list)
    key: str = ""  # the row's account or person: "e:<id>" existing, "n:<file>:<row>" new
    account_key: str = ""  # contacts: the account they go to

    @property
    def name(self) -> str:
        v = self.values
        if self.kind is Kind.ACCOUNTS:
            return v.get("name", "").strip()
        full = v.get("full_name", "").strip()
        parts = " ".join(p for p in (v.get("first_name", "").strip(), v.get("last_name", "")) if p)
        return full or parts.strip()

    def skip(self, reason: str) -> None:
        self.status = Status.SKIP
        self.reasons.append(reason)

    def describe(self) -> str:
        """'row 7, Ada Brennan: skip: reports-to ... not found' for a report line."""
        what = self.name or "(no name)"
        reasons = "; ".join(self.reasons)
        return f"{self.file} row {self.row}, {what}: {self.status.value}" + (
            f": {reasons}" if reasons else ""
        )


@dataclass
class Writes:
    """What applying the preview writes. Keys are PlanRow keys; ``d:<id>`` and
    ``nd:<account key>:<name>`` name existing and new divisions."""

    new_accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    account_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    new_divisions: dict[str, tuple[str, str]] = field(default_factory=dict)
    new_people: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    people_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Person key -> manager key (None: no manager), for new and updated people alike.
    managers: dict[str, str | None] = field(default_factory=dict)
    # Account key -> its parent account's key: set once every account has an id.
    account_parents: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (
            self.new_accounts
            or self.account_updates
            or self.new_divisions
            or self.new_people
            or self.people_updates
            or self.managers
            or self.account_parents
        )
