"""Someone else changed what this window was about to change: the record, each field as they
left it and as this window wants it, and three ways on: keep theirs (the views reload),
apply mine over theirs, or copy mine to the clipboard (then keep theirs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.change_log import Conflict, Difference, describe, differences
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import MINE

THEIRS, COPY = "theirs", "copy"


def shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(getattr(value, "value", value))  # an enum by its stored word


class ConflictDialog(QDialog):
    def __init__(self, found: list[Difference], conflict: Conflict, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed by someone else")
        self.choice = THEIRS
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        who = "\n".join(describe(c.entry, now) for c in conflict.clashes)
        intro = QLabel(
            f"Your change was not saved: this was changed meanwhile.\n{who}\n\n"
            "Keep theirs, or apply yours over theirs."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(found), 4)
        self.table.setHorizontalHeaderLabels(["Record", "Field", "Theirs (now)", "Yours"])
        for row, diff in enumerate(found):
            cells = (
                diff.record,
                diff.field.replace("_", " "),
                shown(diff.theirs),
                shown(diff.yours),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox()
        keep = buttons.addButton("Keep theirs", QDialogButtonBox.ButtonRole.RejectRole)
        mine = buttons.addButton("Apply mine over theirs", QDialogButtonBox.ButtonRole.AcceptRole)
        copy = buttons.addButton("Copy mine", QDialogButtonBox.ButtonRole.ActionRole)
        keep.setDefault(True)  # Enter never overwrites a colleague's work
        keep.clicked.connect(lambda: self._done(THEIRS))
        mine.clicked.connect(lambda: self._done(MINE))
        copy.clicked.connect(lambda: self._copy(found))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 320)

    def _done(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def _copy(self, found: list[Difference]) -> None:
        lines = [f"{d.record}: {d.field.replace('_', ' ')} = {shown(d.yours)}" for d in found]
        QGuiApplication.clipboard().setText("\n".join(lines))
        self._done(COPY)

    @classmethod
    def ask(cls, ctx: AppContext, conflict: Conflict, parent: QWidget | None) -> str:
        found = ctx.read(lambda session: differences(session, conflict))
        dialog = cls(found, conflict, parent)
        dialog.exec()
        return dialog.choice
