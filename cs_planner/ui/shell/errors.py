"""The last line of defence: an unexpected exception shows a dialog with a copyable report;
the app goes on (each edit's transaction has already rolled back).

Without anybody to close a dialog (``--screenshot``, or no display) a modal dialog would
wait forever: there every unexpected error is one line on standard error and the run ends
with a non-zero status instead."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cs_planner import APP_NAME, __version__
from cs_planner.domain.errors import ValidationError


def report_text(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    import platform  # only when something failed

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


HEADLESS_PLATFORMS = ("offscreen", "minimal")
LINE_MAX = 400  # an error line stays a line (a failed SQL statement can carry megabytes)

_interactive = True
_failures: list[str] = []


def headless() -> bool:
    """True when nothing is shown on a screen (so nobody could close a dialog)."""
    return QGuiApplication.platformName() in HEADLESS_PLATFORMS


def one_line(value: BaseException) -> str:
    """An exception as one short line: the user's message, or the type and message."""
    if isinstance(value, ValidationError):
        text = value.message
    else:
        text = f"{type(value).__name__}: {value}"
    text = " ".join(text.split())
    return text if len(text) <= LINE_MAX else text[: LINE_MAX - 1] + "…"


def failed() -> bool:
    """Whether an unexpected error was reported in a non-interactive run."""
    return bool(_failures)


def _report_line(value: BaseException) -> None:
    line = f"{APP_NAME}: error: {one_line(value)}"
    if line not in _failures:  # the same failure repeated by a second signal: said once
        _failures.append(line)
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    app = QCoreApplication.instance()
    # End a running event loop with status 1. Only while one runs: Qt remembers an exit
    # called outside a loop and makes every later QEventLoop.exec() return at once.
    if app is not None and QThread.currentThread().loopLevel() > 0:
        app.exit(1)


def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    if not _interactive:
        _report_line(value)
        return
    report = report_text(kind, value, tb)
    sys.stderr.write(report)
    parent = QApplication.activeWindow()
    if isinstance(value, ValidationError):
        summary = value.message
    else:
        summary = f"{kind.__name__}: {value}"
    ErrorDialog(summary, report, parent).exec()


def install(interactive: bool = True) -> None:
    """Catch what nothing else caught: in slots Qt calls, and (non-interactive) what ends
    the program, so that even then stderr gets one line rather than a traceback."""
    global _interactive
    _interactive = interactive
    _failures.clear()
    sys.excepthook = _hook


def is_interactive() -> bool:
    return _interactive
