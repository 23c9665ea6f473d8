"""The Maturity section: the portfolio's levels as steps with the account on them (day one,
now, target), what marks the next level, and the history of the account's levels (Insert
records a level, Enter changes the selected entry, Del removes it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.value import maturity_edits
from cs_planner.domain.value.maturity import LevelRow, MaturityData
from cs_planner.ui.common.columns import StretchWhenRoom, compact_rows
from cs_planner.ui.common.table_model import Align, Col, RowsModel, fit_columns, table_view
from cs_planner.ui.common.theme import GOOD, WARN
from cs_planner.ui.common.widgets import ListPanel, button, perform_or_say
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run
from cs_planner.ui.value.data import ValueData
from cs_planner.ui.value.maturity_dialogs import LevelDialog, ModelDialog, TargetDialog
from cs_planner.ui.value.steps import MaturitySteps

NO_HISTORY = "No level recorded yet: record the level the account is at (Insert)."
NO_MODEL = (
    "The portfolio has no maturity model yet: define its levels with Edit model… "
    "(3 to 7 levels, each with its behaviours)."
)


@dataclass(frozen=True)
class HistoryRow:
    id: int  # the date's ordinal: the history is keyed by date (ListPanel selects by id)
    on: dt.date
    level: int
    name: str
    step: int | None  # levels gained (+) or lost (-) since the entry before; None: day one


def history_rows(data: MaturityData) -> list[HistoryRow]:
    rows, before = [], None
    for on, level in data.history:
        rows.append(
            HistoryRow(
                on.toordinal(),
                on,
                level,
                data.name_of(level),
                None if before is None else level - before,
            )
        )
        before = level
    return rows


def _change(row: HistoryRow) -> str:
    if row.step is None:
        return "day one"
    return "no change" if row.step == 0 else f"{row.step:+d}"


def _where(m: MaturityData, level: int) -> str:
    marks = [("day one", m.day_one), ("now", m.current), ("target", m.target)]
    return ", ".join(label for label, at in marks if at == level)


def level_columns(m: MaturityData) -> list[Col[LevelRow]]:
    return [
        Col("Level", lambda r: f"{r.level} · {r.name}", lambda r: r.level,
            bold=lambda r: r.level == m.current),
        Col("Account", lambda r: _where(m, r.level), lambda r: _where(m, r.level),
            colour=lambda r: GOOD if r.level == m.target else None,
            header_tip="Where the account was on day one, is now and aims to be"),
        Col("Behaviours", lambda r: one_line(r.values.behaviours), lambda r: r.level,
            tip=lambda r: r.values.behaviours or None),
        Col("Marked by", lambda r: one_line(r.values.marks), lambda r: r.level,
            tip=lambda r: r.values.marks or None,
            header_tip="The features or use cases whose adoption shows the level"),
    ]  # fmt: skip


HISTORY_COLUMNS: list[Col[HistoryRow]] = [
    Col("Date", lambda r: r.on.isoformat(), lambda r: r.on),
    Col("Level", lambda r: r.name, lambda r: r.level),
    Col("Change", _change, lambda r: r.step or 0, Align.RIGHT,
        colour=lambda r: None if not r.step else GOOD if r.step > 0 else WARN),
]  # fmt: skip


class HistoryPanel(ListPanel):
    def __init__(self, ctx: AppContext) -> None:
        self.model: RowsModel[HistoryRow] = RowsModel(HISTORY_COLUMNS)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        super().__init__(ctx, "History of levels", self.table, NO_HISTORY, "Record level…")
        self.model.setParent(self)
        fit_columns(self.table, self.model)  # the dates whole, in workshop type too
        StretchWhenRoom(self.table, 1)
        self.add_button.setToolTip("Record the level the account reached, and when (Insert)")
        self.edit_button.setToolTip("Change the selected entry's level (Enter)")
        self.delete_button.setText("Remove")
        self.delete_button.setToolTip("Remove the selected entry (Del); Ctrl+Z undoes it")
        self.data: ValueData | None = None

    def show_data(self, data: ValueData) -> None:
        self.data = data
        self.set_rows(data.account_id, data.account_name,
                      lambda: self.model.set_rows(history_rows(data.maturity)))  # fmt: skip

    def _record(self, level: int | None, on: dt.date | None) -> None:
        if self.data is None or self.account is None:
            return
        data, (account_id, name) = self.data, self.account
        if not data.maturity.levels:
            self.error.show_message(NO_MODEL)
            return
        today = self._ctx.today()

        def edit(values: tuple[int, dt.date]) -> maturity_edits.ChangeLevel:
            text = f"{name} at maturity level {values[0]} on {values[1].isoformat()}"
            return maturity_edits.ChangeLevel(text, account_id, values[0], values[1], today)

        values = LevelDialog.ask(
            self, data.maturity.levels, level, on or today,
            lambda v: dry_run(self._ctx, lambda s: edit(v).apply(s)),
        )  # fmt: skip
        if values is not None:
            self.perform(edit(values))
            self.select(values[1].toordinal())

    def add(self) -> None:
        current = self.data.maturity.current if self.data else None
        self._record(current, None)

    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self._record(row.level, row.on)

    def delete(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        row, account_id, name = chosen
        text = f"Remove level {row.level} on {row.on.isoformat()} from {name}'s history"
        today = self._ctx.today()
        self.perform(maturity_edits.ChangeLevel(text, account_id, None, row.on, today))


class MaturityPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: ValueData | None = None
        self.steps = MaturitySteps()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.next_level = QLabel()
        self.next_level.setWordWrap(True)
        self.next_level.setObjectName("muted")
        self.next_level.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.target_button = button(
            "Set target…", self.set_target, "The level the account aims at and by when"
        )
        self.model_button = button("Edit model…", self.edit_model,
                                   "The portfolio's levels: names, behaviours and what marks "
                                   "each one (every account shares them)")  # fmt: skip
        self.history = HistoryPanel(ctx)
        self.error = self.history.error
        title = QLabel("Maturity model")
        title.setObjectName("sectionTitle")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.target_button)
        header.addWidget(self.model_button)
        self.levels: RowsModel[LevelRow] = RowsModel([])
        self.levels_view = table_view(self.levels, fill=False)
        # The behaviours take the room left, with a readable width on a laptop.
        StretchWhenRoom(self.levels_view, 2, readable=260)
        self.levels_view.setParent(self)
        compact_rows(self.levels_view)
        self.levels_view.setToolTip("The portfolio's maturity model (Edit model… to change it)")
        left = QVBoxLayout()
        left.addWidget(self.next_level)
        left.addWidget(self.levels_view, 1)
        lower = QHBoxLayout()
        lower.addLayout(left, 3)
        lower.addWidget(self.history, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addWidget(self.steps)
        layout.addLayout(lower, 1)

    def show_data(self, data: ValueData) -> None:
        self.data = data
        m = data.maturity
        self.steps.show_data(m)
        self.history.show_data(data)
        self.target_button.setEnabled(bool(m.levels))
        self.summary.setText(summary(m))
        self.next_level.setText(next_level(m) if m.levels else NO_MODEL)
        self.levels.set_rows(list(m.levels), level_columns(m))
        self.levels_view.setVisible(bool(m.levels))

    def set_target(self) -> None:
        data = self.data
        if data is None:
            return
        m, today, account_id = data.maturity, self.ctx.today(), data.account_id

        def edit(values: tuple[int, dt.date | None]) -> maturity_edits.SetTarget:
            when = f" by {values[1].isoformat()}" if values[1] else ""
            text = f"Aim {data.account_name} at maturity level {values[0]}{when}"
            return maturity_edits.SetTarget(text, account_id, values[0], values[1], today)

        values = TargetDialog.ask(
            self, m.levels, m.target or m.current, m.target_date,
            lambda v: dry_run(self.ctx, lambda s: edit(v).apply(s)),
        )  # fmt: skip
        if values is not None:
            perform_or_say(self.ctx, edit(values), self.error)

    def edit_model(self) -> None:
        data = self.data
        if data is None:
            return
        levels = [r.values for r in data.maturity.levels]
        values = ModelDialog.ask(
            self, levels,
            lambda v: dry_run(self.ctx, lambda s: maturity_edits.SaveModel(v).apply(s)),
        )  # fmt: skip
        if values is not None and values != levels:
            perform_or_say(self.ctx, maturity_edits.SaveModel(values), self.error)


def summary(m: MaturityData) -> str:
    parts = []
    if m.history:
        on, level = m.history[0]
        parts.append(f"Day one: {m.name_of(level)} ({on.isoformat()})")
    else:
        parts.append("Day one: not recorded")
    parts.append(f"Now: {m.name_of(m.current)}"
                 + (f" since {m.history[-1][0].isoformat()}" if m.history else ""))  # fmt: skip
    if m.target is not None:
        when = f" by {m.target_date.isoformat()}" if m.target_date else " (no date yet)"
        parts.append(f"Target: {m.name_of(m.target)}{when}")
    else:
        parts.append("No target yet")
    return "  ·  ".join(parts)


def next_level(m: MaturityData) -> str:
    """What the account does now and what marks the level above it."""
    rows = {r.level: r for r in m.levels}
    lines = []
    here = rows.get(m.current or 0)
    if here is not None and here.values.behaviours:
        lines.append(f"At {here.level} · {here.name}: {one_line(here.values.behaviours)}")
    above = rows.get((m.current or 0) + 1)
    if above is not None:
        marks = one_line(above.values.marks) or "no features listed yet (Edit model…)"
        lines.append(f"To reach {above.level} · {above.name}: {one_line(above.values.behaviours)}"
                     f". Marked by: {marks}.")  # fmt: skip
    elif here is not None:
        lines.append("The account is at the model's top level.")
    return "\n".join(lines)


def one_line(text: str) -> str:
    """Lines as a list in one sentence: 'a; b; c'."""
    return "; ".join(part.strip().rstrip(".") for part in text.splitlines() if part.strip())
