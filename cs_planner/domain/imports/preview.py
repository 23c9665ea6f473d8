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
from cs_planner.domain.imports.parents import plan_parents
from cs_planner.domain.imports.reading import ImportProblem, Table
from cs_planner.domain.imports.rows import PlanRow, Status, Tick, Writes, no_tick
from cs_planner.domain.imports.values import DateOrder, column_order

NAMES = ("first_name", "last_name", "full_name")
# (rows done, rows in all) -> False to stop.
Progress = Callable[[int, int], bool]
PROGRESS_EVERY = 1000  # rows planned between two progress reports


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
    date_order: DateOrder = DateOrder.DAY_FIRST  # the accounts mapping's, when no value decides
    owners: dict[str, str] = field(default_factory=dict)  # the accounts mapping's translation
    _date_note: str = ""

    def recompute(self, progress: Progress | None = None) -> None:
        """Plan every row again from its values (after a fix or an exclusion). ``progress``
        hears of every PROGRESS_EVERY rows (contacts count twice: their reporting lines are
        a second pass); False stops with ImportCancelled and the preview is to be dropped."""
        writes = Writes()
        tick = _ticker(progress, len(self.accounts) + 2 * len(self.contacts))
        dates = self._dates()
        in_file = plan_accounts(
            self.accounts, self.existing, self.account_source, writes, tick, dates, self.owners
        )
        plan_parents(
            self.accounts,
            self.existing,
            account_index(self.account_source, in_file, self.existing),
            writes,
        )
        index = account_index(self.contact_source, in_file, self.existing)
        plan_contacts(
            self.contacts,
            self.existing,
            self.contact_source,
            index,
            self.default_account,
            writes,
            account_by_name=self.account_by_name,
            tick=tick,
        )
        plan_managers(self.contacts, self.existing, self.contact_source, writes, tick)
        self.writes = writes

    def _dates(self) -> DateOrder:
        """The renewal date column's order, decided from all its values (not cell by
        cell), and the note that says how it was read."""
        texts = (r.values.get("renewal_date", "") for r in self.accounts if not r.excluded)
        column = column_order(texts, self.date_order)
        note = ""
        if column.slashed and not column.decided:
            example = "3 April 2026" if column.order is DateOrder.DAY_FIRST else "4 March 2026"
            note = (
                f"Dates such as 03/04/2026 read as {example} ({column.order}); change it in "
                "the mapping."
            )
        elif column.ambiguous:
            note = (
                f"The renewal dates are written both day first and month first: read "
                f"{column.order}, as most are; the others are left out with a reason."
            )
        if self._date_note in self.notes:
            self.notes.remove(self._date_note)
        if note:
            self.notes.append(note)
        self._date_note = note
        return column.order

    def exclude(
        self, row: PlanRow, excluded: bool = True, progress: Progress | None = None
    ) -> None:
        row.excluded = excluded
        self.recompute(progress)

    def fix(self, row: PlanRow, target: str, text: str, progress: Progress | None = None) -> None:
        row.values[target] = text
        self.recompute(progress)

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


def _ticker(progress: Progress | None, total: int) -> Tick:
    if progress is None:
        return no_tick
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if (done % PROGRESS_EVERY == 0 or done == total) and not progress(done, total):
            raise ImportCancelled()

    return tick


def build_preview(
    existing: Existing,
    accounts: Source | None = None,
    contacts: Source | None = None,
    *,
    default_account: str | None = None,
    progress: Progress | None = None,
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
            preview.date_order = source.mapping.date_order
            preview.owners = dict(source.mapping.owners)
        else:
            if preview.contacts:
                raise ImportProblem("Both files hold contacts; give one contacts file.")
            preview.contacts, preview.contact_source = source.rows(), source.mapping.source
            column = source.mapping.fields.get("account", MappedSource()).column
            preview.account_by_name = not (column and normalise(column).endswith("id"))
    preview.recompute(progress)
    return preview
