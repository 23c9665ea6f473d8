"""The graphics view the staircase and the timeline are shown in: it shrinks the drawing
(down to MIN_SCALE) so all four steps fit side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView


class FitWidthView(QGraphicsView):
    """Shrinks the drawing (down to MIN_SCALE) so all four steps fit side by side."""

    MIN_SCALE = 0.72

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        scene.sceneRectChanged.connect(lambda _r: self.fit())

    def fit(self) -> None:
        width = self.sceneRect().width()
        available = self.viewport().width() - 4
        scale = max(self.MIN_SCALE, min(1.0, available / width)) if width > 0 else 1.0
        self.resetTransform()
        self.scale(scale, scale)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()
