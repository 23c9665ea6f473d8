"""The last line of defence: an unexpected exception shows a dialog with a copyable report;
the app goes on (each edit's transaction has already rolled back)."""

from __future__ import annotations

import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cs_planner import __version__
from cs_planner.domain.errors import ValidationError


def report_text(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(kind, value, tb)
    return (
        f"cs_planner {__version__}, Python {platform.python_version()}, Qt {qVersion()}, "
        f"{platform.platform()}\n\n" + "".join(lines)
    )


class ErrorDialog(QDialog):
    def __init__(self, summary: str, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        message = QLabel(
            f"<b>{summary}</b><br>Nothing was saved from the action that failed; "
            "your portfolio is as it was before it. You can go on working.<br>"
            "If this keeps happening, copy the report below and send it to us."
        )
        message.setWordWrap(True)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)


def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    report = report_text(kind, value, tb)
    sys.stderr.write(report)
    parent = QApplication.activeWindow()
    if isinstance(value, ValidationError):
        summary = value.message
    else:
        summary = f"{kind.__name__}: {value}"
    ErrorDialog(summary, report, parent).exec()


def install() -> None:
    sys.excepthook = _hook
