"""import: the CRM's record ids on accounts and stakeholders, remembered column mappings

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 16:30:00

Accounts and stakeholders keep the record id (and source) of the export they were imported
from, so importing the same export again updates them instead of duplicating them. A new
table, import_mapping, remembers the column mapping used for each set of headers.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("header_key", sa.String(length=64), nullable=False),
        sa.Column("headers", sa.Text(), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mapping")),
        sa.UniqueConstraint("header_key", name=op.f("uq_import_mapping_header_key")),
    )
    # Plain ALTER TABLE and unique indexes rather than a batch copy: a copy of account or
    # stakeholder would fire ON DELETE CASCADE in every table below them on a downgrade
    # run with foreign keys on.
    for table in ("account", "stakeholder"):
        op.add_column(table, sa.Column("external_source", sa.String(length=40), nullable=True))
        op.add_column(table, sa.Column("external_id", sa.String(length=100), nullable=True))
    op.create_index(
        "ix_account_external", "account", ["external_source", "external_id"], unique=True
    )
    op.create_index(
        "ix_stakeholder_external",
        "stakeholder",
        ["account_id", "external_source", "external_id"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("ix_stakeholder_external", table_name="stakeholder")
    op.drop_index("ix_account_external", table_name="account")
    for table in ("stakeholder", "account"):
        op.drop_column(table, "external_id")
        op.drop_column(table, "external_source")
    op.drop_table("import_mapping")
