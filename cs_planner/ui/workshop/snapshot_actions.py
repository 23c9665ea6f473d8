"""The Account menu: Take snapshot… (named "<account> <date>" unless changed; one undoable
insert) and Compare with snapshot… (``compare_view``). Both act on the account on show.
The domain is imported when used: the menus are built before SQLAlchemy loads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QWidget

from cs_planner.ui.shell.undo import perform

if TYPE_CHECKING:
    from cs_planner.ui.shell.main_window import MainWindow


def ask_name(parent: QWidget, default: str) -> str | None:
    """The snapshot's name (tests patch this module attribute instead of the dialog)."""
    text, ok = QInputDialog.getText(
        parent, "Take snapshot", "Name of the snapshot:", QLineEdit.EchoMode.Normal, default
    )
    return text if ok else None


def build_account_menu(window: MainWindow, menu: QMenu) -> list[QAction]:
    """The Account menu's snapshot actions, enabled while an account is on show."""
    take = QAction("Take &snapshot…", menu)
    take.setShortcut(QKeySequence("Ctrl+Shift+T"))
    take.setStatusTip("Keep how this account stands today, to compare with after the next review")
    take.triggered.connect(lambda: take_snapshot(window))
    compare = QAction("&Compare with snapshot…", menu)
    compare.setShortcut(QKeySequence("Ctrl+Shift+K"))
    compare.setStatusTip("What changed since a snapshot: in words and on the relationship map")
    compare.triggered.connect(lambda: compare_with_snapshot(window))
    menu.addActions([take, compare])
    for shown in (take, compare):
        window.addAction(shown)  # the keys work in workshop mode, the menu bar hidden
        # Enabled with the plan's export (the window enables that one for an account).
        window.export_action.changed.connect(
            lambda a=shown: a.setEnabled(window.export_action.isEnabled())
        )
        shown.setEnabled(window.export_action.isEnabled())
    return [take, compare]


def _account(window: MainWindow) -> tuple[int, str] | None:
    from cs_planner.domain.accounts.queries import get_account

    account_id = window.workspace.account_id if window.is_open else None
    if account_id is None:
        return None
    name = window.ctx.read(lambda s: get_account(s, account_id).name)
    return account_id, name


def take_snapshot(window: MainWindow) -> int | None:
    """Ask for a name and take the snapshot; its id, or None when cancelled."""
    from cs_planner.domain.errors import ValidationError
    from cs_planner.domain.workshop import snapshots

    shown = _account(window)
    if shown is None:
        return None
    account_id, name = shown
    default = snapshots.default_name(name, window.ctx.today())
    while True:
        chosen = ask_name(window, default)
        if chosen is None:
            return None
        try:
            edit = perform(window.ctx, snapshots.take_snapshot(account_id, chosen))
        except ValidationError as error:
            QMessageBox.warning(window, "Take snapshot", error.message)
            default = chosen
            continue
        window.statusBar().showMessage(f"Snapshot {chosen.strip()} taken.", 5000)
        return edit.row_id


def compare_with_snapshot(window: MainWindow) -> None:
    from cs_planner.ui.workshop.compare_view import CompareDialog

    shown = _account(window)
    if shown is None:
        return
    dialog = CompareDialog(window.ctx, *shown, workshop=window.workshop.on, parent=window)
    dialog.exec()
