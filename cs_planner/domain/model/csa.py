"""CSA allocations: which architect works where, how much, in which phase, paid by whom."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Float
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cs_planner.domain.enums import (
    ALLOWED_FRACTIONS,
    AllocationPhase,
    Funding,
    RequestedBy,
    TeamRole,
)
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import Base, Versioned, a_date, enum_col, fk, long_text, notes_col
from cs_planner.domain.model.portfolio import Account, TeamMember
from cs_planner.domain.model.stairway import UseCase
from cs_planner.domain.validation import same_account


class CsaAllocation(Versioned, Base):
    __tablename__ = "csa_allocation"
    __table_args__ = (
        CheckConstraint("fraction IN (0.25, 0.5, 0.75, 1.0)", name="fraction"),
        CheckConstraint("end_date >= start_date", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    csa_id: Mapped[int] = fk("team_member.id")
    account_id: Mapped[int] = fk("account.id")
    use_case_id: Mapped[int | None] = fk("use_case.id", ondelete="SET NULL", nullable=True)
    fraction: Mapped[float] = mapped_column(Float, default=0.5)
    phase: Mapped[AllocationPhase] = enum_col(AllocationPhase, default=AllocationPhase.ADOPTION)
    funding: Mapped[Funding] = enum_col(Funding, default=Funding.CHARGEABLE)
    requested_by: Mapped[RequestedBy] = enum_col(RequestedBy, default=RequestedBy.CUSTOMER_SUCCESS)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str] = notes_col()

    csa: Mapped[TeamMember] = relationship()
    account: Mapped[Account] = relationship()
    use_case: Mapped[UseCase | None] = relationship()

    @validates("fraction")
    def _v_fraction(self, key: str, value: float) -> float:
        if value not in ALLOWED_FRACTIONS:
            raise ValidationError(
                "A CSA is allocated a quarter, a half, three quarters or full time "
                f"(0.25, 0.5, 0.75 or 1.0), not {value}.",
                key,
            )
        return float(value)

    @validates("start_date", "end_date")
    def _v_date(self, key: str, value: dt.date) -> dt.date | None:
        what = "Start date" if key == "start_date" else "End date"
        return a_date(value, what, key, nullable=False)

    @validates("notes")
    def _v_notes(self, key: str, value: str) -> str:
        return long_text(value, "The notes", key)

    def check(self) -> None:
        if self.end_date < self.start_date:
            raise ValidationError("The end date must be on or after the start date.", "end_date")
        same_account(self, self.use_case, "The use case", "use_case_id")
        if self.csa is not None and self.csa.role != TeamRole.CSA:
            raise ValidationError(f"{self.csa.name} is not a CSA.", "csa_id")
