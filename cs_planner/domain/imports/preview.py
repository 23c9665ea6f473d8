"""The preview: what an import would do, computed without writing. A dialog shows its rows
(status and reasons), lets the user fix a value or leave a row out, and recomputes; the
command line prints its report. ``ImportEdit(preview.writes)`` then applies it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from cs_planner.domain.imports.accounts import account_index, plan_accounts
from cs_planner.domain.imports.contacts import plan_contacts
from cs_planner.domain.imports.existing import Existing
from cs_planner.domain.imports.fields import Kind, normalise
from cs_planner.domain.imports.mapping import Mapping
from cs_planner.domain.imports.mapping import Source as MappedSource
from cs_planner.domain.imports.orgchart import plan_managers
from cs_planner.domain.imports.reading import ImportProblem, Table
from cs_planner.domain.imports.rows import PlanRow, Status, Writes

NAMES = ("first_name", "last_name", "full_name")
# (rows done, rows in all) -> False to stop.
Progress = Callable[[int, int], bool]


class ImportCancelled(ImportProblem):
    def __init__(self) -> None:
        super().__init__("The import was cancelled; the portfolio was not changed.")


@dataclass
class Source:
    """One file and the mapping that reads it."""

    table: Table
    mapping: Mapping

    def rows(self) -> list[PlanRow]:
        fields = list(self.mapping.fields)
        headers, kind, name = self.table.headers, self.mapping.kind, self.table.source
        names = ("name", "record_id") if kind is Kind.ACCOUNTS else NAMES
        if not set(names) & set(fields):
            raise ImportProblem(
                f"no column was recognised as {'an account' if kind is Kind.ACCOUNTS else 'a'} "
                f"name (columns: {', '.join(headers)[:200]}); write a mapping (--save-mapping, "
                "then --mapping).",
                name,
            )
        picks = self.mapping.picks(headers)
        # A quoted line break or a run of spaces in a cell becomes one space.
        return [
            PlanRow(
                kind,
                name,
                number,
                {f: " ".join((fixed if i is None else cells[i]).split()) for f, i, fixed in picks},
            )
            for number, cells in self.table.rows
        ]


@dataclass
class Preview:
    existing: Existing
    accounts: list[PlanRow] = field(default_factory=list)
    contacts: list[PlanRow] = field(default_factory=list)
    account_source: str = "file"
    contact_source: str = "file"
    default_account: str | None = None
    account_by_name: bool = True  # the contacts' account column holds names, not record ids
    notes: list[str] = field(default_factory=list)
    writes: Writes = field(default_factory=Writes)

    def recompute(self) -> None:
        """Plan every row again from its values (after a fix or an exclusion)."""
        self.writes = Writes()
        in_file = plan_accounts(self.accounts, self.existing, self.account_source, self.writes)
        index = account_index(self.contact_source, in_file, self.existing)
        plan_contacts(
            self.contacts,
            self.existing,
            self.contact_source,
            index,
            self.default_account,
            self.writes,
            account_by_name=self.account_by_name,
        )
        plan_managers(self.contacts, self.existing, self.contact_source, self.writes)

    def exclude(self, row: PlanRow, excluded: bool = True) -> None:
        row.excluded = excluded
        self.recompute()

    def fix(self, row: PlanRow, target: str, text: str) -> None:
        row.values[target] = text
        self.recompute()

    def counts(self, kind: Kind) -> Counter[Status]:
        rows = self.accounts if kind is Kind.ACCOUNTS else self.contacts
        counted = Counter(row.status for row in rows)
        if kind is Kind.ACCOUNTS:  # accounts made for contacts (--account) have no row
            counted[Status.CREATE] += sum(k.startswith("new:") for k in self.writes.new_accounts)
        return counted

    def problems(self) -> list[PlanRow]:
        """Rows skipped or with something left out, in file order."""
        return [row for row in (*self.accounts, *self.contacts) if row.reasons]

    def summary(self) -> list[str]:
        lines = []
        for kind, what in ((Kind.ACCOUNTS, "accounts"), (Kind.CONTACTS, "people")):
            c = self.counts(kind)
            if sum(c.values()):
                lines.append(
                    f"{what.capitalize()}: {c[Status.CREATE]} to create, {c[Status.UPDATE]} "
                    f"to update, {c[Status.UNCHANGED]} unchanged, {c[Status.SKIP]} skipped"
                )
        if self.writes.new_divisions:
            lines.append(f"Divisions: {len(self.writes.new_divisions)} to create")
        lines.append(
            f"Reporting lines to set: {sum(1 for m in self.writes.managers.values() if m)}"
        )
        return lines


def build_preview(
    existing: Existing,
    accounts: Source | None = None,
    contacts: Source | None = None,
    *,
    default_account: str | None = None,
) -> Preview:
    """The plan for an accounts file, a contacts file or both (one file of either kind
    goes in as ``accounts`` or ``contacts`` by its mapping's kind)."""
    preview = Preview(existing, default_account=default_account)
    for source in (accounts, contacts):
        if source is None:
            continue
        preview.notes.extend(source.table.notes)
        if source.mapping.kind is Kind.ACCOUNTS:
            if preview.accounts:
                raise ImportProblem("Both files hold accounts; give one accounts file.")
            preview.accounts, preview.account_source = source.rows(), source.mapping.source
        else:
            if preview.contacts:
                raise ImportProblem("Both files hold contacts; give one contacts file.")
            preview.contacts, preview.contact_source = source.rows(), source.mapping.source
            column = source.mapping.fields.get("account", MappedSource()).column
            preview.account_by_name = not (column and normalise(column).endswith("id"))
            if {"phone", "country"} & set(source.mapping.fields):
                preview.notes.append(
                    "Contacts' phone numbers and countries are not kept (people have no "
                    "field for them)."
                )
    preview.recompute()
    return preview
