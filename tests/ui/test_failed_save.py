"""A save the database refuses (the file locked by another program) on the Overview form:
the message shows beside the field, the value stays unsaved in the editor, nothing goes on
the undo stack, and Retry (or Enter) saves it once the file is free."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.model import Account
from cs_planner.storage import Portfolio
from cs_planner.ui.accounts.overview_tab import OverviewTab
from cs_planner.ui.shell.context import AppContext


@pytest.fixture
def account(portfolio: Portfolio) -> int:
    with portfolio.session() as s:
        return create_account(s, "Harbor Lane", 120_000, arr=120_000)


@pytest.fixture
def impatient(portfolio: Portfolio) -> Portfolio:
    """The portfolio's connections wait 0.1 s, not 5 s, for a lock (the test stays quick)."""

    @event.listens_for(portfolio.engine, "connect")
    def _short_wait(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=100")

    portfolio.engine.dispose()  # pooled connections reconnect with the short wait
    return portfolio


@pytest.fixture
def locker(portfolio_path: Path) -> Iterator[sqlite3.Connection]:
    """A second program's connection to the same file, free to take the write lock."""
    connection = sqlite3.connect(portfolio_path, isolation_level=None, timeout=0.1)
    yield connection
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    connection.close()


@pytest.fixture
def widget(qtbot, impatient: Portfolio, account: int, today) -> OverviewTab:
    ctx = AppContext(impatient)
    ctx.today = lambda: today
    w = OverviewTab(ctx)
    qtbot.addWidget(w)
    w.set_account(account)
    return w


def arr_in_file(portfolio: Portfolio, account: int) -> float:
    with portfolio.session() as s:
        return s.get(Account, account).arr


def test_a_failed_save_is_shown_beside_the_field_and_can_be_retried(
    qtbot, widget: OverviewTab, impatient: Portfolio, account: int, locker, monkeypatch
) -> None:
    from cs_planner.ui.shell import errors

    monkeypatch.setattr(errors.ErrorDialog, "exec", lambda self: pytest.fail("a modal dialog"))
    form = widget.form
    editor, message = form.editors["arr"], form.errors["arr"]
    stack = widget.ctx.undo_stack
    locker.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    editor.setText("180,000")
    editor.setModified(True)
    editor.editingFinished.emit()

    assert not message.isHidden()
    assert "Not saved" in message.text() and "busy" in message.text()
    assert 'href="retry"' in message.text()
    assert editor.text() == "180,000" and editor.is_dirty()  # kept, and still unsaved
    assert stack.count() == 0
    locker.execute("ROLLBACK")
    assert arr_in_file(impatient, account) == 120_000

    # A reload (another field saved) leaves the unsaved value and its message alone.
    widget.form.editors["industry"].setText("Logistics")
    widget.form.editors["industry"].editingFinished.emit()
    assert editor.text() == "180,000" and "Not saved" in message.text()
    assert stack.count() == 1

    message.linkActivated.emit("retry")  # the file is free again
    assert arr_in_file(impatient, account) == 180_000
    assert message.isHidden() and not editor.is_dirty()
    assert stack.count() == 2
    assert stack.undoText() == "Change ARR of Harbor Lane from 120,000 to 180,000"


def test_enter_retries_a_failed_save(
    qtbot, widget: OverviewTab, impatient: Portfolio, account: int, locker
) -> None:
    editor, message = widget.form.editors["arr"], widget.form.errors["arr"]
    locker.execute("BEGIN EXCLUSIVE")
    editor.setText("200,000")
    editor.editingFinished.emit()
    assert "Not saved" in message.text()
    locker.execute("ROLLBACK")
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert arr_in_file(impatient, account) == 200_000
    assert message.isHidden()


def test_a_failed_notes_save_keeps_the_notes_unsaved(
    qtbot, widget: OverviewTab, impatient: Portfolio, account: int, locker
) -> None:
    notes, message = widget.form.editors["notes"], widget.form.errors["notes"]
    locker.execute("BEGIN EXCLUSIVE")
    notes.setPlainText("Renewal talks start in Q3.")
    notes.document().setModified(True)
    notes.committed.emit()
    assert "Not saved" in message.text() and notes.is_dirty()
    locker.execute("ROLLBACK")
    assert widget.form.retry("notes")
    with impatient.session() as s:
        assert s.get(Account, account).notes == "Renewal talks start in Q3."
