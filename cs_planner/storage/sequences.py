"""Ids a server's sequences did not hand out. Rows written with their ids given (the demo's
bulk rows) leave a PostgreSQL sequence behind them, and its next id would collide; SQLite
takes the largest id in the table and needs nothing."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Table, text
from sqlalchemy.engine import Connection


def catch_up(connection: Connection, tables: Iterable[Table]) -> None:
    """Move each table's id sequence past the largest id written (in this transaction)."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in table.c or not table.c.id.autoincrement:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:name, 'id'), max(id)) "
                f"FROM {table.name} HAVING max(id) IS NOT NULL"
            ),
            {"name": table.name},
        )
