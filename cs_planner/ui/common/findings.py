"""A finding on screen: one sentence with a dot in its severity's colour; a click reports
the people (or rows) it concerns. Every capability's rules show this way."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cs_planner import palette
from cs_planner.domain.enums import Severity
from cs_planner.domain.findings import Finding
from cs_planner.ui.common.text_fit import TEXT_MAX, rich

SEVERITY_TIPS: dict[Severity, str] = {
    Severity.BAD: "A risk to act on",
    Severity.WARN: "Worth attention",
    Severity.GOOD: "Healthy",
    Severity.INFO: "Who needs which message",
}


class FindingLabel(QLabel):
    """One sentence with a coloured dot; a click reports the people it names."""

    clicked = Signal(object)

    def __init__(self, finding: Finding) -> None:
        colour = palette.SEVERITY[Severity(finding.severity)]
        text = rich(finding.text, TEXT_MAX)
        super().__init__(
            f"<table><tr><td style='color:{colour};font-size:14px;padding-right:4px'>●</td>"
            f"<td>{text}</td></tr></table>"
        )
        self.finding = finding
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        tip = SEVERITY_TIPS[Severity(finding.severity)]
        if finding.people:
            tip += f" · click to select {len(finding.people)} on the map"
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.finding.people)
        super().mouseReleaseEvent(event)


class FindingList(QWidget):
    """Findings one under another, hidden while there are none."""

    clicked = Signal(object)  # the people (or rows) of the finding clicked

    def __init__(self, margins: tuple[int, int, int, int], tip: str) -> None:
        super().__init__()
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(*margins)
        self._tip = tip
        self.labels: list[FindingLabel] = []
        self.hide()

    def show_findings(self, found: Sequence[Finding]) -> None:
        for label in self.labels:
            label.hide()
            label.deleteLater()
        self.labels = []
        for finding in found:
            label = FindingLabel(finding)
            label.setToolTip(self._tip)
            label.clicked.connect(self.clicked)
            self._rows.addWidget(label)
            self.labels.append(label)
        self.setVisible(bool(found))
