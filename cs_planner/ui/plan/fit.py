"""Columns that take a share of a table's width: on a laptop they give way (their whole
text is the cell's tooltip) so the column that stretches keeps its text readable; on a
wide screen they show in full."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

from cs_planner.ui.common.columns import StretchWhenRoom


class ShareOfWidth(QObject):
    """Each column of ``caps`` (column: (share, least px)) is as wide as its text needs
    (``measure``; by default the width the table gave it with its rows) but no more than
    ``share`` of the table's width, nor than leaves column ``stretched`` ``keep`` px (its
    readable width when None), nor less than ``least``; ``stretch`` then fits
    ``stretched``, which takes the rest. Refitted on new rows and on every resize."""

    def __init__(
        self,
        view: QTableView,
        caps: Mapping[int, tuple[float, int]],
        stretched: int,
        stretch: StretchWhenRoom,
        measure: Callable[[int], int] | None = None,
        keep: int | None = None,
    ) -> None:
        super().__init__(view)
        self._view, self._caps, self._stretched = view, dict(caps), stretched
        self._stretch, self._keep = stretch, keep
        self._measure = measure or view.horizontalHeader().sectionSize
        self._natural: dict[int, int] = {}
        view.horizontalHeader().setStretchLastSection(False)
        view.model().modelReset.connect(self.measure)
        view.viewport().installEventFilter(self)

    def measure(self) -> None:
        self._natural = {column: self._measure(column) for column in self._caps}
        self.fit()

    def fit(self) -> None:
        header, room = self._view.horizontalHeader(), self._view.viewport().width()
        fixed = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self._stretched and c not in self._caps and not header.isSectionHidden(c)
        )
        spare = room - fixed - (self._keep or self._stretch.readable_width())
        leasts = [least for _share, least in self._caps.values()]
        for n, (column, (share, least)) in enumerate(self._caps.items()):
            natural = self._natural.get(column, header.sectionSize(column))
            most = min(int(room * share), spare - sum(leasts[n + 1 :]))
            width = min(natural, max(least, most))
            header.resizeSection(column, width)
            spare -= width
        self._stretch.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
