"""The CSA heatmap: one row per CSA, one column per week (26 at a time), each cell the
week's load as a share of the CSA's capacity, coloured by ``palette.LOAD_BANDS`` (idle
grey, under 50% blue, greens up to 100%, over 100% red); clicking a cell lists the
allocations behind it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.csa import load
from cs_planner.domain.csa.rows import CsaData
from cs_planner.domain.csa.rules import HEATMAP_WEEKS
from cs_planner.palette import LOAD_BANDS
from cs_planner.ui.csa.heatmap_model import CENTRED, HeatmapModel, describe_load

Role = Qt.ItemDataRole
STEP_WEEKS = 4


class CalendarHeader(QHeaderView):
    """Week columns headed like a calendar: the day of each Monday, and above it the month's
    name once, spanning the month's weeks. Names too wide for one narrow week column made
    26 weeks wider than a laptop's window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def narrowest(self) -> int:
        """The least width that shows a day number."""
        return self.fontMetrics().horizontalAdvance("30") + 8

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        model = self.model()
        if not isinstance(model, HeatmapModel) or not rect.isValid():
            super().paintSection(painter, rect, logical)
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical
        option.text = ""
        option.position = QStyleOptionHeader.SectionPosition.Middle
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        week = model.week_at(logical)
        half = rect.height() // 2
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        bold = model.headerData(logical, Qt.Orientation.Horizontal, Role.FontRole)
        if isinstance(bold, QFont):
            day_font = QFont(painter.font())
            day_font.setBold(True)
            painter.save()
            painter.setFont(day_font)
        day = QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half)
        painter.drawText(day, int(Qt.AlignmentFlag.AlignCenter), str(week.day))
        if isinstance(bold, QFont):
            painter.restore()
        # The month's name over all its weeks on show, drawn in pieces, one per section.
        first = last = logical
        while first > 0 and model.week_at(first - 1).month == week.month:
            first -= 1
        while last < model.columnCount() - 1 and model.week_at(last + 1).month == week.month:
            last += 1
        left = max(self.sectionViewportPosition(first), 0)
        right = self.sectionViewportPosition(last) + self.sectionSize(last)
        span = QRect(left + 3, rect.top(), right - left - 3, half)
        painter.save()
        painter.setClipRect(rect.intersected(span.adjusted(-3, 0, 0, 0)))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        painter.drawText(span, int(align), f"{week:%b}")
        painter.restore()


class CellDelegate(QStyledItemDelegate):
    """A load drawn centred on the whole cell: the usual padding cut "100" to "…" in the
    narrow week columns a laptop has room for."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        model = index.model()
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None or not isinstance(model, HeatmapModel):
            super().paint(painter, option, index)
            return
        # The cell's look straight from the model's cell, not through initStyleOption's
        # seven data() calls: a screen of weeks is hundreds of cells, painted at each show.
        cell = model.cell(index.row(), index.column())
        item = QStyleOptionViewItem(option)
        item.backgroundBrush = cell.brush
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        highlighted = item.palette.color(QPalette.ColorRole.HighlightedText)
        painter.save()
        painter.setFont(item.font)
        painter.setPen(highlighted if selected else cell.foreground)
        painter.drawText(item.rect, CENTRED, cell.text)
        painter.restore()


def narrowest_week(view: QTableView) -> int:
    """The least width of a week column: a load of "100" and a day number fit."""
    header = view.horizontalHeader()
    days = header.narrowest() if isinstance(header, CalendarHeader) else 30
    return max(view.fontMetrics().horizontalAdvance("100") + 4, days)


class HeatmapPanel(QWidget):
    """The heatmap with Earlier / This week / Later and the details of the clicked cell.
    Emits ``windowChanged(first Monday)`` when the weeks shown change."""

    windowChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HeatmapModel(self)
        self.first: dt.date | None = None
        self._today = dt.date.today()
        self.earlier = self._button("◀ Earlier", -STEP_WEEKS, "Four weeks back (Alt+Left)")
        self.this_week = self._button("This week", 0, "Start at this week (Alt+Home)")
        self.later = self._button("Later ▶", STEP_WEEKS, "Four weeks on (Alt+Right)")
        for keys, weeks in (("Alt+Left", -STEP_WEEKS), ("Alt+Right", STEP_WEEKS), ("Alt+Home", 0)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda weeks=weeks: self.shift(weeks))
        self.range_label = QLabel()
        self.range_label.setObjectName("sectionTitle")
        nav = QHBoxLayout()
        nav.addWidget(self.range_label)
        nav.addStretch(1)
        for widget in (self.earlier, self.this_week, self.later):
            nav.addWidget(widget)
        # The legend on a row of its own: beside the buttons it made the page wider than
        # a laptop's window.
        legends = QHBoxLayout()
        for band in reversed(LOAD_BANDS):  # the alarming end first, as before
            legends.addWidget(legend(band.label, band.background, band.text))
        legends.addStretch(1)

        self.table = QTableView()
        self.table.setHorizontalHeader(CalendarHeader(self.table))
        self.table.setItemDelegate(CellDelegate(self.table))
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(True)
        self.table.setWordWrap(False)
        self.table.setToolTip("Load per week as % of capacity; click a cell for its allocations")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(narrowest_week(self.table))
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.viewport().installEventFilter(self)
        self.table.clicked.connect(self.show_cell)
        self.table.selectionModel().currentChanged.connect(lambda i, _p: self.show_cell(i))
        self.details_title = QLabel("Click a cell to see the allocations behind it.")
        self.details_title.setObjectName("muted")
        self.details = QListWidget()
        self.details.setMaximumHeight(80)
        self.details.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(nav)
        layout.addLayout(legends)
        layout.addWidget(self.table)
        layout.addWidget(self.details_title)
        layout.addWidget(self.details)
        layout.addStretch(1)

    def _button(self, text: str, weeks: int, tip: str) -> QPushButton:
        widget = QPushButton(text)
        widget.setToolTip(tip)
        widget.clicked.connect(lambda _checked=False: self.shift(weeks))
        return widget

    def shift(self, weeks: int) -> None:
        """Scroll by ``weeks`` (0: back to this week)."""
        if weeks == 0 or self.first is None:
            first = load.monday(self._today)
        else:
            first = self.first + load.WEEK * weeks
        if first != self.first:
            self.first = first
            self.windowChanged.emit(first)

    def show_data(self, data: CsaData, first: dt.date, today: dt.date) -> None:
        self.first, self._today = first, today
        current = self.table.currentIndex()
        self.model.set_data(data, first, today)
        last = first + load.WEEK * HEATMAP_WEEKS - dt.timedelta(days=1)
        self.range_label.setText(
            f"Load by week, % of capacity · {first:%d %b %Y} to {last:%d %b %Y}"
        )
        rows = self.model.rowCount()
        self._fit_height()
        if current.isValid() and current.row() < rows:
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        else:
            self._clear_details()

    def _fit_height(self) -> None:
        """Tall enough for every CSA up to a dozen (then it scrolls), and no taller; with
        room for the sideways scroll bar when the weeks do not fit (a laptop), so it does
        not hide the last CSA."""
        rows = self.model.rowCount()
        header = self.table.horizontalHeader()
        height = header.sizeHint().height() + 24 * min(max(rows, 1), 12)
        height += 2 * self.table.frameWidth() + 2
        weeks_width = header.minimumSectionSize() * self.model.columnCount()
        if weeks_width > self.table.viewport().width():
            height += self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_height()  # the weeks may fit now, or no longer
        return super().eventFilter(watched, event)

    def _clear_details(self) -> None:
        self.details.clear()
        self.details.hide()
        self.details_title.setText("Click a cell to see the allocations behind it.")

    def show_cell(self, index: QModelIndex) -> None:
        if not index.isValid():
            self._clear_details()
            return
        person = self.model.csa_at(index.row())
        week = self.model.week_at(index.column())
        value = self.model.load_at(index.row(), index.column())
        behind = self.model.allocations_at(index.row(), index.column())
        self.details_title.setText(
            f"{person.name}, week of {week.isoformat()}: {value:.0%} of "
            f"{person.capacity:,.0f} hours" + ("" if behind else " (nothing allocated)")
        )
        self.details.clear()
        self.details.addItems([describe_load(a, week) for a in behind])
        self.details.setVisible(bool(behind))


def legend(text: str, background: str, foreground: str) -> QLabel:
    label = QLabel(f" {text} ")
    label.setStyleSheet(
        f"background: {background}; color: {foreground}; border-radius: 3px; padding: 1px 4px;"
    )
    return label
