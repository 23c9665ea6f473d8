"""The main window's menus: Portfolio, Edit, View and Help, each action with its shortcut
and a status tip that says what it does."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from cs_planner import __version__
from cs_planner.ui.shell import exports
from cs_planner.ui.shell.opening import check_file
from cs_planner.ui.workshop.snapshot_actions import build_account_menu

if TYPE_CHECKING:
    from cs_planner.ui.shell.main_window import MainWindow


def action(
    menu: QMenu, text: str, slot: Callable[..., Any], shortcut: Any = None, tip: str = ""
) -> QAction:
    action = QAction(text, menu)
    if shortcut is not None:
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(shortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    _portfolio_menu(window, bar.addMenu("&Portfolio"))
    build_account_menu(window, bar.addMenu("&Account"))
    _edit_and_view_menus(window)
    help_menu = bar.addMenu("&Help")
    action(help_menu, "&About cs_planner", lambda: about(window))


def _portfolio_menu(window: MainWindow, menu: QMenu) -> None:
    action(menu, "&New...", window.new_portfolio, QKeySequence.StandardKey.New)
    action(menu, "&Open...", window.choose_portfolio, QKeySequence.StandardKey.Open)
    window.recent_menu = menu.addMenu("Open &recent")
    action(
        menu,
        "Save a &copy as...",
        window.save_copy,
        QKeySequence("Ctrl+Shift+S"),
        "Write a consistent copy of this portfolio to another file",
    )
    action(
        menu,
        "Chec&k file",
        lambda: check_file(window, window.ctx.portfolio),
        tip="Check every page, table and row of this portfolio file for damage",
    )
    menu.addSeparator()
    window.add_account_action = action(
        menu, "&Add account...", window.add_account, QKeySequence("Ctrl+Shift+N")
    )
    action(
        menu,
        "&Import accounts and contacts…",
        lambda: _import_accounts(window),
        QKeySequence("Ctrl+Shift+I"),
        "Bring in accounts, contacts and org charts from a CRM export or a spreadsheet",
    )
    action(
        menu,
        "Import c&hanges from an account plan…",
        lambda: _import_plan_changes(window),
        tip="Read back an account plan the customer edited in Excel and apply the changes",
    )
    window.delete_account_action = action(
        menu,
        "&Delete accounts...",
        window.delete_accounts,
        QKeySequence("Ctrl+Shift+Del"),
        "Delete the accounts selected in the list (Shift or Ctrl+click selects several)",
    )
    window.log_activity_action = action(
        menu,
        "&Log an activity...",
        window.log_activity,
        QKeySequence("Ctrl+L"),
        "Record a call, meeting or QBR with the selected account (Overview > Activity log)",
    )
    window.export_action = action(
        menu,
        "&Export account plan...",
        partial(exports.export_plan, window),
        QKeySequence("Ctrl+E"),
        "Write the selected account's plan as an Excel workbook",
    )
    pdf = action(
        menu,
        "Export plan as P&DF...",
        partial(exports.export_plan_pdf, window),
        None,
        "Write the selected account's plan as a PDF to print or send: summary, map, "
        "stairway, charts, actions and risks",
    )
    customer = action(
        menu,
        "Export c&ustomer copy...",
        partial(exports.export_customer_copy, window),
        None,
        "Write the selected account's plan without the private layer (stance, notes, "
        "amounts, risks...), as a workbook or a PDF to hand to the customer",
    )
    # Enabled with the Excel export (the window enables that one when an account is chosen).
    for follower in (pdf, customer):
        window.export_action.changed.connect(
            lambda f=follower: f.setEnabled(window.export_action.isEnabled())
        )
    action(
        menu,
        "Export portfolio &roll-up...",
        partial(exports.export_rollup, window),
        QKeySequence("Ctrl+Shift+E"),
        "Write every account, the segments and what needs attention as an Excel workbook",
    )
    menu.addSeparator()
    action(menu, "&Settings...", window.edit_settings, QKeySequence("Ctrl+,"))
    action(
        menu,
        "&Health and tiers...",
        lambda: _health_settings(window),
        None,
        "Each health indicator's weight and thresholds, and the hours each tier needs",
    )
    action(
        menu,
        "Sign my edits &as...",
        lambda: window.team.sign_edits_as(),
        None,
        "Who the other windows on this portfolio (a colleague on the team's server) see "
        "as the author of your edits",
    )
    menu.addSeparator()
    action(menu, "&Quit", window.close, QKeySequence.StandardKey.Quit)


def _edit_and_view_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    window.edit_menu = bar.addMenu("&Edit")
    find = QKeySequence.StandardKey.Find
    action(window.edit_menu, "&Find account", lambda: window.portfolio_view.focus_search(), find)
    history = window.history_dock.toggleViewAction()
    history.setText("Undo &history")
    history.setShortcut(QKeySequence("Ctrl+Shift+H"))
    window.edit_menu.addAction(history)

    view = window.view_menu = bar.addMenu("&View")
    action(view, "Export view as &PNG...", window.export_png, QKeySequence("Ctrl+Shift+P"))
    window.map_actions = [
        action(
            view,
            f"Export map as {kind.upper()}...",
            lambda _=False, k=kind: (
                (page := window._map_page()) and getattr(page, f"export_{k}_dialog")()
            ),
            tip="Write the whole relationship map (Relationships tab)",
        )
        for kind in ("png", "svg")
    ]
    view.aboutToShow.connect(window._update_map_actions)
    window._update_map_actions()


def about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        "About cs_planner",
        f"<b>cs_planner {__version__}</b><p>Account planning for Customer Success "
        "Managers and Architects: relationship maps, stairway roadmaps, six-dimension "
        "expansion plans and CSA allocation, kept offline in one file.</p>",
    )


def _import_accounts(window: MainWindow) -> None:
    from cs_planner.ui.imports.wizard import import_accounts

    account_id = import_accounts(window.ctx, window)
    if account_id is not None:  # show what came in
        window.portfolio_view.select_account(account_id)


def _import_plan_changes(window: MainWindow) -> None:
    from cs_planner.ui.imports.plan_changes import import_plan_changes

    import_plan_changes(window.ctx, window)


def _health_settings(window: MainWindow) -> None:
    from cs_planner.ui.value.health_settings import edit_health_settings

    edit_health_settings(window.ctx, window)
