"""A strip under a wizard page for work that takes seconds (planning or writing 100,000
rows): what is going on, a progress bar and a Cancel button. The work runs on the main
thread, as the app's exports do; its progress callback repaints and lets the Cancel
button be clicked, while everything else in the dialog is disabled."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
    QWizard,
)

from cs_planner.domain.imports.preview import Progress


class WorkStrip(QWidget):
    """Hidden until ``running``; ``progress`` is the callback the domain is handed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = QLabel("")
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.bar.setFormat("%p%")  # of the rows to go through (a file's contacts go twice)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop now: nothing is written to the portfolio")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.what)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.cancelled = False
        self.busy = False
        self.hide()

    def cancel(self) -> None:
        self.cancelled = True
        self.what.setText("Cancelling…")

    @contextmanager
    def running(
        self, what: str, blocked: list[QWidget], *, can_cancel: bool = True
    ) -> Iterator[Progress]:
        """Show the strip, disable ``blocked`` meanwhile, hand out the progress callback."""
        self.cancelled, self.busy = False, True
        self.what.setText(what)
        self.bar.setRange(0, 0)  # busy until the first report gives the total
        self.cancel_button.setVisible(can_cancel)
        self.show()
        enabled = [(w, w.isEnabled()) for w in blocked]
        for widget, _ in enabled:
            widget.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self._pump()
        try:
            yield self.progress
        finally:
            QApplication.restoreOverrideCursor()
            for widget, was in enabled:
                widget.setEnabled(was)
            self.busy = False
            self.hide()

    def progress(self, done: int, total: int) -> bool:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, total))
        self._pump()
        return not self.cancelled

    def _pump(self) -> None:
        # All events, not only repaints: the Cancel button must take a click. The rest of
        # the dialog is disabled and the dialog is modal, so no other edit can start.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def wizard_buttons(wizard: QWizard) -> list[QWidget]:
    """The wizard's own buttons: off while work runs (the strip's Cancel stays on)."""
    B = QWizard.WizardButton
    kinds = (B.BackButton, B.NextButton, B.CommitButton, B.FinishButton, B.CancelButton)
    return [wizard.button(kind) for kind in kinds]
