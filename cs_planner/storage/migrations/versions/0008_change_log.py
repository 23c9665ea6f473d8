"""change log: who changed what, for the other windows on the same portfolio

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 19:10:00

One row per committed user action (its author, the window that made it, the edit's
sentence, what it touched for the views and the rows it wrote, for conflicts). Other windows read the rows after the last they saw to
reload what changed and to say who changed it. A new table only: no existing row moves.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("client", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("rows", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["team_member.id"],
            name=op.f("fk_change_log_author_id_team_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )


def downgrade() -> None:
    op.drop_table("change_log")
