"""imported fields: a stakeholder's phone and country, an account's parent and employees

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 21:40:00

What a CRM export carries and an import used to drop: contacts' phone numbers and
countries, accounts' parent account (the CRM's hierarchy) and employee count (the size
band was all that was kept of it). New columns only, empty on every existing row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "stakeholder", sa.Column("phone", sa.String(length=40), server_default="", nullable=False)
    )
    op.add_column(
        "stakeholder",
        sa.Column("country", sa.String(length=100), server_default="", nullable=False),
    )
    # A foreign key can only be added to an SQLite table by copying it: the upgrade runs with
    # foreign keys off (storage.database.migrate_to_head), so the copy cascades nothing.
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("employees", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_account_parent_id"), ["parent_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_account_parent_id_account"),
            "account",
            ["parent_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        # Copying account with keys on would delete every row that hangs off an account.
        raise RuntimeError("Downgrade below 0009 with foreign keys off (PRAGMA foreign_keys).")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_account_parent_id_account"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_account_parent_id"))
        batch_op.drop_column("employees")
        batch_op.drop_column("parent_id")
    op.drop_column("stakeholder", "country")
    op.drop_column("stakeholder", "phone")
