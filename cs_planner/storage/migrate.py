"""Alembic, driven from code. Imported only when a file is not at the head revision, so an
up-to-date portfolio opens without loading Alembic at all."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


def config(connection: Connection | None = None, url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(config()).walk_revisions()}


def head() -> str:
    current = ScriptDirectory.from_config(config()).get_current_head()
    assert current is not None, "the migrations have a head"
    return current


def upgrade(connection: Connection) -> None:
    command.upgrade(config(connection), "head")


if __name__ == "__main__":  # developer tool: python -m cs_planner.storage.migrate revision MSG
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        raise SystemExit("usage: python -m cs_planner.storage.migrate revision MESSAGE")
    import tempfile

    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/schema.db"
        with create_engine(url).begin() as conn:
            command.upgrade(config(conn), "head")
        rev_id = f"{len(known_revisions()) + 1:04d}"
        command.revision(config(url=url), message=sys.argv[2], autogenerate=True, rev_id=rev_id)
