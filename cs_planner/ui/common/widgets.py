"""Small widgets and helpers the account views share: editors whose ``value()`` reports
bad input as a ValidationError, inline error labels, KPI tiles, list panels with
add/edit/delete buttons and a form dialog validated by a dry run."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QEvent, QMimeData, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from cs_planner.domain.edits import Edit
from cs_planner.domain.errors import ValidationError
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.common.columns import compact_rows
from cs_planner.ui.common.dialogs import FormDialog
from cs_planner.ui.common.text_fit import CHOICE_MAX, clip
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform

# --- formatting and parsing ------------------------------------------------------------


def parse_number(text: str, what: str, field: str, *, integer: bool = False) -> float | int:
    """A number typed by a user: thousands separators, spaces and a k/m suffix allowed."""
    cleaned = re.sub(r"[,\s_]", "", text)
    scale = {"k": 1_000, "m": 1_000_000}.get(cleaned[-1:].lower(), 1)
    if scale != 1:
        cleaned = cleaned[:-1]
    try:
        value = float(cleaned) * scale
    except ValueError:
        if not cleaned:
            raise ValidationError(f"{what} is required.", field) from None
        raise ValidationError(f"{what} must be a number, not '{text.strip()}'.", field) from None
    if integer:
        if not value.is_integer():
            raise ValidationError(f"{what} must be a whole number.", field)
        return int(value)
    return value


def parse_date(text: str, what: str, field: str) -> dt.date | None:
    """YYYY-MM-DD, or None for an empty text."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return dt.date.fromisoformat(cleaned.replace("/", "-"))
    except ValueError:
        raise ValidationError(
            f"{what}: type a date as YYYY-MM-DD, e.g. 2026-11-24 (or leave it empty).", field
        ) from None


# --- editors with value() / set_value() and a ``committed`` signal ---------------------------


class ErrorLabel(QLabel):
    """A red message under a field; hidden while there is nothing wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")  # red, from the style sheet
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")

    def has_message(self) -> bool:
        return bool(self.text())


class TextEdit(QLineEdit):
    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editingFinished.connect(self.committed)

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value: str) -> None:
        self.setText(value or "")
        self.setCursorPosition(0)

    def is_dirty(self) -> bool:
        return self.isModified()

    def mark_clean(self) -> None:
        self.setModified(False)

    def mark_dirty(self) -> None:
        self.setModified(True)


class NumberEdit(TextEdit):
    """Money or a count, shown with thousands separators (120,000)."""

    def __init__(
        self, what: str, field: str, *, integer: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._what, self._field, self._integer = what, field, integer
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> float | int:  # type: ignore[override]
        return parse_number(self.text(), self._what, self._field, integer=self._integer)

    def set_value(self, value: float | int | None) -> None:  # type: ignore[override]
        whole = None if value is None else int(value)
        self.setText(fmt.count(whole) if self._integer else fmt.amount(value))


class DateEdit(QWidget):
    """An optional date typed as YYYY-MM-DD (empty: none), with a calendar on the button
    or on Alt+Down / F4."""

    committed = Signal()

    def __init__(self, what: str, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what, self._field = what, field
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("YYYY-MM-DD")
        self.line.editingFinished.connect(self.committed)
        self.line.installEventFilter(self)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self._menu = QMenu(self)
        action = QWidgetAction(self._menu)
        action.setDefaultWidget(self.calendar)
        self._menu.addAction(action)
        button = QToolButton(self)
        button.setText("▾")
        button.setToolTip("Pick a date (Alt+Down)")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(self.open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(button)
        self.setFocusProxy(self.line)

    def value(self) -> dt.date | None:
        return parse_date(self.line.text(), self._what, self._field)

    def set_value(self, value: dt.date | None) -> None:
        self.line.setText(value.isoformat() if value else "")

    def is_dirty(self) -> bool:
        return self.line.isModified()

    def mark_clean(self) -> None:
        self.line.setModified(False)

    def mark_dirty(self) -> None:
        self.line.setModified(True)

    def open_calendar(self) -> None:
        try:
            current = self.value()
        except ValidationError:
            current = None
        day = current or dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self._menu.popup(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        self.calendar.setFocus()

    def _picked(self, date: QDate) -> None:
        self._menu.close()
        self.line.setText(dt.date(date.year(), date.month(), date.day()).isoformat())
        self.line.setModified(True)
        self.line.setFocus()
        self.committed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and isinstance(event, QKeyEvent):
            alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
            if event.type() == QEvent.Type.KeyPress and (
                event.key() == Qt.Key.Key_F4 or (alt and event.key() == Qt.Key.Key_Down)
            ):
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)


class ChoiceBox(QComboBox):
    """A closed list of (label, value) pairs; ``value()`` is the Python value, not a QVariant
    (so enums stay enums and None stays None). Commits when a user picks an item."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[Any] = []
        self.activated.connect(self.committed)

    def _capped(self, hint: QSize) -> QSize:
        # As wide as its items up to a typical long name: one long name must not widen a
        # form past a laptop screen (the open list still shows the items).
        cap = self.fontMetrics().averageCharWidth() * 26 + 40
        return QSize(min(hint.width(), cap), hint.height())

    def sizeHint(self) -> QSize:
        return self._capped(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._capped(super().minimumSizeHint())

    def set_items(self, items: Sequence[tuple[str, Any]]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self._values = [v for _, v in items]
        for label, _value in items:
            self.addItem(clip(label, CHOICE_MAX))  # a long name never widens the form
            if len(label) > CHOICE_MAX:
                self.setItemData(self.count() - 1, clip(label), Qt.ItemDataRole.ToolTipRole)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any) -> None:
        if value in self._values:
            self.setCurrentIndex(self._values.index(value))


class SuggestBox(QComboBox):
    """Free text with suggestions (e.g. size bands)."""

    committed = Signal()

    def __init__(self, suggestions: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(list(suggestions))
        self._line().editingFinished.connect(self.committed)
        self.activated.connect(self.committed)

    def value(self) -> str:
        return self.currentText().strip()

    def set_value(self, value: str) -> None:
        self.setEditText(value or "")

    def is_dirty(self) -> bool:
        return self._line().isModified()

    def mark_clean(self) -> None:
        self._line().setModified(False)

    def mark_dirty(self) -> None:
        self._line().setModified(True)

    def _line(self) -> QLineEdit:
        line = self.lineEdit()
        assert line is not None, "an editable combo box has a line"
        return line


class CheckEdit(QCheckBox):
    committed = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.clicked.connect(self.committed)  # user clicks only, not setChecked

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: bool) -> None:
        self.setChecked(bool(value))


class NotesEdit(QPlainTextEdit):
    """Multi-line text committed when the editor loses focus; Tab moves on."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def sizeHint(self) -> QSize:
        """About 24 characters wide (Qt asks for 256 pixels): the Overview's form and the
        side panels keep the width their other fields need, and notes wrap."""
        hint = super().sizeHint()
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()
        return QSize(
            min(hint.width(), self.fontMetrics().averageCharWidth() * 24 + frame), hint.height()
        )

    def insertFromMimeData(self, source: QMimeData) -> None:
        if _LONG_RUN.search(source.text()):  # before the paste is laid out, not after
            self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        super().insertFromMimeData(source)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.document().isModified():
            self.committed.emit()

    def value(self) -> str:
        return self.toPlainText().strip()

    def set_value(self, value: str) -> None:
        fit_wrap(self, value or "")
        self.setPlainText(value or "")
        self.document().setModified(False)

    def is_dirty(self) -> bool:
        return self.document().isModified()

    def mark_clean(self) -> None:
        self.document().setModified(False)

    def mark_dirty(self) -> None:
        self.document().setModified(True)


_LONG_RUN = re.compile(r"\S{200}")


def text_box(text: str = "") -> NotesEdit:
    """A multi-line editor for a dialog, holding ``text`` (wrapped anywhere if it must)."""
    editor = NotesEdit()
    editor.set_value(text)
    return editor


def fit_wrap(editor: QPlainTextEdit, text: str) -> None:
    """Before ``editor`` is given ``text``: wrap anywhere when the text holds a long
    unbroken run. Qt's word wrap falls back to breaking anywhere only after trying every
    word boundary, which takes minutes on a megabyte without one (an older file, a pasted
    blob). Prose keeps wrapping at words."""
    mode = QTextOption.WrapMode
    wanted = mode.WrapAnywhere if _LONG_RUN.search(text) else mode.WrapAtWordBoundaryOrAnywhere
    if editor.wordWrapMode() != wanted:
        editor.clear()  # so the old text is not laid out again in the new mode
        editor.setWordWrapMode(wanted)


# --- display -----------------------------------------------------------------------------


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


class EmptyState(QStackedWidget):
    """A view, or a friendly message in its place while it has nothing to show."""

    def __init__(self, view: QWidget, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Smaller than a whole tab's empty state: in a short panel (the Overview's lists
        # on a laptop) the large padded one was cut off at the top and bottom.
        self.message.setObjectName("emptyHint")
        self.addWidget(view)
        self.addWidget(self.message)

    def set_empty(self, empty: bool) -> None:
        self.setCurrentWidget(self.message if empty else self.view)


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
        """Apply a domain edit; a rejection (rare once a dialog validated the values) shows
        under the list rather than in a modal box."""
        try:
            perform(self._ctx, edit)
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return False
        self.error.clear_message()
        return True


def button(text: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setToolTip(tip)
    widget.clicked.connect(lambda _checked=False: slot())
    return widget
