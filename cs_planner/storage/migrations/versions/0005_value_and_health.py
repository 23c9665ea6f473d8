"""value and health: levels over time, usage snapshots, health weights, churn, tier hours

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 07:00:00

The health score is derived, never stored: it is recomputed from dated facts as of any month
end, so the facts it needs get dates. Levels become a history (maturity_change, seeded from
each account's current level as of the day it became a customer); usage (seats, active
users, features in use) is snapshotted by date; the account may be marked churned on a date;
the settings gain the hours each tier needs; each indicator's weight and thresholds live in
health_weight (no row: the default).
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("maturity_target_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("churned_on", sa.Date(), nullable=True))
    with op.batch_alter_table("maturity_level", schema=None) as batch_op:
        batch_op.add_column(sa.Column("marks", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("top_tier_hours", sa.Float(), server_default="10", nullable=False)
        )
        batch_op.add_column(
            sa.Column("leveraged_tier_hours", sa.Float(), server_default="2", nullable=False)
        )
        batch_op.add_column(
            sa.Column("scalable_tier_hours", sa.Float(), server_default="0.25", nullable=False)
        )
        batch_op.add_column(sa.Column("csm_team_hours", sa.Float(), nullable=True))
        batch_op.create_check_constraint(
            "tier_hours",
            "top_tier_hours >= 0 AND leveraged_tier_hours >= 0 AND scalable_tier_hours >= 0",
        )
        batch_op.create_check_constraint(
            "team_hours", "csm_team_hours IS NULL OR csm_team_hours >= 0"
        )
    maturity = op.create_table(
        "maturity_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 7", name=op.f("ck_maturity_change_level")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_maturity_change_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maturity_change")),
        sa.UniqueConstraint(
            "account_id", "changed_on", name=op.f("uq_maturity_change_account_id_changed_on")
        ),
    )
    with op.batch_alter_table("maturity_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_maturity_change_account_id"), ["account_id"], unique=False
        )
    op.create_table(
        "usage_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("licensed_seats", sa.Integer(), nullable=False),
        sa.Column("active_users", sa.Integer(), nullable=False),
        sa.Column("features_used", sa.Integer(), nullable=True),
        sa.CheckConstraint("licensed_seats >= 0", name=op.f("ck_usage_snapshot_seats")),
        sa.CheckConstraint("active_users >= 0", name=op.f("ck_usage_snapshot_active_users")),
        sa.CheckConstraint(
            "features_used IS NULL OR features_used >= 0", name=op.f("ck_usage_snapshot_features")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_usage_snapshot_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usage_snapshot")),
        sa.UniqueConstraint(
            "account_id", "measured_on", name=op.f("uq_usage_snapshot_account_id_measured_on")
        ),
    )
    with op.batch_alter_table("usage_snapshot", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_usage_snapshot_account_id"), ["account_id"], unique=False
        )
    op.create_table(
        "health_weight",
        sa.Column("indicator", sa.String(length=40), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("red_below", sa.Float(), nullable=False),
        sa.Column("green_from", sa.Float(), nullable=False),
        sa.CheckConstraint("weight BETWEEN 0 AND 100", name=op.f("ck_health_weight_weight")),
        sa.CheckConstraint("red_below BETWEEN 0 AND 100", name=op.f("ck_health_weight_red_below")),
        sa.CheckConstraint(
            "green_from BETWEEN 0 AND 100", name=op.f("ck_health_weight_green_from")
        ),
        sa.CheckConstraint("red_below <= green_from", name=op.f("ck_health_weight_bands")),
        sa.PrimaryKeyConstraint("indicator", name=op.f("pk_health_weight")),
    )
    op.create_table(
        "value_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "audience",
            sa.Enum(
                "department_head",
                "end_user",
                "technical_buyer",
                name="audience",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_value_message_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_value_message")),
        sa.UniqueConstraint(
            "account_id", "audience", name=op.f("uq_value_message_account_id_audience")
        ),
    )
    with op.batch_alter_table("value_message", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_value_message_account_id"), ["account_id"], unique=False
        )
    _seed_levels(maturity)


def _seed_levels(maturity: sa.Table) -> None:
    """Each account's current level as its first entry, dated from when it became a
    customer (else its first deal, else today)."""
    account = sa.table(
        "account",
        sa.column("id", sa.Integer()),
        sa.column("maturity_current", sa.Integer()),
        sa.column("customer_since", sa.Date()),
        sa.column("initial_deal_date", sa.Date()),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            account.c.id,
            account.c.maturity_current,
            account.c.customer_since,
            account.c.initial_deal_date,
        ).where(account.c.maturity_current.is_not(None))
    ).all()
    today = dt.date.today()
    seeds = [
        {
            "account_id": r.id,
            "changed_on": r.customer_since or r.initial_deal_date or today,
            "level": r.maturity_current,
        }
        for r in rows
    ]
    if seeds:
        op.bulk_insert(maturity, seeds)


def downgrade() -> None:
    op.drop_table("value_message")
    op.drop_table("health_weight")
    op.drop_table("usage_snapshot")
    op.drop_table("maturity_change")
    with op.batch_alter_table("settings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_settings_team_hours"), type_="check")
        batch_op.drop_constraint(op.f("ck_settings_tier_hours"), type_="check")
        batch_op.drop_column("csm_team_hours")
        batch_op.drop_column("scalable_tier_hours")
        batch_op.drop_column("leveraged_tier_hours")
        batch_op.drop_column("top_tier_hours")
    with op.batch_alter_table("maturity_level", schema=None) as batch_op:
        batch_op.drop_column("marks")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("churned_on")
        batch_op.drop_column("maturity_target_date")
