"""The Plan tab's Risks section: what the app proposes (each with Accept and Dismiss, one
click each), the 5x5 heat grid of open risks (a click filters the register to a cell) and
the register itself (add, edit, delete; open only; an overdue review in red). Every change
goes through ``perform`` and is undone with Ctrl+Z."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.plan import risk_edits, risks
from cs_planner.domain.plan.risk_rules import Proposal, exposure_band
from cs_planner.domain.plan.risks import RiskData, RiskRow, RiskValues
from cs_planner.palette import BAD, tint
from cs_planner.ui.common.columns import StretchWhenRoom, wrap_headers
from cs_planner.ui.common.editors import ErrorLabel
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.common.widgets import ListPanel, button, perform_or_say
from cs_planner.ui.plan.fit import ShareOfWidth
from cs_planner.ui.plan.heat_grid import BAND_COLOUR, HeatGrid
from cs_planner.ui.plan.risk_dialogs import RiskDialog
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

NO_RISKS = "No risks in the register: add one, or accept what the app proposes above."
STRIP_MOST = 150  # px: a few proposals; more scroll
DESCRIPTION_WIDTH = 220
DESCRIPTION_KEEPS = 330  # before the owner and the mitigation widen past their least
EXPOSURE, OWNER, MITIGATION = 2, 3, 4  # their columns
GRID_BESIDE_FROM = 1200  # px of the section's width: narrower, the grid goes on top


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def risk_columns(today: Callable[[], dt.date]) -> list[Col[RiskRow]]:
    def overdue(row: RiskRow) -> str | None:
        return BAD if row.review_overdue(today()) else None

    def exposure_fill(row: RiskRow) -> str:
        return tint(BAND_COLOUR[exposure_band(row.exposure)], 0.6)

    return [
        Col(
            "Description",
            lambda r: _first_line(r.values.description),
            lambda r: r.values.description.casefold(),
            tip=lambda r: r.values.description,
        ),
        Col("Category", lambda r: r.values.category.label, lambda r: r.values.category.label),
        Col(
            "Likelihood x impact",
            lambda r: f"{r.values.likelihood} x {r.values.impact} = {r.exposure}",
            lambda r: (r.exposure, r.values.impact),
            Align.CENTER,
            background=exposure_fill,
            header_tip=(
                "Likelihood (1 rare to 5 almost certain) times impact (1 minor to 5 the "
                "account is lost): the exposure, green to 4, amber to 12, red from 15"
            ),
        ),
        Col(
            "Owner",
            lambda r: r.owner or "—",
            lambda r: r.owner.casefold(),
            tip=lambda r: r.owner or None,
        ),
        Col(
            "Mitigation",
            lambda r: _first_line(r.values.mitigation),
            lambda r: r.values.mitigation.casefold(),
            tip=lambda r: r.values.mitigation or None,
        ),
        Col("Status", lambda r: r.values.status.label, lambda r: r.values.status.label),
        Col(
            "Review",
            lambda r: r.values.review_date.isoformat() if r.values.review_date else "—",
            lambda r: r.values.review_date or dt.date.max,
            colour=overdue,
            tip=lambda r: "The review is overdue" if r.review_overdue(today()) else None,
        ),
    ]


class ProposalStrip(QFrame):
    """The risks the app proposes, one line each with Accept and Dismiss."""

    def __init__(
        self,
        accept: Callable[[Proposal], None],
        dismiss: Callable[[Proposal], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._accept, self._dismiss = accept, dismiss
        self.rows: list[tuple[Proposal, QLabel, QPushButton, QPushButton]] = []
        title = QLabel("Proposed from the app's findings")
        title.setObjectName("sectionTitle")
        self.body = QWidget()
        self.lines = QVBoxLayout(self.body)
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.lines.setSpacing(2)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self.body)
        self.scroller.setMaximumHeight(STRIP_MOST)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.scroller)

    def show_proposals(self, proposals: tuple[Proposal, ...]) -> None:
        while (item := self.lines.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.rows = []
        for proposal in proposals:
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            text = QLabel(proposal.text)
            text.setWordWrap(True)
            text.setToolTip(
                f"{proposal.category.label}, likelihood {proposal.likelihood} x impact "
                f"{proposal.impact}. Mitigation: {proposal.mitigation}"
            )
            accept = button(
                "Accept",
                partial(self._accept, proposal),
                "Add it to the register (Ctrl+Z undoes)",
            )
            dismiss = button(
                "Dismiss",
                partial(self._dismiss, proposal),
                "Never propose it again (Ctrl+Z undoes)",
            )
            row.addWidget(text, 1)
            row.addWidget(accept)
            row.addWidget(dismiss)
            self.lines.addWidget(line)
            self.rows.append((proposal, text, accept, dismiss))
        self.setVisible(bool(proposals))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As tall as its lines at this width, up to STRIP_MOST (then it scrolls)."""
        width = self.scroller.viewport().width()
        needed = self.body.heightForWidth(width) if width > 0 else -1
        if needed < 0:
            needed = self.body.sizeHint().height()
        self.scroller.setFixedHeight(min(STRIP_MOST, needed + 2))


class RiskTable(ListPanel):
    def __init__(self, ctx: AppContext, panel: RisksPanel) -> None:
        self._panel = panel
        self.model: RowsModel[RiskRow] = RowsModel(risk_columns(ctx.today))
        self.table = QTableView()
        wrap_headers(self.table)  # "Likelihood x impact" over short figures
        self.table.setModel(self.model)
        super().__init__(ctx, "Risk register", self.table, NO_RISKS, "Add risk")
        self.model.setParent(self)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(1, len(self.model.columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (OWNER, MITIGATION):  # sized by ShareOfWidth below
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(EXPOSURE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(EXPOSURE, 96)  # its title wraps to two lines
        self.table.sortByColumn(EXPOSURE, Qt.SortOrder.DescendingOrder)  # the biggest first
        # The owner and the mitigation give way on a laptop (their whole text in the cell's
        # tooltip); wider, while the description keeps its readable width beside them.
        ShareOfWidth(
            self.table,
            {OWNER: (0.13, 100), MITIGATION: (0.3, 160)},
            0,
            StretchWhenRoom(self.table, 0, readable=DESCRIPTION_WIDTH),
            self.table.sizeHintForColumn,
            keep=DESCRIPTION_KEEPS,
        )
        self.open_only = QCheckBox("Open only")
        self.open_only.setToolTip("Show only the risks still open")
        self.open_only.toggled.connect(lambda _on: panel.refilter())
        top = cast(QHBoxLayout, cast(Any, self.layout()).itemAt(0).layout())
        top.insertWidget(1, self.open_only)
        self.delete_button.setToolTip("Delete the selected risk (Del); Ctrl+Z undoes it")

    def add(self) -> None:
        if (data := self._panel.data) is None:
            return
        account_id, today = data.account_id, self._ctx.today()
        initial = RiskValues(
            description="", owner_id=data.csm_id, review_date=today + dt.timedelta(days=30)
        )
        values = self._ask(
            "Add a risk", initial, lambda s, v: s.add(risks.new_risk(s, account_id, v, today))
        )
        if values is not None:
            self.perform_insert(risk_edits.add_risk(account_id, values, today))

    def edit(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, _name = chosen
        values = self._ask(
            "Edit the risk", row.values, lambda s, v: risks.update_risk(s, row.id, v)
        )
        if values is not None and values != row.values:
            self.perform(risk_edits.edit_risk(account_id, row, values))

    def delete(self) -> None:
        if (chosen := self.chosen()) is None:
            return
        row, account_id, _name = chosen
        self.perform(risk_edits.delete_risk(account_id, row))

    def _ask(
        self,
        title: str,
        initial: RiskValues,
        validate: Callable[[Session, RiskValues], object],
    ) -> RiskValues | None:
        data = self._panel.data
        team = data.team if data is not None else ()
        return RiskDialog.ask(
            self,
            title=title,
            initial=initial,
            team=team,
            validate=lambda v: dry_run(self._ctx, lambda s: validate(s, v)),
        )


class RisksPanel(QWidget):
    """The Risks section of one account's plan."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.data: RiskData | None = None
        self.proposals = ProposalStrip(self.accept, self.dismiss)
        self.error = ErrorLabel()
        self.grid = HeatGrid()
        self.grid.picked.connect(lambda _cell: self.refilter())
        self.grid_note = QLabel("")
        self.grid_note.setObjectName("muted")
        self.grid_note.setWordWrap(True)
        self.register = RiskTable(ctx, self)
        self.side = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        title = QLabel("Open risks")
        title.setObjectName("sectionTitle")
        self.side.addWidget(title, 0, Qt.AlignmentFlag.AlignTop)
        self.side.addWidget(self.grid, 0, Qt.AlignmentFlag.AlignTop)
        self.side.addWidget(self.grid_note)
        self.side.addStretch(1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addLayout(self.side)
        self.body.addWidget(self.register, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.proposals)
        layout.addWidget(self.error)
        layout.addLayout(self.body, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # On a laptop the heat grid goes above the register, which then has the whole
        # width for its seven columns (beside the grid it scrolled sideways).
        narrow = event.size().width() < GRID_BESIDE_FROM
        Direction = QBoxLayout.Direction
        self.body.setDirection(Direction.TopToBottom if narrow else Direction.LeftToRight)
        self.side.setDirection(Direction.LeftToRight if narrow else Direction.TopToBottom)
        super().resizeEvent(event)

    def show_data(self, data: RiskData) -> None:
        self.data = data
        self.proposals.show_proposals(data.proposals)
        self.grid.show_counts(
            (r.values.likelihood, r.values.impact) for r in data.risks if r.is_open
        )
        self.register.set_rows(
            data.account_id, data.account, lambda: self.register.model.set_rows(data.risks)
        )
        self.refilter()

    def refilter(self) -> None:
        cell = self.grid.chosen
        open_only = self.register.open_only.isChecked()

        def keep(row: RiskRow) -> bool:
            if cell is not None:  # the grid counts open risks: so does its filter
                return row.is_open and (row.values.likelihood, row.values.impact) == cell
            return row.is_open or not open_only

        self.register.model.set_filter(None if cell is None and not open_only else keep)
        self.register.stack.set_empty(self.register.model.total == 0)
        if cell is None:
            self.grid_note.setText("Click a cell to show its risks.")
        else:
            self.grid_note.setText(
                f"Showing likelihood {cell[0]} x impact {cell[1]}; click it again for all."
            )
        self.register.update_buttons()

    def accept(self, proposal: Proposal) -> None:
        if (data := self.data) is None:
            return
        edit = risk_edits.accept(data.account_id, proposal, data.csm_id, self._ctx.today())
        perform_or_say(self._ctx, edit, self.error)

    def dismiss(self, proposal: Proposal) -> None:
        if (data := self.data) is None:
            return
        edit = risk_edits.dismiss(data.account_id, proposal, self._ctx.today())
        perform_or_say(self._ctx, edit, self.error)


def load(session: Session, account_id: int, today: dt.date) -> RiskData:
    return risks.load_risks(session, account_id, today)
