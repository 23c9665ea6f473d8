"""stakeholder: when the relationship began

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 14:40:00

"New relationships this month" counts stakeholders by the month their relationship began.
Existing stakeholders get the date of the first activity logged with them, if any.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stakeholder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("since", sa.Date(), nullable=True))
    stakeholder = sa.table("stakeholder", sa.column("id"), sa.column("since", sa.Date()))
    activity = sa.table("activity", sa.column("id"), sa.column("date", sa.Date()))
    attended = sa.table(
        "activity_stakeholder", sa.column("activity_id"), sa.column("stakeholder_id")
    )
    first_activity = (
        sa.select(sa.func.min(activity.c.date))
        .select_from(attended.join(activity, activity.c.id == attended.c.activity_id))
        .where(attended.c.stakeholder_id == stakeholder.c.id)
        .scalar_subquery()
    )
    op.execute(stakeholder.update().values(since=first_activity))


def downgrade() -> None:
    with op.batch_alter_table("stakeholder", schema=None) as batch_op:
        batch_op.drop_column("since")
