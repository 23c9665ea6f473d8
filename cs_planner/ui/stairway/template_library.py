"""The template library: edit and delete templates."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.edits import Edit
from cs_planner.domain.stairway.edits import delete_template, edit_template
from cs_planner.domain.stairway.queries import library
from cs_planner.domain.stairway.rows import TemplateData, TemplateValues
from cs_planner.ui.common import editors, widgets
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run
from cs_planner.ui.stairway.template_editor import TemplateEditDialog
from cs_planner.ui.stairway.template_table import TemplateBrowser, describe, show_templates


class TemplateLibraryDialog(QDialog):
    """Every template: edit one (a shipped one is copied into the portfolio first) or delete
    a portfolio template (a shipped one then comes back in its original form)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None, account_id: int | None) -> None:
        super().__init__(parent)
        self._ctx, self._account_id = ctx, account_id
        self.setWindowTitle("Stairway templates")
        self.resize(1120, 620)
        split = TemplateBrowser(self)
        self.model, self.table, self.preview = split.model, split.table, split.preview
        self.browser = split
        self.error = editors.ErrorLabel()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.edit_button = widgets.button("Edit…", self.edit, "Edit the selected template (Enter)")
        self.delete_button = widgets.button("Delete", self.delete, "")
        close = widgets.button("Close", self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        widgets.ViewKeys(self.table, self.delete, self.edit, lambda: None)
        self.table.selectionModel().selectionChanged.connect(self._show)
        self.currency = "USD"
        self.reload()

    def reload(self, select: str | None = None) -> None:
        current = self.selected()
        lib, self.currency = self._ctx.read(lambda s: (library(s), get_settings(s).currency))
        show_templates(self.model, lib.templates)
        self.problems.setVisible(bool(lib.problems))
        self.problems.setText("Not loaded: " + "; ".join(str(p) for p in lib.problems))
        self.browser.select(select or (current.key if current else None))
        self._show()

    def selected(self) -> TemplateData | None:
        return self.browser.current()

    def _show(self, *_args: object) -> None:
        template = self.selected()
        self.preview.setText(describe(template, None, self.currency) if template else "")
        self.edit_button.setEnabled(template is not None)
        deletable = template is not None and template.template_id is not None
        self.delete_button.setEnabled(deletable)
        if template is not None and template.template_id is None:
            tip = "A shipped template stays in the library; edit it to adapt a copy"
        elif template is not None and template.source:
            tip = "Delete this portfolio's copy; the shipped version comes back"
        else:
            tip = "Delete the selected template (Del); Ctrl+Z brings it back"
        self.delete_button.setToolTip(tip)

    def _perform(self, edit: Edit) -> bool:
        return widgets.perform_or_say(self._ctx, edit, self.error)

    def edit(self) -> None:
        template = self.selected()
        if template is None:
            return

        def check(values: TemplateValues) -> None:
            dry_run(self._ctx, edit_template(template, values).apply)

        values = TemplateEditDialog.ask(self, template.values, validate=check)
        if values is None or values == template.values:
            return
        edit = edit_template(template, values)
        if self._perform(edit):
            row_id = getattr(edit, "row_id", None) or template.template_id
            self.reload(f"db:{row_id}")

    def delete(self) -> None:
        template = self.selected()
        if template is None or template.template_id is None:
            return
        if not widgets.confirm(
            self,
            "Delete template",
            f"Delete the template {template.name}? Accounts using it keep their use cases.",
        ):
            return
        if self._perform(delete_template(template)):
            self.reload()
