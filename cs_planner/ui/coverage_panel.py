"""The coverage panel beside the relationship map: the coverage and risk rules as short
sentences, the most serious first; clicking one selects the people it concerns."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from cs_planner.domain.findings import Finding
from cs_planner.ui.common import theme
from cs_planner.ui.common.text_fit import TEXT_MAX, rich

SEVERITY_COLOURS = {"bad": theme.BAD, "warn": theme.WARN, "good": theme.GOOD, "info": "#1565c0"}
SEVERITY_TIPS = {
    "bad": "A risk to act on",
    "warn": "Worth attention",
    "good": "Healthy",
    "info": "Who needs which message",
}


class FindingLabel(QLabel):
    """One sentence with a coloured dot; a click reports the people it names."""

    clicked = Signal(object)

    def __init__(self, finding: Finding) -> None:
        colour = SEVERITY_COLOURS[finding.severity]
        text = rich(finding.text, TEXT_MAX)
        super().__init__(
            f"<table><tr><td style='color:{colour};font-size:14px;padding-right:4px'>●</td>"
            f"<td>{text}</td></tr></table>"
        )
        self.finding = finding
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        tip = SEVERITY_TIPS[finding.severity]
        if finding.people:
            tip += f" · click to select {len(finding.people)} on the map"
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.finding.people)
        super().mouseReleaseEvent(event)


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
            if item.widget() is not None:
                item.widget().hide()  # gone now, not at the next event loop turn
                item.widget().deleteLater()
        self.labels = []
        for finding in findings:
            label = FindingLabel(finding)
            label.clicked.connect(self.peopleClicked)
            self.rows.addWidget(label)
            self.labels.append(label)
        self.rows.addStretch(1)

    def texts(self) -> list[str]:
        return [label.finding.text for label in self.labels]
