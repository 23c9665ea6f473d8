"""Workshop mode: one switch (F5, View > Workshop mode, the toolbar's toggle) puts the
whole window in front of the customer: only the account on show, full screen, large type,
no list of other customers, no editing toolbars, and no private field on any tab
(``marks``; the Relationships tab draws its cards without the private layer). Entering
starts a workshop session (``session_view``); leaving takes the same key, and a
confirmation when something was captured, so the private view never shows by accident;
then the session's summary is shown, to export as meeting notes and log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QTableView,
    QToolBar,
    QWidget,
)

from cs_planner.ui.common import widgets
from cs_planner.ui.common.table_model import refit_columns
from cs_planner.ui.workshop import marks
from cs_planner.ui.workshop.dialogs import PrivateRows
from cs_planner.ui.workshop.session_view import Session, end_session, start_session

if TYPE_CHECKING:
    from cs_planner.ui.shell.main_window import MainWindow

KEY = QKeySequence("F5")
TYPE_PX = 18  # readable from the back of a room; nothing under 14 px


def large_type() -> str:
    """Every widget's type larger; drawings keep the type their cards were laid out for
    (they are zoomed instead: the map and the stairway in workshop mode)."""
    usual = QApplication.font().pointSizeF()  # in points: drawings derive sizes from it
    return f"QWidget {{ font-size: {TYPE_PX}px; }} QGraphicsView {{ font-size: {usual}pt; }}"


class WorkshopMode(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.on = False
        self._was_full_screen = False
        self._style = ""  # the window's own style sheet, put back on leaving
        self._dialogs = PrivateRows(window)
        self.session: Session | None = None  # the workshop under way
        self.action = QAction("&Workshop mode", window)
        self.action.setCheckable(True)
        self.action.setShortcut(KEY)
        # The window's own action: F5 works with the menu bar and toolbars hidden.
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        tip = "Show the account to the customer: private layer hidden, full screen (F5)"
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)
        self.action.triggered.connect(self._asked)
        window.addAction(self.action)
        window.view_menu.addAction(self.action)
        self.toolbar = QToolBar("Workshop")
        self.toolbar.setObjectName("workshopBar")
        self.toolbar.addAction(self.action)
        window.addToolBar(self.toolbar)

    def _asked(self, checked: bool) -> None:
        if checked:
            self.enter()
            return
        summary = self.session.summary(self.window.ctx) if self.session else None
        if (summary is None or not summary.captured) or widgets.confirm(
            self.window,
            "Leave workshop mode",
            "Show the private layer again: stance, notes, amounts, risks and the other "
            "customers? Make sure the screen is no longer shared.",
        ):
            session = self.session
            self.leave()
            if session is not None and summary is not None and summary.captured:
                end_session(self.window.ctx, session, summary, self.window)
        else:
            self.action.setChecked(True)

    # --- the switch ---------------------------------------------------------------------
    def enter(self, record: bool = True) -> None:
        """``record``: start a session (a workshop snapshot in the file); a screenshot
        of workshop mode (``--screenshot --workshop``) writes nothing."""
        w = self.window
        if self.on or not w.is_open or w.workspace.account_id is None:
            self.action.setChecked(self.on)
            if w.is_open and w.workspace.account_id is None:  # the list would be hidden
                w.statusBar().showMessage("Select the account to show first.", 5000)
            return
        self.session = start_session(w.ctx, w.workspace.account_id, record)
        self.on = True
        self.action.setChecked(True)
        w.main_area.show_account()
        self._was_full_screen = w.isFullScreen()
        self._set_chrome(visible=False)
        self._style = w.styleSheet()
        w.setStyleSheet(large_type())
        self._dialogs.install(True)
        self.apply_to_tabs()
        w.workspace.tabs.currentChanged.connect(self.apply_to_tabs)
        w.ctx.changed.connect(self.apply_to_tabs, Qt.ConnectionType.QueuedConnection)
        if w.isVisible():
            w.showFullScreen()

    def leave(self) -> None:
        if not self.on:
            return
        self.on = False
        self.session = None
        self.action.setChecked(False)
        w = self.window
        w.workspace.tabs.currentChanged.disconnect(self.apply_to_tabs)
        w.ctx.changed.disconnect(self.apply_to_tabs)
        w.setStyleSheet(self._style)
        self._dialogs.install(False)
        self._set_chrome(visible=True)
        self.apply_to_tabs()
        if not self._was_full_screen and w.isFullScreen():
            w.showNormal()

    def _set_chrome(self, visible: bool) -> None:
        """The list of every customer, the portfolio pages, menus, toolbars, status."""
        w = self.window
        w.portfolio_view.setVisible(visible)
        w.main_area.tabBar().setVisible(visible and w.main_area.count() > 1)
        w.menuBar().setVisible(visible)
        w.statusBar().setVisible(visible)
        self.toolbar.setVisible(visible)
        if not visible:
            w.history_dock.hide()
        w.history_dock.toggleViewAction().setEnabled(visible)  # edits name stances
        # Ctrl+1.. keep moving between the account's tabs with the menu bar hidden (the
        # window holds them too), never to a portfolio page: other customers are there.
        accounts = set(w.workspace.tab_names())
        for shown in getattr(w, "tab_actions", []):
            if shown not in w.actions():
                w.addAction(shown)
            if shown.text().removeprefix("Show ") not in accounts:
                shown.setEnabled(visible)

    def apply_to_tabs(self, *_args: object) -> None:
        """Each built tab as workshop mode wants it (tabs are built when first shown)."""
        workspace = self.window.workspace
        for holder, title in zip(workspace.holders, workspace.tab_names(), strict=True):
            tab = holder.page
            if tab is None:
                continue
            set_workshop = getattr(tab, "set_workshop", None)
            if callable(set_workshop):
                set_workshop(self.on)
            marks.apply(title, tab, self.on)
            _fit_rows(tab)


ROWS = "workshopRowHeight"  # a table's own row height, put back on leaving


def _fit_rows(tab: QWidget) -> None:
    """Rows and columns sized for the type shown now (tables size them once)."""
    for view in tab.findChildren(QTableView):
        view.ensurePolished()
        rows: QHeaderView = view.verticalHeader()
        own = view.property(ROWS)
        if own is None:
            own = rows.defaultSectionSize()
            view.setProperty(ROWS, own)
        rows.setDefaultSectionSize(max(int(own), view.fontMetrics().height() + 8))
        refit_columns(view)
