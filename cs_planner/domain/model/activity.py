"""What happens on an account: activities, action items and risks."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cs_planner.domain.enums import ActionStatus, ActivityKind, RiskLevel, RiskStatus
from cs_planner.domain.model.base import (
    Base,
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
from cs_planner.domain.model.portfolio import Account, TeamMember
from cs_planner.domain.model.relationships import Stakeholder
from cs_planner.domain.model.stairway import UseCase
from cs_planner.domain.validation import same_account


class Activity(Base):
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


class ActionItem(Base):
    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    title: Mapped[str] = name_col()
    owner_id: Mapped[int | None] = fk("team_member.id", ondelete="SET NULL", nullable=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[ActionStatus] = enum_col(ActionStatus, default=ActionStatus.OPEN)
    stakeholder_id: Mapped[int | None] = fk("stakeholder.id", ondelete="SET NULL", nullable=True)
    use_case_id: Mapped[int | None] = fk("use_case.id", ondelete="SET NULL", nullable=True)
    opportunity_id: Mapped[int | None] = fk("opportunity.id", ondelete="SET NULL", nullable=True)
    notes: Mapped[str] = notes_col()

    account: Mapped[Account] = relationship()
    owner: Mapped[TeamMember | None] = relationship()
    stakeholder: Mapped[Stakeholder | None] = relationship()
    use_case: Mapped[UseCase | None] = relationship()
    opportunity: Mapped[Opportunity | None] = relationship()

    @validates("title")
    def _v_title(self, key: str, value: str) -> str:
        return required_text(value, "The action item title", key)

    @validates("due_date")
    def _v_due(self, key: str, value: dt.date | None) -> dt.date | None:
        return a_date(value, "Due date", key)

    @validates("notes")
    def _v_notes(self, key: str, value: str) -> str:
        return long_text(value, "The notes", key)

    def check(self) -> None:
        same_account(self, self.stakeholder, "The stakeholder", "stakeholder_id")
        same_account(self, self.use_case, "The use case", "use_case_id")
        same_account(self, self.opportunity, "The opportunity", "opportunity_id")


class Risk(Base):
    __tablename__ = "risk"
    __table_args__ = (CheckConstraint("likelihood BETWEEN 1 AND 5", name="likelihood"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[RiskLevel] = enum_col(RiskLevel, default=RiskLevel.MEDIUM)
    likelihood: Mapped[int] = mapped_column(Integer, default=3)
    mitigation: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = fk("team_member.id", ondelete="SET NULL", nullable=True)
    status: Mapped[RiskStatus] = enum_col(RiskStatus, default=RiskStatus.OPEN)

    account: Mapped[Account] = relationship()
    owner: Mapped[TeamMember | None] = relationship()

    @validates("description")
    def _v_description(self, key: str, value: str) -> str:
        return long_text(value, "The risk description", key, 2000, required=True)

    @validates("mitigation")
    def _v_mitigation(self, key: str, value: str) -> str:
        return long_text(value, "The mitigation", key)

    @validates("likelihood")
    def _v_likelihood(self, key: str, value: int) -> int:
        return number_in(value, "Likelihood", key, low=1, high=5, integer=True)
