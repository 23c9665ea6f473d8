"""The mapping page's owner translation: each owner value of an accounts file that names
nobody of ours (a Salesforce OwnerId such as 005...), with a drop-down of our team. What is
chosen is kept with the mapping and remembered for files with the same columns."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from cs_planner.ui.common.labels import ElidedLabel

NOBODY = "(nobody: no CSM set)"


class OwnersTable(QWidget):
    """Owner value | team member, one line per value; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(
            "<b>Owners not in your team</b>: choose who each one is (an export may name "
            "owners by user id)"
        )
        self.heading.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(2, 1)  # the drop-downs as wide as a name, not the page
        layout = QVBoxLayout(self)
        # Lined up with the field rows above (their grid's default margins).
        margin = self.style().pixelMetric(self.style().PixelMetric.PM_LayoutLeftMargin)
        layout.setContentsMargins(margin, 6, margin, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.grid_host)
        self.choices: dict[str, QComboBox] = {}
        self.setVisible(False)

    def show_owners(self, values: list[str], team: list[str], chosen: dict[str, str]) -> None:
        """``chosen``: the translation so far (value -> team member's name)."""
        while (item := self.grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.choices = {}
        for row, value in enumerate(values):
            label = ElidedLabel(value, min_chars=12)
            label.setToolTip(value)
            box = QComboBox()
            box.addItem(NOBODY, None)
            for name in team:
                box.addItem(name, name)
            box.setCurrentIndex(max(box.findData(chosen.get(value)), 0))
            box.setToolTip(f"The team member '{value}' stands for: becomes the account's CSM")
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(box, row, 1)
            self.choices[value] = box
        self.setVisible(bool(values))

    def owners(self) -> dict[str, str]:
        return {v: box.currentData() for v, box in self.choices.items() if box.currentData()}
