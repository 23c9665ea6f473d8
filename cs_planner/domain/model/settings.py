"""The portfolio's settings: one row (id 1) of defaults, goals and capacity."""

from __future__ import annotations

import secrets

from sqlalchemy import CheckConstraint, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, validates

from cs_planner.domain.enums import PaperSize
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import (
    Base,
    Versioned,
    enum_col,
    money,
    money_col,
    number_in,
    optional_text,
)


class Settings(Versioned, Base):
    """One row: the portfolio's owner and the figures its rules use."""

    __tablename__ = "settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("fiscal_year_start_month BETWEEN 1 AND 12", name="fy_month"),
        CheckConstraint("chargeability_target BETWEEN 0 AND 1", name="chargeability"),
        CheckConstraint("presales_share_limit BETWEEN 0 AND 1", name="presales_limit"),
        CheckConstraint("default_csa_rate >= 0", name="rate"),
        CheckConstraint("relationships_per_month_goal >= 0", name="rel_goal"),
        CheckConstraint("stale_contact_days >= 1", name="stale_days"),
        CheckConstraint(
            "top_tier_hours >= 0 AND leveraged_tier_hours >= 0 AND scalable_tier_hours >= 0",
            name="tier_hours",
        ),
        CheckConstraint("csm_team_hours IS NULL OR csm_team_hours >= 0", name="team_hours"),
        CheckConstraint("stories_per_quarter_goal BETWEEN 0 AND 100", name="story_goal"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    fiscal_year_start_month: Mapped[int] = mapped_column(Integer, default=1)
    default_csa_rate: Mapped[float] = money_col(default=250.0)
    chargeability_target: Mapped[float] = mapped_column(Float, default=0.70)
    presales_share_limit: Mapped[float] = mapped_column(Float, default=0.30)
    relationships_per_month_goal: Mapped[int] = mapped_column(Integer, default=3)
    stale_contact_days: Mapped[int] = mapped_column(Integer, default=90)
    # Hours a month one account of each tier needs, and the CSM team's hours a month (None:
    # the active CSMs' weekly capacity): the top tier is as big as the hours allow.
    top_tier_hours: Mapped[float] = mapped_column(Float, default=10.0, server_default="10")
    leveraged_tier_hours: Mapped[float] = mapped_column(Float, default=2.0, server_default="2")
    scalable_tier_hours: Mapped[float] = mapped_column(Float, default=0.25, server_default="0.25")
    csm_team_hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    # The PDF account plan's paper, and the evangelism goal: new stories a quarter.
    paper_size: Mapped[PaperSize] = enum_col(
        PaperSize, default=PaperSize.A4, server_default=PaperSize.A4.value
    )
    stories_per_quarter_goal: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # A random id per file, and a count of write transactions that rewrites this row in
    # each of them: storage checks that the pages in a -wal beside the file are its own.
    file_id: Mapped[str] = mapped_column(
        String(32), default=lambda: secrets.token_hex(16), server_default=""
    )
    write_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @validates("owner_name")
    def _v_owner(self, key: str, value: str) -> str:
        return optional_text(value, "Owner name", key)

    @validates("currency")
    def _v_currency(self, key: str, value: str) -> str:
        code = (value or "").strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise ValidationError(
                f"Currency must be a three-letter ISO code such as USD or EUR, not '{value}'.", key
            )
        return code

    @validates("fiscal_year_start_month")
    def _v_month(self, key: str, value: int) -> int:
        return number_in(value, "Fiscal year start month", key, low=1, high=12, integer=True)

    @validates("default_csa_rate")
    def _v_rate(self, key: str, value: float) -> float:
        return money(value, "Default CSA rate", key)

    @validates("chargeability_target", "presales_share_limit")
    def _v_share(self, key: str, value: float) -> float:
        what = "Chargeability target" if key == "chargeability_target" else "Pre-sales limit"
        return number_in(value, what, key, low=0, high=1)

    @validates("relationships_per_month_goal")
    def _v_goal(self, key: str, value: int) -> int:
        return number_in(value, "New relationships per month", key, low=0, high=100, integer=True)

    @validates("stale_contact_days")
    def _v_stale(self, key: str, value: int) -> int:
        return number_in(value, "Stale-contact threshold", key, low=1, high=3650, integer=True)

    @validates("top_tier_hours", "leveraged_tier_hours", "scalable_tier_hours")
    def _v_tier_hours(self, key: str, value: float) -> float:
        what = key.split("_")[0].capitalize()
        return number_in(value, f"{what}-tier hours a month", key, low=0, high=744)

    @validates("stories_per_quarter_goal")
    def _v_story_goal(self, key: str, value: int) -> int:
        return number_in(value, "New stories a quarter", key, low=0, high=100, integer=True)

    @validates("csm_team_hours")
    def _v_team_hours(self, key: str, value: float | None) -> float | None:
        return number_in(
            value, "The CSM team's hours a month", key, low=0, high=1_000_000, nullable=True
        )
