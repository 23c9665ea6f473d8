"""When two names are the same name: Unicode case folding, not SQLite's ASCII ``lower()``.

SQLite's ``lower()`` and its UNIQUE constraints only know A-Z, so "Örebro AB" and
"ÖREBRO AB" would be two accounts there. Names are therefore compared here, in Python,
on a key that folds case (``casefold``: "ß" matches "SS"), composes accents the same way
(NFKC: "Ö" typed as O + combining diaeresis matches "Ö") and ignores runs of spaces."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session


def name_key(name: str) -> str:
    """The form two names are compared in."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(folded.split())


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def matches(rows: Iterable[Any], name: str) -> list[tuple[int, str]]:
    """The ``(id, name)`` rows whose name is ``name`` (by ``name_key``)."""
    key = name_key(name or "")
    return [(row_id, text) for row_id, text in rows if name_key(text) == key]


def find_clash(
    session: Session,
    id_column: Any,
    name_column: Any,
    name: str,
    except_id: int | None = None,
    *where: Any,
) -> tuple[int, str] | None:
    """Another row (id, name) whose name is the same as ``name``, or None.

    Reads the ids and names (filtered by ``where``) and compares them in Python: a
    portfolio holds hundreds of names, not millions."""
    if not (name or "").strip():
        return None
    rows = session.execute(select(id_column, name_column).where(*where))
    found = [row for row in matches(rows, name) if row[0] != except_id]
    return found[0] if found else None
