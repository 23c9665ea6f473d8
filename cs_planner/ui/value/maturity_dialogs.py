"""The maturity dialogs: the account's level on a date, its target, and the portfolio's
model. Each has ``ask(...) -> values | None`` (tests patch it) and stays open on a value the
domain refuses (a dry run of the edit), with the message under the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.value.maturity import MAX_LEVELS, MIN_LEVELS, LevelRow, LevelValues
from cs_planner.ui.common.editors import ChoiceBox, DateEdit, ErrorLabel, NotesEdit
from cs_planner.ui.common.widgets import CheckedFormDialog


def level_box(levels: Sequence[LevelRow], current: int | None) -> ChoiceBox:
    box = ChoiceBox()
    box.set_items([(f"{r.level} · {r.name}", r.level) for r in levels])
    box.set_value(current)
    return box


class LevelDialog(CheckedFormDialog):
    """The level the account reached and the day it did (default today)."""

    def __init__(
        self, parent: QWidget | None, levels: Sequence[LevelRow], current: int | None,
        today: dt.date,
    ) -> None:  # fmt: skip
        super().__init__(parent, "Change the maturity level")
        self.today = today
        self.level = level_box(levels, current)
        self.add_row("level", "Level reached", self.level, "The level the account is at now")
        self.on = DateEdit("The date of the level", "changed_on")
        self.on.set_value(today)
        self.add_row("changed_on", "On", self.on,
                     "When the account reached it: today or earlier, since it became a "
                     "customer. A date already in the history changes that entry.")  # fmt: skip

    def values(self) -> tuple[int, dt.date]:
        return self.level.value(), self.on.value() or self.today

    @classmethod
    def ask(
        cls, parent: QWidget | None, levels: Sequence[LevelRow], current: int | None,
        today: dt.date, validate: Callable[[Any], None] | None = None,
    ) -> tuple[int, dt.date] | None:  # fmt: skip
        values: tuple[int, dt.date] | None = cls(parent, levels, current, today).run(validate)
        return values


class TargetDialog(CheckedFormDialog):
    """The level the account aims at and by when."""

    def __init__(
        self, parent: QWidget | None, levels: Sequence[LevelRow], target: int | None,
        target_date: dt.date | None,
    ) -> None:  # fmt: skip
        super().__init__(parent, "Set the target maturity level")
        self.level = level_box(levels, target)
        self.add_row("maturity_target", "Target level", self.level,
                     "Not below the level the account is at now")  # fmt: skip
        self.on = DateEdit("The target date", "maturity_target_date")
        self.on.set_value(target_date)
        self.add_row("maturity_target_date", "Reach it by", self.on,
                     "Today or later; empty: no date yet")  # fmt: skip

    def values(self) -> tuple[int, dt.date | None]:
        return self.level.value(), self.on.value()

    @classmethod
    def ask(
        cls, parent: QWidget | None, levels: Sequence[LevelRow], target: int | None,
        target_date: dt.date | None, validate: Callable[[Any], None] | None = None,
    ) -> tuple[int, dt.date | None] | None:  # fmt: skip
        values: tuple[int, dt.date | None] | None = cls(parent, levels, target, target_date).run(
            validate
        )
        return values


# Five levels a CSM can start from and rename (an empty portfolio has no model).
STARTER = (
    LevelValues("Initial", "Uses the product ad hoc, a few enthusiasts"),
    LevelValues("Repeatable", "Teams follow a shared way of working in the product"),
    LevelValues("Defined", "The process runs in the product across a division"),
    LevelValues("Managed", "Results are measured and reviewed with the product's data"),
    LevelValues("Optimising", "The product shapes how the business improves"),
)


class ModelDialog(QDialog):
    """The portfolio's levels, level 1 at the top of the form: a name, the behaviours and
    the features or use cases that mark it; add or remove a level at the top of the model."""

    def __init__(self, parent: QWidget | None, levels: Sequence[LevelValues]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Maturity model")
        self.check: Callable[[list[LevelValues]], None] | None = None
        self.rows: list[tuple[QLineEdit, NotesEdit, NotesEdit]] = []
        self.grid = QGridLayout()
        for column, title in enumerate(("Level", "Name", "Behaviours", "Marked by")):
            label = QLabel(title)
            label.setObjectName("sectionTitle")
            self.grid.addWidget(label, 0, column)
        self.grid.setColumnStretch(2, 3)
        self.grid.setColumnStretch(3, 2)
        self.grid.setRowStretch(MAX_LEVELS + 1, 1)  # the levels stay together at the top
        body = QWidget()
        body.setLayout(self.grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        hint = QLabel(
            f"{MIN_LEVELS} to {MAX_LEVELS} levels. Behaviours: what a customer at the level "
            "does. Marked by: the product features or use cases whose adoption shows it, "
            "one per line."
        )
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        self.add_button = QPushButton("Add a level at the top")
        self.add_button.clicked.connect(lambda: self.add_level(LevelValues("")))
        self.remove_button = QPushButton("Remove the top level")
        self.remove_button.clicked.connect(self.remove_level)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._accept)
        row = QGridLayout()
        row.addWidget(self.add_button, 0, 0)
        row.addWidget(self.remove_button, 0, 1)
        row.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for values in levels or STARTER:
            self.add_level(values)
        self.resize(860, 520)

    def add_level(self, values: LevelValues) -> None:
        if len(self.rows) >= MAX_LEVELS:
            return
        number = len(self.rows) + 1
        name = QLineEdit(values.name)
        name.setPlaceholderText("Name")
        behaviours, marks = NotesEdit(), NotesEdit()
        behaviours.set_value(values.behaviours)
        marks.set_value(values.marks)
        for editor in (behaviours, marks):
            editor.setFixedHeight(3 * editor.fontMetrics().height() + 10)
        level = QLabel(str(number))
        level.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        for column, widget in enumerate((level, name, behaviours, marks)):
            self.grid.addWidget(widget, number, column, Qt.AlignmentFlag.AlignTop)
        self.rows.append((name, behaviours, marks))
        self._update_buttons()
        name.setFocus()

    def remove_level(self) -> None:
        if len(self.rows) <= MIN_LEVELS:
            return
        number = len(self.rows)
        for column in range(4):
            item = self.grid.itemAtPosition(number, column)
            widget = item.widget() if item is not None else None
            if widget is not None:
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows.pop()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(len(self.rows) < MAX_LEVELS)
        self.remove_button.setEnabled(len(self.rows) > MIN_LEVELS)

    def values(self) -> list[LevelValues]:
        return [LevelValues(n.text().strip(), b.value(), m.value()) for n, b, m in self.rows]

    def _accept(self) -> None:
        values = self.values()
        try:
            for number, level in enumerate(values, start=1):
                if not level.name:
                    raise ValidationError(f"Level {number} needs a name.", "name")
            if self.check is not None:
                self.check(values)
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        levels: Sequence[LevelValues],
        validate: Callable[[list[LevelValues]], None] | None = None,
    ) -> list[LevelValues] | None:
        dialog = cls(parent, levels)
        dialog.check = validate
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
