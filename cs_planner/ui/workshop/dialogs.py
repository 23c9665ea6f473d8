"""Dialogs opened in workshop mode (editing stays possible: an action's details, a
dimension's plan) show no private row: a form's rows are named after the fields they edit,
and a row whose field is private wherever it is stored is hidden. Its value is kept, not
cleared, so saving the dialog changes nothing private."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from cs_planner.domain.workshop.privacy import private_wherever_stored
from cs_planner.ui.common.dialogs import FormDialog


def hide_private_rows(dialog: FormDialog) -> None:
    for field, error in dialog.errors.items():
        box = error.parentWidget()
        if box is None or not private_wherever_stored(field):
            continue
        position: tuple[int, object] = dialog.form.getWidgetPosition(box)  # type: ignore[assignment]
        row = position[0]
        if row >= 0:
            dialog.form.setRowVisible(row, False)


class PrivateRows(QObject):
    """Installed on the application while ``window`` is in workshop mode: its dialogs."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, FormDialog):
            parent = watched.parentWidget()
            if parent is not None and parent.window() is self.window:
                hide_private_rows(watched)
        return False

    def install(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
