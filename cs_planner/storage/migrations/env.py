"""Alembic environment: migrations run on the connection cs_planner hands over."""

from alembic import context
from sqlalchemy import Connection, create_engine

from cs_planner.domain.model import Base

config = context.config
connection = config.attributes.get("connection")


def run(conn: Connection) -> None:
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:  # developer use: python -m cs_planner.storage.migrate revision "message"
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as conn:
        run(conn)
