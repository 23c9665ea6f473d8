"""The main window: portfolio list on the left; on the right the account workspace and the
portfolio-wide pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QUndoView,
)

from cs_planner import PORTFOLIO_SUFFIX
from cs_planner.domain.changes import Changes
from cs_planner.storage.errors import PortfolioError
from cs_planner.storage.first_look import FirstLook
from cs_planner.ui.accounts.portfolio_list import PortfolioView
from cs_planner.ui.common.empty_state import empty_label
from cs_planner.ui.shell import menus, window_state
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.opening import PortfolioLock, open_for_ui
from cs_planner.ui.shell.private_output import private_settings, save_png
from cs_planner.ui.shell.recent import fill_menu, remember
from cs_planner.ui.shell.team_link import TeamLink
from cs_planner.ui.workshop.mode import WorkshopMode

if TYPE_CHECKING:  # the workspace and its tabs load after the first paint
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPixmap

    from cs_planner.ui.shell.workspace import AccountWorkspace, MainArea

FILE_FILTER = f"Portfolios (*{PORTFOLIO_SUFFIX})"


class MainWindow(QMainWindow):
    recent_menu: QMenu  # this and the actions below: made by menus.build_menus
    edit_menu: QMenu
    view_menu: QMenu
    add_account_action: QAction
    delete_account_action: QAction
    log_activity_action: QAction
    export_action: QAction
    map_actions: list[QAction]

    ctx: AppContext  # set by open_context: a window painted first has none yet
    main_area: MainArea
    workspace: AccountWorkspace

    def __init__(
        self,
        ctx: AppContext | None,
        lock: PortfolioLock | None,
        settings: QSettings,
        *,
        first_look: tuple[Path, FirstLook] | None = None,
    ) -> None:
        """With ``ctx``, the window on an open portfolio. Without, the window painted
        first: the list of ``first_look`` (a file and what storage.first_look read of it)
        until ``open_context`` gives it the portfolio."""
        super().__init__()
        self.settings = settings
        private_settings(settings)
        self.lock: PortfolioLock | None = None
        self.setAcceptDrops(True)
        window_state.default_size(self)
        self.history = QUndoView()
        self.history.setEmptyLabel("Opened the portfolio")
        self.history_dock = QDockWidget("Undo history", self)
        self.history_dock.setObjectName("undoHistory")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()
        self.path_label = QLabel()
        self.count_label = QLabel()
        self.saved_label = QLabel("No edits yet")
        # Others' changes, who signs this window's edits, conflicts (a shared portfolio).
        self.team = TeamLink(self, self.settings, lambda: self.workshop.on)
        for label in (self.path_label, self.count_label):
            self.statusBar().addWidget(label)
        self.statusBar().addPermanentWidget(self.team.label)
        self.statusBar().addPermanentWidget(self.saved_label)
        menus.build_menus(self)
        self.workshop = WorkshopMode(self)
        self.portfolio_view = PortfolioView(None)
        self.portfolio_view.accountSelected.connect(self._account_selected)
        self.portfolio_view.selectionChanged.connect(self._update_delete_action)
        self.portfolio_view.deleteRequested.connect(self.delete_accounts)
        self.opening = empty_label("Opening the portfolio…")
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.portfolio_view)
        self.splitter.addWidget(self.opening)
        self.splitter.setStretchFactor(1, 1)
        list_width = self.portfolio_view.preferred_width()
        self.splitter.setSizes([list_width, max(self.width() - list_width, 600)])
        self.setCentralWidget(self.splitter)
        window_state.restore_geometry(self, self.splitter)
        if first_look is not None:
            self.show_first_look(*first_look)
        if ctx is not None:
            self.open_context(ctx, lock)

    def show_first_look(self, path: Path, look: FirstLook) -> None:
        """The list as storage.first_look read it, until ``open_context``."""
        self.portfolio_view.show_accounts(look.accounts, look.currency, csms=False)
        self._show_portfolio_name(path.stem, path)
        self._update_status()

    @property
    def is_open(self) -> bool:
        """False while a window painted first waits for its portfolio."""
        return "ctx" in self.__dict__

    def open_context(self, ctx: AppContext, lock: PortfolioLock | None) -> None:
        """Give the window its portfolio: the first, or another one (Open)."""
        first = not self.is_open
        self._set_context(ctx, lock)
        if first:
            self._build_tab_actions()
            window_state.restore_last_view(self)
            from cs_planner.reports import tempfiles
            from cs_planner.ui.common import settle

            tempfiles.clean_openpyxl_leftovers()  # what an export killed last time left
            settle.settle_later()

    # --- building -----------------------------------------------------------------------
    def _build_tab_actions(self) -> None:
        """View > Show: Ctrl+1, Ctrl+2, ... for each account tab and portfolio page, so a
        CSM moves between them in front of a customer without reaching for the mouse (Ctrl+0
        is the map's and the stairway's Fit)."""
        self.view_menu.addSeparator()
        self.tab_actions = [
            menus.action(
                self.view_menu,
                f"Show {name}",
                lambda _=False, n=name: self.main_area.set_tab(n),
                QKeySequence(f"Ctrl+{number}") if number <= 9 else None,
            )
            for number, name in enumerate(self.main_area.tab_names(), start=1)
        ]

    def _set_context(self, ctx: AppContext, lock: PortfolioLock | None) -> None:
        """Show a portfolio: the list and new views over a new context; the old one is
        closed."""
        from cs_planner.ui.shell.workspace import MainArea

        old = self.ctx if self.is_open else None
        self.ctx = ctx
        self.team.attach(ctx)  # first: where the change log stands before the views read
        if self.lock is not None:
            self.lock.unlock()
        self.lock = lock
        for action in getattr(self, "_undo_actions", []):
            self.edit_menu.removeAction(action)
        undo_action = ctx.undo_stack.createUndoAction(self, "&Undo")
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        redo_action = ctx.undo_stack.createRedoAction(self, "&Redo")
        redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        # None appends (Qt's documented meaning), which PySide's stubs do not allow.
        self.edit_menu.insertActions(first, [undo_action, redo_action])  # type: ignore[arg-type]
        self._undo_actions = [undo_action, redo_action]
        self.history.setStack(ctx.undo_stack)

        main_area = MainArea(ctx)
        shown = self.splitter.replaceWidget(1, main_area)
        if shown is not None:
            shown.deleteLater()
        self.splitter.setStretchFactor(1, 1)  # a stretch belongs to the widget replaced
        self.main_area = main_area
        self.workspace = main_area.workspace
        self.portfolio_view.set_context(ctx)  # first: the count below reads its reload
        ctx.openAccount.connect(self._open_account)
        ctx.changed.connect(self._list_changed)
        ctx.saved.connect(lambda when: self.saved_label.setText(f"Saved {when:%H:%M:%S}"))
        self._account_selected(None)
        self._update_status()
        path = ctx.portfolio.path
        self._show_portfolio_name(ctx.portfolio.name, path)
        self.saved_label.setText("No edits yet")
        if path is not None:
            remember(self.settings, window_state.absolute(path))
            fill_menu(self.recent_menu, self.settings, self.open_path)
        if old is not None:
            old.portfolio.close()
            old.deleteLater()

    def _show_portfolio_name(self, name: str, path: Path | None) -> None:
        self.setWindowTitle(f"{name} — cs_planner")
        self.path_label.setText(str(path) if path else name)

    def save_state(self) -> None:
        window_state.save_state(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_open:
            self.save_state()
            self.portfolio_view.stop_background()
            self.team.stop()
            self.ctx.portfolio.close()
        if self.lock is not None:
            self.lock.unlock()
        super().closeEvent(event)

    # --- reactions ----------------------------------------------------------------------
    def _open_account(self, account_id: int) -> None:
        """A portfolio page asked for an account: select it in the list and show it."""
        self.portfolio_view.reveal_account(account_id)
        self.main_area.show_account()

    def _account_selected(self, account_id: int | None) -> None:
        if not self.is_open:
            return
        self.workspace.set_account(account_id)
        if account_id is not None:
            self.main_area.show_account()
        for action in (self.export_action, self.log_activity_action):
            action.setEnabled(account_id is not None)
        self._update_delete_action()

    def _accounts_to_delete(self) -> list[int]:
        selected = self.portfolio_view.selected_ids()
        shown = self.workspace.account_id if self.is_open else None
        return selected or ([shown] if shown is not None else [])

    def _update_delete_action(self) -> None:
        count = len(self._accounts_to_delete())
        self.delete_account_action.setEnabled(count > 0)
        self.delete_account_action.setText(
            f"&Delete {count} accounts..." if count > 1 else "&Delete account..."
        )

    def _list_changed(self, changes: Changes) -> None:
        if changes.account_list:
            self._update_status()

    def _update_status(self) -> None:
        total = self.portfolio_view.model.total
        self.count_label.setText(f"{total:,} account{'s' if total != 1 else ''}")

    # --- portfolio commands -------------------------------------------------------------
    def open_path(self, target: str | Path, create: bool = False) -> bool:
        from PySide6.QtWidgets import QMessageBox  # dialogs load when asked for, not at paint

        try:
            portfolio, lock = open_for_ui(target, create=create)
        except PortfolioError as exc:
            QMessageBox.warning(self, "Cannot open the portfolio", str(exc))
            return False
        self.save_state()
        self.open_context(AppContext(portfolio), lock)
        return True

    def choose_portfolio(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, "Open portfolio", "", FILE_FILTER)
        if path:
            self.open_path(path)

    def new_portfolio(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        path, _ = QFileDialog.getSaveFileName(self, "New portfolio", "", FILE_FILTER)
        if not path:
            return
        target = Path(path)
        if target.suffix != PORTFOLIO_SUFFIX:
            target = target.with_name(target.name + PORTFOLIO_SUFFIX)
        if target.exists():
            QMessageBox.warning(
                self, "New portfolio", f"{target.name} exists already; open it instead."
            )
            return
        self.open_path(target, create=True)

    def save_copy(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        path, _ = QFileDialog.getSaveFileName(self, "Save a copy as", "", FILE_FILTER)
        if not path:
            return
        try:
            copy = self.ctx.portfolio.save_copy(Path(path))
        except (PortfolioError, OSError) as exc:
            QMessageBox.warning(self, "Save a copy", str(exc))
            return
        self.statusBar().showMessage(f"Saved a copy as {copy}", 5000)

    def edit_settings(self) -> None:
        from cs_planner.ui.common.dialogs import edit_settings

        edit_settings(self.ctx, self)

    def add_account(self) -> None:
        from cs_planner.ui.accounts.account_new import add_account

        account_id = add_account(self.ctx, self)
        if account_id is not None:
            self.portfolio_view.select_account(account_id)

    def delete_accounts(self) -> None:
        """Delete the accounts selected in the list: one question, one undo step."""
        from cs_planner.ui.accounts.account_delete import ask_and_delete

        ids = self._accounts_to_delete()
        if ids:
            ask_and_delete(self.ctx, self, ids)

    def log_activity(self) -> None:
        """The most frequent entry after a call: the Overview's activity dialog, from
        anywhere in the window."""
        if self.workspace.account_id is None:
            return
        self.main_area.set_tab("Overview")
        overview = cast(Any, self.workspace.current_page())
        overview.refresh()  # built or changed while hidden: it shows this account only once shown
        overview.activity_log.add()

    def export_png(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        path, _ = QFileDialog.getSaveFileName(self, "Export view as PNG", "view.png", "PNG (*.png)")
        if path and not save_png(self.grab_view(), path):
            QMessageBox.warning(self, "Export view", f"Cannot write {path}.")

    def _map_page(self) -> Any:
        """The Relationships tab while it is shown: the map exports act on it."""
        workspace: AccountWorkspace | None = getattr(self, "workspace", None)
        if workspace is None or self.main_area.currentWidget() is not workspace:
            return None
        if workspace.account_id is None:
            return None
        page = workspace.current_page()
        return page if hasattr(page, "export_svg_dialog") else None

    def _update_map_actions(self) -> None:
        for action in self.map_actions:
            action.setEnabled(self._map_page() is not None)

    def grab_view(self) -> QPixmap:
        """The window's content as a picture (what --screenshot and Export view write)."""
        return self.grab()

    # --- drag and drop ------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.toLocalFile().endswith(PORTFOLIO_SUFFIX) for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls()]
        wanted = next((p for p in paths if p.endswith(PORTFOLIO_SUFFIX)), None)
        if wanted:
            event.acceptProposedAction()
            # Open after the drop returns, so the drag source is not kept waiting.
            QTimer.singleShot(0, lambda: self.open_path(wanted))
