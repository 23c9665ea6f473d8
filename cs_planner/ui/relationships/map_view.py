"""The view around the map scene: zoom, pan, fit and find; the legend; PNG and SVG export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontInfo,
    QImage,
    QKeyEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFileDialog, QGraphicsView, QLabel, QWidget

from cs_planner import palette
from cs_planner.domain.enums import Stance
from cs_planner.domain.workshop.privacy import is_private
from cs_planner.ui.relationships.card_afar import AfarFonts
from cs_planner.ui.relationships.cards import INFLUENCE_COLOUR, REPORTS_COLOUR, STALE_COLOUR
from cs_planner.ui.relationships.scene import MapScene
from cs_planner.ui.shell.private_output import prepare_private, save_png

MIN_ZOOM, MAX_ZOOM = 0.08, 3.0
READABLE_ZOOM = 0.6  # card names stay legible down to about this scale


class MapView(QGraphicsView):
    """Drag the background to pan, Ctrl+wheel (or + and -) to zoom, 0 to fit."""

    escapePressed = Signal()
    resized = Signal()

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setToolTip("")
        self.zoom_floor = 0.0  # workshop mode: never so small that card text is unreadable

    def read_from_afar(self, on: bool, min_px: float) -> None:
        """Workshop mode: the map never zooms out below the scale at which the room's
        cards' (card_afar) smallest text is ``min_px`` pixels high (pan to see the rest)."""
        fonts = AfarFonts.of(self.viewport().font())
        smallest = min(QFontInfo(f).pixelSize() for f in (fonts.name, fonts.title))
        self.zoom_floor = min(min_px / max(smallest, 1), MAX_ZOOM) if on else 0.0
        self.overview()

    def afar_screen(self) -> tuple[float, float] | None:
        """In workshop mode, the viewport in scene units at the zoom floor, less the
        margins ``fit`` keeps (what the chart is laid out to fit); else None."""
        if not self.zoom_floor:
            return None
        size = self.viewport().size()
        # In steps of 20 units: a resize by a few pixels does not lay the chart out again.
        w, h = (max(20 * ((v / self.zoom_floor - 60) // 20), 200.0) for v in size.toTuple())
        return (w, h)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        wanted = min(max(self.zoom() * factor, MIN_ZOOM), MAX_ZOOM)
        factor = wanted / self.zoom()
        self.scale(factor, factor)

    def fit(self) -> None:
        """The whole map in the window, never magnified beyond its natural size."""
        rect = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() < self.zoom_floor:
            self.resetTransform()
            self.scale(self.zoom_floor, self.zoom_floor)
            visible = self.mapToScene(self.viewport().rect()).boundingRect()
            self.centerOn(rect.center().x(), rect.top() + visible.height() / 2)
        elif self.zoom() > 1.0:
            self.resetTransform()
            self.centerOn(rect.center())
        elif self.zoom() < MIN_ZOOM:
            self.zoom_by(1.0)

    def overview(self, anchor: QPointF | None = None) -> None:
        """The first look at a map: all of it if the names stay readable, else readable
        cards from the top of the chart around ``anchor`` (Fit shows everything)."""
        self.fit()
        if self.zoom() >= READABLE_ZOOM or self.zoom_floor:
            return
        rect = self.scene().itemsBoundingRect()
        self.resetTransform()
        self.scale(READABLE_ZOOM, READABLE_ZOOM)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        x = anchor.x() if anchor is not None else rect.center().x()
        self.centerOn(x, rect.top() - 20 + visible.height() / 2)

    def show_around(self, rect: QRectF) -> None:
        """All of the map if its names stay readable, else readable cards centred on
        ``rect`` (in the compare view: what changed)."""
        self.fit()
        if self.zoom() < READABLE_ZOOM:
            self.resetTransform()
            self.scale(READABLE_ZOOM, READABLE_ZOOM)
        if not self.mapToScene(self.viewport().rect()).boundingRect().contains(rect):
            self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.2)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / 1.2)
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
        else:
            super().keyPressEvent(event)


def _chip(colour: str, text: str, *, line: str | None = None) -> str:
    if line is None:
        swatch = (
            f"<span style='background:{palette.tint(colour, 0.55)};"
            f"color:{colour}'>&nbsp;▌&nbsp;</span>"
        )
    else:
        swatch = f"<span style='color:{colour};font-weight:bold'>{line}</span>"
    # nowrap: a narrow window wraps between entries, never inside one
    return f"<span style='white-space:nowrap'>{swatch}&nbsp;{text}</span>"


class Legend(QLabel):
    """What the colours, lines and flags mean (stance and flags hidden when presenting).
    One wrapping label, so a narrow window shows it on two lines instead of clipping it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapLegend")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setContentsMargins(4, 2, 4, 2)
        self.setToolTip("Card colour: the person's stance toward us")
        self.set_presentation(False)

    def set_presentation(self, on: bool) -> None:
        parts = [_chip(REPORTS_COLOUR, "reports to", line="──")]
        if not (on and is_private("influence_link", "source_id")):
            parts.append(_chip(INFLUENCE_COLOUR, "influences", line="╌╌▸"))
        if not on:
            stances = [_chip(palette.STANCE[s], s.label) for s in Stance]
            flags = [
                _chip(STALE_COLOUR, "days without contact (stale)", line="●"),
                _chip("#616161", "left / moved", line="●"),
                "border&nbsp;and&nbsp;dots:&nbsp;influence",
            ]
            parts = stances + parts + flags
        self.setText(" &nbsp;&nbsp; ".join(parts))


def _scene_rect(scene: MapScene) -> QRectF:
    return scene.itemsBoundingRect().adjusted(-24, -24, 24, 24)


def export_png(scene: MapScene, path: str | Path, scale: float = 2.0) -> bool:
    """The whole map (not just what is on screen) as a PNG at ``scale``x resolution."""
    rect = _scene_rect(scene)
    size = QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    selected = scene.selectedItems()
    scene.clearSelection()  # a selection outline does not belong in a picture
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect)
    painter.end()
    for item in selected:
        item.setSelected(True)
    return save_png(image, path)


def export_svg(scene: MapScene, path: str | Path, title: str = "Relationship map") -> bool:
    """The whole map as an SVG drawing (vector: sharp at any size, editable)."""
    from PySide6.QtSvg import QSvgGenerator

    rect = _scene_rect(scene)
    prepare_private(path)  # the generator rewrites the file and keeps its 0600
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(rect.width()), round(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(title)
    painter = QPainter()
    if not painter.begin(generator):
        return False
    selected = scene.selectedItems()
    scene.clearSelection()
    painter.setPen(QPen(Qt.PenStyle.NoPen))
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    for item in selected:
        item.setSelected(True)
    return Path(path).exists()


def export_map(scene: MapScene, path: str | Path, account_name: str) -> bool:
    """Write the map as PNG or SVG by the file's extension."""
    target = Path(path)
    if target.suffix.lower() == ".svg":
        return export_svg(scene, target, f"Relationship map - {account_name}")
    return export_png(scene, target)


def export_dialog(parent: QWidget, scene: MapScene, account_name: str, kind: str) -> str | None:
    """Ask where, then write the map; None when written or cancelled, else the message."""
    name = f"Relationship map - {account_name}.{kind}"
    path, _ = QFileDialog.getSaveFileName(
        parent, f"Export map as {kind.upper()}", name, f"{kind.upper()} (*.{kind})"
    )
    if not path:
        return None
    if not path.lower().endswith(f".{kind}"):
        path += f".{kind}"
    return None if export_map(scene, path, account_name) else f"Cannot write {path}."
