"""The stairway drawn as a staircase: four steps rising left to right, each use case a card
coloured by its status. Cards are dragged to reorder them or to move them to another step;
the scene only reports the move (``moveRequested``), the tab turns it into an undo command."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsScene

from cs_planner.domain.enums import StairStep
from cs_planner.domain.stairway.rows import STEPS, StepSummary, UseCaseRow
from cs_planner.ui.common import theme
from cs_planner.ui.stairway.cards import (
    CARD_H,
    CARD_W,
    GAP,
    HEADER_H,
    MARGIN,
    MIN_CARD_W,
    RISE,
    CardContext,
    CardItem,
    StepHeader,
    tinted,
)


class StaircaseScene(QGraphicsScene):
    """Step columns whose tops rise left to right; the cards stack down each column."""

    selectedUseCase = Signal(object)  # use case id or None
    moveRequested = Signal(int, object, int)  # use case id, StairStep, index

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.card_w = CARD_W  # narrower when the view is (``fit_width``)
        self._shown: tuple[Any, ...] | None = None  # what show_rows drew, to redraw it
        self.cards: dict[int, CardItem] = {}
        self.columns: dict[StairStep, list[CardItem]] = {s: [] for s in STEPS}
        self.indicator: QGraphicsLineItem | None = None
        self.selectionChanged.connect(self._selection)

    @staticmethod
    def width_for(card_w: float) -> float:
        """The drawing's width with cards ``card_w`` wide."""
        return 2 * MARGIN + (len(STEPS) - 1) * GAP + len(STEPS) * card_w

    @property
    def natural_width(self) -> float:
        """The drawing's width with cards at their full width."""
        return self.width_for(CARD_W)

    def fit_width(self, width: float) -> None:
        """Narrow the cards (down to MIN_CARD_W) so that the four steps take ``width``."""
        room = (width - self.width_for(0)) / len(STEPS)
        card_w = float(int(max(MIN_CARD_W, min(CARD_W, room))))
        if card_w == self.card_w:
            return
        self.card_w = card_w
        if self._shown is not None:
            rows, summaries, context, lines = self._shown
            selected = self.selected_card()
            self.show_rows(rows, summaries, context, lines, selected.row.id if selected else None)

    def column_x(self, step: StairStep) -> float:
        return MARGIN + STEPS.index(step) * (self.card_w + GAP)

    @staticmethod
    def column_top(step: StairStep) -> float:
        return MARGIN + (len(STEPS) - 1 - STEPS.index(step)) * RISE

    def card_y(self, step: StairStep, index: int) -> float:
        return self.column_top(step) + HEADER_H + 10 + index * (CARD_H + 10)

    def show_rows(
        self,
        rows: Sequence[UseCaseRow],
        summaries: Sequence[StepSummary],
        context: CardContext,
        template_lines: dict[StairStep, tuple[str, str]],
        selected: int | None,
    ) -> None:
        self._shown = (rows, summaries, context, template_lines)
        self.blockSignals(True)
        self.clear()
        self.indicator = None
        self.cards = {}
        self.columns = {s: [] for s in STEPS}
        for row in rows:
            card = CardItem(row, context, movable=True, width=self.card_w)
            self.cards[row.id] = card
            self.columns[row.step].append(card)
            self.addItem(card)
        bottom = self.card_y(
            StairStep.REMEDIATION, max(1, *(len(c) for c in self.columns.values()))
        )
        palette_mid = tinted("#9e9e9e", 28)
        for summary in summaries:
            step = summary.step
            x, top = self.column_x(step), self.column_top(step)
            riser = self.addRect(
                QRectF(x, top, self.card_w, bottom - top + MARGIN),
                QPen(Qt.PenStyle.NoPen),
                QBrush(palette_mid),
            )
            riser.setZValue(-2)
            line = template_lines.get(step, ("", ""))
            header = StepHeader(summary, context.currency, line, self.card_w)
            header.setPos(x, top)
            self.addItem(header)
            if not self.columns[step]:
                hint = self.addText(
                    "No use cases on this step yet:\nadd one (Insert) or drag one here"
                )
                hint.setDefaultTextColor(QColor(theme.MUTED))
                hint.setPos(x + 12, top + HEADER_H + 12)
        self.layout_cards()
        self.setSceneRect(QRectF(0, 0, self.width_for(self.card_w), bottom + 2 * MARGIN))
        self.blockSignals(False)
        if selected in self.cards:
            self.cards[selected].setSelected(True)

    def layout_cards(self) -> None:
        for step, cards in self.columns.items():
            for index, card in enumerate(cards):
                card.setPos(self.column_x(step), self.card_y(step, index))

    # --- dropping -------------------------------------------------------------------

    def drop_target(self, card: CardItem, point: QPointF) -> tuple[StairStep, int]:
        """The step and index a card dropped at ``point`` lands on."""
        step = min(STEPS, key=lambda s: abs(self.column_x(s) + self.card_w / 2 - point.x()))
        others = [c for c in self.columns[step] if c is not card]
        index = sum(
            1 for n, _ in enumerate(others) if self.card_y(step, n) + CARD_H / 2 < point.y()
        )
        return step, index

    def show_drop(self, card: CardItem, point: QPointF) -> None:
        step, index = self.drop_target(card, point)
        y = self.card_y(step, index) - 5
        x = self.column_x(step)
        if self.indicator is None:
            self.indicator = self.addLine(0, 0, self.card_w, 0, QPen(QColor("#1565c0"), 3))
            self.indicator.setZValue(5)
        self.indicator.setPos(x, y)

    def drop(self, card: CardItem, point: QPointF) -> None:
        if self.indicator is not None:
            self.removeItem(self.indicator)
            self.indicator = None
        step, index = self.drop_target(card, point)
        current = self.columns[card.row.step].index(card)
        if step == card.row.step and index == current:
            self.layout_cards()  # dropped where it was: snap back
            return
        self.layout_cards()
        self.request_move(card.row.id, step, index)

    def request_move(self, use_case_id: int, step: StairStep, index: int) -> None:
        """Report a move once the mouse or key event is over: the move reloads the scene,
        which deletes the card still handling the event."""
        QTimer.singleShot(0, lambda: self.moveRequested.emit(use_case_id, step, index))

    # --- keyboard -------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        card = self.selected_card()
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if card is not None and ctrl and self._key_move(card, event.key()):
            event.accept()
            return
        if card is not None and not ctrl and self._key_select(card, event.key()):
            event.accept()
            return
        super().keyPressEvent(event)

    def _key_move(self, card: CardItem, key: int) -> bool:
        step = card.row.step
        index = self.columns[step].index(card)
        number = STEPS.index(step)
        if key == Qt.Key.Key_Up and index > 0:
            self.request_move(card.row.id, step, index - 1)
        elif key == Qt.Key.Key_Down and index < len(self.columns[step]) - 1:
            self.request_move(card.row.id, step, index + 1)
        elif key == Qt.Key.Key_Left and number > 0:
            self.request_move(card.row.id, STEPS[number - 1], index)
        elif key == Qt.Key.Key_Right and number < len(STEPS) - 1:
            self.request_move(card.row.id, STEPS[number + 1], index)
        else:
            return False
        return True

    def _key_select(self, card: CardItem, key: int) -> bool:
        step = card.row.step
        index = self.columns[step].index(card)
        number = STEPS.index(step)
        target: CardItem | None = None
        if key == Qt.Key.Key_Up and index > 0:
            target = self.columns[step][index - 1]
        elif key == Qt.Key.Key_Down and index < len(self.columns[step]) - 1:
            target = self.columns[step][index + 1]
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            direction = -1 if key == Qt.Key.Key_Left else 1
            n = number + direction
            while 0 <= n < len(STEPS) and not self.columns[STEPS[n]]:
                n += direction
            if 0 <= n < len(STEPS):
                column = self.columns[STEPS[n]]
                target = column[min(index, len(column) - 1)]
        if target is None:
            return False
        self.select_id(target.row.id)
        return True

    # --- selection ------------------------------------------------------------------

    def selected_card(self) -> CardItem | None:
        items = [i for i in self.selectedItems() if isinstance(i, CardItem)]
        return items[0] if items else None

    def select_id(self, use_case_id: int | None) -> None:
        self.clearSelection()
        card = self.cards.get(use_case_id) if use_case_id is not None else None
        if card is not None:
            card.setSelected(True)
            card.setFocus()
            for view in self.views():
                view.ensureVisible(card)

    def _selection(self) -> None:
        card = self.selected_card()
        self.selectedUseCase.emit(card.row.id if card else None)
