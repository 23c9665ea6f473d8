"""The column mapping an import used, remembered per set of headers so the next file with
the same columns is mapped the same way without asking."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cs_planner.domain.model.base import Base, Versioned


class ImportMapping(Versioned, Base):
    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of the normalised, sorted header names (domain.imports.mapping.header_key).
    header_key: Mapped[str] = mapped_column(String(64), unique=True)
    headers: Mapped[str] = mapped_column(Text, default="")  # for a person reading the file
    mapping: Mapped[str] = mapped_column(Text, default="")  # the mapping as TOML
