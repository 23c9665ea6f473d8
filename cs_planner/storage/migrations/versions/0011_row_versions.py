"""row versions: a counter on every row people edit, checked by each ORM write

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 21:45:00

The ORM writes ``UPDATE ... SET version = version + 1 WHERE id = ? AND version = ?`` (its
``version_id_col``), so a write over a row changed since it was read fails instead of
winning. Existing rows start at 1 (the server default); no row moves. Links that are only
inserted and deleted, and the change log, have no version.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = (
    "account",
    "account_metric",
    "account_snapshot",
    "account_team",
    "action_item",
    "activity",
    "arr_history",
    "csa_allocation",
    "dimension_plan",
    "division",
    "geography",
    "health_weight",
    "import_mapping",
    "influence_link",
    "maturity_change",
    "maturity_level",
    "metric_definition",
    "metric_target",
    "metric_value",
    "objective",
    "opportunity",
    "product",
    "promotion",
    "renewal",
    "risk",
    "risk_dismissal",
    "settings",
    "stairway_template",
    "stakeholder",
    "story",
    "team_member",
    "template_use_case",
    "usage_snapshot",
    "use_case",
    "value_message",
    "whitespace_cell",
)


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: no table rebuild on SQLite.
    for table in TABLES:
        op.add_column(
            table, sa.Column("version", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    # DROP COLUMN, not a batch rebuild: dropping and recreating account or stakeholder
    # would fire ON DELETE CASCADE in every table below them while foreign keys are on.
    for table in TABLES:
        op.drop_column(table, "version")
