"""The main window: accounts added, edited, deleted and undone; state remembered; files
refused; views rendered to PNG."""

from __future__ import annotations

import datetime as dt
import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import func, select

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import BuyingRole, TeamRole
from cs_planner.domain.model import Account, Base, Division, Stakeholder, TeamMember
from cs_planner.storage import PortfolioLockedError
from cs_planner.ui.accounts.account_new import NewAccountDialog
from cs_planner.ui.common.dialogs import SettingsDialog
from cs_planner.ui.shell import errors
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.opening import open_for_ui

EXE = Path(sys.executable).with_name("cs-planner")


def _fill(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        csm = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        s.add(csm)
        s.flush()
        ids = {
            "Harbor Lane Logistics": create_account(
                s, "Harbor Lane Logistics", 100_000, arr=120_000, csm_id=csm.id
            ),
            "Kestrel Biotech": create_account(s, "Kestrel Biotech", 50_000, arr=60_000),
        }
        ops = Division(account_id=ids["Harbor Lane Logistics"], name="Operations")
        boss = Stakeholder(
            account_id=ids["Harbor Lane Logistics"], name="Ada Brennan", division=ops
        )
        boss.roles = {BuyingRole.CHAMPION}
        s.add_all(
            [
                ops,
                boss,
                Stakeholder(
                    account_id=ids["Harbor Lane Logistics"], name="Rui Santos", reports_to=boss
                ),
            ]
        )
    return ids


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, portfolio_path: Path, settings: QSettings):
    portfolio, lock = open_for_ui(portfolio_path)
    ids = _fill(portfolio)
    win = MainWindow(AppContext(portfolio), lock, settings)
    qtbot.addWidget(win)
    win.ids = ids
    yield win
    win.close()


def _arr(window: MainWindow, name: str) -> float:
    return window.ctx.read(lambda s: s.scalar(select(Account.arr).where(Account.name == name)))


def _counts(window: MainWindow) -> dict[str, int]:
    return window.ctx.read(
        lambda s: {
            t.name: s.scalar(select(func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
            if t.name != "change_log"  # the log of the actions themselves grows with each
        }
    )


def test_title_status_and_list(window: MainWindow) -> None:
    assert window.windowTitle() == "test — cs_planner"
    assert window.count_label.text() == "2 accounts"
    assert window.portfolio_view.model.rowCount() == 2


def test_only_what_is_shown_is_built(window: MainWindow) -> None:
    """Start-up builds the first tab only; a tab or page is built when first shown."""
    workspace = window.workspace
    window.portfolio_view.select_account(window.ids["Kestrel Biotech"])
    built = [holder.page is not None for holder in workspace.holders]
    assert built == [True] + [False] * (len(built) - 1)
    assert window.main_area.set_tab("Relationships")
    relationships = workspace.current_page()
    assert type(relationships).__name__ == "RelationshipsTab"
    assert window.main_area.set_tab("CSAs")
    assert type(window.main_area.current_page()).__name__ == "CsaPage"


def test_undo_works_after_switching_accounts(window: MainWindow) -> None:
    harbor, kestrel = window.ids["Harbor Lane Logistics"], window.ids["Kestrel Biotech"]
    window.portfolio_view.select_account(harbor)
    arr = window.workspace.current_page().form.editors["arr"]  # the Overview tab's field
    arr.setText("180,000")
    arr.editingFinished.emit()
    assert window.ctx.undo_stack.undoText() == (
        "Change ARR of Harbor Lane Logistics from 120,000 to 180,000"
    )
    assert "Saved" in window.saved_label.text()
    window.portfolio_view.select_account(kestrel)
    assert window.workspace.account_id == kestrel
    window.ctx.undo_stack.undo()
    assert _arr(window, "Harbor Lane Logistics") == 120_000
    window.ctx.undo_stack.redo()
    assert _arr(window, "Harbor Lane Logistics") == 180_000


def test_add_account_through_the_dialog_and_undo(window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(
        NewAccountDialog,
        "ask",
        classmethod(lambda cls, parent, **_: {"name": "Alder Civic", "initial_deal_value": 40_000}),
    )
    window.add_account()
    assert window.workspace.account_id is not None
    assert window.count_label.text() == "3 accounts"
    window.ctx.undo_stack.undo()
    assert window.portfolio_view.model.total == 2
    window.ctx.undo_stack.redo()
    assert window.portfolio_view.model.total == 3


def test_delete_account_asks_and_undo_brings_everything_back(
    window: MainWindow, monkeypatch
) -> None:
    before = _counts(window)
    window.portfolio_view.select_account(window.ids["Harbor Lane Logistics"])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.delete_accounts()
    assert _counts(window) == before
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_accounts()
    after = _counts(window)
    assert after["account"] == 1 and after["stakeholder"] == 0 and after["division"] == 0
    assert window.workspace.account_id is None
    window.ctx.undo_stack.undo()
    assert _counts(window) == before
    assert (
        window.ctx.read(
            lambda s: s.scalar(
                select(Stakeholder.reports_to_id).where(Stakeholder.name == "Rui Santos")
            )
        )
        is not None
    )


def test_settings_dialog_edits_are_undoable(window: MainWindow, monkeypatch) -> None:
    def ask(cls, current, parent=None):
        return {**current.__dict__, "currency": "EUR", "stale_contact_days": 60}

    monkeypatch.setattr(SettingsDialog, "ask", classmethod(ask))
    window.edit_settings()
    assert window.portfolio_view.model.currency == "EUR"
    window.ctx.undo_stack.undo()
    assert window.portfolio_view.model.currency == "USD"


def test_settings_dialog_shows_errors_next_to_the_field(qtbot, window: MainWindow) -> None:
    from cs_planner.domain.accounts.queries import get_settings

    dialog = SettingsDialog(window.ctx.read(get_settings))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.currency.setText("dollars")
    dialog._accept()
    # Refused: the dialog stays open, not accepted, the message under the field.
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "three-letter" in dialog.errors["currency"].text()
    assert not dialog.errors["currency"].isHidden()
    dialog.currency.setText("EUR")  # a valid value closes it, accepted, the message gone
    dialog._accept()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.errors["currency"].isHidden()


def test_state_is_restored_on_a_second_start(
    qtbot, portfolio_path: Path, settings: QSettings
) -> None:
    portfolio, lock = open_for_ui(portfolio_path)
    ids = _fill(portfolio)
    first = MainWindow(AppContext(portfolio), lock, settings)
    qtbot.addWidget(first)
    first.resize(720, 560)  # within the offscreen screen (800x800)
    first.portfolio_view.select_account(ids["Kestrel Biotech"])
    first.close()
    portfolio, lock = open_for_ui(portfolio_path)
    second = MainWindow(AppContext(portfolio), lock, settings)
    qtbot.addWidget(second)
    assert second.workspace.account_id == ids["Kestrel Biotech"]
    assert (second.width(), second.height()) == (720, 560)
    second.close()


def test_a_second_window_on_the_same_file_is_refused(
    window: MainWindow, portfolio_path: Path
) -> None:
    with pytest.raises(PortfolioLockedError, match="already open"):
        open_for_ui(portfolio_path)


def test_open_a_non_portfolio_shows_a_message_and_keeps_the_current_one(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    bogus = tmp_path / "bogus.csplan"
    bogus.write_bytes(b"PK\x03\x04 not a portfolio")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    assert not window.open_path(bogus)
    assert "not a cs_planner portfolio" in shown[0]
    assert bogus.read_bytes() == b"PK\x03\x04 not a portfolio"
    assert window.portfolio_view.model.total == 2


def test_unexpected_exception_shows_a_copyable_report(qtbot, monkeypatch) -> None:
    shown: list[errors.ErrorDialog] = []
    monkeypatch.setattr(errors.ErrorDialog, "exec", lambda self: shown.append(self) or 0)
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError:
        errors._hook(*sys.exc_info())
    assert "RuntimeError: disk on fire" in shown[0].report.toPlainText()
    assert "Traceback" in shown[0].report.toPlainText()


def test_screenshot_command_writes_the_requested_tab(portfolio_path: Path, tmp_path: Path) -> None:
    portfolio, lock = open_for_ui(portfolio_path)
    _fill(portfolio)
    portfolio.close()
    lock.unlock()
    out = tmp_path / "overview.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            str(EXE),
            str(portfolio_path),
            "--screenshot",
            str(out),
            "--account",
            "Harbor Lane Logistics",
            "--tab",
            "Overview",
            "--size",
            "1200x800",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 1200 and image.height() >= 800
    bad = subprocess.run(
        [str(EXE), str(portfolio_path), "--screenshot", str(out), "--tab", "Nope"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 1 and "no tab named 'Nope'" in bad.stderr


def test_today_is_injectable(window: MainWindow) -> None:
    window.ctx.today = lambda: dt.date(2020, 1, 1)
    window.portfolio_view.reload()
    assert window.portfolio_view.model.rowCount() == 2


def test_a_portfolio_page_opens_an_account_even_when_the_list_hides_it(
    window: MainWindow,
) -> None:
    kestrel = window.ids["Kestrel Biotech"]
    window.portfolio_view.search.setText("Harbor")
    assert window.portfolio_view.model.row_of(kestrel) is None
    assert window.main_area.set_tab("CSAs")
    window.ctx.openAccount.emit(kestrel)
    assert window.workspace.account_id == kestrel
    assert window.main_area.currentWidget() is window.workspace
    assert window.portfolio_view.selected_id() == kestrel
    assert window.portfolio_view.search.text() == ""


def test_closing_while_the_health_pass_runs_stops_it_first(window: MainWindow, qtbot) -> None:
    """The pass reads on a thread: closing the window stops it before the file closes, so
    it never reads a closed portfolio nor signals a list that is gone."""
    health = window.portfolio_view.health
    assert health is not None
    health.refresh(None)
    job = health._job
    assert job is not None
    window.close()
    assert not job.thread.is_alive()
    assert gc.isenabled()  # the pause the pass opened has ended
    qtbot.wait(50)  # whatever was queued is delivered to a living object, or dropped


def test_edits_are_signed_by_the_member_chosen_for_this_portfolio(
    window: MainWindow, settings: QSettings, monkeypatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from cs_planner.domain.accounts.edits import SetAccountField
    from cs_planner.domain.model import ChangeEntry
    from cs_planner.ui.shell.undo import perform

    with window.ctx.portfolio.session() as s:
        s.add(TeamMember(name="Omar Haddad", role=TeamRole.CSA))
    offered: list[list[str]] = []

    def pick(parent, title, label, items, current, editable):
        offered.append(list(items))
        return "Omar Haddad", True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    window.team.sign_edits_as()
    assert offered == [["Lena Marsh", "Omar Haddad"]]
    account = window.ids["Kestrel Biotech"]
    perform(window.ctx, SetAccountField(account, "arr", 70_000, "Change ARR"))
    signed = window.ctx.read(
        lambda s: s.scalar(
            select(TeamMember.name)
            .join(ChangeEntry, ChangeEntry.author_id == TeamMember.id)
            .order_by(ChangeEntry.id.desc())
        )
    )
    assert signed == "Omar Haddad"
    assert any(key.startswith("author/") for key in settings.allKeys())  # kept for next time


def test_a_team_server_asks_once_who_signs_the_edits(
    qtbot, postgres_url: str, settings: QSettings, monkeypatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from cs_planner.storage import open_portfolio

    portfolio = open_portfolio(postgres_url)
    with portfolio.session() as s:
        s.add(TeamMember(name="Dario Kowalczyk", role=TeamRole.CSM))
    asked: list[list[str]] = []

    def pick(parent, title, label, items, current, editable):
        asked.append(list(items))
        return "Dario Kowalczyk", True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    for _ in range(2):  # the second start remembers the answer
        win = MainWindow(AppContext(open_portfolio(postgres_url)), None, settings)
        qtbot.addWidget(win)
        qtbot.wait(50)
        win.close()
    portfolio.close()
    assert asked == [["Dario Kowalczyk"]]


def test_in_workshop_mode_a_conflict_keeps_theirs_without_showing_values(
    window: MainWindow, monkeypatch
) -> None:
    import datetime as dt

    from cs_planner.domain.change_log import Clash, Conflict, Entry
    from cs_planner.domain.changes import Changes
    from cs_planner.ui.shell.conflict_dialog import ConflictDialog

    entry = Entry(7, dt.datetime(2026, 11, 24, 9), "Dario", "Change stance", Changes(), None)
    conflict = Conflict([Clash(entry, frozenset({("stakeholder", 1)}))], {})
    shown: list[Conflict] = []
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, c, k, p: shown.append(k)))
    window.workshop.on = True
    assert window.team.resolve_conflict(conflict) == "theirs"
    assert shown == []
    window.workshop.on = False
