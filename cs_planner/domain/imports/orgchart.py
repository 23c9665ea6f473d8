"""Reporting lines from a file: a reports-to cell holds a record id, an e-mail or a name.
A manager in another account, missing, ambiguous or left out keeps the person without a
manager (and says so); a loop in the lines drops the lines of everyone in it."""

from __future__ import annotations

from collections import defaultdict

from cs_planner.domain.imports.existing import Existing
from cs_planner.domain.imports.rows import PlanRow, Status, Tick, Writes, no_tick


class _Lookup:
    """Everyone a reports-to cell can name: the file's rows and the portfolio's people."""

    def __init__(self, rows: list[PlanRow], existing: Existing, source: str) -> None:
        self.keys: dict[str, list[tuple[str, str, str]]] = defaultdict(
            list
        )  # -> (key, account, name)
        self.left_out: dict[str, PlanRow] = {}
        in_file: set[str] = set()
        for row in rows:
            v = row.values
            names = [v.get("record_id", "").strip(), v.get("email", "").strip(), row.name]
            for text in filter(None, names):
                if row.status is Status.SKIP:
                    self.left_out.setdefault(text.casefold(), row)
                else:
                    self.keys[text.casefold()].append((row.key, row.account_key, row.name))
            in_file.add(row.key)
        for person in existing.people.values():
            key = f"e:{person.id}"
            if key in in_file:
                continue
            record = person.external_id if person.external_source == source else None
            for text in filter(None, (record, person.email, person.name)):
                self.keys[text.casefold()].append((key, f"e:{person.account_id}", person.name))

    def find(self, text: str, account: str) -> tuple[str | None, str | None]:
        """(manager key, None) or (None, why there is none)."""
        found = {hit[0]: hit for hit in self.keys.get(text.casefold(), [])}
        mine = [hit for hit in found.values() if hit[1] == account]
        if len(mine) == 1:
            return mine[0][0], None
        if len(mine) > 1:
            return None, f"more than one person matches reports-to '{text}'"
        if found:
            return None, f"manager '{text}' is in another account"
        if (row := self.left_out.get(text.casefold())) is not None:
            return None, f"manager '{text}' is not imported (row {row.row} is skipped)"
        return None, f"reports-to '{text}' not found"


def plan_managers(
    rows: list[PlanRow], existing: Existing, source: str, writes: Writes, tick: Tick = no_tick
) -> None:
    """Resolve each imported person's manager into ``writes.managers``; then break loops."""
    lookup = _Lookup(rows, existing, source)
    by_key = {row.key: row for row in rows if row.status is not Status.SKIP}
    for row in by_key.values():
        tick()
        text = row.values.get("reports_to", "").strip()
        if not text:
            continue
        manager, why = lookup.find(text, row.account_key)
        if manager == row.key:
            manager, why = None, "reports to themself"
        if why:
            row.reasons.append(f"{why}; kept without a manager")
        writes.managers[row.key] = manager
    _break_loops(by_key, existing, writes)
    for row in by_key.values():
        _mark_update(row, existing, writes)


def _parent(key: str, existing: Existing, writes: Writes) -> str | None:
    if key in writes.managers:
        return writes.managers[key]
    if key.startswith("e:") and (person := existing.people.get(int(key[2:]))):
        return f"e:{person.reports_to_id}" if person.reports_to_id else None
    return None


def _break_loops(by_key: dict[str, PlanRow], existing: Existing, writes: Writes) -> None:
    done: set[str] = set()
    for start in list(writes.managers):
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = _parent(node, existing, writes)
        if node is not None and node in on_path:
            loop = path[path.index(node) :]
            names = [by_key[k].name if k in by_key else k for k in loop]
            text = " → ".join([*names, names[0]])
            for key in loop:
                if key in by_key:
                    by_key[key].reasons.append(
                        f"reporting lines loop ({text}); kept without a manager"
                    )
                if key in writes.managers:
                    writes.managers[key] = None
        done.update(path)


def _mark_update(row: PlanRow, existing: Existing, writes: Writes) -> None:
    """An existing person whose manager changes is updated even if nothing else did."""
    if not row.key.startswith("e:") or row.key not in writes.managers:
        return
    person = existing.people[int(row.key[2:])]
    now = f"e:{person.reports_to_id}" if person.reports_to_id else None
    wanted = writes.managers[row.key]
    if wanted == now or (wanted is None and row.values.get("reports_to", "").strip()):
        # A manager that could not be found does not remove the one the portfolio has.
        del writes.managers[row.key]
        return
    row.status = Status.UPDATE
