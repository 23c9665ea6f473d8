"""settings: a random id per file and a count of write transactions

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 16:00:00

Storage compares the id the main file holds with the one seen through a -wal beside it, so
a portfolio copied over another one's companion files is refused instead of merged. Each
write transaction adds one to write_count, which puts the settings row (and so the id) in
every commit a -wal holds (SQLite skips writing a row updated to the same value).
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("file_id", sa.String(length=32), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("write_count", sa.Integer(), server_default="0", nullable=False)
        )
    settings = sa.table("settings", sa.column("id"), sa.column("file_id", sa.String()))
    bind = op.get_bind()
    for (row_id,) in bind.execute(sa.select(settings.c.id)).all():
        new_id = secrets.token_hex(16)  # portable: no randomblob() on PostgreSQL
        bind.execute(settings.update().where(settings.c.id == row_id).values(file_id=new_id))


def downgrade() -> None:
    with op.batch_alter_table("settings", schema=None) as batch_op:
        batch_op.drop_column("write_count")
        batch_op.drop_column("file_id")
