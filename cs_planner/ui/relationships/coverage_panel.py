"""The coverage panel beside the relationship map: the coverage and risk rules as short
sentences, the most serious first; clicking one selects the people it concerns."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from cs_planner.domain.findings import Finding
from cs_planner.ui.common.findings import FindingLabel


class CoveragePanel(QWidget):
    peopleClicked = Signal(object)  # tuple of stakeholder ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Coverage and risk")
        title.setObjectName("sectionTitle")
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(2, 2, 6, 2)
        self.rows.setSpacing(8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        self.labels: list[FindingLabel] = []

    def show_findings(self, findings: list[Finding]) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone now, not at the next event loop turn
                widget.deleteLater()
        self.labels = []
        for finding in findings:
            label = FindingLabel(finding)
            label.clicked.connect(self.peopleClicked)
            self.rows.addWidget(label)
            self.labels.append(label)
        self.rows.addStretch(1)

    def texts(self) -> list[str]:
        return [label.finding.text for label in self.labels]
