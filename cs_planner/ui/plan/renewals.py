"""The Plan tab's Renewals section: "Customer for N years, M renewals" counted from the
records, the records (add, edit, delete), and after a renewal the next cycle's suggested
objectives from the four areas, each with "Add as objective". All undoable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import cast

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.enums import RenewalOutcome
from cs_planner.domain.plan import renewal_edits, renewals
from cs_planner.domain.plan.renewals import RenewalData, RenewalRow, RenewalValues, Suggestion
from cs_planner.palette import BAD, GOOD
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.columns import StretchWhenRoom
from cs_planner.ui.common.editors import ChoiceBox, ErrorLabel, text_box
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.common.widgets import CheckedFormDialog, ListPanel, button, perform_or_say
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

NO_RENEWALS = "No renewals recorded: add each renewal to count the cycles from the records."
NO_SUGGESTIONS = "Every area of the next cycle has an objective since the last renewal."


def _change_colour(row: RenewalRow) -> str | None:
    return GOOD if row.change > 0 else BAD if row.change < 0 else None


def renewal_columns(currency: Callable[[], str]) -> list[Col[RenewalRow]]:
    def change(row: RenewalRow) -> str:
        """ "+$9,000 (+10%)", "−$1,400 (−1%)", "$0"."""
        share = row.change_share
        sign = "+" if row.change > 0 else "−" if row.change < 0 else ""
        text = f"{sign}{fmt.money(abs(row.change), currency())}"
        return text + (f" ({sign}{abs(share):.0%})" if share is not None and row.change else "")

    return [
        Col("Date", lambda r: r.values.renewed_on.isoformat(), lambda r: r.values.renewed_on),
        Col("Term", lambda r: f"{r.values.term_months} months", lambda r: r.values.term_months),
        Col(
            "ARR before",
            lambda r: fmt.money(r.values.arr_before, currency()),
            lambda r: r.values.arr_before,
            Align.RIGHT,
        ),
        Col(
            "ARR after",
            lambda r: fmt.money(r.values.arr_after, currency()),
            lambda r: r.values.arr_after,
            Align.RIGHT,
        ),
        Col("Change", change, lambda r: r.change, Align.RIGHT, colour=_change_colour),
        Col("Outcome", lambda r: r.values.outcome.label, lambda r: r.values.outcome.label),
        Col(
            "Notes",
            lambda r: r.values.notes.splitlines()[0] if r.values.notes else "",
            lambda r: r.values.notes.casefold(),
            tip=lambda r: r.values.notes or None,
        ),
    ]


def _money_box(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 1e12)
    box.setDecimals(2)
    box.setGroupSeparatorShown(True)
    box.setValue(value)
    return box


class RenewalDialog(CheckedFormDialog):
    def __init__(self, parent: QWidget | None, title: str, initial: RenewalValues) -> None:
        super().__init__(parent, title)
        day = initial.renewed_on
        self.date = self.add_row(
            "renewed_on", "Renewed on", QDateEdit(QDate(day.year, day.month, day.day))
        )
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.term = self.add_row("term_months", "Term", QSpinBox())
        self.term.setRange(1, 120)
        self.term.setSuffix(" months")
        self.term.setValue(initial.term_months)
        self.before = self.add_row("arr_before", "ARR before", _money_box(initial.arr_before))
        self.after = self.add_row("arr_after", "ARR after", _money_box(initial.arr_after))
        self.outcome = self.add_row("outcome", "Outcome", ChoiceBox())
        self.outcome.set_items([(o.label, o) for o in RenewalOutcome])
        self.outcome.set_value(initial.outcome)
        self.notes = self.add_row("notes", "Notes", text_box(initial.notes))
        self.notes.setTabChangesFocus(True)

    def values(self) -> RenewalValues:
        return RenewalValues(
            renewed_on=cast(dt.date, self.date.date().toPython()),
            term_months=self.term.value(),
            arr_before=self.before.value(),
            arr_after=self.after.value(),
            outcome=self.outcome.value(),
            notes=self.notes.toPlainText().strip(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        initial: RenewalValues,
        validate: Callable[[RenewalValues], None] | None = None,
    ) -> RenewalValues | None:
        answer: RenewalValues | None = cls(parent, title, initial).run(validate)
        return answer


class RenewalTable(ListPanel):
    def __init__(self, ctx: AppContext, panel: RenewalsPanel) -> None:
        self._panel = panel
        self.model: RowsModel[RenewalRow] = RowsModel(
            renewal_columns(lambda: panel.data.currency if panel.data else "USD")
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        super().__init__(ctx, "Renewal records", self.table, NO_RENEWALS, "Add renewal")
        self.model.setParent(self)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(self.model.columns) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        StretchWhenRoom(self.table, len(self.model.columns) - 1, readable=120)
        self.delete_button.setToolTip("Delete the selected renewal (Del); Ctrl+Z undoes it")

    def add(self) -> None:
        if (data := self._panel.data) is None:
            return
        account_id = data.account_id
        latest = data.latest.values if data.latest else None
        arr = latest.arr_after if latest else 0.0
        initial = RenewalValues(
            renewed_on=self._ctx.today(),
            term_months=latest.term_months if latest else 12,
            arr_before=arr,
            arr_after=arr,
        )
        values = self._ask(
            "Add a renewal", initial, lambda s, v: s.add(renewals.new_renewal(s, account_id, v))
        )
        if values is not None:
            self.perform_insert(renewal_edits.add_renewal(account_id, values))

    def edit(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, _name = chosen
        values = self._ask(
            f"Edit the renewal of {row.values.renewed_on.isoformat()}",
            row.values,
            lambda s, v: renewals.update_renewal(s, row.id, v),
        )
        if values is not None and values != row.values:
            self.perform(renewal_edits.edit_renewal(account_id, row, values))

    def delete(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, _name = chosen
        self.perform(renewal_edits.delete_renewal(account_id, row))

    def _ask(
        self,
        title: str,
        initial: RenewalValues,
        validate: Callable[[Session, RenewalValues], object],
    ) -> RenewalValues | None:
        return RenewalDialog.ask(
            self,
            title=title,
            initial=initial,
            validate=lambda v: dry_run(self._ctx, lambda s: validate(s, v)),
        )


class SuggestionList(QFrame):
    """The next cycle's objectives, one line each with "Add as objective"."""

    def __init__(self, add: Callable[[Suggestion], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._add = add
        self.rows: list[tuple[Suggestion, QLabel, QPushButton]] = []
        self.title = QLabel("")
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.body = QVBoxLayout()
        self.body.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.body)

    def show_suggestions(self, data: RenewalData) -> None:
        while (item := self.body.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.rows = []
        latest = data.latest
        if latest is None or latest.values.outcome == RenewalOutcome.CHURNED:
            self.hide()
            return
        self.title.setText(
            f"The next cycle, after the renewal of {latest.values.renewed_on.isoformat()}: "
            "suggested objectives"
        )
        if not data.suggestions:
            done = QLabel(NO_SUGGESTIONS)
            done.setObjectName("muted")
            done.setWordWrap(True)
            self.body.addWidget(done)
        for suggestion in data.suggestions:
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            area = QLabel(f"{suggestion.area.label}:")
            area.setObjectName("muted")
            text = QLabel(suggestion.title)
            text.setWordWrap(True)
            add = button(
                "Add as objective",
                partial(self._add, suggestion),
                "Add it to the customer's objectives (Ctrl+Z undoes)",
            )
            row.addWidget(area)
            row.addWidget(text, 1)
            row.addWidget(add)
            self.body.addWidget(line)
            self.rows.append((suggestion, text, add))
        self.show()


class RenewalsPanel(QWidget):
    """The Renewals section of one account's plan."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.data: RenewalData | None = None
        self.headline = QLabel("")
        self.headline.setObjectName("sectionTitle")
        self.headline.setWordWrap(True)
        self.since = QLabel("")
        self.since.setObjectName("muted")
        self.since.setWordWrap(True)
        self.records = RenewalTable(ctx, self)
        self.suggestions = SuggestionList(self.add_objective)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.since)
        layout.addWidget(self.records, 1)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.error)

    def show_data(self, data: RenewalData) -> None:
        self.data = data
        self.headline.setText(data.life.sentence)
        since = data.life.since
        self.since.setText(
            f"Counted from the records: a customer since {since.isoformat()} (the first "
            "record's start or the account's customer-since date, whichever is earlier); "
            "renewals not churned."
            if since
            else "No customer-since date and no renewal records yet."
        )
        self.records.set_rows(
            data.account_id, data.account, lambda: self.records.model.set_rows(data.records)
        )
        self.suggestions.show_suggestions(data)

    def add_objective(self, suggestion: Suggestion) -> None:
        if (data := self.data) is None:
            return
        edit = renewal_edits.add_objective(data.account_id, suggestion, self._ctx.today())
        perform_or_say(self._ctx, edit, self.error)


def load(session: Session, account_id: int, today: dt.date) -> RenewalData:
    return renewals.load_renewals(session, account_id, today)
