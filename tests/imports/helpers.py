"""Shared steps of the import tests: write a file, preview it against a real portfolio,
apply it, and read back the tables an import touches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from cs_planner.domain.edits import run
from cs_planner.domain.imports.apply import ImportEdit
from cs_planner.domain.imports.existing import load_existing
from cs_planner.domain.imports.mapping import recognise
from cs_planner.domain.imports.preview import Preview, Source, build_preview
from cs_planner.domain.imports.reading import read_table
from cs_planner.domain.model import Account, Division, Stakeholder
from cs_planner.storage import Portfolio


def write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def preview(
    portfolio: Portfolio,
    accounts: Path | None = None,
    contacts: Path | None = None,
    account: str | None = None,
) -> Preview:
    sources = []
    for path in (accounts, contacts):
        if path is not None:
            table = read_table(path)
            sources.append(Source(table, recognise(table.headers)))
    with portfolio.read() as session:
        existing = load_existing(session)
    by_kind = {s.mapping.kind.value: s for s in sources}
    return build_preview(
        existing, by_kind.get("accounts"), by_kind.get("contacts"), default_account=account
    )


def apply(portfolio: Portfolio, plan: Preview) -> ImportEdit:
    edit = ImportEdit(plan.writes, "Import")
    with portfolio.session() as session:
        run(session, edit)
    return edit


def tables(portfolio: Portfolio) -> dict[str, list[dict[str, Any]]]:
    """Every row of the tables an import writes, as plain dicts (for before/after)."""
    found: dict[str, list[dict[str, Any]]] = {}
    with portfolio.read() as session:
        for model in (Account, Division, Stakeholder):
            table = model.__table__
            rows = session.execute(select(table).order_by(table.c.id)).mappings()
            # Without the version counter: an undo puts the values back and counts up.
            found[table.name] = [{k: v for k, v in row.items() if k != "version"} for row in rows]
    return found


def org(portfolio: Portfolio, account: str) -> dict[str, str | None]:
    """Each person of an account -> their manager's name."""
    with portfolio.read() as session:
        people = session.scalars(
            select(Stakeholder).join(Account).where(Account.name == account)
        ).all()
        names = {p.id: p.name for p in people}
        return {p.name: names.get(p.reports_to_id) if p.reports_to_id else None for p in people}
