"""The plan a manager signs off: the customer's objectives, renewals as records, the stories
champions tell and their promotions, our team on the account, and the risk proposals a CSM
dismissed (action items and risks themselves live in ``activity``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cs_planner.domain.enums import (
    ObjectiveStatus,
    PlanArea,
    RenewalOutcome,
    StoryKind,
    TeamRole,
)
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import (
    Base,
    Versioned,
    a_date,
    enum_col,
    fk,
    long_text,
    money,
    money_col,
    name_col,
    notes_col,
    number_in,
    optional_text,
    required_text,
)
from cs_planner.domain.model.portfolio import Account, TeamMember
from cs_planner.domain.model.relationships import Stakeholder
from cs_planner.domain.model.stairway import UseCase
from cs_planner.domain.model.value import AccountMetric
from cs_planner.domain.validation import same_account


class Objective(Versioned, Base):
    """A business objective of the customer for the year, and how it is measured: a value
    metric, a use case, or the words in ``measure``."""

    __tablename__ = "objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    title: Mapped[str] = name_col()
    measure: Mapped[str] = mapped_column(Text, default="")
    metric_id: Mapped[int | None] = fk("account_metric.id", ondelete="SET NULL", nullable=True)
    use_case_id: Mapped[int | None] = fk("use_case.id", ondelete="SET NULL", nullable=True)
    target_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[ObjectiveStatus] = enum_col(ObjectiveStatus, default=ObjectiveStatus.NOT_STARTED)
    # Set when the objective was started from one of the four areas after a renewal.
    area: Mapped[PlanArea | None] = enum_col(PlanArea, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    account: Mapped[Account] = relationship()
    metric: Mapped[AccountMetric | None] = relationship()
    use_case: Mapped[UseCase | None] = relationship()

    @validates("title")
    def _v_title(self, key: str, value: str) -> str:
        return required_text(value, "The objective", key)

    @validates("measure")
    def _v_measure(self, key: str, value: str) -> str:
        return long_text(value, "How it is measured", key, 2000)

    @validates("target_date", "created_on")
    def _v_date(self, key: str, value: dt.date | None) -> dt.date | None:
        return a_date(value, "Target date" if key == "target_date" else "Created on", key)

    def check(self) -> None:
        same_account(self, self.metric, "The value metric", "metric_id")
        same_account(self, self.use_case, "The use case", "use_case_id")


class RiskDismissal(Versioned, Base):
    """A risk the app proposed from its own findings and the CSM dismissed: never again."""

    __tablename__ = "risk_dismissal"
    __table_args__ = (UniqueConstraint("account_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    key: Mapped[str] = mapped_column(String(200))
    dismissed_on: Mapped[dt.date] = mapped_column(Date)

    @validates("key")
    def _v_key(self, key: str, value: str) -> str:
        return required_text(value, "The proposal", key)

    @validates("dismissed_on")
    def _v_date(self, key: str, value: dt.date) -> dt.date | None:
        return a_date(value, "Dismissed on", key, nullable=False)


class Renewal(Versioned, Base):
    """One renewal of the contract: renewal cycles and years as a customer are counted from
    these records."""

    __tablename__ = "renewal"
    __table_args__ = (
        UniqueConstraint("account_id", "renewed_on"),
        CheckConstraint("term_months BETWEEN 1 AND 120", name="term"),
        CheckConstraint("arr_before >= 0 AND arr_after >= 0", name="arr"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    renewed_on: Mapped[dt.date] = mapped_column(Date)
    term_months: Mapped[int] = mapped_column(Integer, default=12)
    arr_before: Mapped[float] = money_col()
    arr_after: Mapped[float] = money_col()
    outcome: Mapped[RenewalOutcome] = enum_col(RenewalOutcome, default=RenewalOutcome.RENEWED)
    notes: Mapped[str] = notes_col()

    account: Mapped[Account] = relationship()

    @validates("renewed_on")
    def _v_date(self, key: str, value: dt.date) -> dt.date | None:
        return a_date(value, "The renewal date", key, nullable=False)

    @validates("term_months")
    def _v_term(self, key: str, value: int) -> int:
        return number_in(value, "The term (months)", key, low=1, high=120, integer=True)

    @validates("arr_before", "arr_after")
    def _v_arr(self, key: str, value: float) -> float:
        return money(value, "ARR before" if key == "arr_before" else "ARR after", key)

    @validates("notes")
    def _v_notes(self, key: str, value: str) -> str:
        return long_text(value, "The notes", key)

    def check(self) -> None:
        """The outcome says what the figures say."""
        before, after = float(self.arr_before or 0), float(self.arr_after or 0)
        churned = self.outcome == RenewalOutcome.CHURNED
        wrong = {
            churned and after != 0: "A churned renewal leaves no ARR: ARR after must be 0.",
            not churned and after == 0: "ARR after is 0: mark it churned or enter the new ARR.",
            self.outcome == RenewalOutcome.EXPANDED
            and after <= before: "An expanded renewal has more ARR after than before.",
            self.outcome == RenewalOutcome.CONTRACTED
            and after >= before: "A contracted renewal has less ARR after than before.",
        }.get(True)
        if wrong:
            raise ValidationError(wrong, "arr_after")


class Story(Versioned, Base):
    """A success story a champion told: evangelism, one of the four areas after a renewal."""

    __tablename__ = "story"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    stakeholder_id: Mapped[int] = fk("stakeholder.id")
    kind: Mapped[StoryKind] = enum_col(StoryKind, default=StoryKind.CASE_STUDY)
    told_on: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = notes_col()

    account: Mapped[Account] = relationship()
    stakeholder: Mapped[Stakeholder] = relationship()

    @validates("told_on")
    def _v_date(self, key: str, value: dt.date) -> dt.date | None:
        return a_date(value, "The date", key, nullable=False)

    @validates("title")
    def _v_title(self, key: str, value: str) -> str:
        return optional_text(value, "The title", key)

    @validates("notes")
    def _v_notes(self, key: str, value: str) -> str:
        return long_text(value, "The notes", key)

    def check(self) -> None:
        same_account(self, self.stakeholder, "The champion", "stakeholder_id")


class Promotion(Versioned, Base):
    """A champion's promotion: a shared success (DOMAIN.md section 8)."""

    __tablename__ = "promotion"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    stakeholder_id: Mapped[int] = fk("stakeholder.id")
    promoted_on: Mapped[dt.date] = mapped_column(Date)
    new_title: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = notes_col()

    account: Mapped[Account] = relationship()
    stakeholder: Mapped[Stakeholder] = relationship()

    @validates("promoted_on")
    def _v_date(self, key: str, value: dt.date) -> dt.date | None:
        return a_date(value, "The date of the promotion", key, nullable=False)

    @validates("new_title")
    def _v_title(self, key: str, value: str) -> str:
        return optional_text(value, "The new title", key)

    @validates("notes")
    def _v_notes(self, key: str, value: str) -> str:
        return long_text(value, "The notes", key)

    def check(self) -> None:
        same_account(self, self.stakeholder, "The champion", "stakeholder_id")


class AccountTeamMember(Versioned, Base):
    """One of our people on this account, their role here and what they own in the plan.
    The CSM and executive sponsor set on the account and the allocated CSAs are on the
    team without a row; a row adds a person or says more about one."""

    __tablename__ = "account_team"
    __table_args__ = (UniqueConstraint("account_id", "team_member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    team_member_id: Mapped[int] = fk("team_member.id")
    role: Mapped[TeamRole] = enum_col(TeamRole)
    responsibility: Mapped[str] = mapped_column(Text, default="")

    account: Mapped[Account] = relationship()
    member: Mapped[TeamMember] = relationship()

    @validates("responsibility")
    def _v_text(self, key: str, value: str) -> str:
        return long_text(value, "What they own", key, 2000)
