"""Demonstrating value: the maturity model, metrics with baselines, targets and measurements,
and ARR history by quarter."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cs_planner.domain.enums import Audience, MetricDirection, MetricSource
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
from cs_planner.domain.model.portfolio import Account
from cs_planner.domain.model.stairway import quarter_date


def figure(value: float | None, what: str, field: str) -> float:
    """A metric's figure: any finite number a person would type (negative allowed: NPS)."""
    return number_in(value, what, field, low=-NUMBER_MAX, high=NUMBER_MAX)


class MaturityLevel(Versioned, Base):
    """One level (1 to 7) of the portfolio's maturity model and the behaviours that mark it."""

    __tablename__ = "maturity_level"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 7", name="level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = name_col()
    behaviours: Mapped[str] = notes_col()
    # The product features or use cases whose adoption marks the level, one per line.
    marks: Mapped[str] = notes_col()

    @validates("level")
    def _v_level(self, key: str, value: int) -> int:
        return number_in(value, "The maturity level", key, low=1, high=7, integer=True)

    @validates("name")
    def _v_name(self, key: str, value: str) -> str:
        return required_text(value, "The level's name", key)

    @validates("behaviours", "marks")
    def _v_behaviours(self, key: str, value: str) -> str:
        what = "The behaviours" if key == "behaviours" else "The features that mark the level"
        return long_text(value, what, key)


class MetricDefinition(Versioned, Base):
    __tablename__ = "metric_definition"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = name_col(unique=True)
    unit: Mapped[str] = mapped_column(String(50), default="")
    direction: Mapped[MetricDirection] = enum_col(
        MetricDirection, default=MetricDirection.HIGHER_IS_BETTER
    )
    source: Mapped[MetricSource] = enum_col(MetricSource, default=MetricSource.PRODUCT_USAGE)
    description: Mapped[str] = notes_col()

    @validates("name")
    def _v_name(self, key: str, value: str) -> str:
        return required_text(value, "The metric name", key)

    @validates("unit")
    def _v_unit(self, key: str, value: str) -> str:
        return optional_text(value, "The unit", key, 50)

    @validates("description")
    def _v_description(self, key: str, value: str) -> str:
        return long_text(value, "The description", key)


class AccountMetric(Versioned, Base):
    """A metric tracked for one account, with its day-one baseline."""

    __tablename__ = "account_metric"
    __table_args__ = (UniqueConstraint("account_id", "metric_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    metric_id: Mapped[int] = fk("metric_definition.id")
    baseline: Mapped[float | None] = mapped_column(Float, nullable=True)
    baseline_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    account: Mapped[Account] = relationship()
    metric: Mapped[MetricDefinition] = relationship()
    targets: Mapped[list[MetricTarget]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="MetricTarget.quarter"
    )
    values: Mapped[list[MetricValue]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="MetricValue.measured_on"
    )

    @validates("baseline_date")
    def _v_date(self, key: str, value: dt.date | None) -> dt.date | None:
        return a_date(value, "Baseline date", key)

    @validates("baseline")
    def _v_baseline(self, key: str, value: float | None) -> float | None:
        if value is None:
            return None
        return figure(value, "The baseline", key)


class MetricTarget(Versioned, Base):
    __tablename__ = "metric_target"
    __table_args__ = (UniqueConstraint("account_metric_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_metric_id: Mapped[int] = fk("account_metric.id")
    quarter: Mapped[dt.date] = mapped_column(Date)
    target: Mapped[float] = mapped_column(Float)

    @validates("quarter")
    def _v_quarter(self, key: str, value: dt.date) -> dt.date | None:
        return quarter_date(value, key)

    @validates("target")
    def _v_target(self, key: str, value: float) -> float:
        return figure(value, "The target", key)


class MetricValue(Versioned, Base):
    __tablename__ = "metric_value"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_metric_id: Mapped[int] = fk("account_metric.id")
    measured_on: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)

    @validates("measured_on")
    def _v_date(self, key: str, value: dt.date) -> dt.date | None:
        return a_date(value, "Measured on", key, nullable=False)

    @validates("value")
    def _v_value(self, key: str, value: float) -> float:
        return figure(value, "The measured value", key)


class ArrHistory(Versioned, Base):
    """The account's ARR at the end of a quarter."""

    __tablename__ = "arr_history"
    __table_args__ = (
        UniqueConstraint("account_id", "quarter"),
        CheckConstraint("arr >= 0", name="arr"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    quarter: Mapped[dt.date] = mapped_column(Date)
    arr: Mapped[float] = money_col()

    @validates("quarter")
    def _v_quarter(self, key: str, value: dt.date) -> dt.date | None:
        return quarter_date(value, key)

    @validates("arr")
    def _v_arr(self, key: str, value: float) -> float:
        return money(value, "ARR", key)


class MaturityChange(Versioned, Base):
    """The account's maturity level from a date on: the history of levels. The first one is
    the level on day one; the account's ``maturity_current`` is the latest one's level."""

    __tablename__ = "maturity_change"
    __table_args__ = (
        UniqueConstraint("account_id", "changed_on"),
        CheckConstraint("level BETWEEN 1 AND 7", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    changed_on: Mapped[dt.date] = mapped_column(Date)
    level: Mapped[int] = mapped_column(Integer)

    @validates("changed_on")
    def _v_date(self, key: str, value: dt.date) -> dt.date | None:
        return a_date(value, "The date of the level", key, nullable=False)

    @validates("level")
    def _v_level(self, key: str, value: int) -> int:
        return number_in(value, "The maturity level", key, low=1, high=7, integer=True)


class ValueMessage(Versioned, Base):
    """The account's value statement for one audience, as the CSM edited it (a draft the
    app makes is not stored: it is derived from use cases and metrics until edited)."""

    __tablename__ = "value_message"
    __table_args__ = (UniqueConstraint("account_id", "audience"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    audience: Mapped[Audience] = enum_col(Audience)
    text: Mapped[str] = notes_col()

    @validates("text")
    def _v_text(self, key: str, value: str) -> str:
        return long_text(value, "The value message", key, required=True)
