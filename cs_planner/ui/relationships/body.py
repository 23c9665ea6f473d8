"""What the Relationships tab shows for an account, laid out: the toolbar, the map (or the
table of the same people), and beside it the coverage panel over the person's editor. The
widgets only; ``tab.py`` wires them to reads and edits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.ui.common.editors import ErrorLabel
from cs_planner.ui.common.table_model import RowsModel, fit_columns
from cs_planner.ui.common.widgets import EmptyState
from cs_planner.ui.relationships.coverage_panel import CoveragePanel
from cs_planner.ui.relationships.map_view import Legend, MapView
from cs_planner.ui.relationships.panel import StakeholderPanel
from cs_planner.ui.relationships.scene import MapScene
from cs_planner.ui.relationships.table import Col, columns

EMPTY_MAP = (
    "No stakeholders on this map yet.\n\nAdd the people you work with (Insert), "
    "at every level: an end user, a manager, and a director/VP or above."
)


class MapBody(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = MapScene(self)
        self.view = MapView(self.scene)
        self.legend = Legend()
        self.coverage = CoveragePanel()
        self.panel = StakeholderPanel()
        # Columns from the start, so the table's first sort (by level) applies.
        self.model: RowsModel[StakeholderRow] = RowsModel(
            columns({}, dt.date.today(), 0, False), self
        )
        self.table = self._table()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name, title, division, role, stance…")
        self.filter.setClearButtonEnabled(True)
        self.map_stack = EmptyState(self.view, EMPTY_MAP)
        self.centre = QStackedWidget()
        self.centre.addWidget(self._page(self.legend, self.map_stack, spacing=2))
        self.centre.addWidget(self._page(self.filter, self.table))
        self.message = ErrorLabel()
        self.side, self.splitter = self._splitters()
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(Col.LEVEL, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(24)
        table.setWordWrap(False)
        table.horizontalHeader().setStretchLastSection(True)
        fit_columns(table, self.model, when_shown=True)  # behind the map until asked for
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        return table

    @staticmethod
    def _page(top: QWidget, main: QWidget, spacing: int | None = None) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        if spacing is not None:
            layout.setSpacing(spacing)
        layout.addWidget(top)
        layout.addWidget(main, 1)
        return page

    def _splitters(self) -> tuple[QSplitter, QSplitter]:
        panel_scroll = QScrollArea()
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setWidget(self.panel)
        panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel_scroll.setMinimumWidth(360)
        # The map gets the width; coverage (always in view) and the editor share a column.
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.coverage)
        side.addWidget(panel_scroll)
        side.setStretchFactor(0, 2)
        side.setStretchFactor(1, 3)
        side.setChildrenCollapsible(False)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.centre)
        body.addWidget(side)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 0)
        body.setSizes([900, 360])
        body.setChildrenCollapsible(False)
        self.coverage.setMinimumHeight(140)
        return side, body

    # --- toolbar ------------------------------------------------------------------------
    def _tool(self, text: str, tip: str, shortcut: str | None = None) -> QToolButton:
        action = QAction(text, self)
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # Keys act where the people are (map and table), not in the side panel's fields.
        self.centre.addAction(action)
        button = QToolButton()
        button.setDefaultAction(action)
        return button

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = self._tool("Add person", "Add a stakeholder", "Insert")
        self.add_report_button = self._tool(
            "Add report", "Add someone who reports to the selected person", "Ctrl+Insert"
        )
        self.delete_button = self._tool(
            "Delete", "Delete the selected people (Ctrl+Z undoes it)", "Del"
        )
        self.pin_button = self._tool("Unpin", "Put pinned cards back in the automatic layout", "U")
        self.fit_button = self._tool("Fit", "Show the whole map", "Ctrl+0")
        self.zoom_in = self._tool("+", "Zoom in", "Ctrl++")
        self.zoom_out = self._tool("−", "Zoom out", "Ctrl+-")
        self.map_tools = [self.fit_button, self.zoom_in, self.zoom_out]
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find a person…")
        self.find_box.setToolTip("Type part of a name and press Enter to select and show them")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMaximumWidth(220)
        self.table_button = QToolButton()
        self.table_button.setText("Table")
        self.table_button.setCheckable(True)
        self.table_button.setToolTip("Show the people as a table for sorting and bulk edits")
        for widget in (self.add_button, self.add_report_button, self.delete_button):
            row.addWidget(widget)
        row.addSpacing(12)
        for tool in (self.pin_button, *self.map_tools):
            row.addWidget(tool)
        row.addWidget(self.find_box)
        row.addStretch(1)
        self.hint = QLabel("")
        self.hint.setObjectName("muted")
        row.addWidget(self.hint)
        row.addWidget(self.table_button)
        return row

    def complete_names(self, names: list[str], pick: Callable[[str], object]) -> None:
        """The find box offers these names (any part, any case); ``pick`` gets the one chosen."""
        completer = QCompleter(names, self.find_box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(pick)
        self.find_box.setCompleter(completer)
