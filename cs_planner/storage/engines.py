"""The SQLAlchemy engines over a portfolio: the writable one over a file (pragmas, IMMEDIATE
write transactions, every commit stamped with the file's id), the read-only one over a
checked read source, and the one over a database server (every commit that wrote counted
the same way, so caches and other clients see a new data version)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection

from cs_planner.storage import sqlite_file


class Stamp:
    """Whether commits rewrite the settings row (off until the file has Settings.file_id)."""

    on = False


def write_engine(path: Path) -> tuple[Engine, Stamp]:
    # A creator hands the path to sqlite3 itself: formatted into a URL, '?' and '%XX' in
    # a file name were read as URL syntax and the data went to another file.
    engine = create_engine(
        URL.create("sqlite", database=os.fspath(path)),
        creator=lambda: sqlite_file.connect_file(path),
    )
    stamp = Stamp()
    event.listen(engine, "connect", sqlite_file.apply_pragmas)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so a
        # whole user action (and a migration's DDL) is one transaction. A write transaction
        # takes the write lock at BEGIN: begun deferred, a read followed by a write fails
        # at once (SQLITE_BUSY_SNAPSHOT) when another process wrote meanwhile.
        read = conn.get_execution_options().get("cs_read", False)
        conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")
        conn.info["changes"] = driver_connection(conn).total_changes

    @event.listens_for(engine, "commit")
    def _on_commit(conn: Connection) -> None:
        stamp_writes(conn, stamp)

    return engine, stamp


def stamp_writes(conn: Connection, stamp: Stamp) -> None:
    """A transaction that wrote rewrites the settings row too, so every commit in a -wal
    carries this file's id (checks.foreign_wal compares it with the main file's). The
    count changes the row: SQLite does not write a page whose row kept its value."""
    raw = driver_connection(conn)
    if stamp.on and raw.total_changes != conn.info.get("changes"):
        raw.execute("UPDATE settings SET write_count = write_count + 1 WHERE id = 1")


# Any number, the same for every client: the lock a portfolio's writers queue on.
WRITERS_LOCK = 0x6353504C  # "cSPL"


def server_engine(url: URL) -> Engine:
    # A connection the server dropped (a restart, a network gone and back) is noticed when
    # taken from the pool and replaced, instead of failing the next edit.
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "postgresql":

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # Write transactions queue, as a file's BEGIN IMMEDIATE makes them: under READ
            # COMMITTED two clients could otherwise both read a value and both write it
            # plus one, and one change would be lost. Held to the commit; reads never wait.
            if not conn.get_execution_options().get("cs_read", False):
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITERS_LOCK})")

        @event.listens_for(engine, "commit")
        def _on_commit(conn: Connection) -> None:
            if conn.get_execution_options().get("cs_read", False):
                return  # a read transaction writes nothing
            # A transaction has an id only once it wrote (PostgreSQL 13 and later). Asked
            # first, not folded into the UPDATE's WHERE: a login that may only read is
            # refused an UPDATE on settings even when it would change no row.
            wrote = conn.exec_driver_sql("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")
            if wrote.scalar():
                conn.exec_driver_sql(
                    "UPDATE settings SET write_count = write_count + 1 WHERE id = 1"
                )

    return engine


def read_engine(path: Path, source: sqlite_file.ReadSource) -> Engine:
    engine = create_engine(URL.create("sqlite", database=os.fspath(path)), creator=source.connect)
    event.listen(engine, "connect", sqlite_file.apply_read_pragmas)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


def driver_connection(conn: Connection) -> Any:
    """The pysqlite connection under SQLAlchemy's (there while ``conn`` is open)."""
    raw = conn.connection.dbapi_connection
    assert raw is not None, "an open connection has its driver connection"
    return cast(sqlite3.Connection, raw)
