"""Editors whose ``value()`` reports bad input as a ValidationError, named after the
field they edit, with the inline error label shown beside them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, QEvent, QMimeData, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextOption
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from cs_planner.domain.errors import ValidationError
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.text_fit import CHOICE_MAX, clip

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


class OptionalNumberEdit(NumberEdit):
    """A number that may be unknown: an empty text is None, not a mistake."""

    def value(self) -> float | int | None:  # type: ignore[override]
        return None if not self.text().strip() else super().value()


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
