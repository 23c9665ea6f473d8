"""Table rows and columns that read on a laptop: one compact row height for every list,
headers that wrap onto two lines rather than widen a column of short figures, and a
column that takes the room left while every column fits, keeping a readable width when
they do not (a plain stretched column shrinks to "…" in a narrow window)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

# Rows a column's width is measured on when sized to its contents (Qt's default: 1,000,
# each read for every role): the rows in view and a sample of the others.
SIZE_SAMPLE_ROWS = 100


def compact_rows(view: QTableView) -> None:
    """The row height every list shares (the portfolio list's): Fusion's default left a
    laptop's short Overview lists two or three rows."""
    view.verticalHeader().setDefaultSectionSize(max(24, view.fontMetrics().height() + 8))


class WrappingHeader(QHeaderView):
    """A horizontal header whose long titles ("Business users per use case") wrap onto two
    lines when the column's figures are narrower than the title on one line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        # What QTableView sets on the header it makes itself.
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        # The figures' width per column, measured once per content: Qt asks for a
        # section's size many times per layout, and each measure reads rows of cells.
        self._figures: dict[int, int] = {}
        # How a column's figures are measured: Qt's view by default (it reads rows of
        # cells); ``table_model.fit_columns`` gives a cheaper one.
        self.measure: Callable[[int], int] | None = None

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.modelReset.disconnect(self._forget)
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self._forget)  # new rows; a sort changes no width

    def _forget(self, *_args: object) -> None:
        self._figures.clear()

    def _figures_width(self, view: QTableView, logical: int) -> int:
        if logical not in self._figures:
            measure = self.measure or view.sizeHintForColumn
            self._figures[logical] = measure(logical)
        return self._figures[logical]

    def sectionSizeFromContents(self, logical: int) -> QSize:
        size = super().sectionSizeFromContents(logical)
        model = self.model()
        text = model.headerData(logical, self.orientation()) if model is not None else None
        words = str(text).split() if text else []
        if len(words) < 2:
            return size
        metrics = self.fontMetrics()
        one_line = metrics.horizontalAdvance(str(text))
        view = self.parentWidget()
        if isinstance(view, QTableView) and self._figures_width(view, logical) >= one_line:
            return size  # the figures are as wide as the title: no need to wrap it
        two_lines = min(
            max(
                metrics.horizontalAdvance(" ".join(words[:cut])),
                metrics.horizontalAdvance(" ".join(words[cut:])),
            )
            for cut in range(1, len(words))
        )
        return QSize(size.width() - one_line + two_lines, size.height() + metrics.lineSpacing())


def wrap_headers(view: QTableView) -> QHeaderView:
    """Give ``view`` a WrappingHeader (call before setting the header's resize modes)."""
    header = WrappingHeader(view)
    view.setHorizontalHeader(header)
    return header


class StretchWhenRoom(QObject):
    """Stretches ``column`` of ``view`` while the others leave it at least ``readable``
    pixels (its contents' width when None); otherwise gives it that width and lets the
    table scroll sideways."""

    def __init__(self, view: QTableView, column: int, readable: int | None = None) -> None:
        super().__init__(view)
        self._view, self._column, self._readable = view, column, readable
        view.viewport().installEventFilter(self)
        view.model().modelReset.connect(self.fit)
        view.model().layoutChanged.connect(self.fit)

    def readable_width(self) -> int:
        view = self._view
        if self._readable is not None:
            return self._readable
        return max(
            view.horizontalHeader().sectionSizeHint(self._column),
            view.sizeHintForColumn(self._column),
        )

    def fit(self) -> None:
        view, header = self._view, self._view.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self._column and not header.isSectionHidden(c)
        )
        readable = self.readable_width()
        if others + readable <= view.viewport().width():
            if header.sectionResizeMode(self._column) != QHeaderView.ResizeMode.Stretch:
                header.setSectionResizeMode(self._column, QHeaderView.ResizeMode.Stretch)
            return
        if header.sectionResizeMode(self._column) != QHeaderView.ResizeMode.Interactive:
            header.setSectionResizeMode(self._column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(self._column, readable)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
