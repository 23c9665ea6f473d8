"""What happens on an account: activities, action items and risks."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cs_planner.domain.enums import ActionStatus, ActivityKind, Priority, RiskCategory, RiskStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import (
    Base,
    Versioned,
    a_date,
    enum_col,
    fk,
    long_text,
    name_col,
    notes_col,
    number_in,
    required_text,
)
from cs_planner.domain.model.expansion import Opportunity
from cs_planner.domain.model.plan import Objective
from cs_planner.domain.model.portfolio import Account, TeamMember
from cs_planner.domain.model.relationships import Stakeholder
from cs_planner.domain.model.stairway import UseCase
from cs_planner.domain.validation import same_account


class Activity(Versioned, Base):
    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[ActivityKind] = enum_col(ActivityKind, default=ActivityKind.CALL)
    owner_id: Mapped[int | None] = fk("team_member.id", ondelete="SET NULL", nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    account: Mapped[Account] = relationship()
    owner: Mapped[TeamMember | None] = relationship()
    stakeholders: Mapped[list[Stakeholder]] = relationship(secondary="activity_stakeholder")

    @validates("date")
    def _v_date(self, key: str, value: dt.date) -> dt.date | None:
        return a_date(value, "The activity date", key, nullable=False)

    @validates("note")
    def _v_note(self, key: str, value: str) -> str:
        return long_text(value, "The note", key)

    def check(self) -> None:
        for person in self.stakeholders:
            same_account(self, person, f"{person.name}", "stakeholders")


class ActivityStakeholder(Base):
    __tablename__ = "activity_stakeholder"

    activity_id: Mapped[int] = fk("activity.id")
    stakeholder_id: Mapped[int] = fk("stakeholder.id")
    __mapper_args__ = {"primary_key": [activity_id, stakeholder_id]}
    __table_args__ = (UniqueConstraint("activity_id", "stakeholder_id"),)


class ActionItem(Versioned, Base):
    """Who does what by when. The owner is one of our team (``owner_id``) or someone at the
    customer (``customer_owner_id``), never both; what it serves is an objective, a risk, a
    use case, an opportunity or a stakeholder (``stakeholder_id``: the person it is with)."""

    __tablename__ = "action_item"
    __table_args__ = (
        CheckConstraint("owner_id IS NULL OR customer_owner_id IS NULL", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    title: Mapped[str] = name_col()
    owner_id: Mapped[int | None] = fk("team_member.id", ondelete="SET NULL", nullable=True)
    customer_owner_id: Mapped[int | None] = fk("stakeholder.id", ondelete="SET NULL", nullable=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[ActionStatus] = enum_col(ActionStatus, default=ActionStatus.OPEN)
    priority: Mapped[Priority] = enum_col(
        Priority, default=Priority.MEDIUM, server_default=Priority.MEDIUM.value
    )
    stakeholder_id: Mapped[int | None] = fk("stakeholder.id", ondelete="SET NULL", nullable=True)
    use_case_id: Mapped[int | None] = fk("use_case.id", ondelete="SET NULL", nullable=True)
    opportunity_id: Mapped[int | None] = fk("opportunity.id", ondelete="SET NULL", nullable=True)
    objective_id: Mapped[int | None] = fk("objective.id", ondelete="SET NULL", nullable=True)
    risk_id: Mapped[int | None] = fk("risk.id", ondelete="SET NULL", nullable=True)
    created_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = notes_col()

    account: Mapped[Account] = relationship()
    owner: Mapped[TeamMember | None] = relationship()
    customer_owner: Mapped[Stakeholder | None] = relationship(foreign_keys=[customer_owner_id])
    stakeholder: Mapped[Stakeholder | None] = relationship(foreign_keys=[stakeholder_id])
    use_case: Mapped[UseCase | None] = relationship()
    opportunity: Mapped[Opportunity | None] = relationship()
    objective: Mapped[Objective | None] = relationship()
    risk: Mapped[Risk | None] = relationship()

    @validates("title")
    def _v_title(self, key: str, value: str) -> str:
        return required_text(value, "The action item title", key)

    @validates("due_date", "created_on", "done_on")
    def _v_due(self, key: str, value: dt.date | None) -> dt.date | None:
        what = {"due_date": "Due date", "created_on": "Created on", "done_on": "Done on"}[key]
        return a_date(value, what, key)

    @validates("notes")
    def _v_notes(self, key: str, value: str) -> str:
        return long_text(value, "The notes", key)

    def check(self) -> None:
        if self.owner_id is not None and self.customer_owner_id is not None:
            raise ValidationError(
                "An action has one owner: someone on our team or at the customer.", "owner_id"
            )
        same_account(self, self.customer_owner, "The owner", "customer_owner_id")
        same_account(self, self.stakeholder, "The stakeholder", "stakeholder_id")
        same_account(self, self.use_case, "The use case", "use_case_id")
        same_account(self, self.opportunity, "The opportunity", "opportunity_id")
        same_account(self, self.objective, "The objective", "objective_id")
        same_account(self, self.risk, "The risk", "risk_id")


class Risk(Versioned, Base):
    """What could go wrong: likelihood and impact from 1 to 5 (their product places it on
    the heat grid). ``proposal_key`` is set when it was accepted from the app's proposal."""

    __tablename__ = "risk"
    __table_args__ = (
        CheckConstraint("likelihood BETWEEN 1 AND 5", name="likelihood"),
        CheckConstraint("impact BETWEEN 1 AND 5", name="impact"),
        UniqueConstraint("account_id", "proposal_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[RiskCategory] = enum_col(
        RiskCategory, default=RiskCategory.ADOPTION, server_default=RiskCategory.ADOPTION.value
    )
    likelihood: Mapped[int] = mapped_column(Integer, default=3)
    impact: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    mitigation: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = fk("team_member.id", ondelete="SET NULL", nullable=True)
    status: Mapped[RiskStatus] = enum_col(RiskStatus, default=RiskStatus.OPEN)
    review_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    raised_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    proposal_key: Mapped[str | None] = mapped_column(String(200), nullable=True)

    account: Mapped[Account] = relationship()
    owner: Mapped[TeamMember | None] = relationship()

    @validates("description")
    def _v_description(self, key: str, value: str) -> str:
        return long_text(value, "The risk description", key, 2000, required=True)

    @validates("mitigation")
    def _v_mitigation(self, key: str, value: str) -> str:
        return long_text(value, "The mitigation", key)

    @validates("likelihood", "impact")
    def _v_likelihood(self, key: str, value: int) -> int:
        what = "Likelihood" if key == "likelihood" else "Impact"
        return number_in(value, what, key, low=1, high=5, integer=True)

    @validates("review_date", "raised_on")
    def _v_dates(self, key: str, value: dt.date | None) -> dt.date | None:
        return a_date(value, "Review date" if key == "review_date" else "Raised on", key)

    @property
    def exposure(self) -> int:
        """Likelihood times impact: the risk's place on the heat grid (1-25)."""
        return self.likelihood * self.impact
