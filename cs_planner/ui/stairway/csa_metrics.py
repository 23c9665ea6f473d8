"""The CSA metrics read off every roadmap in the portfolio: per CSA, the successful
(adopted) use cases, business users per use case and the value realised."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.csa.rules import SERVED_RULE
from cs_planner.domain.stairway.queries import csa_metrics
from cs_planner.domain.stairway.rows import CsaMetrics
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import widgets
from cs_planner.ui.common.table_model import Align, Col, RowsModel
from cs_planner.ui.shell.context import AppContext

NAME, VALUE = 0, 6


def _figure(value: float | None) -> str:
    return "—" if value is None else fmt.count(round(value))


def _last_if_none(value: float | None) -> tuple[int, float]:
    """None (no adopted use case) sorts after every figure."""
    return (1, 0.0) if value is None else (0, value)


def csa_columns(currency: str) -> list[Col[CsaMetrics]]:
    right = Align.RIGHT
    return [
        Col("CSA", lambda r: r.name, lambda r: r.name.casefold()),
        Col("Accounts", lambda r: _figure(r.accounts), lambda r: r.accounts, right),
        Col(
            "Use cases",
            lambda r: _figure(r.metrics.use_cases),
            lambda r: r.metrics.use_cases,
            right,
        ),
        Col("Live", lambda r: _figure(r.metrics.live), lambda r: r.metrics.live, right),
        Col("Adopted", lambda r: _figure(r.metrics.adopted), lambda r: r.metrics.adopted, right),
        Col(
            "Users per adopted use case",
            lambda r: _figure(r.metrics.users_per_use_case),
            lambda r: _last_if_none(r.metrics.users_per_use_case),
            right,
        ),
        Col(
            "Value realised",
            lambda r: fmt.money(r.metrics.value_realized, currency),
            lambda r: r.metrics.value_realized,
            right,
        ),
    ]


class CsaMetricsDialog(QDialog):
    """Per CSA: successful (adopted) use cases, business users per use case, value realised."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("CSA metrics")
        self.resize(860, 420)
        rows, currency = ctx.read(lambda s: (csa_metrics(s), get_settings(s).currency))
        self.model: RowsModel[CsaMetrics] = RowsModel(csa_columns(currency), self)
        self.model.set_rows(rows)
        table = QTableView()
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(VALUE, Qt.SortOrder.DescendingOrder)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnsToContents()
        intro = QLabel(
            "Read off every account's roadmap: a use case counts as a success once it is "
            "adopted (live is a milestone). Use cases are credited to the CSA named on them. "
            f"Accounts: {SERVED_RULE}, as on the CSAs page's scorecard."
        )
        intro.setWordWrap(True)
        empty = widgets.EmptyState(table, "No CSAs in the team yet (Portfolio > Team).")
        empty.set_empty(not rows)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(empty, 1)
        layout.addWidget(widgets.button("Close", self.accept), 0, Qt.AlignmentFlag.AlignRight)
        self.table = table
