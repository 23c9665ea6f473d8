"""What-if on one allocation: move it to another CSA, change its time or its dates, and see
at once how the heatmap, utilization and chargeability move. Each change is an undo
command, so Undo (here or Ctrl+Z) puts it back."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cs_planner.domain.csa.edits import describe, edit_allocation, edit_text
from cs_planner.domain.csa.rows import AllocationRow, AllocationValues, CsaRow
from cs_planner.domain.enums import ALLOWED_FRACTIONS
from cs_planner.domain.errors import ValidationError
from cs_planner.ui.common import theme
from cs_planner.ui.common.editors import ChoiceBox, ErrorLabel
from cs_planner.ui.csa.allocation_dialog import csa_choices, date_box, date_of, qdate
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform

# csa_id -> (name, utilization, chargeability) over the weeks on show
Snapshot = dict[int, tuple[str, float | None, float | None]]
HINT = "What-if: select an allocation above, then change its CSA, time or dates."


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def impact(before: Snapshot, after: Snapshot) -> str:
    """ "Ada: utilization 110% → 85%, chargeable of capacity 80% → 60%" for each CSA that
    moved."""
    lines = []
    for csa_id, (name, util, charge) in after.items():
        old = before.get(csa_id)
        if old is None or (old[1], old[2]) == (util, charge):
            continue
        lines.append(
            f"{name}: utilization {_pct(old[1])} → {_pct(util)}, "
            f"chargeable of capacity {_pct(old[2])} → {_pct(charge)}"
        )
    return "; ".join(lines) or "No change to utilization or chargeability in the weeks shown."


class WhatIfPanel(QFrame):
    def __init__(
        self, ctx: AppContext, snapshot: Callable[[], Snapshot], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("whatIf")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._ctx, self._snapshot = ctx, snapshot
        self.row: AllocationRow | None = None
        self.roster: list[CsaRow] = []
        self.title = QLabel(HINT)
        self.csa = ChoiceBox()
        self.csa.setToolTip("Move the allocation to another CSA")
        self.fraction = ChoiceBox()
        self.fraction.set_items([(f"{f:.0%}", f) for f in ALLOWED_FRACTIONS])
        self.fraction.setToolTip("Quarter, half, three quarters or full time")
        self.start = date_box(ctx.today())
        self.end = date_box(ctx.today())
        self.start.setToolTip("Start date (applied when you leave the field)")
        self.end.setToolTip("End date (applied when you leave the field)")
        self.undo = QPushButton("Undo")
        self.undo.setToolTip("Put the last change back (Ctrl+Z)")
        self.undo.clicked.connect(lambda _checked=False: ctx.undo_stack.undo())
        self.undo.setEnabled(ctx.undo_stack.canUndo())
        ctx.undo_stack.canUndoChanged.connect(self.undo.setEnabled)
        self.csa.committed.connect(self._apply)
        self.fraction.committed.connect(self._apply)
        for box in (self.start, self.end):
            box.editingFinished.connect(self._apply)
            box.calendarWidget().clicked.connect(lambda _date: self._apply())
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.error = ErrorLabel()
        controls = QHBoxLayout()
        for label, widget in (
            ("CSA", self.csa),
            ("Time", self.fraction),
            ("From", self.start),
            ("to", self.end),
        ):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.undo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.title)
        layout.addLayout(controls)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        self.set_allocation(None, [])

    def set_allocation(self, row: AllocationRow | None, roster: list[CsaRow]) -> None:
        self.row, self.roster = row, roster
        for widget in (self.csa, self.fraction, self.start, self.end):
            widget.setEnabled(row is not None)
            widget.blockSignals(True)
        current = row.csa_id if row is not None else None
        self.csa.set_items(csa_choices(roster, current))
        if row is not None:
            self.title.setText(f"What-if for {describe(row)}: changes apply at once")
            self.title.setStyleSheet("font-weight: bold;")
            self.csa.set_value(row.csa_id)
            self.fraction.set_value(row.fraction)
            self.start.setDate(qdate(row.start))
            self.end.setDate(qdate(row.end))
        else:
            self.title.setText(HINT)
            self.title.setStyleSheet(f"color: {theme.MUTED};")
        for widget in (self.csa, self.fraction, self.start, self.end):
            widget.blockSignals(False)

    def values(self) -> AllocationValues | None:
        if self.row is None:
            return None
        return dataclasses.replace(
            self.row.values,
            csa_id=self.csa.value(),
            fraction=self.fraction.value(),
            start_date=date_of(self.start),
            end_date=date_of(self.end),
        )

    def _apply(self) -> None:
        row, new = self.row, self.values()
        if row is None or new is None or new == row.values:
            return
        before = self._snapshot()
        try:
            perform(self._ctx, edit_allocation(edit_text(row, new, self.roster), row, new))
        except ValidationError as exc:
            self.error.show_message(exc.message)
            self.set_allocation(row, self.roster)  # show what is saved again
            return
        self.error.clear_message()
        self.result.setText(impact(before, self._snapshot()))
