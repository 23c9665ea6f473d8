"""A view, or a message in its place while it has nothing to show (its own module: the
portfolio list needs it before the first paint, without the rest of widgets.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


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


def empty_label(text: str) -> QLabel:
    """A whole area's message while it has nothing to show (the large, centred one)."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setObjectName("emptyState")
    return label
