"""Applying an import: undo restores the file's rows exactly (created rows gone, updated
fields back), redo makes the same ids, and a cancel or a failure leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from cs_planner.demo import generate
from cs_planner.domain.edits import run
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.apply import ImportEdit
from cs_planner.domain.imports.fields import Kind
from cs_planner.domain.imports.preview import ImportCancelled
from cs_planner.domain.imports.rows import Status
from cs_planner.domain.model import Account, Stakeholder
from cs_planner.storage import Portfolio
from tests.imports.helpers import apply, preview, tables, write


def _demo_file(portfolio: Portfolio, tmp_path: Path, today: dt.date) -> tuple[Path, str]:
    """A contacts file that updates two of a demo account's people, moves one under a new
    person and adds a division: creates, updates and reporting lines at once."""
    generate(portfolio, accounts=2, today=today)
    with portfolio.read() as session:
        account = session.scalars(select(Account).order_by(Account.id)).first()
        assert account is not None
        people = session.scalars(
            select(Stakeholder).where(Stakeholder.account_id == account.id).order_by(Stakeholder.id)
        ).all()
        first, second = people[0], people[1]
        name = account.name
        lines = [
            "Name,Email,Title,Department,Manager",
            f"{first.name},{first.email},Chief Renamed Officer,Brand New Dept,",
            f"{second.name},{second.email},{second.title},,New Boss",
            "New Boss,new.boss@example.com,SVP Everything,Brand New Dept,",
            f"New Hire,new.hire@example.com,Analyst,,{first.name}",
        ]
    return write(tmp_path, "contacts.csv", "\n".join(lines) + "\n"), name


def test_undo_restores_the_files_rows_exactly_and_redo_makes_the_same_ids(
    portfolio: Portfolio, tmp_path: Path, today: dt.date
) -> None:
    path, account = _demo_file(portfolio, tmp_path, today)
    before = tables(portfolio)
    plan = preview(portfolio, contacts=path, account=account)
    assert [r.status for r in plan.contacts] == [
        Status.UPDATE,
        Status.UPDATE,
        Status.CREATE,
        Status.CREATE,
    ]
    edit = apply(portfolio, plan)
    after = tables(portfolio)
    assert after != before
    with portfolio.session() as session:
        edit.revert(session)
    assert tables(portfolio) == before
    with portfolio.session() as session:
        run(session, edit)
    assert tables(portfolio) == after


def test_a_cancel_rolls_everything_back(portfolio: Portfolio, tmp_path: Path) -> None:
    rows = "\n".join(f"Person {i},p{i}@x.com,Person {i // 10}" for i in range(1, 1200))
    path = write(tmp_path, "big.csv", "Name,Email,Manager\n" + rows + "\n")
    plan = preview(portfolio, contacts=path, account="Big")
    before = tables(portfolio)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 1000

    with pytest.raises(ImportCancelled), portfolio.session() as session:
        run(session, ImportEdit(plan.writes, "Import", progress=progress))
    assert tables(portfolio) == before
    assert seen and seen[-1][0] >= 1000 and seen[0][1] == seen[-1][1]


def test_a_row_the_database_refuses_leaves_nothing_behind(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    path = write(tmp_path, "c.csv", "Name,Title\nAda,CEO\nBob,CTO\n")
    plan = preview(portfolio, contacts=path, account="Acme")
    before = tables(portfolio)
    # A value that got past the preview (a dialog's bug) is refused by the model's checks.
    key = plan.contacts[1].key
    plan.writes.new_people[key][1]["title"] = "x" * 500
    with pytest.raises(ValidationError), portfolio.session() as session:
        run(session, ImportEdit(plan.writes))
    assert tables(portfolio) == before


def test_the_preview_reports_progress_and_a_cancel_stops_it(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    from cs_planner.domain.imports.existing import load_existing
    from cs_planner.domain.imports.mapping import recognise
    from cs_planner.domain.imports.preview import PROGRESS_EVERY, Source, build_preview
    from cs_planner.domain.imports.reading import read_table

    rows = "\n".join(f"Person {i},p{i}@x.com,Person {i // 10}" for i in range(1, 2500))
    table = read_table(write(tmp_path, "big.csv", "Name,Email,Manager\n" + rows + "\n"))
    source = Source(table, recognise(table.headers))
    with portfolio.read() as session:
        existing = load_existing(session)
    seen: list[tuple[int, int]] = []
    plan = build_preview(
        existing,
        contacts=source,
        default_account="Big",
        progress=lambda d, t: not seen.append((d, t)),
    )
    # Contacts count twice (their reporting lines are a second pass).
    assert seen[-1] == (2 * 2499, 2 * 2499) and seen[0] == (PROGRESS_EVERY, 2 * 2499)
    assert plan.counts(Kind.CONTACTS)[Status.CREATE] == 2499
    with pytest.raises(ImportCancelled):
        build_preview(existing, contacts=source, default_account="Big", progress=lambda d, t: False)
