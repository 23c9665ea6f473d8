"""Snapshots of an account: its map, stairway, dimensions, metrics and actions as they stood
at a moment (Account > Take snapshot, and the start of every workshop), to compare with."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, Integer, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from cs_planner.domain.enums import SnapshotKind
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model.base import Base, Versioned, enum_col, fk, name_col, required_text
from cs_planner.domain.model.portfolio import Account

PAYLOAD_MAX = 16 * 1024 * 1024  # compressed; a 5,000-person account is well under 1 MB


class AccountSnapshot(Versioned, Base):
    """``payload`` and ``private_payload`` are zlib-compressed JSON written and read by
    ``domain/workshop/snapshots.py`` (``format`` says which keys to expect). The private
    layer (stances, buying roles, influence) is a column of its own so that the customer
    copy's scrub blanks it like any private field and the rest still compares."""

    __tablename__ = "account_snapshot"
    __table_args__ = (CheckConstraint("format >= 1", name="format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = fk("account.id")
    name: Mapped[str] = name_col()
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime())  # local time, without a zone
    kind: Mapped[SnapshotKind] = enum_col(SnapshotKind, default=SnapshotKind.MANUAL)
    format: Mapped[int] = mapped_column(Integer, default=1)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    private_payload: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)

    account: Mapped[Account] = relationship()

    @validates("name")
    def _v_name(self, key: str, value: str) -> str:
        return required_text(value, "The snapshot's name", key)

    @validates("payload", "private_payload")
    def _v_payload(self, key: str, value: bytes | None) -> bytes | None:
        if value is None and key == "private_payload":
            return None
        if not isinstance(value, bytes) or len(value) > PAYLOAD_MAX:
            raise ValidationError("A snapshot's contents must be bytes under 16 MB.", key)
        return value
