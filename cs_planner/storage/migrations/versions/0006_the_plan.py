"""the plan: objectives, actions, risks, renewals, stories, our team on the account

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 10:00:00

The plan a manager signs off. New tables: objective (the customer's objectives and how they
are measured), renewal (each renewal a record: cycles and years as a customer are counted
from these), story and promotion (evangelism per champion), account_team (our people on the
account and what they own), risk_dismissal (proposed risks the CSM dismissed). Action items
gain a priority, an owner at the customer, what they serve (objective, risk) and dates; risks
gain a category, an impact from 1 to 5 that replaces the severity word (low 2, medium 3,
high 4, critical 5, so the health score reads the same), a review date and the proposal they
were accepted from. Settings gain the PDF's paper and the evangelism goal.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

IMPACT_OF = {"low": 2, "medium": 3, "high": 4, "critical": 5}


def upgrade() -> None:
    op.create_table(
        "account_team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("team_member_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "csm",
                "csa",
                "ae",
                "executive_sponsor",
                "support_lead",
                "manager",
                name="teamrole",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("responsibility", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_account_team_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_member_id"],
            ["team_member.id"],
            name=op.f("fk_account_team_team_member_id_team_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_team")),
        sa.UniqueConstraint(
            "account_id", "team_member_id", name=op.f("uq_account_team_account_id_team_member_id")
        ),
    )
    with op.batch_alter_table("account_team", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_team_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_account_team_team_member_id"), ["team_member_id"], unique=False
        )

    op.create_table(
        "renewal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("renewed_on", sa.Date(), nullable=False),
        sa.Column("term_months", sa.Integer(), nullable=False),
        sa.Column("arr_before", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=False),
        sa.Column("arr_after", sa.Numeric(precision=14, scale=2, asdecimal=False), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "renewed",
                "expanded",
                "contracted",
                "churned",
                name="renewaloutcome",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("arr_before >= 0 AND arr_after >= 0", name=op.f("ck_renewal_arr")),
        sa.CheckConstraint("term_months BETWEEN 1 AND 120", name=op.f("ck_renewal_term")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_renewal_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_renewal")),
        sa.UniqueConstraint(
            "account_id", "renewed_on", name=op.f("uq_renewal_account_id_renewed_on")
        ),
    )
    with op.batch_alter_table("renewal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_renewal_account_id"), ["account_id"], unique=False)

    op.create_table(
        "risk_dismissal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("dismissed_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_risk_dismissal_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_dismissal")),
        sa.UniqueConstraint("account_id", "key", name=op.f("uq_risk_dismissal_account_id_key")),
    )
    with op.batch_alter_table("risk_dismissal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_risk_dismissal_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "promotion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("promoted_on", sa.Date(), nullable=False),
        sa.Column("new_title", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_promotion_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholder.id"],
            name=op.f("fk_promotion_stakeholder_id_stakeholder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion")),
    )
    with op.batch_alter_table("promotion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_promotion_account_id"), ["account_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_promotion_stakeholder_id"), ["stakeholder_id"], unique=False
        )

    op.create_table(
        "story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "blog_post",
                "case_study",
                "webinar",
                "video",
                "conference_talk",
                "reference_call",
                name="storykind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("told_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_story_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholder.id"],
            name=op.f("fk_story_stakeholder_id_stakeholder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story")),
    )
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_story_account_id"), ["account_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_story_stakeholder_id"), ["stakeholder_id"], unique=False
        )

    op.create_table(
        "objective",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("metric_id", sa.Integer(), nullable=True),
        sa.Column("use_case_id", sa.Integer(), nullable=True),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "on_track",
                "at_risk",
                "achieved",
                "missed",
                name="objectivestatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "area",
            sa.Enum(
                "relationships",
                "adoption",
                "maturity",
                "evangelism",
                name="planarea",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_objective_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["metric_id"],
            ["account_metric.id"],
            name=op.f("fk_objective_metric_id_account_metric"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["use_case_id"],
            ["use_case.id"],
            name=op.f("fk_objective_use_case_id_use_case"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objective")),
    )
    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objective_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objective_metric_id"), ["metric_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objective_use_case_id"), ["use_case_id"], unique=False)

    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("customer_owner_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "priority",
                sa.Enum(
                    "high",
                    "medium",
                    "low",
                    name="priority",
                    native_enum=False,
                    create_constraint=True,
                ),
                server_default="medium",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("objective_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("risk_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("created_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("done_on", sa.Date(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_action_item_customer_owner_id"), ["customer_owner_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_action_item_objective_id"), ["objective_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_action_item_risk_id"), ["risk_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_action_item_objective_id_objective"),
            "objective",
            ["objective_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_action_item_customer_owner_id_stakeholder"),
            "stakeholder",
            ["customer_owner_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_action_item_risk_id_risk"),
            "risk",
            ["risk_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_check_constraint(
            "one_owner", "owner_id IS NULL OR customer_owner_id IS NULL"
        )

    with op.batch_alter_table("risk", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "category",
                sa.Enum(
                    "relationship",
                    "adoption",
                    "value",
                    "commercial",
                    "technical",
                    "competitive",
                    name="riskcategory",
                    native_enum=False,
                    create_constraint=True,
                ),
                server_default="adoption",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("impact", sa.Integer(), server_default="3", nullable=False))
        batch_op.add_column(sa.Column("review_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("raised_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("proposal_key", sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_risk_account_id_proposal_key"), ["account_id", "proposal_key"]
        )
        batch_op.create_check_constraint("impact", "impact BETWEEN 1 AND 5")
    risk = sa.table("risk", sa.column("severity", sa.String), sa.column("impact", sa.Integer))
    for word, impact in IMPACT_OF.items():
        op.execute(risk.update().where(risk.c.severity == word).values(impact=impact))
    with op.batch_alter_table("risk", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_risk_risklevel"), type_="check")
        batch_op.drop_column("severity")
    with op.batch_alter_table("settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "paper_size",
                sa.Enum(
                    "a4", "letter", name="papersize", native_enum=False, create_constraint=True
                ),
                server_default="a4",
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column("stories_per_quarter_goal", sa.Integer(), server_default="1", nullable=False)
        )
        batch_op.create_check_constraint("story_goal", "stories_per_quarter_goal BETWEEN 0 AND 100")


def downgrade() -> None:
    with op.batch_alter_table("settings", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_settings_story_goal"), type_="check")
        batch_op.drop_constraint(op.f("ck_settings_papersize"), type_="check")
        batch_op.drop_column("stories_per_quarter_goal")
        batch_op.drop_column("paper_size")
    with op.batch_alter_table("risk", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "severity",
                sa.Enum(
                    "low",
                    "medium",
                    "high",
                    "critical",
                    name="risklevel",
                    native_enum=False,
                    create_constraint=True,
                ),
                server_default="medium",
                nullable=False,
            )
        )
    risk = sa.table("risk", sa.column("severity", sa.String), sa.column("impact", sa.Integer))
    op.execute(risk.update().where(risk.c.impact <= 2).values(severity="low"))
    op.execute(risk.update().where(risk.c.impact == 4).values(severity="high"))
    op.execute(risk.update().where(risk.c.impact == 5).values(severity="critical"))
    with op.batch_alter_table("risk", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_risk_impact"), type_="check")
        batch_op.drop_constraint(op.f("ck_risk_riskcategory"), type_="check")
        batch_op.drop_constraint(batch_op.f("uq_risk_account_id_proposal_key"), type_="unique")
        for column in ("proposal_key", "raised_on", "review_date", "impact", "category"):
            batch_op.drop_column(column)
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_action_item_one_owner"), type_="check")
        batch_op.drop_constraint(op.f("ck_action_item_priority"), type_="check")
        for name in ("risk_id_risk", "customer_owner_id_stakeholder", "objective_id_objective"):
            batch_op.drop_constraint(op.f(f"fk_action_item_{name}"), type_="foreignkey")
        for name in ("risk_id", "objective_id", "customer_owner_id"):
            batch_op.drop_index(op.f(f"ix_action_item_{name}"))
        for column in (
            "done_on",
            "created_on",
            "risk_id",
            "objective_id",
            "priority",
            "customer_owner_id",
        ):
            batch_op.drop_column(column)
    for table in ("objective", "story", "promotion", "risk_dismissal", "renewal", "account_team"):
        op.drop_table(table)
