"""The side panel of the Stairway tab: every field of the selected use case, each saved as
an undo command when its editing finishes (a rejected value stays, with the reason under it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.accounts.rules import choices
from cs_planner.domain.enums import StairStep, TeamRole, UseCaseStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.quarters import add_quarters, quarter_label, quarter_start
from cs_planner.domain.stairway.edits import change_use_case
from cs_planner.domain.stairway.rows import UseCaseRow
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.editors import ChoiceBox, ErrorLabel, NotesEdit, NumberEdit, TextEdit
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform


@dataclass(frozen=True)
class Choices:
    """What the panel's drop-downs offer for one account."""

    divisions: list[tuple[int, str]]
    geographies: list[tuple[int, str]]
    stakeholders: list[tuple[int, str]]
    csas: list[Person]  # every CSA, retired included (a use case keeps its CSA)
    today: dt.date
    fy_start: int
    currency: str


FIELDS: list[tuple[str, str, str]] = [  # name, label, tooltip
    ("title", "Use case", "The business problem solved, in the customer's words"),
    ("step", "Step", "Where it sits on the stairway; moving it puts it last on that step"),
    ("status", "Status", "Identified → qualified → planned → implementing → live → adopted"),
    ("problem", "Problem solved", "What is broken, slow or missing today"),
    ("division_id", "Division", "The department or business unit it lands in"),
    ("geography_id", "Geography", "The region or country it lands in"),
    ("target_quarter", "Target quarter", "When it should be live; overdue after the quarter ends"),
    ("users_targeted", "Users targeted", "Business users the use case should reach"),
    ("users_reached", "Users reached", "Business users who use it today"),
    ("usage_metric", "Usage metric", "How use is counted, e.g. 'deliveries signed on mobile'"),
    ("annual_value", "Annual value", "Value to the customer per year, once adopted"),
    ("acv_uplift", "ACV uplift", "What it adds to the contract value"),
    ("champion_id", "Champion", "The customer's person who carries it"),
    ("csa_id", "CSA", "Our architect who implements it and drives adoption"),
    ("notes", "Notes", ""),
]
LABELS = {name: label for name, label, _tip in FIELDS}


def quarter_choices(
    today: dt.date, fy_start: int, current: dt.date | None
) -> list[tuple[str, Any]]:
    first = add_quarters(quarter_start(today, fy_start), -8)
    quarters = [add_quarters(first, n) for n in range(21)]
    if current is not None and current not in quarters:
        quarters = sorted([*quarters, current])
    return [("(none)", None)] + [(quarter_label(q, fy_start), q) for q in quarters]


class UseCasePanel(QWidget):
    """Edits one use case; ``stepRequested`` asks the tab to move it (a move renumbers)."""

    stepRequested = Signal(int, object)  # use case id, StairStep
    deleteRequested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.row: UseCaseRow | None = None
        self.account: tuple[int, str] | None = None
        self.choices: Choices | None = None
        self.editors: dict[str, Any] = {}
        self._labels: dict[str, dict[Any, str]] = {}  # the drop-downs' labels, for undo texts
        self.errors: dict[str, ErrorLabel] = {}
        title = QLabel("Use case")
        title.setObjectName("sectionTitle")
        self.hint = QLabel("Select a use case on the stairway to edit it here.")
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, tip in FIELDS:
            editor = self._make(name)
            editor.setToolTip(tip)
            editor.committed.connect(lambda name=name: self.commit(name))
            self.editors[name] = editor
            self.errors[name] = ErrorLabel()
            cell = QWidget()
            rows = QVBoxLayout(cell)
            rows.setContentsMargins(0, 0, 0, 0)
            rows.setSpacing(2)
            rows.addWidget(editor)
            rows.addWidget(self.errors[name])
            caption = QLabel(label)
            caption.setBuddy(editor)
            caption.setToolTip(tip)
            form.addRow(caption, cell)
        self.delete_button = QPushButton("Delete use case")
        self.delete_button.setToolTip("Delete this use case (Del); Ctrl+Z brings it back")
        self.delete_button.clicked.connect(lambda _checked=False: self.deleteRequested.emit())
        self.form_box = QWidget()
        box_layout = QVBoxLayout(self.form_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addLayout(form)
        box_layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addWidget(self.form_box)
        layout.addStretch(1)
        self.show_row(None)

    @staticmethod
    def _make(name: str) -> Any:
        if name in ("problem", "notes"):
            editor = NotesEdit()
            editor.setMaximumHeight(70 if name == "problem" else 56)
            return editor
        if name in ("users_targeted", "users_reached"):
            return NumberEdit(LABELS[name], name, integer=True)
        if name in ("annual_value", "acv_uplift"):
            return NumberEdit(LABELS[name], name)
        if name == "step":
            box = ChoiceBox()
            box.set_items([(f"{n}. {s.label}", s) for n, s in enumerate(StairStep, start=1)])
            return box
        if name == "status":
            box = ChoiceBox()
            box.set_items([(s.label, s) for s in UseCaseStatus])
            return box
        if name.endswith("_id") or name == "target_quarter":
            return ChoiceBox()
        return TextEdit()

    # --- showing ---------------------------------------------------------------------

    def set_choices(self, account: tuple[int, str], choices: Choices) -> None:
        self.account, self.choices = account, choices

    def show_row(self, row: UseCaseRow | None) -> None:
        """Show a use case (None: the hint). A field with a rejected value keeps it while
        the same use case is shown."""
        same = row is not None and self.row is not None and row.id == self.row.id
        self.row = row
        self.hint.setVisible(row is None)
        self.form_box.setVisible(row is not None)
        if row is None or self.choices is None:
            return
        c = self.choices
        for name, items in (
            ("division_id", c.divisions),
            ("geography_id", c.geographies),
            ("champion_id", c.stakeholders),
        ):
            self._labels[name] = {i: n.strip() for i, n in items}
            self.editors[name].set_items([("(none)", None)] + [(n, i) for i, n in items])
        # Active CSAs, plus the use case's own CSA even if retired since (marked).
        self._labels["csa_id"] = {p.id: p.name for p in c.csas}
        self.editors["csa_id"].set_items(choices(c.csas, {TeamRole.CSA}, row.csa_id))
        self.editors["target_quarter"].set_items(
            quarter_choices(c.today, c.fy_start, row.target_quarter)
        )
        for name, editor in self.editors.items():
            if same and self.errors[name].has_message():
                continue
            if not same:
                self.errors[name].clear_message()
            editor.set_value(row.step if name == "step" else getattr(row.values, name))
            if hasattr(editor, "mark_clean"):
                editor.mark_clean()

    # --- committing ------------------------------------------------------------------

    def commit(self, name: str) -> bool:
        """Save one field when it changed; False when the value was rejected."""
        row, account = self.row, self.account
        if row is None or account is None:
            return True
        error = self.errors[name]
        try:
            new = self.editors[name].value()
            old = row.step if name == "step" else getattr(row.values, name)
            if new == old:
                error.clear_message()
                return True
            error.clear_message()
            if name == "step":
                self.stepRequested.emit(row.id, new)
                return True
            values = dataclasses.replace(row.values, **{name: new})
            if name == "title" and not str(new).strip():
                raise ValidationError("The use case title cannot be empty.", name)
            text = self._undo_text(row, name, old, new)
            perform(self._ctx, change_use_case(text, account[0], row.id, values))
        except ValidationError as exc:
            error.show_message(exc.message)
            return False
        return True

    def _undo_text(self, row: UseCaseRow, name: str, old: Any, new: Any) -> str:
        show = self._display(name)
        label = LABELS[name].lower()
        if name in ("problem", "notes"):
            return f"Edit the {label} of {row.title}"
        if name == "title":
            return f"Rename {old} to {new}"
        return f"Change {label} of {row.title} from {show(old)} to {show(new)}"

    def _display(self, name: str) -> Callable[[Any], str]:
        c = self.choices
        if name in ("annual_value", "acv_uplift"):
            return lambda v: fmt.money(v, c.currency if c else "USD")
        if name in ("users_targeted", "users_reached"):
            return fmt.count
        if name == "target_quarter":
            return lambda v: quarter_label(v, c.fy_start if c else 1) if v else "none"
        if name.endswith("_id"):
            labels = self._labels.get(name, {})
            return lambda v: labels.get(v, "none") if v is not None else "none"
        return lambda v: v.label if hasattr(v, "label") else (f"'{v}'" if v else "(empty)")
