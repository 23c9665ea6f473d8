"""What the import wizard's pages hand on to each other: the files read, their mappings,
the preview and, once applied, the edit and the backup."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cs_planner.domain.imports.apply import ImportWithMappings
from cs_planner.domain.imports.fields import Kind
from cs_planner.domain.imports.mapping import Mapping
from cs_planner.domain.imports.preview import Preview, Source
from cs_planner.domain.imports.reading import Table


@dataclass
class FileChoice:
    table: Table
    mapping: Mapping
    remembered: bool  # the mapping came from the last import of these headers


@dataclass
class ImportJob:
    files: list[FileChoice] = field(default_factory=list)
    default_account: str | None = None
    preview: Preview | None = None
    edit: ImportWithMappings | None = None
    backup: Path | None = None

    def sources(self) -> tuple[Source | None, Source | None]:
        """(accounts, contacts): each file goes in by its mapping's kind."""
        by_kind = {f.mapping.kind: Source(f.table, f.mapping) for f in self.files}
        return by_kind.get(Kind.ACCOUNTS), by_kind.get(Kind.CONTACTS)

    @property
    def title(self) -> str:
        return "Import " + ", ".join(f.table.source for f in self.files)
