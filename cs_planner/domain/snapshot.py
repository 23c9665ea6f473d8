"""Delete a row with everything that hangs off it, keeping a snapshot that puts it all back
with the same ids (the undo of a delete, the redo of an insert). Core statements only, so it
works on any database SQLAlchemy supports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session

from cs_planner.domain import change_log
from cs_planner.domain.model import Base

CHUNK = 900  # stay under every database's limit on bound parameters


@dataclass
class Snapshot:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Rows elsewhere whose reference was set to NULL by the delete: (table, id, column, value).
    nulled: list[tuple[str, int, str, int]] = field(default_factory=list)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, []))


def _references() -> dict[str, list[tuple[Table, str, str | None]]]:
    """For each table, the (child table, column, ondelete) that refer to its id."""
    refs: dict[str, list[tuple[Table, str, str | None]]] = defaultdict(list)
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            refs[fk.column.table.name].append((table, fk.parent.name, fk.ondelete))
    return refs


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def take(session: Session, model: type[Base], row_id: int) -> Snapshot:
    """Read the row and all rows that a delete of it would remove or change."""
    table_name = model.__tablename__
    tables = Base.metadata.tables
    refs = _references()
    root = tables[table_name]
    snapshot = Snapshot()
    snapshot.rows[table_name] = [
        dict(r._mapping) for r in session.execute(select(root).where(root.c.id == row_id))
    ]
    seen: dict[str, set[int]] = defaultdict(set, {table_name: {row_id}})
    links_seen: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    pending: list[tuple[str, list[int]]] = [(table_name, [row_id])]
    while pending:
        name, ids = pending.pop()
        for child, column, ondelete in refs.get(name, []):
            for chunk in _chunks(ids):
                found = [
                    dict(r._mapping)
                    for r in session.execute(select(child).where(child.c[column].in_(chunk)))
                ]
                if ondelete == "CASCADE":
                    if "id" in child.c:
                        found = [r for r in found if r["id"] not in seen[child.name]]
                        new_ids = [r["id"] for r in found]
                        seen[child.name].update(new_ids)
                        if new_ids:
                            pending.append((child.name, new_ids))
                    else:  # a link table row can hang off two deleted parents
                        keys = links_seen[child.name]
                        found = [r for r in found if tuple(r.values()) not in keys]
                        keys.update(tuple(r.values()) for r in found)
                    snapshot.rows.setdefault(child.name, []).extend(found)
                elif "id" in child.c:
                    snapshot.nulled.extend((child.name, r["id"], column, r[column]) for r in found)
    # A reference from a row that is itself deleted comes back with that row.
    snapshot.nulled = [n for n in snapshot.nulled if n[1] not in seen.get(n[0], set())]
    return snapshot


def delete_row(session: Session, model: type[Base], row_id: int) -> Snapshot:
    """Delete a row (the database cascades) and return what it takes to restore it."""
    snapshot = take(session, model, row_id)
    table = Base.metadata.tables[model.__tablename__]
    session.execute(delete(table).where(table.c.id == row_id))
    _wrote(session, snapshot)
    session.expire_all()
    return snapshot


def restore(session: Session, snapshot: Snapshot) -> None:
    """Insert the snapshot's rows again with their ids, parents first."""
    for table in Base.metadata.sorted_tables:
        rows = snapshot.rows.get(table.name)
        if not rows:
            continue
        self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
        if self_refs:  # insert without the self references, then link them
            session.execute(table.insert(), [{**r, **dict.fromkeys(self_refs)} for r in rows])
            for row in rows:
                links = {c: row[c] for c in self_refs if row[c] is not None}
                if links:
                    session.execute(update(table).where(table.c.id == row["id"]).values(links))
        else:
            session.execute(table.insert(), rows)
    for name, row_id, column, value in snapshot.nulled:
        table = Base.metadata.tables[name]
        session.execute(update(table).where(table.c.id == row_id).values({column: value}))
    _wrote(session, snapshot)
    session.expire_all()


def _wrote(session: Session, snapshot: Snapshot) -> None:
    """The rows deleted or put back, and those whose reference was nulled, for the log."""
    for name, rows in snapshot.rows.items():
        change_log.wrote(session, name, (r["id"] for r in rows if "id" in r))
    for name, row_id, _column, _value in snapshot.nulled:
        change_log.wrote(session, name, (row_id,))
