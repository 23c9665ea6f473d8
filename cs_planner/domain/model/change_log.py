"""Who changed what: one row per committed user action (an edit, its undo or redo), written
in the action's own transaction. Other windows on the same portfolio (another process, a
colleague on the team's server) read the rows after the last they saw to learn what to
reload and whom to name in the status bar."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cs_planner.domain.model.base import Base


class ChangeEntry(Base):
    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime())  # UTC, without a zone
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id", ondelete="SET NULL"), default=None
    )
    client: Mapped[str] = mapped_column(String(32))  # the window that wrote it
    text: Mapped[str] = mapped_column(String(300), default="")  # the edit's own sentence
    # What the action changed (domain.changes.Changes), as change_log.encode writes it.
    scope: Mapped[str] = mapped_column(Text, default="")
    # The rows its flushes wrote, "stakeholder:17 account:3": two windows writing the same
    # row is a conflict (change_log.clashes).
    rows: Mapped[str] = mapped_column(Text, default="")
