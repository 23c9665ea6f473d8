"""The graphics view the staircase and the timeline are shown in: it fits the drawing's
width. It shrinks the drawing (down to MIN_SCALE, so text stays readable); a scene that
can narrow itself (the staircase's ``fit_width``) then narrows its cards so all four steps
fit side by side on a laptop, rather than running off the side."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QSplitter, QWidget


class FitWidthView(QGraphicsView):
    """Shrinks the drawing (down to MIN_SCALE) so all four steps fit side by side."""

    MIN_SCALE = 0.72
    max_scale = 1.0  # workshop mode lets the drawing grow to the width, for a projector

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        scene.sceneRectChanged.connect(lambda _r: self.fit())

    def fit(self) -> None:
        scene = self.scene()
        width = getattr(scene, "natural_width", self.sceneRect().width())
        available = self.viewport().width() - 4
        bar = self.verticalScrollBar()
        if not bar.isVisible():  # room for it: the fit must not make it come and go
            available -= bar.sizeHint().width()
        scale = max(self.MIN_SCALE, min(self.max_scale, available / width)) if width > 0 else 1.0
        if hasattr(scene, "fit_width"):
            scene.fit_width(available / scale)
        self.resetTransform()
        self.scale(scale, scale)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()  # what changed while hidden (workshop mode's scale)

    def viewportEvent(self, event: QEvent) -> bool:
        # The viewport, not the view: a scroll bar coming or going resizes only the viewport.
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return handled


class SideSplitter(QSplitter):
    """The drawing beside a side panel: the panel is SIDE_W wide, narrower (NARROW_SIDE_W)
    while the splitter is too narrow for both (a laptop), so the drawing keeps the room to
    show the four steps. Once the user drags the handle, their choice stays."""

    SIDE_W, NARROW_SIDE_W, NARROW_BELOW = 320, 270, 1100

    def __init__(self, main: QWidget, side: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.addWidget(main)
        self.addWidget(side)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.setChildrenCollapsible(False)
        side.setMinimumWidth(self.NARROW_SIDE_W)
        self.setSizes([1100, self.SIDE_W])
        self.dragged = False
        self.splitterMoved.connect(self._dragged)

    def _dragged(self, _pos: int, _index: int) -> None:
        self.dragged = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width()
        if self.dragged or width <= 0:
            return
        side = self.SIDE_W if width >= self.NARROW_BELOW else self.NARROW_SIDE_W
        self.setSizes([max(0, width - side - self.handleWidth()), side])
