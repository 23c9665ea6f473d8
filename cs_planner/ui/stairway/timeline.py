"""The stairway as a timeline: use cases along the next eight quarters by target quarter, a
lane per step, so a workshop sees what lands when. Use cases whose quarter has passed sit
in an "Earlier" column (the overdue ones flagged), unscheduled ones in the last column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

from cs_planner.domain.quarters import next_quarters, quarter_label, quarter_start
from cs_planner.domain.stairway.rows import STEPS, UseCaseRow
from cs_planner.domain.stairway.rules import is_overdue
from cs_planner.palette import STAIR_STEP
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.stairway.cards import (
    COMPACT_H,
    COMPACT_W,
    CardContext,
    CardItem,
    tinted,
)

QUARTERS = 8
COL_W, LANE_LABEL_W, HEAD_H, PAD = COMPACT_W + 10, 120.0, 46.0, 6.0
CARD_STEP = COMPACT_H + 6


def timeline_columns(today: dt.date, fy_start: int) -> list[tuple[str, dt.date | None]]:
    """Column titles with their quarter: Earlier, the next eight quarters, Later."""
    quarters = next_quarters(today, QUARTERS, fy_start)
    columns: list[tuple[str, dt.date | None]] = [("Earlier", None)]
    columns += [(quarter_label(q, fy_start), q) for q in quarters]
    return [*columns, ("Later / no quarter", None)]


def column_of(target: dt.date | None, today: dt.date, fy_start: int) -> int:
    """0 = earlier than this quarter, 1..8 = the next eight quarters, 9 = later or none."""
    if target is None:
        return QUARTERS + 1
    quarters = next_quarters(today, QUARTERS, fy_start)
    start = quarter_start(target, fy_start)
    if start < quarters[0]:
        return 0
    if start in quarters:
        return quarters.index(start) + 1
    return QUARTERS + 1


def step_text(colour: str) -> QColor:
    """A step's colour, made readable as text on a light or a dark background."""
    return QColor(colour).lighter(130) if theme.is_dark() else QColor(colour).darker(140)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class TimelineScene(QGraphicsScene):
    """Lanes per step, columns per quarter. Dragging a card to another of the next eight
    quarters asks to reschedule it (``rescheduleRequested``)."""

    selectedUseCase = Signal(object)  # use case id or None
    rescheduleRequested = Signal(int, object)  # use case id, first day of the quarter

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[int, CardItem] = {}
        self.quarters: list[dt.date] = []
        self.highlight: QGraphicsRectItem | None = None
        self._height = 0.0
        self.selectionChanged.connect(self._selection)

    def show_rows(
        self, rows: Sequence[UseCaseRow], context: CardContext, selected: int | None
    ) -> None:
        self.blockSignals(True)
        self.clear()
        self.cards = {}
        self.highlight = None
        self.quarters = next_quarters(context.today, QUARTERS, context.fy_start)
        columns = timeline_columns(context.today, context.fy_start)
        cells: dict[tuple[int, int], list[UseCaseRow]] = {}
        for row in rows:
            key = (
                STEPS.index(row.step),
                column_of(row.target_quarter, context.today, context.fy_start),
            )
            cells.setdefault(key, []).append(row)
        width = LANE_LABEL_W + len(columns) * COL_W
        self._headings(columns, cells, context)
        y = self._lanes(columns, cells, context, width)
        for n in range(len(columns) + 1):
            x = LANE_LABEL_W + n * COL_W
            line = self.addLine(x, 0, x, y, QPen(QColor("#b0bec5"), 1, Qt.PenStyle.DotLine))
            line.setZValue(-1)
        self.setSceneRect(QRectF(0, 0, width + PAD, y + PAD))
        self._height = y
        self.blockSignals(False)
        if selected in self.cards:
            self.cards[selected].setSelected(True)

    def _headings(
        self,
        columns: list[tuple[str, dt.date | None]],
        cells: dict[tuple[int, int], list[UseCaseRow]],
        context: CardContext,
    ) -> None:
        """Each column's quarter and what lands in it."""
        small = QFont()
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        text_colour = QGuiApplication.palette().text().color()
        for n, (title, quarter) in enumerate(columns):
            x = LANE_LABEL_W + n * COL_W
            is_now = quarter is not None and n == 1
            label = self.addText(title + (" (now)" if is_now else ""), _bold())
            label.setDefaultTextColor(QColor(theme.BAD) if n == 0 else text_colour)
            label.setPos(x + 4, 4)
            if n == 0:
                label.setToolTip("Target quarter already passed: overdue unless live or adopted")
            landing = [r for (_lane, column), cell in cells.items() if column == n for r in cell]
            summary = self.addText(self._column_summary(landing, n, context), small)
            late = n == 0 and "overdue" in summary.toPlainText()
            summary.setDefaultTextColor(QColor(theme.BAD if late else theme.MUTED))
            summary.setPos(x + 4, 22)

    def _lanes(
        self,
        columns: list[tuple[str, dt.date | None]],
        cells: dict[tuple[int, int], list[UseCaseRow]],
        context: CardContext,
        width: float,
    ) -> float:
        """A band per step with its cards, column by column; returns the bottom."""
        lane_heights = [
            max([len(cells.get((lane, c), [])) for c in range(len(columns))] + [1]) * CARD_STEP
            + PAD
            for lane in range(len(STEPS))
        ]
        y = HEAD_H
        for lane, step in enumerate(STEPS):
            height = lane_heights[lane]
            band = self.addRect(
                QRectF(0, y, width, height),
                QPen(QColor("#cfd8dc")),
                QBrush(tinted(STAIR_STEP[step], 26)),
            )
            band.setZValue(-2)
            name = self.addText(f"{lane + 1}. {step.label}", _bold())
            name.setDefaultTextColor(step_text(STAIR_STEP[step]))
            name.setPos(6, y + 6)
            for column in range(len(columns)):
                for index, row in enumerate(cells.get((lane, column), [])):
                    card = CardItem(row, context, compact=True, movable=True)
                    card.setPos(LANE_LABEL_W + column * COL_W + 5, y + PAD + index * CARD_STEP)
                    self.addItem(card)
                    self.cards[row.id] = card
            y += height
        return y

    @staticmethod
    def _column_summary(rows: list[UseCaseRow], column: int, context: CardContext) -> str:
        """What lands in a column: how many use cases and their value (overdue ones for
        the quarters already past)."""
        if not rows:
            return ""
        if column == 0:
            late = sum(1 for r in rows if is_overdue(r.target_quarter, r.status, context.today))
            return f"{late} overdue" if late else "all live or adopted"
        value = fmt.compact_money(sum(r.annual_value for r in rows), context.currency)
        return f"{len(rows)} use case{'s' if len(rows) != 1 else ''} · {value}"

    # --- rescheduling by dragging ---------------------------------------------------------

    def quarter_at(self, x: float) -> dt.date | None:
        """The quarter of the column at ``x``; None outside the next eight quarters."""
        column = int((x - LANE_LABEL_W) // COL_W)
        return self.quarters[column - 1] if 1 <= column <= len(self.quarters) else None

    def show_drop(self, card: CardItem, point: QPointF) -> None:
        quarter = self.quarter_at(point.x())
        if self.highlight is None:
            self.highlight = self.addRect(
                QRectF(0, HEAD_H, COL_W, self._height - HEAD_H),
                QPen(QColor("#1565c0"), 2),
                QBrush(tinted("#1565c0", 30)),
            )
            self.highlight.setZValue(-1)
        self.highlight.setVisible(quarter is not None)
        if quarter is not None:
            column = self.quarters.index(quarter) + 1
            self.highlight.setPos(LANE_LABEL_W + column * COL_W, 0)

    def drop(self, card: CardItem, point: QPointF) -> None:
        if self.highlight is not None:
            self.removeItem(self.highlight)
            self.highlight = None
        quarter = self.quarter_at(point.x())
        card.setPos(card.home)  # the reload after the change places it for good
        if quarter is None or quarter == card.row.target_quarter:
            return
        use_case_id = card.row.id
        # After the mouse event: the change reloads the scene and deletes this card.
        QTimer.singleShot(0, lambda: self.rescheduleRequested.emit(use_case_id, quarter))

    def select_id(self, use_case_id: int | None) -> None:
        self.clearSelection()
        card = self.cards.get(use_case_id) if use_case_id is not None else None
        if card is not None:
            card.setSelected(True)
            for view in self.views():
                view.ensureVisible(card)

    def _selection(self) -> None:
        items = [i for i in self.selectedItems() if isinstance(i, CardItem)]
        self.selectedUseCase.emit(items[0].row.id if items else None)
