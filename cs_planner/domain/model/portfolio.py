"""Accounts, their divisions and geographies, and our people."""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cs_planner.domain.enums import (
    Engagement,
    LifecycleStage,
    MotionOwner,
    ReferenceStatus,
    TeamRole,
    Tier,
)
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import (
    COUNT_MAX,
    NAME_MAX,
    Base,
    Versioned,
    a_date,
    an_email,
    count,
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
from cs_planner.domain.validation import no_cycle, no_id_cycle, same_account


class TeamMember(Versioned, Base):
    """One of our people (CSM, CSA, account executive, executive sponsor, support lead,
    manager). A person who left is retired, not deleted: accounts, allocations and the
    history keep pointing at them, but they are no longer offered for new choices."""

    __tablename__ = "team_member"
    __table_args__ = (
        CheckConstraint("capacity_hours_per_week >= 0", name="capacity"),
        CheckConstraint("bill_rate IS NULL OR bill_rate >= 0", name="rate"),
        CheckConstraint(
            "chargeability_target IS NULL OR chargeability_target BETWEEN 0 AND 1",
            name="chargeability",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = name_col(unique=True)
    role: Mapped[TeamRole] = enum_col(TeamRole)
    email: Mapped[str] = mapped_column(String(200), default="")
    capacity_hours_per_week: Mapped[float] = mapped_column(Float, default=40.0)
    bill_rate: Mapped[float | None] = money_col(nullable=True, default=None)
    chargeability_target: Mapped[float | None] = mapped_column(Float, nullable=True)
    retired_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    @property
    def retired(self) -> bool:
        return self.retired_on is not None

    @validates("name")
    def _v_name(self, key: str, value: str) -> str:
        return required_text(value, "A team member's name", key)

    @validates("retired_on")
    def _v_retired(self, key: str, value: dt.date | None) -> dt.date | None:
        return a_date(value, "The retirement date", key)

    @validates("email")
    def _v_email(self, key: str, value: str) -> str:
        return an_email(value, "Email", key)

    @validates("capacity_hours_per_week")
    def _v_capacity(self, key: str, value: float) -> float:
        return number_in(value, "Capacity (hours a week)", key, low=0, high=168)

    @validates("bill_rate")
    def _v_rate(self, key: str, value: float | None) -> float | None:
        return money(value, "Bill rate", key, nullable=True)

    @validates("chargeability_target")
    def _v_target(self, key: str, value: float | None) -> float | None:
        return number_in(value, "Chargeability target", key, low=0, high=1, nullable=True)


class Account(Versioned, Base):
    __tablename__ = "account"
    __table_args__ = (
        CheckConstraint("initial_deal_value > 0", name="initial_deal"),
        CheckConstraint("arr >= 0", name="arr"),
        CheckConstraint("licensed_seats >= 0", name="seats"),
        CheckConstraint("active_users >= 0", name="active_users"),
        CheckConstraint(
            "maturity_current IS NULL OR maturity_current BETWEEN 1 AND 7", name="maturity_now"
        ),
        CheckConstraint(
            "maturity_target IS NULL OR maturity_target BETWEEN 1 AND 7", name="maturity_target"
        ),
        Index("ix_account_external", "external_source", "external_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = name_col(unique=True)
    industry: Mapped[str] = mapped_column(String(100), default="")
    size_band: Mapped[str] = mapped_column(String(50), default="")
    hq_geography: Mapped[str] = mapped_column(String(100), default="")
    # The persona a stairway template is chosen by: industry, size band, geography and these.
    growth_rate: Mapped[str] = mapped_column(String(50), default="")
    main_challenge: Mapped[str] = mapped_column(String(300), default="")
    stairway_template_id: Mapped[int | None] = fk(
        "stairway_template.id", ondelete="SET NULL", nullable=True
    )
    tier_override: Mapped[Tier | None] = enum_col(Tier, nullable=True)
    strategic: Mapped[bool] = mapped_column(Boolean, default=False)
    lifecycle_stage: Mapped[LifecycleStage] = enum_col(LifecycleStage, default=LifecycleStage.LAND)
    initial_deal_value: Mapped[float] = money_col()
    initial_deal_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    arr: Mapped[float] = money_col(default=0.0)
    licensed_seats: Mapped[int] = mapped_column(Integer, default=0)
    active_users: Mapped[int] = mapped_column(Integer, default=0)
    customer_since: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    renewal_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    renewal_owner: Mapped[MotionOwner] = enum_col(
        MotionOwner, default=MotionOwner.CSM, name="renewal_owner"
    )
    expansion_owner: Mapped[MotionOwner] = enum_col(
        MotionOwner, default=MotionOwner.CSM, name="expansion_owner"
    )
    csm_id: Mapped[int | None] = fk("team_member.id", ondelete="SET NULL", nullable=True)
    executive_sponsor_id: Mapped[int | None] = fk(
        "team_member.id", ondelete="SET NULL", nullable=True
    )
    reference_status: Mapped[ReferenceStatus] = enum_col(
        ReferenceStatus, default=ReferenceStatus.NONE
    )
    maturity_current: Mapped[int | None] = mapped_column(Integer, nullable=True)
    maturity_target: Mapped[int | None] = mapped_column(Integer, nullable=True)
    maturity_target_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # Churned: the customer left on this date (ARR 0 alone is not churn).
    churned_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = notes_col()
    # The CRM's record id (and which CRM): importing the same export again updates this row.
    external_source: Mapped[str | None] = mapped_column(String(40), nullable=True)
    external_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # The CRM's account hierarchy (a subsidiary's group) and the headcount the size band
    # is worked out from: kept as imported, editable on the Overview.
    parent_id: Mapped[int | None] = fk("account.id", ondelete="SET NULL", nullable=True)
    employees: Mapped[int | None] = mapped_column(Integer, nullable=True)

    csm: Mapped[TeamMember | None] = relationship(foreign_keys=[csm_id])
    parent: Mapped[Account | None] = relationship(remote_side=[id], foreign_keys=[parent_id])
    executive_sponsor: Mapped[TeamMember | None] = relationship(foreign_keys=[executive_sponsor_id])
    divisions: Mapped[list[Division]] = relationship(
        back_populates="account", cascade="all, delete-orphan", passive_deletes=True
    )
    geographies: Mapped[list[Geography]] = relationship(
        back_populates="account", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("name")
    def _v_name(self, key: str, value: str) -> str:
        return required_text(value, "The account name", key)

    @validates("industry", "size_band", "hq_geography", "growth_rate")
    def _v_short(self, key: str, value: str) -> str:
        length = cast(String, Account.__table__.c[key].type).length or NAME_MAX
        return optional_text(value, key.replace("_", " ").capitalize(), key, length)

    @validates("main_challenge")
    def _v_challenge(self, key: str, value: str) -> str:
        return optional_text(value, "Main challenge", key, 300)

    @validates("initial_deal_value")
    def _v_deal(self, key: str, value: float) -> float:
        return money(value, "The initial deal value", key, positive=True)

    @validates("arr")
    def _v_arr(self, key: str, value: float) -> float:
        return money(value, "ARR", key)

    @validates("licensed_seats", "active_users")
    def _v_count(self, key: str, value: int) -> int:
        what = "Licensed seats" if key == "licensed_seats" else "Active users"
        return count(value, what, key)

    @validates("notes")
    def _v_notes(self, key: str, value: str) -> str:
        return long_text(value, "The notes", key)

    @validates("employees")
    def _v_employees(self, key: str, value: int | None) -> int | None:
        return number_in(
            value, "Employees", key, low=0, high=COUNT_MAX, nullable=True, integer=True
        )

    @validates(
        "initial_deal_date", "customer_since", "renewal_date", "maturity_target_date", "churned_on"
    )
    def _v_date(self, key: str, value: dt.date | None) -> dt.date | None:
        return a_date(value, key.replace("_", " ").capitalize(), key)

    @validates("maturity_current", "maturity_target")
    def _v_maturity(self, key: str, value: int | None) -> int | None:
        what = "Current maturity level" if key == "maturity_current" else "Target maturity level"
        return number_in(value, what, key, low=1, high=7, nullable=True, integer=True)

    def check(self) -> None:
        self._check_parent()
        if (
            self.initial_deal_date
            and self.customer_since
            and (self.initial_deal_date < self.customer_since)
        ):
            raise ValidationError(
                "The initial deal cannot be dated before the customer relationship began.",
                "initial_deal_date",
            )
        if self.renewal_date and self.customer_since and self.renewal_date < self.customer_since:
            raise ValidationError(
                "The renewal date cannot be before the customer relationship began.",
                "renewal_date",
            )
        if (
            self.maturity_current is not None
            and self.maturity_target is not None
            and self.maturity_target < self.maturity_current
        ):
            raise ValidationError(
                "The target maturity level cannot be below the current level.", "maturity_target"
            )
        if self.churned_on and self.customer_since and self.churned_on < self.customer_since:
            raise ValidationError(
                "The account cannot have churned before it became a customer.", "churned_on"
            )

    def _check_parent(self) -> None:
        if self.parent is self or (self.parent_id is not None and self.parent_id == self.id):
            raise ValidationError(f"{self.name} cannot be its own parent account.", "parent_id")
        no_id_cycle(
            self,
            "parent_id",
            f"{self.name} cannot have a parent account that belongs to it (that would make "
            "a loop in the account hierarchy).",
        )


class Geography(Versioned, Base):
    """A region and country where the account operates."""

    __tablename__ = "geography"
    __table_args__ = (UniqueConstraint("account_id", "region", "country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    region: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(100), default="")

    account: Mapped[Account] = relationship(back_populates="geographies")

    @validates("region")
    def _v_region(self, key: str, value: str) -> str:
        return required_text(value, "The region", key, 100)

    @validates("country")
    def _v_country(self, key: str, value: str) -> str:
        return optional_text(value, "The country", key, 100)

    @property
    def label(self) -> str:
        return f"{self.region} / {self.country}" if self.country else self.region


class Division(Versioned, Base):
    """A department or business unit of the customer, in a tree."""

    __tablename__ = "division"
    __table_args__ = (
        UniqueConstraint("account_id", "name"),
        CheckConstraint("headcount >= 0", name="headcount"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    parent_id: Mapped[int | None] = fk("division.id", ondelete="SET NULL", nullable=True)
    name: Mapped[str] = name_col()
    geography_id: Mapped[int | None] = fk("geography.id", ondelete="SET NULL", nullable=True)
    headcount: Mapped[int] = mapped_column(Integer, default=0)
    engagement: Mapped[Engagement] = enum_col(Engagement, default=Engagement.NONE)

    account: Mapped[Account] = relationship(back_populates="divisions")
    parent: Mapped[Division | None] = relationship(remote_side=[id])
    geography: Mapped[Geography | None] = relationship()

    @validates("name")
    def _v_name(self, key: str, value: str) -> str:
        return required_text(value, "The division name", key)

    @validates("headcount")
    def _v_headcount(self, key: str, value: int) -> int:
        return count(value, "Headcount", key)

    def check(self) -> None:
        same_account(self, self.parent, "The parent division", "parent_id")
        same_account(self, self.geography, "The division's geography", "geography_id")
        no_cycle(self, "parent", "A division cannot sit under itself or its own sub-division.")
