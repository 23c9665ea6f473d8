"""The import wizard driven as a user would, on a real portfolio file, offscreen: a
Salesforce pair and a generic file from the corpus, a fixed row and a row left out, the
import, undo; a cancel mid-import; the mapping remembered; a broken file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cs_planner.domain.imports.fields import Kind
from cs_planner.domain.imports.rows import PlanRow, Status
from cs_planner.domain.model import Account, Stakeholder
from cs_planner.storage import Portfolio
from cs_planner.ui.imports.preview_model import PreviewModel
from cs_planner.ui.imports.wizard import ImportWizard, imported_account
from cs_planner.ui.shell.context import AppContext
from tests.imports.helpers import org, tables, write

CORPUS = Path(__file__).parents[2] / "imports" / "corpus"


def _wizard(
    ctx: AppContext,
    qtbot: QtBot,
    main: Path,
    contacts: Path | None = None,
    account: str | None = None,
) -> ImportWizard:
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.files.main.edit.setText(str(main))
    if contacts is not None:
        wizard.files.contacts.edit.setText(str(contacts))
    if account is not None:
        wizard.files.put_all.setChecked(True)
        wizard.files.account.setCurrentText(account)
    return wizard


def _to_preview(wizard: ImportWizard) -> None:
    wizard.next()
    assert wizard.currentPage() is wizard.mapping, wizard.files.error.text()
    wizard.next()
    assert wizard.currentPage() is wizard.preview, wizard.mapping.error.text()


def _import(wizard: ImportWizard, qtbot: QtBot) -> None:
    wizard.next()
    assert wizard.currentPage() is wizard.apply
    qtbot.waitUntil(lambda: wizard.apply.done or wizard.apply.again.isVisible(), timeout=60_000)


def _edit(model: PreviewModel, name: str, column: str, value: object, role: int) -> None:
    """Type into a cell (or tick a box) of the row named ``name``, as the view would."""
    number = model.find(lambda r: r.name == name or r.values.get("name") == name)
    assert number is not None, name
    at = next(i for i, c in enumerate(model.columns) if c.header == column)
    assert model.setData(model.index(number, at), value, role)


def _row(rows: list[PlanRow], name: str) -> PlanRow:
    return next(r for r in rows if r.name == name)


def test_salesforce_pair_fixed_and_left_out_rows_imported_then_undone(
    ctx: AppContext, portfolio: Portfolio, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt

    before = tables(portfolio)
    wizard = _wizard(
        ctx, qtbot, CORPUS / "salesforce_accounts.csv", CORPUS / "salesforce_contacts.csv"
    )
    _to_preview(wizard)
    preview = wizard.job.preview
    assert preview is not None
    assert preview.counts(Kind.ACCOUNTS)[Status.SKIP] == 1  # Initech's ARR is "n/a"
    assert tables(portfolio) == before  # nothing is written by a preview

    # Fix Initech's ARR in place; leave Kim Lee (her manager is not in the file) out.
    wizard.preview.panels[Kind.ACCOUNTS].problems.setChecked(True)
    accounts = wizard.preview.panels[Kind.ACCOUNTS].model
    _edit(accounts, "Initech", "ARR", "90,000", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: _row(preview.accounts, "Initech").status is Status.CREATE)
    # Fixed, it is no longer among the problems (Globex's parent, Acme Corp, is found).
    assert [r.values["name"] for r in accounts.rows()] == []
    people = wizard.preview.panels[Kind.CONTACTS].model
    _edit(
        people, "Kim Lee", "Import", Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.waitUntil(lambda: _row(preview.contacts, "Kim Lee").excluded)
    assert preview.counts(Kind.ACCOUNTS)[Status.CREATE] == 3
    assert preview.counts(Kind.CONTACTS)[Status.CREATE] == 5
    # "Problems only" shows the nameless row and the one left out.
    wizard.preview.panels[Kind.CONTACTS].problems.setChecked(True)
    assert {r.row for r in people.rows()} == {6, 8}
    # The org chart of the account with most people, as it will be, drawn when looked at.
    org_chart = wizard.preview.org
    wizard.preview.tabs.setCurrentWidget(org_chart)
    assert org_chart.current().name == "Acme Corp"
    cards = org_chart.scene.cards
    assert sorted(c.person.name for c in cards.values()) == [
        "Ada Brennan",
        "Lin Wu",
        "Omar Haddad",
        "Rui Santos",
    ]
    lin = next(c.person for c in cards.values() if c.person.name == "Lin Wu")
    omar = next(c.person for c in cards.values() if c.person.name == "Omar Haddad")
    assert omar.reports_to_id == lin.id

    _import(wizard, qtbot)
    assert wizard.apply.done, wizard.apply.report.text()
    assert org(portfolio, "Acme Corp") == {
        "Ada Brennan": None,
        "Rui Santos": "Ada Brennan",
        "Lin Wu": "Rui Santos",
        "Omar Haddad": "Lin Wu",
    }
    with portfolio.read() as session:
        initech = session.scalars(select(Account).where(Account.name == "Initech")).one()
        assert initech.arr == 90_000 and initech.external_id == "0015g00000InitC"
        acme = session.scalars(select(Account.id).where(Account.name == "Acme Corp")).one()
        globex = session.scalars(select(Account).where(Account.name == "Globex")).one()
        assert globex.parent_id == acme  # ParentId kept
        ada = session.scalars(select(Stakeholder).where(Stakeholder.name == "Ada Brennan")).one()
        assert (ada.phone, ada.country) == ("+49 30 1234", "Germany")
    assert imported_account(wizard.job) == acme  # the window shows it after Finish
    assert wizard.job.backup is not None and wizard.job.backup.exists()
    assert "Imported." in wizard.apply.report.text()

    assert ctx.undo_stack.count() == 1  # one undo step
    ctx.undo_stack.undo()
    assert tables(portfolio) == before
    ctx.undo_stack.redo()
    assert set(org(portfolio, "Acme Corp")) == {
        "Ada Brennan",
        "Rui Santos",
        "Lin Wu",
        "Omar Haddad",
    }


def test_a_generic_file_into_one_account_and_its_mapping_remembered(
    ctx: AppContext, portfolio: Portfolio, qtbot: QtBot, tmp_path: Path
) -> None:
    wizard = _wizard(ctx, qtbot, CORPUS / "manager_by_name.csv", account="Umbrella")
    _to_preview(wizard)
    _import(wizard, qtbot)
    assert org(portfolio, "Umbrella") == {
        "Ann Top": None,
        "Bob Mid": "Ann Top",
        "Cat Low": "Bob Mid",
    }
    # The same file again: nothing to do, and Import says so by staying off.
    again = _wizard(ctx, qtbot, CORPUS / "manager_by_name.csv", account="Umbrella")
    _to_preview(again)
    assert again.job.preview is not None and again.job.preview.writes.empty
    assert not again.preview.isComplete()
    assert "Nothing to import" in again.preview.notes.text()

    # Columns nothing recognises: the user matches them once...
    odd = write(tmp_path, "odd.csv", "Foo,Bar\nHooli,Search\n")
    first = _wizard(ctx, qtbot, odd)
    first.next()
    editor = first.mapping.editors[0]
    assert not editor.choice.remembered
    name = next(r for r in editor.rows if r.target == "name")
    name.choice.setCurrentIndex(name.choice.findData("Foo"))
    industry = next(r for r in editor.rows if r.target == "industry")
    industry.choice.setCurrentIndex(1)  # a fixed value
    industry.value.setText("Internet")
    first.next()
    _import(first, qtbot)
    assert first.apply.done, first.apply.report.text()

    # ...and the next file with the same columns comes with that mapping.
    again = write(tmp_path, "odd2.csv", "Bar,Foo\nRetail,Pied Piper\n")
    second = _wizard(ctx, qtbot, again)
    second.next()
    editor = second.mapping.editors[0]
    assert editor.choice.remembered
    assert "the last time" in editor.origin.text()
    mapping = editor.mapping()
    assert mapping.fields["name"].column == "Foo"
    assert mapping.fields["industry"].value == "Internet"
    second.next()
    assert second.job.preview is not None
    assert [r.name for r in second.job.preview.accounts] == ["Pied Piper"]


@pytest.mark.parametrize("how", ["the Cancel button", "Escape"])
def test_cancel_mid_import_leaves_the_portfolio_as_it_was(
    ctx: AppContext, portfolio: Portfolio, qtbot: QtBot, tmp_path: Path, how: str
) -> None:
    rows = "\n".join(f"Person {i},p{i}@x.com,Person {i // 10}" for i in range(1, 1500))
    big = write(tmp_path, "big.csv", "Name,Email,Manager\n" + rows + "\n")
    before = tables(portfolio)
    wizard = _wizard(ctx, qtbot, big, account="Big Co")
    _to_preview(wizard)
    strip = wizard.apply.work
    # The user clicks Cancel as soon as the bar moves.
    cancel = strip.cancel_button.click if how == "the Cancel button" else wizard.reject
    strip.bar.valueChanged.connect(lambda v: v > 0 and cancel())
    _import(wizard, qtbot)
    assert not wizard.apply.done
    assert "cancelled" in wizard.apply.report.text()
    assert "not changed" in wizard.apply.report.text()
    assert tables(portfolio) == before
    assert ctx.undo_stack.count() == 0
    assert wizard.isVisible()  # Escape stopped the import, not the window


@pytest.mark.parametrize(
    ("name", "message"),
    [("empty.csv", "the file is empty"), ("damaged.xlsx", "damaged"), ("old_excel.xls", "97-2003")],
)
def test_a_broken_file_says_why_and_changes_nothing(
    ctx: AppContext, portfolio: Portfolio, qtbot: QtBot, name: str, message: str
) -> None:
    before = tables(portfolio)
    wizard = _wizard(ctx, qtbot, CORPUS / name)
    wizard.next()
    assert wizard.currentPage() is wizard.files
    assert wizard.files.error.isVisible()
    assert message in wizard.files.error.text() and name in wizard.files.error.text()
    assert tables(portfolio) == before


def test_every_page_fits_a_laptop_screen_with_nothing_cut(
    ctx: AppContext, qtbot: QtBot, qtmodeltester
) -> None:
    from tests.ui.clipping import clipped_texts

    wizard = _wizard(
        ctx, qtbot, CORPUS / "salesforce_accounts.csv", CORPUS / "salesforce_contacts.csv"
    )
    wizard.resize(1366 - 40, 768 - 60)  # the screen less the window's frame and a panel
    hint = wizard.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768 - 60
    pages = []
    for _ in range(3):
        try:
            qtbot.waitUntil(lambda: clipped_texts(wizard) == [], timeout=3000)
        except Exception:
            raise AssertionError("\n".join(clipped_texts(wizard))) from None
        pages.append(wizard.currentPage())
        if wizard.currentPage() is not wizard.preview:
            wizard.next()
    for panel in wizard.preview.panels.values():
        qtmodeltester.check(panel.model)
    assert pages == [wizard.files, wizard.mapping, wizard.preview]


def test_files_dropped_on_the_first_page_fill_it(ctx: AppContext, qtbot: QtBot) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.files
    files = [CORPUS / "salesforce_accounts.csv", CORPUS / "salesforce_contacts.csv"]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(drop)
    assert [page.main.path(), page.contacts.path()] == [str(f) for f in files]
    # A file's URL typed or dropped into the box itself is its path.
    page.main.edit.setText(QUrl.fromLocalFile(str(files[0])).toString())
    assert page.main.path() == str(files[0])


def test_the_date_order_is_chosen_in_the_mapping_said_in_the_preview_and_remembered(
    ctx: AppContext, portfolio: Portfolio, qtbot: QtBot, tmp_path: Path
) -> None:
    import datetime as dt

    from cs_planner.domain.imports.values import DateOrder

    path = write(tmp_path, "us.csv", "Account Name,Renewal Date\nUS Corp,03/04/2027\n")
    wizard = _wizard(ctx, qtbot, path)
    wizard.next()
    editor = wizard.mapping.editors[0]
    assert editor.date_order.isVisibleTo(editor)  # an accounts file has dates
    assert editor.date_order.currentText() == "day first (3 April 2026)"
    editor.date_order.setCurrentIndex(editor.date_order.findData("month first"))
    wizard.next()
    assert "read as 4 March 2026 (month first)" in wizard.preview.notes.text()
    _import(wizard, qtbot)
    assert wizard.apply.done, wizard.apply.report.text()
    with portfolio.read() as session:
        renewal = session.scalar(select(Account.renewal_date).where(Account.name == "US Corp"))
    assert renewal == dt.date(2027, 3, 4)
    # Remembered with the mapping for files with these columns.
    again = _wizard(ctx, qtbot, path)
    again.next()
    assert again.mapping.editors[0].choice.remembered
    assert again.mapping.editors[0].mapping().date_order is DateOrder.MONTH_FIRST
    # A people file has no date to read: the choice is not offered.
    people = _wizard(ctx, qtbot, CORPUS / "manager_by_name.csv", account="Umbrella")
    people.next()
    assert not people.mapping.editors[0].date_order.isVisibleTo(people.mapping.editors[0])


def test_owner_ids_are_translated_in_the_mapping_dialog_and_remembered(
    ctx: AppContext, portfolio: Portfolio, qtbot: QtBot, tmp_path: Path
) -> None:
    from cs_planner.domain.enums import TeamRole
    from cs_planner.domain.model import TeamMember
    from cs_planner.ui.imports.owners import NOBODY

    with portfolio.session() as s:
        s.add_all(
            [
                TeamMember(name="Ann Lee", role=TeamRole.CSM),
                TeamMember(name="Bob Ray", role=TeamRole.CSA),
            ]
        )
    path = write(
        tmp_path,
        "sf.csv",
        "Id,Name,OwnerId\n001A,Acme Corp,005Ann\n001B,Globex,005Bob\n001C,Hooli,Ann Lee\n",
    )
    wizard = _wizard(ctx, qtbot, path)
    wizard.next()
    owners = wizard.mapping.editors[0].owners
    assert owners.isVisibleTo(wizard.mapping.editors[0])
    assert list(owners.choices) == ["005Ann", "005Bob"]  # Ann Lee matches as she is
    ann = owners.choices["005Ann"]
    assert [ann.itemText(i) for i in range(ann.count())] == [NOBODY, "Ann Lee", "Bob Ray"]
    ann.setCurrentIndex(ann.findData("Ann Lee"))
    wizard.next()
    preview = wizard.job.preview
    assert preview is not None
    reasons = {r.name: r.reasons for r in preview.accounts}
    assert reasons["Acme Corp"] == [] and "'005Bob' is not one of your team" in reasons["Globex"][0]
    _import(wizard, qtbot)
    assert wizard.apply.done, wizard.apply.report.text()
    with portfolio.read() as session:
        csm = session.scalar(
            select(TeamMember.name)
            .join(Account, Account.csm_id == TeamMember.id)
            .where(Account.name == "Acme Corp")
        )
    assert csm == "Ann Lee"
    # The next export with the same columns comes with the translation.
    again = _wizard(ctx, qtbot, path)
    again.next()
    editor = again.mapping.editors[0]
    assert editor.owners.choices["005Ann"].currentData() == "Ann Lee"
    assert editor.owners.choices["005Bob"].currentData() is None
    assert editor.mapping().owners == {"005Ann": "Ann Lee"}
    # Choosing no owner column empties the table.
    owner_row = next(r for r in editor.rows if r.target == "owner")
    owner_row.choice.setCurrentIndex(0)
    assert editor.owners.choices == {} and not editor.owners.isVisibleTo(editor)
