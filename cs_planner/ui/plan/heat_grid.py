"""The risk register's 5x5 heat grid: likelihood up, impact across, each cell coloured by
its exposure (green, amber, red) and showing how many open risks sit in it. Clicking a
cell filters the register to it; clicking it again shows every risk."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QWidget

from cs_planner.domain.enums import HealthBand
from cs_planner.domain.plan.risk_rules import SCALE, exposure_band, grid_counts
from cs_planner.palette import BAD, GOOD, WARN, tint

CELL = 34  # px, a square cell
BAND_COLOUR = {HealthBand.GREEN: GOOD, HealthBand.AMBER: WARN, HealthBand.RED: BAD}
Cell = tuple[int, int]  # (likelihood, impact)


def cell_colour(likelihood: int, impact: int, empty: bool) -> str:
    """The band's colour, light for an empty cell so the counts stand out."""
    return tint(BAND_COLOUR[exposure_band(likelihood * impact)], 0.75 if empty else 0.35)


class HeatGrid(QWidget):
    """``picked`` carries the cell clicked, or None when the same cell is clicked again."""

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells: dict[Cell, QToolButton] = {}
        self.counts: dict[Cell, int] = grid_counts([])
        self.chosen: Cell | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2)
        likelihood = QLabel("Likelihood")
        likelihood.setObjectName("muted")
        grid.addWidget(likelihood, 0, 0, 1, 7)
        for row, level in enumerate(reversed(SCALE), start=1):
            axis = QLabel(str(level))
            axis.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(axis, row, 0)
            for column, impact in enumerate(SCALE, start=1):
                cell = QToolButton()
                cell.setCheckable(True)
                cell.setFixedSize(CELL, CELL)
                cell.setAutoRaise(False)
                cell.clicked.connect(lambda _c=False, at=(level, impact): self._clicked(at))
                self.cells[(level, impact)] = cell
                grid.addWidget(cell, row, column)
        for column, impact in enumerate(SCALE, start=1):
            axis = QLabel(str(impact))
            axis.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(axis, 6, column)
        impact_label = QLabel("Impact")
        impact_label.setObjectName("muted")
        impact_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(impact_label, 7, 1, 1, 5)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.show_counts([])

    def show_counts(self, cells: Iterable[Cell]) -> None:
        """Count the open risks' cells; a chosen cell stays chosen."""
        self.counts = grid_counts(cells)
        for (likelihood, impact), cell in self.cells.items():
            count = self.counts[(likelihood, impact)]
            cell.setText(str(count) if count else "")
            chosen = self.chosen == (likelihood, impact)
            cell.setChecked(chosen)
            border = "2px solid #212121" if chosen else "1px solid #9e9e9e"
            cell.setStyleSheet(
                f"QToolButton {{ background: {cell_colour(likelihood, impact, not count)};"
                f" color: #212121; font-weight: bold; border: {border}; }}"
            )
            exposure = likelihood * impact
            cell.setToolTip(
                f"Likelihood {likelihood} x impact {impact} = exposure {exposure}: "
                f"{count} open risk{'s' * (count != 1)}. Click to show only these."
            )

    def _clicked(self, at: Cell) -> None:
        self.chosen = None if self.chosen == at else at
        self.show_counts(
            [c for c, n in self.counts.items() for _ in range(n)]  # same counts, new choice
        )
        self.picked.emit(self.chosen)

    def clear(self) -> None:
        if self.chosen is not None:
            self._clicked(self.chosen)
