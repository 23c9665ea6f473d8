"""Dialogs around stairway templates: pick one to apply, and save a roadmap as a template
(editing one: ``template_editor``). Each has ``ask(...)`` so tests patch it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.stairway.rows import TemplateData, UseCaseRow
from cs_planner.ui.common.widgets import CheckedFormDialog, button
from cs_planner.ui.stairway.template_table import TemplateBrowser, describe, show_templates


class ApplyTemplateDialog(QDialog):
    """Choose a template from the library, with a preview of what applying it adds."""

    def __init__(
        self,
        parent: QWidget | None,
        templates: list[TemplateData],
        marks: dict[str, str],
        preselect: str | None,
        rows: list[UseCaseRow],
        currency: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Apply a stairway template")
        self.resize(1120, 620)
        self._rows, self._currency = rows, currency
        split = TemplateBrowser(self)
        self.model, self.table, self.preview = split.model, split.table, split.preview
        self.browser = split
        show_templates(self.model, templates, marks)
        self.apply_button = button("Apply", self.accept, "Add the missing use cases (Enter)")
        self.apply_button.setDefault(True)
        cancel = button("Cancel", self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A template is the climb that worked at customers like this one. Applying it adds "
            "its use cases the roadmap lacks and measures the account's progress against it."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._show)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        self.browser.select(preselect)
        self._show()

    def chosen(self) -> TemplateData | None:
        return self.browser.current()

    def _show(self, *_args: object) -> None:
        template = self.chosen()
        self.apply_button.setEnabled(template is not None)
        self.preview.setText(describe(template, self._rows, self._currency) if template else "")

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        templates: list[TemplateData],
        marks: dict[str, str],
        preselect: str | None,
        rows: list[UseCaseRow],
        currency: str,
    ) -> TemplateData | None:
        dialog = cls(parent, templates, marks, preselect, rows, currency)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class SaveTemplateDialog(CheckedFormDialog):
    """Name (and describe) a template made from the account's roadmap."""

    def __init__(self, parent: QWidget | None, name: str) -> None:
        super().__init__(parent, "Save roadmap as template")
        self.name = QLineEdit(name)
        self.add_row("name", "Template name", self.name)
        self.description = QPlainTextEdit()
        self.add_row(
            "description",
            "How to climb it",
            self.description,
            "Advice for the next CSM: where to start, who sponsors what",
        )
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(90)

    def values(self) -> tuple[str, str]:  # its own values
        return self.name.text().strip(), self.description.toPlainText().strip()

    @classmethod
    def ask(
        cls, parent: QWidget | None, name: str, validate: Callable[[Any], None] | None = None
    ) -> tuple[str, str] | None:
        answer: tuple[str, str] | None = cls(parent, name).run(validate)
        return answer
