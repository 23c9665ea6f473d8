"""The action plan: who does what by when. Sorted by any column, filtered (mine, overdue,
this month, words), overdue in red; an action is added in one row with the keyboard and
edited in place (F2) or in full (Enter, double-click: ``action_dialog``); several are
marked done or deleted in one undoable step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.plan import action_edits
from cs_planner.domain.plan.actions import (
    ActionPlan,
    ActionRow,
    due_this_month,
    is_mine,
    is_overdue,
    with_status,
)
from cs_planner.ui.common.columns import StretchWhenRoom, compact_rows
from cs_planner.ui.common.editors import ErrorLabel
from cs_planner.ui.common.empty_state import EmptyState
from cs_planner.ui.common.table_model import table_view
from cs_planner.ui.plan.action_dialog import ActionDialog
from cs_planner.ui.plan.actions_model import FIELDS, ActionDelegate, ActionsModel
from cs_planner.ui.plan.fit import ShareOfWidth
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run, perform

WHAT = {
    "title": "the title",
    "owner": "the owner",
    "due_date": "the due date",
    "status": "the status",
    "priority": "the priority",
    "serves": "what it serves",
}
# Column: (its share of the table's width at most, the least it gets): at 1366 px the
# owner and what it serves leave the action's text some 330 px; wide, they show in full.
CAPPED = {FIELDS.index("owner"): (0.16, 110), FIELDS.index("serves"): (0.17, 130)}
ACTION_READABLE = 240  # px: narrower, the table scrolls sideways rather than elide it
KEYS = {"add": "Ctrl+Shift+A", "done": "Ctrl+D", "delete": "Del"}


class ActionsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: ActionPlan | None = None
        self._select_after: list[int] = []
        self.model = ActionsModel(ctx.today, self._edit_cell, self)
        self.view = table_view(self.model)
        self.view.setItemDelegate(ActionDelegate(self.model, self.view))
        # F2 edits a cell in place; Enter or a double-click opens the action in full.
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.doubleClicked.connect(lambda _index: self.edit_details())
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by due date
        compact_rows(self.view)
        # The owner's name and what an action serves (a risk's whole sentence) are capped
        # by a share of the width, so the action's own text keeps the room on a laptop (the
        # whole text is the cell's tooltip).
        ShareOfWidth(self.view, CAPPED, 0, StretchWhenRoom(self.view, 0, ACTION_READABLE))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_line = QLineEdit()
        self.add_line.setPlaceholderText("Add an action… (Enter; owner the CSM, due in 14 days)")
        self.add_line.setToolTip(
            f"Type what to do and press Enter ({KEYS['add']}, or Insert on the table, comes "
            "here). The new action is "
            "owned by the account's CSM and due in 14 days: double-click a cell or press F2 "
            "to change it."
        )
        self.add_line.returnPressed.connect(self.add_from_line)

        self.mine = self._toggle("Mine", "Actions the portfolio's owner owns")
        self.overdue = self._toggle("Overdue", "Open actions due before today")
        self.this_month = self._toggle("This month", "Open actions due by the end of this month")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter…")
        self.search.setToolTip("Show the actions whose title, owner or purpose holds these words")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refilter)
        self.done_button = QPushButton("Mark done")
        self.done_button.setToolTip(
            f"Mark the selected actions done today, in one step ({KEYS['done']}; Ctrl+Z undoes)"
        )
        self.done_button.clicked.connect(lambda _c=False: self.mark_done())
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the selected actions (Del; Ctrl+Z undoes)")
        self.delete_button.clicked.connect(lambda _c=False: self.delete())
        self.count = QLabel()
        self.count.setObjectName("muted")
        self.error = ErrorLabel()
        self.stack = EmptyState(self.view, "No actions match: clear the filters to see them all.")

        title = QLabel("Action plan")
        title.setObjectName("sectionTitle")
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(12)
        for widget in (self.mine, self.overdue, self.this_month):
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        bar.addWidget(self.done_button)
        bar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.add_line)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        self._shortcuts()
        self._update_buttons()

    def _toggle(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setCheckable(True)
        button.setToolTip(tip)
        button.toggled.connect(self._refilter)
        return button

    def _shortcuts(self) -> None:
        for keys, slot, target in (
            (KEYS["add"], self.add_line.setFocus, self),
            (KEYS["done"], self.mark_done, self),
            (KEYS["delete"], self.delete, self.view),
            ("Ins", self.add_line.setFocus, self.view),
            ("Return", self.edit_details, self.view),
            ("Enter", self.edit_details, self.view),
        ):
            action = QAction(target)
            action.setShortcut(QKeySequence(keys))
            # Enter belongs to the table itself, not to a cell's editor open inside it.
            context = (
                Qt.ShortcutContext.WidgetShortcut
                if keys in ("Return", "Enter")
                else Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
            action.setShortcutContext(context)
            action.triggered.connect(lambda _c=False, slot=slot: slot())
            target.addAction(action)

    # --- showing -------------------------------------------------------------------------

    def show_data(self, plan: ActionPlan) -> None:
        same = self.plan is not None and self.plan.account_id == plan.account_id
        kept = self._select_after or ([r.id for r in self.selected_rows()] if same else [])
        self._select_after = []
        self.plan = plan
        self.model.plan = plan
        mine_tip = "Actions owned by the portfolio's owner"
        if plan.me is None:
            why = (
                f"No one on the team is named '{plan.owner_name}'"
                if plan.owner_name.strip()
                else "The portfolio has no owner"
            )
            mine_tip = f"{why}: set the owner's name in Portfolio > Settings to use this filter."
            self.mine.setChecked(False)
        self.mine.setEnabled(plan.me is not None)
        self.mine.setToolTip(mine_tip)
        if not same:
            self.error.clear_message()
        self.model.set_rows(plan.rows)
        self._refilter()
        self.select_actions(kept)

    def _refilter(self, *_args: object) -> None:
        plan = self.plan
        if plan is None:
            return
        today, me = plan.today, plan.me
        tests: list[Callable[[ActionRow], bool]] = []
        if self.mine.isChecked():
            tests.append(lambda r: is_mine(r, me))
        if self.overdue.isChecked():
            tests.append(lambda r: is_overdue(r, today))
        if self.this_month.isChecked():
            tests.append(lambda r: due_this_month(r, today))
        keep = (lambda r: all(t(r) for t in tests)) if tests else None
        self.model.set_filter(keep, text=self.search.text())
        shown, total = self.model.rowCount(), self.model.total
        self.count.setText(f"{shown} of {total}" if shown != total else f"{total} actions")
        self.stack.set_empty(shown == 0 and total > 0)
        self._update_buttons()

    def selected_rows(self) -> list[ActionRow]:
        rows = (self.model.row_at(i) for i in self.view.selectionModel().selectedRows())
        return [r for r in rows if r is not None]

    def select_actions(self, action_ids: list[int]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        for n, action_id in enumerate(action_ids):
            index = self.model.index_of(action_id)
            if not index.isValid():
                continue
            flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
            if n == 0:
                self.view.setCurrentIndex(index)
            selection.select(index, flags)
            self.view.scrollTo(index)

    def show_action(self, action_id: int) -> None:
        """Clear the filters so the action shows, select it and give the table focus."""
        for toggle in (self.mine, self.overdue, self.this_month):
            toggle.setChecked(False)
        self.search.clear()
        self.select_actions([action_id])
        self.view.setFocus()

    def _update_buttons(self, *_args: object) -> None:
        has = bool(self.view.selectionModel().selectedRows())
        self.done_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.add_line.setEnabled(self.plan is not None)

    # --- editing -------------------------------------------------------------------------

    def _perform(self, edit: Any) -> bool:
        try:
            perform(self.ctx, edit)
        except ValidationError as exc:
            self._select_after = []
            self.error.show_message(exc.message)
            return False
        self.error.clear_message()
        return True

    def add_from_line(self) -> None:
        plan, title = self.plan, self.add_line.text().strip()
        if plan is None or not title:
            return
        today = self.ctx.today()
        values = action_edits.defaults(title, plan.csm_id, today)
        edit = action_edits.add_action(plan.account_id, values, today)
        self._select_after = []
        if self._perform(edit) and edit.row_id is not None:
            self.add_line.clear()
            self.show_action(edit.row_id)
            self.add_line.setFocus()

    def _edit_cell(self, row: ActionRow, field: str, value: Any) -> bool:
        plan = self.plan
        if plan is None:
            return False
        if field == "status":
            values = with_status(row.values, value, self.ctx.today())
        else:
            values = replace(row.values, **{field: value})
        self._select_after = [row.id]
        edit = action_edits.change_action(plan.account_id, row.id, values, WHAT[field])
        return self._perform(edit)

    def edit_details(self) -> None:
        """The current action in full, in a dialog; OK is one undoable edit."""
        plan, row = self.plan, self.model.row_at(self.view.currentIndex())
        if plan is None or row is None:
            return
        values = ActionDialog.ask(
            self,
            plan=plan,
            initial=row.values,
            validate=lambda v: dry_run(
                self.ctx, lambda s: action_edits.update_action(s, row.id, v)
            ),
        )
        if values is None or values == row.values:
            return
        self._select_after = [row.id]
        self._perform(action_edits.change_action(plan.account_id, row.id, values))

    def mark_done(self) -> None:
        plan, rows = self.plan, self.selected_rows()
        if plan is None or not rows:
            return
        self._select_after = [r.id for r in rows]
        edit = action_edits.mark_done(
            plan.account_id, [(r.id, r.values) for r in rows], self.ctx.today()
        )
        self._perform(edit)

    def delete(self) -> None:
        plan, rows = self.plan, self.selected_rows()
        if plan is None or not rows:
            return
        self._perform(action_edits.delete_actions(plan.account_id, [r.id for r in rows]))
