"""What health is judged from and how: usage snapshots over time, and the portfolio's weight
and red/amber/green thresholds per indicator (a missing row means the default)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, validates

from cs_planner.domain.enums import HealthIndicator
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import Base, Versioned, a_date, count, fk, number_in


class UsageSnapshot(Versioned, Base):
    """Seats, active users and features in use on a date: license utilization, breadth of
    adoption and the usage trend are read from these as of any past month."""

    __tablename__ = "usage_snapshot"
    __table_args__ = (
        UniqueConstraint("account_id", "measured_on"),
        CheckConstraint("licensed_seats >= 0", name="seats"),
        CheckConstraint("active_users >= 0", name="active_users"),
        CheckConstraint("features_used IS NULL OR features_used >= 0", name="features"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    measured_on: Mapped[dt.date] = mapped_column(Date)
    licensed_seats: Mapped[int] = mapped_column(Integer, default=0)
    active_users: Mapped[int] = mapped_column(Integer, default=0)
    features_used: Mapped[int | None] = mapped_column(Integer, nullable=True)

    @validates("measured_on")
    def _v_date(self, key: str, value: dt.date) -> dt.date | None:
        return a_date(value, "Measured on", key, nullable=False)

    @validates("licensed_seats", "active_users")
    def _v_count(self, key: str, value: int) -> int:
        return count(value, "Licensed seats" if key == "licensed_seats" else "Active users", key)

    @validates("features_used")
    def _v_features(self, key: str, value: int | None) -> int | None:
        return None if value is None else count(value, "Features in use", key)


class HealthWeight(Versioned, Base):
    """One indicator's weight in the score and its thresholds: a sub-score under
    ``red_below`` is red, from ``green_from`` on green, amber between."""

    __tablename__ = "health_weight"
    __table_args__ = (
        CheckConstraint("weight BETWEEN 0 AND 100", name="weight"),
        CheckConstraint("red_below BETWEEN 0 AND 100", name="red_below"),
        CheckConstraint("green_from BETWEEN 0 AND 100", name="green_from"),
        CheckConstraint("red_below <= green_from", name="bands"),
    )

    indicator: Mapped[str] = mapped_column(String(40), primary_key=True)
    weight: Mapped[float] = mapped_column(Float)
    red_below: Mapped[float] = mapped_column(Float)
    green_from: Mapped[float] = mapped_column(Float)

    @validates("indicator")
    def _v_indicator(self, key: str, value: str) -> str:
        try:
            return HealthIndicator(value).value
        except ValueError:
            raise ValidationError(f"'{value}' is not a health indicator.", key) from None

    @validates("weight", "red_below", "green_from")
    def _v_figure(self, key: str, value: float) -> float:
        what = {"weight": "The weight", "red_below": "Red below", "green_from": "Green from"}
        return number_in(value, what[key], key, low=0, high=100)

    def check(self) -> None:
        if self.red_below > self.green_from:
            raise ValidationError("Red must end at or below where green begins.", "red_below")
