"""Small widgets the views share: KPI tiles, empty states, keyboard keys on views, list
panels with add/edit/delete buttons and a form dialog validated by a dry run. The editors
are in ``editors.py``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.errors import ValidationError
from cs_planner.ui.common import theme
from cs_planner.ui.common.columns import compact_rows
from cs_planner.ui.common.dialogs import FormDialog
from cs_planner.ui.common.editors import ErrorLabel
from cs_planner.ui.common.empty_state import EmptyState as EmptyState  # its old home
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform

if TYPE_CHECKING:
    from cs_planner.domain.edits import Edit, Insert


class KpiTile(QFrame):
    """A headline figure: a caption, the value in large type, and a detail line."""

    def __init__(self, caption: str, tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(tooltip)
        self.caption = QLabel(caption)
        self.caption.setObjectName("kpiCaption")
        self.value = QLabel("—")
        self.value.setObjectName("kpiValue")
        self.detail = QLabel("")
        self.detail.setObjectName("kpiCaption")
        # Captions and details wrap, so a row of tiles fits a laptop's window; the value
        # itself never wraps.
        for label in (self.caption, self.detail):
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        for label in (self.caption, self.value, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)

    def show_value(self, text: str, detail: str = "", colour: str | None = None) -> None:
        self.value.setText(text)
        self.value.setStyleSheet(f"color: {theme.ink(colour).name()};" if colour else "")
        self.detail.setText(detail)


class ViewKeys(QObject):
    """Keys on an item view: Delete (or Backspace) deletes the current item, Enter and a
    double-click edit it, Insert adds one."""

    def __init__(
        self,
        view: QAbstractItemView,
        on_delete: Callable[[], None],
        on_edit: Callable[[], None],
        on_add: Callable[[], None],
    ) -> None:
        super().__init__(view)
        self._delete, self._edit, self._add = on_delete, on_edit, on_add
        view.installEventFilter(self)
        view.doubleClicked.connect(lambda _index: on_edit())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._delete()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._edit()
                return True
            if key == Qt.Key.Key_Insert:
                self._add()
                return True
        return False


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask yes/no (tests patch this module attribute instead of driving the message box)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


# --- dialogs -----------------------------------------------------------------------------


class CheckedFormDialog(FormDialog):
    """The shared form dialog, validated by a callback (typically a dry run of the undo
    command the caller will perform), so a rejected value keeps the dialog open."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(title, parent)
        self.setMinimumWidth(420)
        self.check: Callable[[Any], None] | None = None

    def validate(self, values: Any) -> None:
        # values() returns the ValidationError a field's parser raised, to show under it.
        if isinstance(values, ValidationError):
            raise values
        if self.check is not None:
            self.check(values)

    def run(self, check: Callable[[Any], None] | None) -> Any:
        """Show the dialog; its values when accepted, else None."""
        self.check = check
        return self.values() if self.exec() == QDialog.DialogCode.Accepted else None


# --- lists of rows ---------------------------------------------------------------------


class ListPanel(QWidget):
    """A titled item view with Add / Edit… / Delete buttons (keys: see ViewKeys), a message
    in place of an empty view, and an error line for a rejected command. The view's model
    has ``row_at(index)`` and ``index_of(id)``; subclasses implement add, edit and delete."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        view: QAbstractItemView,
        empty_text: str,
        add_text: str,
        extra: Sequence[QPushButton] = (),
    ) -> None:
        super().__init__()
        self._ctx = ctx
        self.account: tuple[int, str] | None = None  # (id, name)
        self.view = view
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        if isinstance(view, QTableView):
            compact_rows(view)
        ViewKeys(view, self.delete, self.edit, self.add)
        self.add_button = button(add_text, self.add, "Add a row (Insert)")
        self.edit_button = button("Edit…", self.edit, "Edit the selected row (Enter)")
        self.delete_button = button("Delete", self.delete, "Delete the selected row (Del)")
        self.extra = list(extra)
        self.stack = EmptyState(view, empty_text)
        self.error = ErrorLabel()
        header = QHBoxLayout()
        title_label = QLabel(title)
        title_label.setObjectName("sectionTitle")
        header.addWidget(title_label)
        header.addStretch(1)
        for widget in (self.add_button, *self.extra, self.edit_button, self.delete_button):
            header.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        view.selectionModel().selectionChanged.connect(self.update_buttons)
        self.update_buttons()

    def add(self) -> None: ...

    def edit(self) -> None: ...

    def delete(self) -> None: ...

    def selected(self) -> Any:
        index = self.view.currentIndex()
        selected = self.view.selectionModel().isSelected(index)
        return self.view.model().row_at(index) if selected else None  # type: ignore[attr-defined]

    def select(self, row_id: int | None) -> None:
        if row_id is None:
            return
        index = self.view.model().index_of(row_id)  # type: ignore[attr-defined]
        if index.isValid():
            self.view.setCurrentIndex(index)

    def set_rows(
        self, account_id: int, account_name: str, set_model_rows: Callable[[], None]
    ) -> None:
        """Show new rows, keeping the selection when it is the same account."""
        same = self.account is not None and self.account[0] == account_id
        kept = self.selected() if same else None
        self.account = (account_id, account_name)
        set_model_rows()
        self.stack.set_empty(self.view.model().rowCount() == 0)
        if kept is not None:
            self.select(kept.id)
        if not same:
            self.error.clear_message()
        self.update_buttons()

    def update_buttons(self, *_args: object) -> None:
        self.add_button.setEnabled(self.account is not None)
        has_row = self.selected() is not None
        for widget in (*self.extra, self.edit_button, self.delete_button):
            widget.setEnabled(has_row)

    def perform(self, edit: Edit) -> bool:
        return perform_or_say(self._ctx, edit, self.error)

    def perform_insert(self, edit: Insert[Any]) -> None:
        """Apply an edit that adds a row, then select the new row."""
        if self.perform(edit):
            self.select(edit.row_id)

    def chosen(self) -> tuple[Any, int, str] | None:
        """The selected row with the account's id and name; None without either."""
        row = self.selected()
        if row is None or self.account is None:
            return None
        return (row, *self.account)


def perform_or_say(ctx: AppContext, edit: Edit, error: ErrorLabel) -> bool:
    """Apply a domain edit; a rejection (rare once a dialog validated the values) shows in
    ``error`` (under the list or table) rather than in a modal box."""
    try:
        perform(ctx, edit)
    except ValidationError as exc:
        error.show_message(exc.message)
        return False
    error.clear_message()
    return True


def button(text: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setToolTip(tip)
    widget.clicked.connect(lambda _checked=False: slot())
    return widget
