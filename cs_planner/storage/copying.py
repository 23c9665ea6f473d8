"""Copying a whole portfolio between any two places SQLAlchemy opens: a file to a team's
PostgreSQL database and back. Core statements over the model's tables, so the values go
through the same column types both ways (dates, enums, money) on any engine.

The destination is written in one transaction and checked table by table before the
commit; a destination that holds anything is refused, so a copy never merges into, or
overwrites, somebody's portfolio."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from cs_planner.domain.model import Base, Settings
from cs_planner.storage import sequences
from cs_planner.storage.database import open_portfolio
from cs_planner.storage.errors import PortfolioError
from cs_planner.storage.files import is_url, portfolio_path

CHUNK = 2000
# The destination keeps its own identity: a copy is another portfolio, not a replica.
_OWN_SETTINGS = frozenset({"id", "file_id", "write_count"})

Progress = Callable[[str, int], None]  # table name, rows copied so far in it


def copy_portfolio(
    source: str | Path, destination: str | Path, progress: Progress | None = None
) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``destination`` (a new file is made);
    returns the rows copied per table. Raises PortfolioError, leaving the destination as
    it was (a file this call made is removed)."""
    made = _new_file(destination)
    src = open_portfolio(source, create=False, mode="read")
    try:
        dst = open_portfolio(destination)
    except BaseException:
        src.close()
        raise
    try:
        with src.read() as reading, dst.session() as writing:
            _refuse_rows(writing)
            counts = {t.name: _copy_table(reading, writing, t, progress) for t in _tables()}
            _copy_settings(reading, writing)
            _verify(writing, counts)
        return counts
    except BaseException:
        dst.close()
        if made is not None:
            for leftover in (made, *made.parent.glob(made.name + "-*")):
                leftover.unlink(missing_ok=True)
        raise
    finally:
        src.close()
        dst.close()


def _new_file(destination: str | Path) -> Path | None:
    """The file this copy will create, or None for a server (or a file already there)."""
    if is_url(destination):
        return None
    path = portfolio_path(destination)
    return None if path.exists() else path


def _tables() -> list[Table]:
    """Every table but the settings row, parents before children."""
    return [t for t in Base.metadata.sorted_tables if t.name != Settings.__tablename__]


def _refuse_rows(session: Session) -> None:
    for table in _tables():
        if session.execute(select(table).limit(1)).first() is not None:
            raise PortfolioError(
                f"The destination already holds a portfolio ({table.name} has rows): "
                "copy into a new file or an empty database."
            )


def _copy_table(reading: Session, writing: Session, table: Table, progress: Progress | None) -> int:
    # A row may point at a later row of its own table (reports-to, a parent division):
    # written empty first, filled in once every row is there.
    later = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    order = list(table.primary_key.columns) or list(table.columns)
    rows = reading.execute(select(table).order_by(*order)).mappings()
    done = 0
    links: list[dict[str, object]] = []
    for chunk in rows.partitions(CHUNK):
        batch = [dict(r) for r in chunk]
        for row in batch:
            if any(row[name] is not None for name in later):
                links.append({"_id": row["id"], **{name: row[name] for name in later}})
                row.update(dict.fromkeys(later))
        writing.execute(insert(table), batch)
        done += len(batch)
        if progress is not None:
            progress(table.name, done)
    if links:
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({name: bindparam(name) for name in later})
        )
        writing.connection().execute(statement, links)
    sequences.catch_up(writing.connection(), [table])
    return done


def _copy_settings(reading: Session, writing: Session) -> None:
    table = cast(Table, Settings.__table__)
    row = reading.execute(select(table)).mappings().first()
    if row is None:
        return
    values = {k: v for k, v in row.items() if k not in _OWN_SETTINGS}
    writing.execute(update(table).where(table.c.id == 1).values(values))


def _verify(writing: Session, counts: dict[str, int]) -> None:
    for table in _tables():
        found = writing.scalar(select(func.count()).select_from(table))
        if found != counts[table.name]:
            raise PortfolioError(
                f"The copy of {table.name} has {found} rows instead of "
                f"{counts[table.name]}; nothing was written."
            )


def describe(target: str | Path) -> str:
    """How a place is named in messages: a file's path, a URL without its password."""
    if not is_url(target):
        return str(portfolio_path(target))
    from sqlalchemy.engine import make_url

    return make_url(str(target)).render_as_string(hide_password=True)
