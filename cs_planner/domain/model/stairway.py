"""Use cases on the stairway (remediation to disruption), the persona templates that seed
them, and the product catalogue they use."""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import CheckConstraint, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cs_planner.domain.enums import StairStep, UseCaseStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import (
    NAME_MAX,
    Base,
    Versioned,
    count,
    enum_col,
    fk,
    long_text,
    money,
    money_col,
    name_col,
    notes_col,
    optional_text,
    required_text,
)
from cs_planner.domain.model.portfolio import Account, Division, Geography, TeamMember
from cs_planner.domain.model.relationships import Stakeholder
from cs_planner.domain.validation import same_account


def quarter_date(value: dt.date | None, field: str) -> dt.date | None:
    """A target quarter is stored as the first day of its first month."""
    if value is None:
        return None
    if not isinstance(value, dt.date) or value.day != 1:
        raise ValidationError("A target quarter must be given as the first day of a month.", field)
    return value


class Product(Versioned, Base):
    """A product or module from our catalogue."""

    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = name_col(unique=True)
    family: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = notes_col()

    @validates("name")
    def _v_name(self, key: str, value: str) -> str:
        return required_text(value, "The product name", key)

    @validates("family")
    def _v_family(self, key: str, value: str) -> str:
        return optional_text(value, "The product family", key, 100)

    @validates("description")
    def _v_description(self, key: str, value: str) -> str:
        return long_text(value, "The description", key)


class UseCase(Versioned, Base):
    __tablename__ = "use_case"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position"),
        CheckConstraint("users_targeted >= 0", name="users_targeted"),
        CheckConstraint("users_reached >= 0", name="users_reached"),
        CheckConstraint("annual_value >= 0", name="annual_value"),
        CheckConstraint("acv_uplift >= 0", name="acv_uplift"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    title: Mapped[str] = name_col()
    problem: Mapped[str] = mapped_column(Text, default="")
    step: Mapped[StairStep] = enum_col(StairStep, default=StairStep.REMEDIATION)
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[UseCaseStatus] = enum_col(UseCaseStatus, default=UseCaseStatus.IDENTIFIED)
    division_id: Mapped[int | None] = fk("division.id", ondelete="SET NULL", nullable=True)
    geography_id: Mapped[int | None] = fk("geography.id", ondelete="SET NULL", nullable=True)
    target_quarter: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    users_targeted: Mapped[int] = mapped_column(Integer, default=0)
    users_reached: Mapped[int] = mapped_column(Integer, default=0)
    usage_metric: Mapped[str] = mapped_column(String(200), default="")
    annual_value: Mapped[float] = money_col()
    acv_uplift: Mapped[float] = money_col()
    champion_id: Mapped[int | None] = fk("stakeholder.id", ondelete="SET NULL", nullable=True)
    csa_id: Mapped[int | None] = fk("team_member.id", ondelete="SET NULL", nullable=True)
    notes: Mapped[str] = notes_col()

    account: Mapped[Account] = relationship()
    division: Mapped[Division | None] = relationship()
    geography: Mapped[Geography | None] = relationship()
    champion: Mapped[Stakeholder | None] = relationship()
    csa: Mapped[TeamMember | None] = relationship()
    products: Mapped[list[Product]] = relationship(secondary="use_case_product")

    @validates("title")
    def _v_title(self, key: str, value: str) -> str:
        return required_text(value, "The use case title", key)

    @validates("usage_metric")
    def _v_metric(self, key: str, value: str) -> str:
        return optional_text(value, "The usage metric", key)

    @validates("position", "users_targeted", "users_reached")
    def _v_count(self, key: str, value: int) -> int:
        return count(value, key.replace("_", " ").capitalize(), key)

    @validates("annual_value", "acv_uplift")
    def _v_money(self, key: str, value: float) -> float:
        what = "Annual value to the customer" if key == "annual_value" else "ACV uplift"
        return money(value, what, key)

    @validates("problem", "notes")
    def _v_long(self, key: str, value: str) -> str:
        return long_text(value, "The problem" if key == "problem" else "The notes", key)

    @validates("target_quarter")
    def _v_quarter(self, key: str, value: dt.date | None) -> dt.date | None:
        return quarter_date(value, key)

    def check(self) -> None:
        same_account(self, self.division, "The division", "division_id")
        same_account(self, self.geography, "The geography", "geography_id")
        same_account(self, self.champion, "The champion", "champion_id")


class UseCaseProduct(Base):
    __tablename__ = "use_case_product"

    use_case_id: Mapped[int] = fk("use_case.id")
    product_id: Mapped[int] = fk("product.id")
    __mapper_args__ = {"primary_key": [use_case_id, product_id]}
    __table_args__ = (UniqueConstraint("use_case_id", "product_id"),)


class StairwayTemplate(Versioned, Base):
    """A recommended stairway for a customer persona."""

    __tablename__ = "stairway_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = name_col(unique=True)
    industry: Mapped[str] = mapped_column(String(100), default="")
    size_band: Mapped[str] = mapped_column(String(50), default="")
    geography: Mapped[str] = mapped_column(String(100), default="")
    growth_rate: Mapped[str] = mapped_column(String(50), default="")
    main_challenge: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = notes_col()
    # The resource file a shipped template was loaded from ("" for one made by the user).
    source: Mapped[str] = mapped_column(String(200), default="")

    use_cases: Mapped[list[TemplateUseCase]] = relationship(
        back_populates="template",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(TemplateUseCase.step, TemplateUseCase.position)",
    )

    @validates("name")
    def _v_name(self, key: str, value: str) -> str:
        return required_text(value, "The template name", key)

    @validates("industry", "size_band", "geography", "growth_rate", "main_challenge", "source")
    def _v_short(self, key: str, value: str) -> str:
        length = cast(String, StairwayTemplate.__table__.c[key].type).length or NAME_MAX
        return optional_text(value, key.replace("_", " ").capitalize(), key, length)

    @validates("description")
    def _v_description(self, key: str, value: str) -> str:
        return long_text(value, "The description", key)


class TemplateUseCase(Versioned, Base):
    __tablename__ = "template_use_case"
    __table_args__ = (CheckConstraint("position >= 0", name="position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = fk("stairway_template.id")
    step: Mapped[StairStep] = enum_col(StairStep)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = name_col()
    problem: Mapped[str] = mapped_column(Text, default="")
    usage_metric: Mapped[str] = mapped_column(String(200), default="")
    typical_value: Mapped[float] = money_col()

    template: Mapped[StairwayTemplate] = relationship(back_populates="use_cases")

    @validates("title")
    def _v_title(self, key: str, value: str) -> str:
        return required_text(value, "The use case title", key)

    @validates("position")
    def _v_position(self, key: str, value: int) -> int:
        return count(value, "Position", key)

    @validates("problem")
    def _v_problem(self, key: str, value: str) -> str:
        return long_text(value, "The problem", key)

    @validates("usage_metric")
    def _v_metric(self, key: str, value: str) -> str:
        return optional_text(value, "The usage metric", key)

    @validates("typical_value")
    def _v_value(self, key: str, value: float) -> float:
        return money(value, "Typical value", key)
