"""Account > Compare with snapshot…: pick one of the account's snapshots (the list, or the
slider that steps through them in time) and see what changed since, in words grouped by
area and on the relationship map (new people, people who left or moved, new reporting
lines, stance changes). In workshop mode the private changes (stance, buying roles,
influence) are left out, and the map is the customer's."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.relationships.queries import load_map
from cs_planner.domain.relationships.rows import MapData
from cs_planner.domain.workshop import snapshots
from cs_planner.domain.workshop.compare import Area, Change, compare, shared_only
from cs_planner.domain.workshop.state import SnapshotInfo
from cs_planner.ui.common.empty_state import empty_label
from cs_planner.ui.relationships.map_view import MapView
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.workshop.compare_map import MARKS, MarkedMapScene

MIN_PX = 14  # workshop mode: the map's smallest card text, in pixels


@dataclass(frozen=True)
class Compared:
    changes: list[Change]
    map: MapData


def compared_with(
    session: Session, account_id: int, snapshot_id: int, today: dt.date, workshop: bool
) -> Compared:
    """The changes from a snapshot to now (the shared ones only in workshop mode) and the
    map as it is now."""
    found = compare(
        snapshots.read_snapshot(session, snapshot_id), snapshots.capture(session, account_id)
    )
    return Compared(shared_only(found) if workshop else found, load_map(session, account_id, today))


def snapshot_label(info: SnapshotInfo) -> str:
    kind = " (workshop)" if info.kind.value == "workshop" else ""
    return f"{info.name}{kind}, {info.taken_at:%Y-%m-%d %H:%M}"


class CompareDialog(QDialog):
    def __init__(
        self, ctx: AppContext, account_id: int, account_name: str, workshop: bool, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.ctx, self.account_id, self.workshop = ctx, account_id, workshop
        self.setWindowTitle(f"Compare {account_name} with a snapshot")
        self.snapshots: list[SnapshotInfo] = ctx.read(
            lambda s: snapshots.snapshots_of(s, account_id)
        )
        self.changes: list[Change] = []

        self.picker = QComboBox()
        self.picker.addItems([snapshot_label(i) for i in self.snapshots])
        self.picker.setAccessibleName("Snapshot to compare with")
        picker_label = QLabel("&Snapshot:")
        picker_label.setBuddy(self.picker)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, max(len(self.snapshots) - 1, 0))
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setAccessibleName("Step through the snapshots in time")
        self.slider.setToolTip("Older to the left, newer to the right (arrow keys step)")
        slider_label = QLabel("&Time:")
        slider_label.setBuddy(self.slider)
        top = QHBoxLayout()
        for widget, stretch in ((picker_label, 0), (self.picker, 2), (slider_label, 0)):
            top.addWidget(widget, stretch)
        top.addWidget(self.slider, 3)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # Rich text rather than a tree: long sentences wrap at any type size.
        self.list = QTextBrowser()
        self.list.setOpenLinks(False)
        self.list.setAccessibleName("What changed since the snapshot")
        self.by_area: dict[str, list[str]] = {}
        self.scene = MarkedMapScene()
        self.map = MapView(self.scene)
        self.map.setAccessibleName("Relationship map now, with the changes marked")
        legend = QLabel(
            "  ".join(
                f'<span style="background:{colour}; color:white">&nbsp;{text}&nbsp;</span>'
                for kind, (text, colour) in MARKS.items()
                if not (workshop and kind.value == "stance")
            )
        )
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(legend)
        column.addWidget(self.map, 1)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([400, 600])  # in proportion: the map wider
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(top)
        inner.addWidget(self.summary)
        inner.addWidget(split, 1)

        self.empty = empty_label(
            f"No snapshot of {account_name} yet.\nAccount > Take snapshot… keeps how it "
            "stands today; come back here after the next review to see what changed."
        )
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(body)
        self.stack.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(buttons)

        self.picker.currentIndexChanged.connect(self.slider.setValue)
        self.slider.valueChanged.connect(self.picker.setCurrentIndex)
        self.slider.valueChanged.connect(self.show_snapshot)
        if self.snapshots:
            latest = len(self.snapshots) - 1
            self.slider.setValue(latest)
            self.show_snapshot(latest)
            self.picker.setFocus()
        else:
            self.stack.setCurrentWidget(self.empty)
        self.resize(_size(parent))

    def show_snapshot(self, index: int) -> None:
        if not 0 <= index < len(self.snapshots):
            return
        info = self.snapshots[index]
        compared = self.ctx.read(
            lambda s: compared_with(s, self.account_id, info.id, self.ctx.today(), self.workshop)
        )
        self.changes = compared.changes
        count = len(self.changes)
        self.summary.setText(
            f"{count} change{'s' if count != 1 else ''} since {info.name} "
            f"({info.taken_at:%Y-%m-%d})."
            if count
            else f"Nothing changed since {info.name}."
        )
        self.by_area = {
            f"{area.value} ({len(found)})": [c.text for c in found]
            for area in Area
            if (found := [c for c in self.changes if c.area is area])
        }
        self.list.setHtml(
            "".join(
                f"<p><b>{html.escape(area)}</b></p><ul>"
                + "".join(f"<li>{html.escape(text)}</li>" for text in texts)
                + "</ul>"
                for area, texts in self.by_area.items()
            )
        )
        self.scene.show(compared.map, self.changes, self.workshop)
        if self.workshop:  # never below readable from the back of the room
            self.map.read_from_afar(True, MIN_PX)
        cards = [self.scene.cards[i] for i in self.scene.marked if i in self.scene.cards]
        if cards:  # readable, around what changed
            rect = cards[0].sceneBoundingRect()
            for card in cards[1:]:
                rect = rect.united(card.sceneBoundingRect())
            self.map.show_around(rect)
        else:
            self.map.fit()

    def area_texts(self) -> dict[str, list[str]]:
        """What the list shows, area by area (for tests and the screenshots)."""
        return dict(self.by_area)


def _size(parent: QWidget) -> QSize:
    """Most of the screen: the list and the map side by side."""
    screen = parent.screen()
    if screen is None:
        return QSize(1100, 700)
    room = screen.availableGeometry()
    return QSize(int(room.width() * 0.85), int(room.height() * 0.85))
