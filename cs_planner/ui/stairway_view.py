"""The Stairway tab: the account's use cases climbing from remediation to disruption, as a
staircase (drag to reorder or move) or along the next eight quarters, with the selected
use case edited in a side panel, the CSA metrics of the roadmap, and progress against the
account's stairway template (chosen, or suggested from its persona)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.people import people
from cs_planner.domain.accounts.queries import (
    get_settings,
    list_divisions,
    list_geographies,
    stakeholder_choices,
)
from cs_planner.domain.accounts.rules import tree_order
from cs_planner.domain.enums import StairStep, TeamRole
from cs_planner.domain.stairway import (
    Progress,
    StairwayData,
    UseCaseRow,
    load_stairway,
    roadmap_metrics,
    step_summaries,
)
from cs_planner.domain.stairway_templates import library
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.common.labels import ElidedLabel
from cs_planner.ui.common.text_fit import LABEL_MAX, TEXT_MAX, rich
from cs_planner.ui.common.widgets import ErrorLabel, KpiTile
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.stairway_actions import StairwayActions
from cs_planner.ui.stairway_cards import CardContext
from cs_planner.ui.stairway_scene import StaircaseScene
from cs_planner.ui.stairway_timeline import TimelineScene
from cs_planner.ui.template_progress import MARKS, TemplateChecklist
from cs_planner.ui.use_case_panel import Choices, UseCasePanel

EMPTY_TEXT = "Select an account in the list"


@dataclass(frozen=True)
class StairwayScreen:
    """Everything the tab shows, read in one transaction."""

    data: StairwayData
    choices: Choices


def load_screen(session: Session, account_id: int, today: dt.date) -> StairwayScreen:
    settings = get_settings(session)
    data = load_stairway(session, account_id, library(session))
    choices = Choices(
        divisions=[
            (d.id, "  " * depth + d.name)
            for d, depth in tree_order(list_divisions(session, account_id))
        ],
        geographies=[(g.id, g.label) for g in list_geographies(session, account_id)],
        stakeholders=stakeholder_choices(session, account_id),
        csas=[p for p in people(session) if p.role == TeamRole.CSA],
        today=today,
        fy_start=settings.fiscal_year_start_month,
        currency=settings.currency,
    )
    return StairwayScreen(data, choices)


class FitWidthView(QGraphicsView):
    """Shrinks the drawing (down to MIN_SCALE) so all four steps fit side by side."""

    MIN_SCALE = 0.72

    def __init__(self, scene) -> None:
        super().__init__(scene)
        scene.sceneRectChanged.connect(lambda _r: self.fit())

    def fit(self) -> None:
        width = self.sceneRect().width()
        available = self.viewport().width() - 4
        scale = max(self.MIN_SCALE, min(1.0, available / width)) if width > 0 else 1.0
        self.resetTransform()
        self.scale(scale, scale)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()


class StairwayView(QWidget):
    title = "Stairway"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._account_id: int | None = None
        self.screen: StairwayScreen | None = None
        self.selected_id: int | None = None
        self.actions = StairwayActions(ctx, self)

        self.staircase = StaircaseScene(self)
        self.timeline = TimelineScene(self)
        self.stair_view = self._graphics(self.staircase)
        self.time_view = self._graphics(self.timeline)
        self.modes = QStackedWidget()
        self.modes.addWidget(self.stair_view)
        self.modes.addWidget(self.time_view)
        self.panel = UseCasePanel(ctx)
        self.checklist = TemplateChecklist()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.panel)
        side_layout.addWidget(self.checklist)
        side_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(side)
        scroll.setMinimumWidth(310)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.modes)
        body.addWidget(scroll)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 0)
        body.setChildrenCollapsible(False)
        body.setSizes([1100, 320])

        self.tiles = {
            "adopted": KpiTile("Adopted use cases", "Successes: adopted, not only live"),
            "users": KpiTile("Business users per use case", "Users reached per adopted use case"),
            "value": KpiTile("Value realised", "Annual value of the adopted use cases"),
            "template": KpiTile(
                "Progress against template",
                "Template use cases done (adopted), in progress and not started",
            ),
        }
        kpis = QHBoxLayout()
        for tile in self.tiles.values():
            kpis.addWidget(tile, 1)

        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setTextFormat(Qt.TextFormat.RichText)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(lambda _c=False: self.actions.take_next())
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {theme.WARN};")
        self.error = ErrorLabel()
        next_line = QHBoxLayout()
        next_line.addWidget(self.next_label, 1)
        next_line.addWidget(self.next_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(self._toolbar())
        layout.addLayout(kpis)
        layout.addLayout(next_line)
        layout.addWidget(self.problems)
        layout.addWidget(body, 1)
        layout.addWidget(self.error)

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyState")
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty)
        self._stack.addWidget(page)
        self._page = page
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

        self.staircase.selectedUseCase.connect(self._selected)
        self.timeline.selectedUseCase.connect(self._selected)
        self.staircase.moveRequested.connect(self.actions.move)
        self.timeline.rescheduleRequested.connect(self.actions.reschedule)
        self.panel.stepRequested.connect(lambda i, s: self.actions.move(i, s, 10_000))
        self.panel.deleteRequested.connect(self.actions.delete)
        self.checklist.addRequested.connect(self.actions.take_item)
        self.checklist.showRequested.connect(self.select)
        ctx.accountChanged.connect(self._on_account_changed)
        ctx.settingsChanged.connect(self.reload)
        ctx.teamChanged.connect(self.reload)

    # --- building ----------------------------------------------------------------------

    def _graphics(self, scene) -> QGraphicsView:
        view = FitWidthView(scene)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        view.setDragMode(QGraphicsView.DragMode.NoDrag)
        return view

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.add_button = self._button("Add use case", self.actions.add, "Add a use case (Insert)")
        self.delete_button = self._button(
            "Delete", self.actions.delete, "Delete the selected use case (Del); Ctrl+Z undoes it"
        )
        self.mode_group = QButtonGroup(self)
        self.stair_mode = self._button("Staircase", lambda: self.set_mode(0), "Steps (Alt+1)")
        self.time_mode = self._button(
            "Timeline", lambda: self.set_mode(1), "The next eight quarters (Alt+2)"
        )
        for n, mode in enumerate((self.stair_mode, self.time_mode)):
            mode.setCheckable(True)
            self.mode_group.addButton(mode, n)
        self.stair_mode.setChecked(True)
        self.apply_button = self._button(
            "Apply template…",
            self.actions.apply_template,
            "Add the use cases of a persona template that the roadmap lacks",
        )
        more = QToolButton()
        more.setText("Templates")
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        menu.addAction("Save roadmap as template…", self.actions.save_as_template)
        menu.addAction("Manage templates…", self.actions.manage_templates)
        menu.addSeparator()
        menu.addAction("CSA metrics across the portfolio…", self.actions.show_csa_metrics)
        more.setMenu(menu)
        self.template_menu = menu
        # A long template name shortens with "…" (full name in the tooltip): on one line it
        # pushed the window wider than a laptop's screen.
        self.template_label = ElidedLabel()
        self.template_label.setObjectName("muted")
        self.template_label.setWordWrap(True)  # a long template name wraps, never widens
        for widget in (self.add_button, self.delete_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self.stair_mode)
        bar.addWidget(self.time_mode)
        bar.addSpacing(16)
        bar.addWidget(self.template_label, 1)
        bar.addWidget(self.apply_button)
        bar.addWidget(more)
        for keys, slot, widgets in (
            ("Ins", self.actions.add, (self,)),
            ("Alt+1", lambda: self.set_mode(0), (self,)),
            ("Alt+2", lambda: self.set_mode(1), (self,)),
            # On the drawing only: in the side panel these keys edit text.
            ("Del", self.actions.delete, (self.stair_view, self.time_view)),
            ("Return", self.edit_selected, (self.stair_view, self.time_view)),
        ):
            for widget in widgets:
                action = QAction(widget)
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.triggered.connect(lambda _c=False, slot=slot: slot())
                widget.addAction(action)
        return bar

    @staticmethod
    def _button(text: str, slot, tip: str) -> QPushButton:
        widget = QPushButton(text)
        widget.setToolTip(tip)
        widget.clicked.connect(lambda _c=False: slot())
        return widget

    # --- loading -----------------------------------------------------------------------

    @property
    def account_id(self) -> int | None:
        return self._account_id

    def set_account(self, account_id: int | None) -> None:
        if account_id != self._account_id:
            self.selected_id = None
        self._account_id = account_id
        self.reload()

    def reload(self) -> None:
        screen = self._ctx.read_account(self._account_id, load_screen)
        if screen is None:
            self._account_id = None
            self._show_empty()
            return
        self.screen = screen
        self._show(screen)
        self._stack.setCurrentWidget(self._page)

    def _show_empty(self) -> None:
        self.screen = None
        self._stack.setCurrentWidget(self.empty)

    def _show(self, screen: StairwayScreen) -> None:
        data, c = screen.data, screen.choices
        if self.selected_id not in {r.id for r in data.rows}:
            self.selected_id = None
        progress = data.progress
        next_item = progress.next_item if progress else None
        context = CardContext(
            c.today, c.fy_start, c.currency, next_item.use_case_id if next_item else None
        )
        lines: dict[StairStep, tuple[str, str]] = {}
        if progress is not None:
            for step in StairStep:
                items = [i for i in progress.items if i.case.step == step]
                if items:
                    done = sum(1 for i in items if i.state == Progress.DONE)
                    which = "<br>".join(f"{MARKS[i.state][0]} {_esc(i.case.title)}" for i in items)
                    lines[step] = (f"template {done}/{len(items)}", f"Template:<br>{which}")
        summaries = step_summaries(data.rows)
        self.staircase.show_rows(data.rows, summaries, context, lines, self.selected_id)
        self.timeline.show_rows(data.rows, context, self.selected_id)
        self.panel.set_choices((data.account_id, data.account_name), c)
        self.panel.show_row(self.row_of(self.selected_id))
        self._show_metrics(screen)
        self._show_template(screen)
        self.checklist.show_progress(data.template, progress, data.template_chosen)
        self._selection_shown()

    def _show_metrics(self, screen: StairwayScreen) -> None:
        m = roadmap_metrics(screen.data.rows)
        currency = screen.choices.currency
        self.tiles["adopted"].show_value(
            f"{m.adopted} of {m.use_cases}",
            f"{m.live} live, not yet adopted",
            theme.GOOD if m.adopted else None,
        )
        per = m.users_per_use_case
        self.tiles["users"].show_value(
            fmt.count(round(per)) if per is not None else "—",
            f"{fmt.count(m.users_reached)} users on adopted use cases",
        )
        total = sum(r.annual_value for r in screen.data.rows)
        self.tiles["value"].show_value(
            fmt.compact_money(m.value_realized, currency),
            f"of {fmt.compact_money(total, currency)} on the roadmap, a year",
        )

    def _show_template(self, screen: StairwayScreen) -> None:
        data = screen.data
        template = data.template
        problems = data.library.problems
        self.problems.setVisible(bool(problems))
        if problems:
            self.problems.setText(
                "Some template files could not be loaded (the others are available): "
                + "; ".join(str(p) for p in problems)
            )
        progress = data.progress
        tile = self.tiles["template"]
        if template is None or progress is None:
            industry, size, _geo = data.persona
            persona = " · ".join(p for p in (industry, size) if p) or "no industry or size set"
            self.template_label.setText(f"No template for this persona ({persona})")
            tile.show_value("—", "Apply a template to measure progress")
            self.next_label.setText(
                "<span style='color:gray'>Choose a template with <b>Apply template…</b> to "
                "get a recommended next use case.</span>"
            )
            self.next_button.hide()
            return
        how = "Template" if data.template_chosen else "Suggested template"
        self.template_label.setText(f"{how}: <b>{_esc(template.name, 80)}</b>")
        self.template_label.setTextFormat(Qt.TextFormat.RichText)
        self.template_label.setToolTip(
            "Chosen for this account"
            if data.template_chosen
            else "Suggested from the account's industry and size; apply it to make it the account's"
        )
        done, doing = progress.count(Progress.DONE), progress.count(Progress.IN_PROGRESS)
        todo = progress.count(Progress.NOT_STARTED)
        tile.show_value(
            f"{done} of {len(progress.items)} done",
            f"{doing} in progress, {todo} not started",
            theme.GOOD if done == len(progress.items) else None,
        )
        item = progress.next_item
        if item is None:
            self.next_label.setText(
                "Every template use case is started or done: time to add the account's own "
                "ideas higher up the stairway."
            )
            self.next_button.hide()
            return
        case = item.case
        where = "on the roadmap as an idea" if item.use_case_id else "not on the roadmap yet"
        self.next_label.setText(
            f"<b>Next recommended:</b> {_esc(case.title)} "
            f"<span style='color:gray'>({case.step.label}, {where})</span>"
            + (f" — {_esc(case.problem, TEXT_MAX)}" if case.problem else "")
        )
        self.next_button.setText("Show it" if item.use_case_id else "Add to roadmap")
        self.next_button.setToolTip(
            "Select it on the stairway"
            if item.use_case_id
            else "Add it to the roadmap as an identified use case (Ctrl+Z undoes it)"
        )
        self.next_button.show()

    def row_of(self, use_case_id: int | None) -> UseCaseRow | None:
        if self.screen is None or use_case_id is None:
            return None
        return next((r for r in self.screen.data.rows if r.id == use_case_id), None)

    # --- interaction -------------------------------------------------------------------

    def set_mode(self, mode: int) -> None:
        self.modes.setCurrentIndex(mode)
        (self.stair_mode if mode == 0 else self.time_mode).setChecked(True)
        self.select(self.selected_id)

    def select(self, use_case_id: int | None) -> None:
        self.selected_id = use_case_id
        scene = self.staircase if self.modes.currentIndex() == 0 else self.timeline
        scene.select_id(use_case_id)
        self.panel.show_row(self.row_of(use_case_id))
        self._selection_shown()

    def _selected(self, use_case_id: int | None) -> None:
        if use_case_id is None and self.sender() is not self._current_scene():
            return
        self.selected_id = use_case_id
        self.panel.show_row(self.row_of(use_case_id))
        self._selection_shown()

    def edit_selected(self) -> None:
        """Enter on a card: edit it in the side panel."""
        if self.selected_id is not None:
            self.panel.editors["title"].setFocus()
            self.panel.editors["title"].selectAll()

    def _selection_shown(self) -> None:
        """The panel edits the selected use case; with none, the template checklist."""
        selected = self.selected_id is not None
        self.delete_button.setEnabled(selected)
        has_template = self.screen is not None and self.screen.data.template is not None
        self.checklist.setVisible(has_template and not selected)

    def _current_scene(self):
        return self.staircase if self.modes.currentIndex() == 0 else self.timeline

    def _on_account_changed(self, account_id: int) -> None:
        if account_id == self._account_id:
            self.reload()


def _esc(text: str, limit: int = LABEL_MAX) -> str:
    """User text in rich text: escaped, cut and breakable (``text_fit``)."""
    return rich(text, limit)
