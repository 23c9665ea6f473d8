"""Is this file sound? SQLite's own page checks, the schema against the models, and every
row against what the models can load, so that a damaged file is refused on open with one
line naming what is wrong (a table, a row) instead of failing later with a traceback.

Run on a plain sqlite3 connection, read-only: nothing here writes to a portfolio. A file
that passed is remembered (in the user's data folder) by what any write to it changes, so
opening it again unchanged skips the check: on 5,000 accounts the check reads about 100 MB.
Any write, the app's own included (raw SQL, a migration or an older version may write what
the models would refuse), means the next open checks again."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    Numeric,
    String,
    Table,
    TextClause,
)

from cs_planner.domain.model import Base
from cs_planner.storage.errors import UNCHANGED, DamagedError, ForeignCompanionError, shown

SHOWN_PROBLEMS = 3  # a message names the first; the check-file report lists up to this many
REPORT_LIMIT = 20
# quick_check findings that are about row values, which row_problems names row by row.
ROW_FINDINGS = ("CHECK constraint failed", "NULL value in", "non-unique entry")


def verify(connection: sqlite3.Connection, path: Path) -> None:
    """Raise DamagedError unless the file passes quick_check and matches the models."""
    problems = pages(connection, full=False)
    if problems and all(p.startswith(ROW_FINDINGS) for p in problems):
        problems = rows(connection) or problems  # name the row rather than the table
    if not problems:
        problems = schema(connection) or rows(connection) or foreign_keys(connection)
    if problems:
        raise DamagedError(damaged(path, problems))


def verify_unless_known(connection: sqlite3.Connection, path: Path) -> None:
    """``verify``, unless the file is byte for byte as it was when it last passed."""
    before = signature(path)
    if before is not None and before == _known().get(_key(path)):
        return
    verify(connection, path)
    if before is not None:
        # What was read is what the signature describes, or newer: a write meanwhile
        # changes the signature, so the next open checks again.
        _remember(path, before)


def report(connection: sqlite3.Connection) -> list[str]:
    """Everything a full check finds (Portfolio > Check file): empty when the file is sound."""
    problems = pages(connection, full=True)
    if problems and not all(p.startswith(ROW_FINDINGS) for p in problems):
        return problems  # broken pages: the rows cannot be trusted to say more
    by_row = rows(connection, limit=REPORT_LIMIT) + foreign_keys(connection, limit=REPORT_LIMIT)
    # Rows named one by one say more than "CHECK constraint failed in account".
    return (schema(connection) + (by_row or problems))[:REPORT_LIMIT]


def damaged(path: Path, problems: list[str]) -> str:
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{shown(path.name)} is damaged: {problems[0]}{more}. {UNCHANGED}"


def pages(connection: sqlite3.Connection, *, full: bool) -> list[str]:
    pragma = "integrity_check" if full else "quick_check"
    found = [row[0] for row in connection.execute(f"PRAGMA {pragma}({REPORT_LIMIT})")]
    if found == ["ok"]:
        return []
    # One finding may hold several lines, under a "*** in database main ***" heading.
    lines = (line.strip() for text in found for line in str(text).splitlines())
    return [line for line in lines if line and not line.startswith("***")][:REPORT_LIMIT]


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def schema(connection: sqlite3.Connection) -> list[str]:
    """Tables and columns the models need, and the NOT NULL the database must enforce."""
    problems = []
    for table in Base.metadata.sorted_tables:
        info = {row[1]: row for row in connection.execute(f'PRAGMA table_info("{table.name}")')}
        if not info:
            problems.append(f"the table '{table.name}' is missing")
            continue
        for column in table.columns:
            found = info.get(column.name)
            if found is None:
                problems.append(f"the table '{table.name}' has no column '{column.name}'")
            elif not column.nullable and not column.primary_key and not found[3]:
                problems.append(f"the column '{table.name}.{column.name}' accepts empty values")
    return problems


def rows(connection: sqlite3.Connection, *, limit: int = SHOWN_PROBLEMS) -> list[str]:
    """Values the models cannot load (enum text, dates, numbers), then rows breaking a
    CHECK rule the database would enforce on the next edit: one table scan per table."""
    problems: list[str] = []
    for table in Base.metadata.sorted_tables:
        tests = list(_value_tests(table)) + list(_rule_tests(table))
        if not tests:
            continue
        key_names = [c.name for c in table.primary_key.columns] or ["rowid"]
        keys = ", ".join(f'"{k}"' for k in key_names)
        flags = ", ".join(f"({sql})" for sql, _ in tests)
        where = " OR ".join(f"({sql})" for sql, _ in tests)
        query = f'SELECT {keys}, {flags} FROM "{table.name}" WHERE {where} LIMIT {limit}'
        try:
            found = connection.execute(query).fetchall()
        except sqlite3.Error as exc:
            problems.append(f"the table '{table.name}' cannot be read ({_one_line(exc)})")
            continue
        width = len(key_names)
        for row in found:
            where_row = _row_name(table, key_names, row[:width])
            for (_, what), hit in zip(tests, row[width:], strict=True):
                if hit:
                    problems.append(f"{where_row} {what}")
                    break
        if len(problems) >= limit:
            break
    return problems[:limit]


def _row_name(table: Table, key_names: list[str], key: tuple[Any, ...]) -> str:
    if len(key_names) == 1:
        return f"row {key[0]} of the table '{table.name}'"
    pairs = ", ".join(f"{c}={v}" for c, v in zip(key_names, key, strict=True))
    return f"the row ({pairs}) of the table '{table.name}'"


def _value_tests(table: Table) -> Iterator[tuple[str, str]]:
    single_key = len(table.primary_key.columns) == 1
    for column in table.columns:
        ref = f'"{column.name}"'
        kind = column.type
        if single_key and column.primary_key and isinstance(kind, Integer):
            continue  # INTEGER PRIMARY KEY is the rowid: always a whole number
        if isinstance(kind, Enum):
            allowed = ", ".join(f"'{v}'" for v in kind.enums)
            test = f"typeof({ref}) != 'text' OR {ref} NOT IN ({allowed})"
            what = f"has {column.name} not one of {', '.join(kind.enums)}"
        elif isinstance(kind, Date):
            test = f"typeof({ref}) != 'text' OR length({ref}) != 10 OR date({ref}, '+0 days') IS NOT {ref}"  # noqa: E501
            what = f"has {column.name} that is not a date"
        elif isinstance(kind, DateTime):
            test = f"typeof({ref}) != 'text' OR datetime({ref}) IS NULL"
            what = f"has {column.name} that is not a date and time"
        elif isinstance(kind, Boolean):
            test = f"{ref} NOT IN (0, 1)"
            what = f"has {column.name} that is neither yes nor no"
        elif isinstance(kind, Integer):
            test = f"typeof({ref}) != 'integer'"
            what = f"has {column.name} that is not a whole number"
        elif isinstance(kind, Numeric | Float):
            test = f"typeof({ref}) NOT IN ('integer', 'real')"
            what = f"has {column.name} that is not a number"
        elif isinstance(kind, String):
            test = f"typeof({ref}) != 'text'"
            what = f"has {column.name} that is not text"
        else:
            continue
        yield f"{ref} IS NOT NULL AND ({test})", what


def _rule_tests(table: Table) -> Iterator[tuple[str, str]]:
    """The table's CHECK rules written as SQL text. An enum's generated rule is left out:
    the value tests above name the column and the allowed values."""
    for constraint in table.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        if not isinstance(constraint.sqltext, TextClause):
            continue
        rule = _one_line(constraint.sqltext.text)
        shown_rule = rule if len(rule) <= 60 else rule[:59] + "…"
        yield f"coalesce(NOT ({rule}), 0)", f"breaks the rule {constraint.name} ({shown_rule})"


def foreign_keys(connection: sqlite3.Connection, *, limit: int = SHOWN_PROBLEMS) -> list[str]:
    problems = []
    for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
        problems.append(f"row {rowid} of the table '{table}' refers to a missing {parent}")
        if len(problems) >= limit:
            break
    return problems


# --- a -wal that belongs to another file ----------------------------------------------


def identity(connection: sqlite3.Connection) -> tuple[int, str | None]:
    """(application_id, settings.file_id) as this connection sees the database."""
    app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    try:
        row = connection.execute("SELECT file_id FROM settings WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        return app_id, None
    return app_id, (row[0] or None) if row else None


def foreign_wal(path: Path, seen: sqlite3.Connection, main_only: str) -> None:
    """Refuse a -wal whose pages disagree with the main file about whose file this is.

    ``seen`` reads through the -wal; ``main_only`` is a URI of the main file alone
    (immutable=1). Every write transaction rewrites the settings row (database.py), so a
    WAL with any committed frame carries its own file's id. A live writer may be
    checkpointing while the main file is read without locks: a mismatch is re-read
    before it counts."""
    for attempt in range(3):
        main = _main_identity(main_only)
        if main is None or main[1] is None:
            return  # the main file has no id yet (new, or before migration 0004)
        if identity(seen) == main:
            return
        time.sleep(0.05 * (attempt + 1))
    name = shown(path.name)
    shm = Path(f"{path}-shm")
    move = f"{name}-wal and {name}-shm" if shm.exists() else f"{name}-wal"
    raise ForeignCompanionError(
        f"{name}-wal beside {name} belongs to another database (the file was replaced by a "
        "copy while the old one's unsaved pages were still beside it); opening it would mix "
        f"the two. Move {move} out of the folder, then open the file again. {UNCHANGED}"
    )


def _main_identity(uri: str) -> tuple[int, str | None] | None:
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None
    try:
        return identity(connection)
    except sqlite3.Error:
        return None  # quick_check judges a damaged file
    finally:
        connection.close()


# --- files that passed: checked again only when something may have written them --------

CHECKED_RECORD = "checked-files.json"
CHECKED_KEPT = 64  # files remembered; the oldest are forgotten
# Part of every remembered signature: a version whose checks differ checks files again.
CHECKS_VERSION = 1


def signature(path: Path) -> list[Any] | None:
    """What any write to the file or its -wal changes: device, inode, size, modification
    and change times (the change time cannot be set back), and the headers, whose change
    counter (rollback journal) and salts (-wal) move with every SQLite transaction even
    within one clock tick. None when the file cannot be read.

    Not caught: bytes rewritten by a program other than SQLite at the same size, within
    the file system's clock tick (a few milliseconds) of the last check."""
    parts: list[Any] = [CHECKS_VERSION]
    for part, head in ((path, 100), (Path(f"{path}-wal"), 32)):
        try:
            info = os.stat(part)
            if part != path and info.st_size == 0:
                parts.append(None)  # an empty -wal holds nothing, as a missing one
                continue
            with open(part, "rb") as file:
                header = file.read(head).hex()
        except FileNotFoundError:
            if part == path:
                return None
            parts.append(None)
            continue
        except OSError:
            return None
        parts.append(
            [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, header]
        )
    return parts


def forget_checked(path: Path) -> None:
    with contextlib.suppress(OSError, ValueError):
        known = _known()
        if known.pop(_key(path), None) is not None:
            _write_record(known)


def _record_file() -> Path:
    from cs_planner.paths import data_dir

    return data_dir() / CHECKED_RECORD


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _known() -> dict[str, list[Any]]:
    try:
        found = json.loads(_record_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _remember(path: Path, value: list[Any]) -> None:
    """Best effort: a record that cannot be written only means the next open checks."""
    with contextlib.suppress(OSError, ValueError):
        known = _known()
        known.pop(_key(path), None)
        known[_key(path)] = value
        _write_record(dict(list(known.items())[-CHECKED_KEPT:]))


def _write_record(known: dict[str, list[Any]]) -> None:
    from cs_planner.paths import private_dir

    record = _record_file()
    private_dir(record.parent)
    temporary = record.with_name(f"{record.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(known, file)
        os.replace(temporary, record)
    finally:
        temporary.unlink(missing_ok=True)
