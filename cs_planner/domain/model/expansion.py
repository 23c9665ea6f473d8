"""The six-dimension plan, expansion opportunities and the whitespace grids."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Date, Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cs_planner.domain.enums import Dimension, OpportunityStatus, WhitespaceState
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import (
    NUMBER_MAX,
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
from cs_planner.domain.model.portfolio import Account, Division, Geography
from cs_planner.domain.model.stairway import Product, UseCase, quarter_date
from cs_planner.domain.validation import same_account


class DimensionPlan(Versioned, Base):
    """Where an account stands and aims on one of the six dimensions."""

    __tablename__ = "dimension_plan"
    __table_args__ = (UniqueConstraint("account_id", "dimension"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    dimension: Mapped[Dimension] = enum_col(Dimension)
    applies: Mapped[bool] = mapped_column(Boolean, default=True)
    unit: Mapped[str] = mapped_column(String(50), default="")
    baseline: Mapped[float | None] = mapped_column(Float, nullable=True)
    current: Mapped[float | None] = mapped_column(Float, nullable=True)
    target: Mapped[float | None] = mapped_column(Float, nullable=True)
    target_quarter: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = notes_col()

    account: Mapped[Account] = relationship()

    @validates("unit")
    def _v_unit(self, key: str, value: str) -> str:
        return optional_text(value, "The unit", key, 50)

    @validates("baseline", "current", "target")
    def _v_value(self, key: str, value: float | None) -> float | None:
        return number_in(value, key.capitalize(), key, low=0, high=NUMBER_MAX, nullable=True)

    @validates("target_quarter")
    def _v_quarter(self, key: str, value: dt.date | None) -> dt.date | None:
        return quarter_date(value, key)

    @validates("notes")
    def _v_notes(self, key: str, value: str) -> str:
        return long_text(value, "The notes", key)


class Opportunity(Versioned, Base):
    __tablename__ = "opportunity"
    __table_args__ = (
        CheckConstraint("acv_uplift >= 0", name="acv_uplift"),
        CheckConstraint("confidence BETWEEN 0 AND 100", name="confidence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    dimension: Mapped[Dimension] = enum_col(Dimension)
    title: Mapped[str] = name_col()
    target_quarter: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    acv_uplift: Mapped[float] = money_col()
    confidence: Mapped[int] = mapped_column(Integer, default=50)
    status: Mapped[OpportunityStatus] = enum_col(OpportunityStatus, default=OpportunityStatus.OPEN)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    use_case_id: Mapped[int | None] = fk("use_case.id", ondelete="SET NULL", nullable=True)
    division_id: Mapped[int | None] = fk("division.id", ondelete="SET NULL", nullable=True)
    geography_id: Mapped[int | None] = fk("geography.id", ondelete="SET NULL", nullable=True)
    product_id: Mapped[int | None] = fk("product.id", ondelete="SET NULL", nullable=True)
    notes: Mapped[str] = notes_col()

    account: Mapped[Account] = relationship()
    use_case: Mapped[UseCase | None] = relationship()
    division: Mapped[Division | None] = relationship()
    geography: Mapped[Geography | None] = relationship()
    product: Mapped[Product | None] = relationship()

    @validates("title")
    def _v_title(self, key: str, value: str) -> str:
        return required_text(value, "The opportunity title", key)

    @validates("acv_uplift")
    def _v_uplift(self, key: str, value: float) -> float:
        return money(value, "ACV uplift", key)

    @validates("confidence")
    def _v_confidence(self, key: str, value: int) -> int:
        return number_in(value, "Confidence", key, low=0, high=100, integer=True)

    @validates("target_quarter")
    def _v_quarter(self, key: str, value: dt.date | None) -> dt.date | None:
        return quarter_date(value, key)

    @validates("closed_on")
    def _v_closed(self, key: str, value: dt.date | None) -> dt.date | None:
        return a_date(value, "Closed on", key)

    @validates("notes")
    def _v_notes(self, key: str, value: str) -> str:
        return long_text(value, "The notes", key)

    def check(self) -> None:
        same_account(self, self.use_case, "The use case", "use_case_id")
        same_account(self, self.division, "The division", "division_id")
        same_account(self, self.geography, "The geography", "geography_id")


class WhitespaceCell(Versioned, Base):
    """One cell of a whitespace grid: a division against a product or against a geography."""

    __tablename__ = "whitespace_cell"
    __table_args__ = (
        UniqueConstraint("division_id", "product_id"),
        UniqueConstraint("division_id", "geography_id"),
        CheckConstraint(
            "(product_id IS NULL) <> (geography_id IS NULL)", name="product_xor_geography"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    division_id: Mapped[int] = fk("division.id")
    product_id: Mapped[int | None] = fk("product.id", nullable=True)
    geography_id: Mapped[int | None] = fk("geography.id", nullable=True)
    state: Mapped[WhitespaceState] = enum_col(WhitespaceState, default=WhitespaceState.OPPORTUNITY)

    account: Mapped[Account] = relationship()
    division: Mapped[Division] = relationship()
    product: Mapped[Product | None] = relationship()
    geography: Mapped[Geography | None] = relationship()

    def check(self) -> None:
        same_account(self, self.division, "The division", "division_id")
        same_account(self, self.geography, "The geography", "geography_id")
        has_product = self.product_id is not None or self.product is not None
        has_geo = self.geography_id is not None or self.geography is not None
        if has_product == has_geo:
            raise ValidationError(
                "A whitespace cell pairs a division with a product or with a geography.",
                "product_id",
            )
