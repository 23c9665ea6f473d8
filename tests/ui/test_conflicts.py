"""Two windows on one portfolio write the same record: the second is told who changed it,
sees both values and chooses; an undo over a colleague's later change is a conflict too.
On a file and on a PostgreSQL server."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from sqlalchemy import select

from cs_planner.domain.change_log import Conflict, differences
from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Delete, Update
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.model import Account, Settings, Stakeholder, TeamMember
from cs_planner.domain.relationships import writes
from cs_planner.domain.relationships.rows import StakeholderValues
from cs_planner.storage import Portfolio, open_portfolio
from cs_planner.ui.shell.conflict_dialog import ConflictDialog
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import MINE, perform
from cs_planner.ui.shell.watcher import ChangeWatcher
from tests.conftest import url_of


@pytest.fixture(params=["sqlite", "postgresql"])
def shared(request, portfolio_path) -> Portfolio:
    if request.param == "postgresql":
        opened = open_portfolio(request.getfixturevalue("postgres_url"))
    else:
        opened = open_portfolio(portfolio_path)
    yield opened
    opened.close()


def _seed(portfolio: Portfolio) -> tuple[int, int, int]:
    with portfolio.session() as s:
        s.add(TeamMember(name="Dario Kowalczyk", role=TeamRole.CSM))
        s.get(Settings, 1).owner_name = "Dario Kowalczyk"
        account = Account(name="Meridian Freight Group", initial_deal_value=80_000)
        s.add(account)
        s.flush()
        ada = Stakeholder(account_id=account.id, name="Ada Brennan", title="VP Operations")
        rui = Stakeholder(account_id=account.id, name="Rui Santos", title="Director IT")
        s.add_all([ada, rui])
        s.flush()
        return account.id, ada.id, rui.id


def _retitle(account: int, person: int, name: str, title: str) -> Update[StakeholderValues]:
    values = StakeholderValues(name=name, title=title)
    return Update(
        f"Change the title of {name} to {title}",
        writes.update_stakeholder,
        person,
        values,
        Changes.account(account),
    )


def _title(portfolio: Portfolio, person: int) -> str:
    with portfolio.read() as s:
        return s.scalar(select(Stakeholder.title).where(Stakeholder.id == person))


class Windows:
    def __init__(self, portfolio: Portfolio) -> None:
        self.other = open_portfolio(url_of(portfolio))
        self.a, self.b = AppContext(portfolio), AppContext(self.other)
        self.asked: list[Conflict] = []
        self.answer = "theirs"
        for ctx in (self.a, self.b):
            ctx.resolve_conflict = self._resolve
            ChangeWatcher(ctx, interval_ms=60_000).start()  # polled by hand below

    def _resolve(self, conflict: Conflict) -> str:
        self.asked.append(conflict)
        return self.answer

    def poll(self, ctx: AppContext) -> None:
        ctx.findChild(ChangeWatcher).poll()


@pytest.fixture
def windows(shared: Portfolio):
    opened = Windows(shared)
    yield opened
    opened.other.close()


def test_the_second_writer_is_asked_with_both_values(qtbot, shared, windows) -> None:
    account, ada, rui = _seed(shared)
    windows.poll(windows.a), windows.poll(windows.b)
    perform(windows.a, _retitle(account, ada, "Ada Brennan", "COO"))
    perform(windows.b, _retitle(account, rui, "Rui Santos", "CIO"))  # another person: fine
    assert windows.asked == []

    heard: list[Changes] = []
    windows.b.changed.connect(heard.append)
    with pytest.raises(Conflict, match="Dario Kowalczyk changed this meanwhile"):
        perform(windows.b, _retitle(account, ada, "Ada Brennan", "Chief Operating Officer"))
    assert _title(shared, ada) == "COO"  # kept theirs: nothing written
    assert heard == [Changes.account(account)]  # and b's views reload to show it
    assert windows.b.undo_stack.count() == 1

    conflict = windows.asked[-1]
    found = windows.b.read(lambda s: differences(s, conflict))  # what the dialog lists
    assert [(d.record, d.field, d.theirs, d.yours) for d in found] == [
        ("Stakeholder Ada Brennan", "title", "COO", "Chief Operating Officer")
    ]

    windows.answer = MINE
    perform(windows.b, _retitle(account, ada, "Ada Brennan", "Chief Operating Officer"))
    assert _title(shared, ada) == "Chief Operating Officer"
    assert windows.b.undo_stack.count() == 2


def test_undo_over_a_later_change_by_someone_else_is_a_conflict(qtbot, shared, windows) -> None:
    account, ada, _ = _seed(shared)
    windows.poll(windows.a), windows.poll(windows.b)
    perform(windows.a, _retitle(account, ada, "Ada Brennan", "COO"))
    windows.poll(windows.b)  # b has shown a's change: b's edit is no conflict
    perform(windows.b, _retitle(account, ada, "Ada Brennan", "Chief Operating Officer"))
    assert windows.asked == []
    windows.poll(windows.a)
    windows.a.undo_stack.undo()  # would put "VP Operations" back over b's title
    assert len(windows.asked) == 1
    assert _title(shared, ada) == "Chief Operating Officer"
    assert windows.a.undo_stack.count() == 0  # the step is gone, not left to overwrite later
    windows.b.undo_stack.undo()  # b's own undo, nobody wrote since: back to a's title
    assert _title(shared, ada) == "COO"


def test_deleting_a_person_someone_else_changed_meanwhile_is_a_conflict(
    qtbot, shared, windows
) -> None:
    """A delete writes with Core statements (its undo puts the rows back with their ids):
    the rows it removes still count in the check."""
    account, ada, _ = _seed(shared)
    windows.poll(windows.b)
    perform(windows.a, _retitle(account, ada, "Ada Brennan", "COO"))
    delete = Delete("Delete Ada Brennan", Stakeholder, [ada], Changes.account(account))
    with pytest.raises(Conflict):
        perform(windows.b, delete)
    assert _title(shared, ada) == "COO"  # still there, with a's title
    found = windows.b.read(lambda s: differences(s, windows.asked[-1]))
    assert [(d.record, d.theirs) for d in found] == [("Stakeholder Ada Brennan", "changed")]
    windows.poll(windows.b)  # once b has shown a's change, the delete goes through
    perform(windows.b, delete)
    assert _title(shared, ada) is None


def test_the_dialog_shows_both_values_and_keeps_theirs_by_default(qtbot, shared, windows) -> None:
    account, ada, _ = _seed(shared)
    windows.poll(windows.b)
    perform(windows.a, _retitle(account, ada, "Ada Brennan", "COO"))
    shown: list[ConflictDialog] = []

    def show(conflict: Conflict) -> str:
        found = windows.b.read(lambda s: differences(s, conflict))
        dialog = ConflictDialog(found, conflict, None)
        qtbot.addWidget(dialog)
        shown.append(dialog)
        buttons = dialog.findChild(QDialogButtonBox).findChildren(QPushButton)
        next(b for b in buttons if b.isDefault()).click()
        return dialog.choice

    windows.b.resolve_conflict = show
    with pytest.raises(Conflict):
        perform(windows.b, _retitle(account, ada, "Ada Brennan", "Chief Operating Officer"))
    table = shown[0].table
    cells = [table.item(0, c).text() for c in range(4)]
    assert cells == ["Stakeholder Ada Brennan", "title", "COO", "Chief Operating Officer"]
    assert shown[0].choice == "theirs"
