"""Stakeholders at the customer, their buying roles and the informal influence between them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Float, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import (
    NUMBER_MAX,
    PHONE_MAX,
    Base,
    Versioned,
    a_date,
    a_phone,
    an_email,
    enum_col,
    fk,
    long_text,
    name_col,
    notes_col,
    number_in,
    optional_text,
    required_text,
)
from cs_planner.domain.model.portfolio import Account, Division, TeamMember
from cs_planner.domain.validation import no_cycle, same_account


class Stakeholder(Versioned, Base):
    __tablename__ = "stakeholder"
    __table_args__ = (
        CheckConstraint("influence BETWEEN 1 AND 5", name="influence"),
        CheckConstraint("reports_to_id IS NULL OR reports_to_id <> id", name="not_own_manager"),
        Index(
            "ix_stakeholder_external", "account_id", "external_source", "external_id", unique=True
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    name: Mapped[str] = name_col()
    title: Mapped[str] = mapped_column(String(200), default="")
    division_id: Mapped[int | None] = fk("division.id", ondelete="SET NULL", nullable=True)
    level: Mapped[Level] = enum_col(Level, default=Level.MANAGER)
    stance: Mapped[Stance] = enum_col(Stance, default=Stance.NEUTRAL)
    influence: Mapped[int] = mapped_column(Integer, default=3)
    reports_to_id: Mapped[int | None] = fk("stakeholder.id", ondelete="SET NULL", nullable=True)
    owner_id: Mapped[int | None] = fk("team_member.id", ondelete="SET NULL", nullable=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(PHONE_MAX), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    last_contact: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # When the relationship began: "new relationships this month" counts these.
    since: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[StakeholderStatus] = enum_col(
        StakeholderStatus, default=StakeholderStatus.ACTIVE
    )
    # A card pinned on the relationship map keeps this position instead of the automatic one.
    pinned_x: Mapped[float | None] = mapped_column(Float, nullable=True)
    pinned_y: Mapped[float | None] = mapped_column(Float, nullable=True)
    notes: Mapped[str] = notes_col()
    # The CRM's or HR system's record id: importing the same export again updates this row.
    external_source: Mapped[str | None] = mapped_column(String(40), nullable=True)
    external_id: Mapped[str | None] = mapped_column(String(100), nullable=True)

    account: Mapped[Account] = relationship()
    division: Mapped[Division | None] = relationship()
    reports_to: Mapped[Stakeholder | None] = relationship(remote_side=[id])
    owner: Mapped[TeamMember | None] = relationship()
    role_rows: Mapped[list[StakeholderRole]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )

    @property
    def roles(self) -> set[BuyingRole]:
        return {row.role for row in self.role_rows}

    @roles.setter
    def roles(self, wanted: set[BuyingRole] | list[BuyingRole]) -> None:
        wanted = set(wanted)
        self.role_rows = [r for r in self.role_rows if r.role in wanted] + [
            StakeholderRole(role=role) for role in sorted(wanted - self.roles)
        ]

    @validates("name")
    def _v_name(self, key: str, value: str) -> str:
        return required_text(value, "The stakeholder's name", key)

    @validates("title")
    def _v_title(self, key: str, value: str) -> str:
        return optional_text(value, "The title", key)

    @validates("email")
    def _v_email(self, key: str, value: str) -> str:
        return an_email(value, "Email", key)

    @validates("phone")
    def _v_phone(self, key: str, value: str) -> str:
        return a_phone(value, "The phone number", key)

    @validates("country")
    def _v_country(self, key: str, value: str) -> str:
        return optional_text(value, "The country", key, 100)

    @validates("notes")
    def _v_notes(self, key: str, value: str) -> str:
        return long_text(value, "The notes", key)

    @validates("pinned_x", "pinned_y")
    def _v_pinned(self, key: str, value: float | None) -> float | None:
        what = "The card's position"
        return number_in(value, what, key, low=-NUMBER_MAX, high=NUMBER_MAX, nullable=True)

    @validates("influence")
    def _v_influence(self, key: str, value: int) -> int:
        return number_in(value, "Influence", key, low=1, high=5, integer=True)

    @validates("last_contact")
    def _v_contact(self, key: str, value: dt.date | None) -> dt.date | None:
        return a_date(value, "Last contact", key)

    @validates("since")
    def _v_since(self, key: str, value: dt.date | None) -> dt.date | None:
        return a_date(value, "Known since", key)

    def check(self) -> None:
        same_account(self, self.reports_to, "The manager", "reports_to_id")
        same_account(self, self.division, "The division", "division_id")
        no_cycle(
            self,
            "reports_to",
            f"{self.name} cannot report to someone who reports to them "
            "(that would make a loop in the org chart).",
        )
        if self.last_contact and self.last_contact > dt.date.today() + dt.timedelta(days=1):
            raise ValidationError(
                f"The last contact ({self.last_contact.isoformat()}) cannot be in the future.",
                "last_contact",
            )
        if self.since and self.last_contact and self.since > self.last_contact:
            raise ValidationError(
                f"Known since ({self.since.isoformat()}) cannot be after the last contact "
                f"({self.last_contact.isoformat()}).",
                "since",
            )


class StakeholderRole(Base):
    """A buying role a stakeholder plays; a person can play several."""

    __tablename__ = "stakeholder_role"

    stakeholder_id: Mapped[int] = fk("stakeholder.id")
    role: Mapped[BuyingRole] = enum_col(BuyingRole)
    __mapper_args__ = {"primary_key": [stakeholder_id, role]}
    __table_args__ = (UniqueConstraint("stakeholder_id", "role"),)


class InfluenceLink(Versioned, Base):
    """An informal line of influence: ``source`` sways ``target`` (beside the org chart)."""

    __tablename__ = "influence_link"
    __table_args__ = (
        UniqueConstraint("source_id", "target_id"),
        CheckConstraint("source_id <> target_id", name="not_self"),
        CheckConstraint("strength BETWEEN 1 AND 5", name="strength"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    source_id: Mapped[int] = fk("stakeholder.id")
    target_id: Mapped[int] = fk("stakeholder.id")
    strength: Mapped[int] = mapped_column(Integer, default=3)
    note: Mapped[str] = mapped_column(String(500), default="")

    account: Mapped[Account] = relationship()
    source: Mapped[Stakeholder] = relationship(foreign_keys=[source_id])
    target: Mapped[Stakeholder] = relationship(foreign_keys=[target_id])

    @validates("strength")
    def _v_strength(self, key: str, value: int) -> int:
        return number_in(value, "Influence strength", key, low=1, high=5, integer=True)

    @validates("note")
    def _v_note(self, key: str, value: str) -> str:
        return optional_text(value, "The note", key, 500)

    def check(self) -> None:
        same_account(self, self.source, "The influencer", "source_id")
        same_account(self, self.target, "The person influenced", "target_id")
        if self.source is not None and self.source is self.target:
            raise ValidationError("A person cannot influence themselves.", "target_id")
