"""team member: support lead and manager roles, retirement date

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:00:00

Two more roles on our side (support lead, manager) widen the role's CHECK constraint; a
person who left is retired (``retired_on``) rather than deleted, so history keeps them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OLD_ROLES = ("csm", "csa", "ae", "executive_sponsor")
NEW_ROLES = (*OLD_ROLES, "support_lead", "manager")
CHECK = "teamrole"  # named ck_team_member_teamrole by the naming convention


def _roles(values: tuple[str, ...]) -> str:
    return "role IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    # Drop and create the CHECK by name: works in SQLite's batch copy and on PostgreSQL.
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
        batch_op.drop_constraint(op.f("ck_team_member_teamrole"), type_="check")
        batch_op.create_check_constraint(CHECK, _roles(NEW_ROLES))


def downgrade() -> None:
    # People in the new roles do not fit the old schema, and mapping them to an old role
    # would be a guess: the downgrade refuses rather than change or lose them.
    bind = op.get_bind()
    count = bind.execute(
        sa.text("SELECT COUNT(*) FROM team_member WHERE role IN ('support_lead', 'manager')")
    ).scalar()
    if count:
        raise RuntimeError(
            f"{count} team member(s) are support leads or managers, roles the older "
            "version does not know; change their role before downgrading."
        )
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_team_member_teamrole"), type_="check")
        batch_op.create_check_constraint(CHECK, _roles(OLD_ROLES))
        batch_op.drop_column("retired_on")
