"""A finding on screen: one sentence with a dot in its severity's colour; a click reports
the people (or rows) it concerns. Every capability's rules show this way."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel

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
