"""User edits write through the ORM's flush: that is where each action's rows are recorded
for the conflict check (domain/change_log.Tracker). A Core ``insert``/``update``/``delete``
statement bypasses it, so only the modules below may use one, each for a stated reason."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cs_planner"
CORE_WRITES = {"insert", "update", "delete"}
ALLOWED = {
    # Deletes and their undo put whole subtrees back with their ids, in bulk.
    "domain/snapshot.py",
    # An import writes thousands of rows in chunks (its Changes still reach the log).
    "domain/imports/apply.py",
    # The log prunes its own old rows.
    "domain/change_log.py",
    # A maturity level's history and the level catalogue are replaced as a whole.
    "domain/value/maturity_edits.py",
    # The customer copy empties the private fields of a temporary copy, never the portfolio.
    "domain/workshop/scrub.py",
}
SCANNED = ("domain", "ui", "reports")


def _core_writes(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy")
        for alias in node.names
        if alias.name in CORE_WRITES
    }


def test_only_the_listed_modules_write_with_core_statements() -> None:
    found = {
        str(path.relative_to(PACKAGE)): names
        for floor in SCANNED
        for path in sorted((PACKAGE / floor).rglob("*.py"))
        if (names := _core_writes(path))
    }
    assert set(found) - ALLOWED == set(), f"Core writes outside the list: {found}"
    assert ALLOWED - set(found) == set(), "a listed module no longer needs its place"
