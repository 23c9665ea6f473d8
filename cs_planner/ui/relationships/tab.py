"""The Relationships tab: the customer's org chart with stance, influence, coverage and risk,
edited on the map (every edit undoable), with a table of the same people and a
presentation mode for workshops with the customer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
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

from cs_planner.domain.relationships import queries
from cs_planner.domain.relationships.rows import MapData, StakeholderRow
from cs_planner.ui.common.widgets import EmptyState, ErrorLabel
from cs_planner.ui.relationships.cards import MapScene
from cs_planner.ui.relationships.coverage_panel import CoveragePanel
from cs_planner.ui.relationships.edits import RelationshipEdits
from cs_planner.ui.relationships.map_view import Legend, MapView, export_png, export_svg
from cs_planner.ui.relationships.panel import StakeholderPanel
from cs_planner.ui.relationships.table import PRIVATE_COLUMNS, StakeholderModel
from cs_planner.ui.shell.context import AppContext

EMPTY_TEXT = "Select an account in the list"


class RelationshipsTab(RelationshipEdits, QWidget):
    title = "Relationships"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._account_id: int | None = None
        self.data: MapData | None = None
        self.presentation = False
        self._linking_from: int | None = None
        self._fitted_for: int | None = None

        self.scene = MapScene(self)
        self.view = MapView(self.scene)
        self.legend = Legend()
        self.coverage = CoveragePanel()
        self.panel = StakeholderPanel()
        self.model = StakeholderModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.doubleClicked.connect(self._show_on_map)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name, title, division, role, stance…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_filter)
        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.filter)
        table_layout.addWidget(self.table, 1)
        map_page = QWidget()
        map_layout = QVBoxLayout(map_page)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.setSpacing(2)
        map_layout.addWidget(self.legend)
        self.map_stack = EmptyState(
            self.view,
            "No stakeholders on this map yet.\n\nAdd the people you work with (Insert), "
            "at every level: an end user, a manager, and a director/VP or above.",
        )
        map_layout.addWidget(self.map_stack, 1)
        self.centre = QStackedWidget()
        self.centre.addWidget(map_page)
        self.centre.addWidget(table_page)
        self.message = ErrorLabel()

        panel_scroll = QScrollArea()
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setWidget(self.panel)
        panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel_scroll.setMinimumWidth(360)
        # The map gets the width; coverage (always in view) and the editor share a column.
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.addWidget(self.coverage)
        self.side.addWidget(panel_scroll)
        self.side.setStretchFactor(0, 2)
        self.side.setStretchFactor(1, 3)
        self.side.setChildrenCollapsible(False)
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.centre)
        self.body.addWidget(self.side)
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(1, 0)
        self.body.setSizes([900, 360])
        self.body.setChildrenCollapsible(False)
        self.coverage.setMinimumHeight(140)

        self.page = QWidget()
        page_layout = QVBoxLayout(self.page)
        page_layout.addLayout(self._toolbar())
        page_layout.addWidget(self.message)
        page_layout.addWidget(self.body, 1)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyState")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.scene.selectionChanged.connect(self._map_selection)
        # Queued: the scene is rebuilt after an edit, which must not happen inside the
        # dragged card's own mouse handler or the scene's selection signal.
        queued = Qt.ConnectionType.QueuedConnection
        self.scene.reparentRequested.connect(self.move_under, queued)
        self.scene.pinRequested.connect(self._pin_at, queued)
        self.view.escapePressed.connect(self._cancel_linking)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._map_menu)
        self.table.selectionModel().selectionChanged.connect(self._table_selection)
        self.coverage.peopleClicked.connect(self.select_people)
        self.panel.edited.connect(self.edit_person)
        self.panel.drawInfluence.connect(self.start_linking)
        self.panel.removeLink.connect(self.remove_link)
        ctx.accountChanged.connect(self._on_account_changed)
        ctx.settingsChanged.connect(self.reload)
        ctx.teamChanged.connect(self.reload)

    # --- toolbar ------------------------------------------------------------------------
    def _tool(self, text: str, slot, tip: str, shortcut: str | None = None) -> QToolButton:
        action = QAction(text, self)
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        # Keys act where the people are (map and table), not in the side panel's fields.
        self.centre.addAction(action)
        button = QToolButton()
        button.setDefaultAction(action)
        return button

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = self._tool("Add person", self.add_person, "Add a stakeholder", "Insert")
        self.add_report_button = self._tool(
            "Add report",
            self.add_report,
            "Add someone who reports to the selected person",
            "Ctrl+Insert",
        )
        self.delete_button = self._tool(
            "Delete", self.delete_selected, "Delete the selected people (Ctrl+Z undoes it)", "Del"
        )
        self.pin_button = self._tool(
            "Unpin", self.unpin_selected, "Put pinned cards back in the automatic layout", "U"
        )
        self.fit_button = self._tool("Fit", self.view.fit, "Show the whole map", "Ctrl+0")
        zoom_in = self._tool("+", lambda: self.view.zoom_by(1.2), "Zoom in", "Ctrl++")
        zoom_out = self._tool("−", lambda: self.view.zoom_by(1 / 1.2), "Zoom out", "Ctrl+-")
        self.map_tools = [self.fit_button, zoom_in, zoom_out]
        self.find = QLineEdit()
        self.find.setPlaceholderText("Find a person…")
        self.find.setToolTip("Type part of a name and press Enter to select and show them")
        self.find.setClearButtonEnabled(True)
        self.find.setMaximumWidth(220)
        self.find.returnPressed.connect(lambda: self.find_person(self.find.text()))
        self.table_button = QToolButton()
        self.table_button.setText("Table")
        self.table_button.setCheckable(True)
        self.table_button.setToolTip("Show the people as a table for sorting and bulk edits")
        self.table_button.toggled.connect(self.show_table)
        self.present_button = QToolButton()
        self.present_button.setText("Presentation mode")
        self.present_button.setCheckable(True)
        self.present_button.setShortcut(QKeySequence("F5"))
        self.present_button.setToolTip(
            "Hide stance, notes and risk flags to show the map to the customer (F5)"
        )
        self.present_button.toggled.connect(self.set_presentation)
        for widget in (self.add_button, self.add_report_button, self.delete_button):
            row.addWidget(widget)
        row.addSpacing(12)
        for widget in (self.pin_button, self.fit_button, zoom_in, zoom_out, self.find):
            row.addWidget(widget)
        row.addStretch(1)
        self.hint = QLabel("")
        self.hint.setObjectName("muted")
        row.addWidget(self.hint)
        row.addWidget(self.table_button)
        row.addWidget(self.present_button)
        return row

    # --- loading ------------------------------------------------------------------------
    @property
    def account_id(self) -> int | None:
        return self._account_id

    def set_account(self, account_id: int | None) -> None:
        if account_id != self._account_id:
            self._cancel_linking()
            self.message.clear_message()
        self._account_id = account_id
        self.reload()

    def _on_account_changed(self, account_id: int) -> None:
        if account_id == self._account_id:
            self.reload()

    def reload(self) -> None:
        data = self._ctx.read_account(self._account_id, queries.load_map)
        if data is None:
            self._account_id, self.data = None, None
            self.stack.setCurrentWidget(self.empty)
            return
        self.data = data
        self.stack.setCurrentWidget(self.page)
        self._show(data)

    def _show(self, data: MapData) -> None:
        kept = self.selected_ids()
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        self.scene.blockSignals(True)
        self.scene.build(data, self.presentation)
        self.scene.select_people(kept)
        self.scene.blockSignals(False)
        self.model.presentation = self.presentation
        self.model.set_rows(data.stakeholders, data.today, data.stale_days)
        self.coverage.show_findings(data.coverage())
        self.map_stack.set_empty(not data.stakeholders)
        completer = QCompleter([p.name for p in data.stakeholders], self.find)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self.find_person)
        self.find.setCompleter(completer)
        if self._fitted_for != data.account_id:
            self._fitted_for = data.account_id
            # Around the most senior person, once the view has its size.
            first = self.scene.cards.get(data.stakeholders[0].id) if data.stakeholders else None
            anchor = first.centre() if first is not None else None
            QTimer.singleShot(0, self.view, lambda: self.view.overview(anchor))
        else:
            self.view.centerOn(centre)
        self._map_selection()

    # --- selection ----------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        return [card.person.id for card in self.scene.cards.values() if card.isSelected()]

    def selected_people(self) -> list[StakeholderRow]:
        return [self.scene.cards[i].person for i in self.selected_ids()]

    def _map_selection(self) -> None:
        ids = self.selected_ids()
        if self._linking_from is not None and len(ids) == 1 and ids[0] != self._linking_from:
            source, self._linking_from = self._linking_from, None
            self.hint.setText("")
            target = ids[0]
            QTimer.singleShot(0, self, lambda: self.add_link(source, target))
            return
        person = self.scene.cards[ids[0]].person if len(ids) == 1 else None
        self.panel.show_person(person, self.data if person else None)
        has = bool(ids)
        self.delete_button.setEnabled(has)
        self.add_report_button.setEnabled(len(ids) == 1)
        self.pin_button.setEnabled(any(self.scene.cards[i].person.pinned for i in ids))

    def _table_selection(self) -> None:
        rows = {self.model.row_at(index) for index in self.table.selectionModel().selectedRows()}
        self.select_people([r.id for r in rows if r is not None])

    def _show_on_map(self, index) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.show_table(False)
            self.select_people([row.id])
            self.view.centerOn(self.scene.cards[row.id])

    def select_people(self, ids) -> None:
        self.scene.select_people(list(ids))
        cards = [self.scene.cards[i] for i in ids if i in self.scene.cards]
        if cards:
            self.view.ensureVisible(cards[0], 60, 60)

    def find_person(self, text: str) -> bool:
        """Select and show the first person whose name contains ``text``."""
        wanted = text.strip().lower()
        if not wanted or self.data is None:
            return False
        people = self.data.stakeholders
        match = next((p for p in people if p.name.lower() == wanted), None) or next(
            (p for p in people if wanted in p.name.lower()), None
        )
        if match is None:
            self.message.show_message(f"Nobody on this map is called '{text.strip()}'.")
            return False
        self.message.clear_message()
        self.select_people([match.id])
        self.view.centerOn(self.scene.cards[match.id])
        return True

    # --- modes --------------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        self.presentation = on
        if self.present_button.isChecked() != on:
            self.present_button.setChecked(on)
        self.coverage.setVisible(not on)
        self.legend.set_presentation(on)
        self.panel.set_presentation(on)
        for column in PRIVATE_COLUMNS:
            self.table.setColumnHidden(column, on)
        if self.data is not None:
            self._show(self.data)

    def show_table(self, on: bool) -> None:
        self.centre.setCurrentIndex(1 if on else 0)
        for button in self.map_tools:
            button.setEnabled(not on)
        if self.table_button.isChecked() != on:
            self.table_button.setChecked(on)

    def start_linking(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            self.message.show_message("Select one person first, then draw their influence.")
            return
        self._linking_from = ids[0]
        name = self.scene.cards[ids[0]].person.name
        self.hint.setText(f"Click the person {name} influences (Esc cancels)")

    def _cancel_linking(self) -> None:
        self._linking_from = None
        self.hint.setText("")

    # --- export -------------------------------------------------------------------------
    def export(self, path: str | Path) -> bool:
        """Write the map as PNG or SVG by the file's extension."""
        target = Path(path)
        if target.suffix.lower() == ".svg":
            title = f"Relationship map - {self.data.account_name}" if self.data else ""
            return export_svg(self.scene, target, title)
        return export_png(self.scene, target)

    def _export_dialog(self, kind: str) -> None:
        if self.data is None:
            return
        name = f"Relationship map - {self.data.account_name}.{kind}"
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export map as {kind.upper()}", name, f"{kind.upper()} (*.{kind})"
        )
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        if self.export(path):
            self.message.clear_message()
        else:
            self.message.show_message(f"Cannot write {path}.")

    def export_png_dialog(self) -> None:
        self._export_dialog("png")

    def export_svg_dialog(self) -> None:
        self._export_dialog("svg")
