"""account snapshots: an account as it stood, to compare with later

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 21:40:00

One row per snapshot (Account > Take snapshot, the start of each workshop): its name, when,
its kind, the payload's format and the payload itself, zlib-compressed JSON keyed by stable
names and record ids (``domain/workshop/snapshots.py``), the private layer in a column of
its own. A new table only: no existing row moves. (Re-chained after 0009 when merged.)
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "manual",
                "workshop",
                name="snapshotkind",
                native_enum=False,
                create_constraint=True,
                length=8,
            ),
            nullable=False,
        ),
        sa.Column("format", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("private_payload", sa.LargeBinary(), nullable=True),
        sa.CheckConstraint("format >= 1", name=op.f("ck_account_snapshot_format")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_account_snapshot_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_snapshot")),
    )
    with op.batch_alter_table("account_snapshot", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_snapshot_account_id"), ["account_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("account_snapshot")
