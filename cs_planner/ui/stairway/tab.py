"""The Stairway tab: the account's use cases climbing from remediation to disruption, as a
staircase (drag to reorder or move) or along the next eight quarters, with the selected
use case edited in a side panel, the CSA metrics of the roadmap, and progress against the
account's stairway template (chosen, or suggested from its persona)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.stairway.rows import Progress, UseCaseRow
from cs_planner.domain.stairway.rules import roadmap_metrics, step_summaries
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.common.account_tab import AccountTab
from cs_planner.ui.common.editors import ErrorLabel
from cs_planner.ui.common.labels import ElidedLabel
from cs_planner.ui.common.widgets import KpiTile
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.stairway.actions import StairwayActions
from cs_planner.ui.stairway.cards import CardContext
from cs_planner.ui.stairway.fit_view import FitWidthView, SideSplitter
from cs_planner.ui.stairway.scene import StaircaseScene
from cs_planner.ui.stairway.screen import (
    ALL_STARTED,
    NO_TEMPLATE_NEXT,
    StairwayScreen,
    esc,
    load_screen,
    next_text,
    template_lines,
)
from cs_planner.ui.stairway.template_checklist import TemplateChecklist
from cs_planner.ui.stairway.timeline import TimelineScene
from cs_planner.ui.stairway.use_case_panel import UseCasePanel

EMPTY_TEXT = AccountTab.empty_text


class StairwayTab(AccountTab):
    title = "Stairway"
    data: StairwayScreen | None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.selected_id: int | None = None
        self.stairway_actions = StairwayActions(ctx, self)

        self.staircase = StaircaseScene(self)
        self.timeline = TimelineScene(self)
        self.stair_view = FitWidthView(self.staircase)
        self.time_view = FitWidthView(self.timeline)
        self.modes = QStackedWidget()
        self.modes.addWidget(self.stair_view)
        self.modes.addWidget(self.time_view)
        self.panel = UseCasePanel(ctx)
        self.checklist = TemplateChecklist()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {theme.WARN};")
        self.error = ErrorLabel()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(self._toolbar())
        layout.addLayout(self._kpis())
        layout.addLayout(self._next_line())
        layout.addWidget(self.problems)
        layout.addWidget(SideSplitter(self.modes, self._side()), 1)
        layout.addWidget(self.error)
        self.set_page(page)
        self._shortcuts()

        self.staircase.selectedUseCase.connect(self._selected)
        self.timeline.selectedUseCase.connect(self._selected)
        self.staircase.moveRequested.connect(self.stairway_actions.move)
        self.timeline.rescheduleRequested.connect(self.stairway_actions.reschedule)
        self.panel.stepRequested.connect(lambda i, s: self.stairway_actions.move(i, s, 10_000))
        self.panel.deleteRequested.connect(self.stairway_actions.delete)
        self.checklist.addRequested.connect(self.stairway_actions.take_item)
        self.checklist.showRequested.connect(self.select)
        for view in (self.stair_view, self.time_view):  # right-click a card: its menu
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda point, view=view: self.stairway_actions.show_menu(view, point)
            )

    # --- building ----------------------------------------------------------------------

    def _side(self) -> QScrollArea:
        """The use case's panel, and the template's checklist while none is selected."""
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
        return scroll

    def _kpis(self) -> QHBoxLayout:
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
        return kpis

    def _next_line(self) -> QHBoxLayout:
        """The next recommended use case, with a button to show or add it."""
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.next_label.setTextFormat(Qt.TextFormat.RichText)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(lambda _c=False: self.stairway_actions.take_next())
        next_line = QHBoxLayout()
        next_line.addWidget(self.next_label, 1)
        next_line.addWidget(self.next_button)
        return next_line

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.add_button = self._button(
            "Add use case", self.stairway_actions.add, "Add a use case (Insert)"
        )
        self.delete_button = self._button(
            "Delete",
            self.stairway_actions.delete,
            "Delete the selected use case (Del); Ctrl+Z undoes it",
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
            self.stairway_actions.apply_template,
            "Add the use cases of a persona template that the roadmap lacks",
        )
        # A push button's size hint leaves room for its menu arrow; a tool button drew the
        # arrow over the end of its text.
        more = QPushButton("Templates")
        menu = QMenu(more)
        menu.addAction("Save roadmap as template…", self.stairway_actions.save_as_template)
        menu.addAction("Manage templates…", self.stairway_actions.manage_templates)
        menu.addSeparator()
        menu.addAction("CSA metrics across the portfolio…", self.stairway_actions.show_csa_metrics)
        more.setMenu(menu)
        self.template_menu = menu
        self.templates_button = more
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
        return bar

    def _shortcuts(self) -> None:
        for keys, slot, widgets in (
            ("Ins", self.stairway_actions.add, (self,)),
            ("Alt+1", lambda: self.set_mode(0), (self,)),
            ("Alt+2", lambda: self.set_mode(1), (self,)),
            # On the drawing only: in the side panel these keys edit text.
            ("Del", self.stairway_actions.delete, (self.stair_view, self.time_view)),
            ("Return", self.edit_selected, (self.stair_view, self.time_view)),
        ):
            for target in widgets:
                action = QAction(target)
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.triggered.connect(lambda _c=False, slot=slot: slot())
                target.addAction(action)

    def set_workshop(self, on: bool) -> None:
        """Workshop mode (ui/workshop): the drawing grows to the width of a projector."""
        for view in (self.stair_view, self.time_view):
            wanted = 3.0 if on else 1.0
            if view.max_scale != wanted:
                view.max_scale = wanted
                if view.isVisible():  # else when next shown
                    view.fit()

    @staticmethod
    def _button(text: str, slot: Callable[[], object], tip: str) -> QPushButton:
        widget = QPushButton(text)
        widget.setToolTip(tip)
        widget.clicked.connect(lambda _c=False: slot())
        return widget

    # --- loading -----------------------------------------------------------------------

    def set_account(self, account_id: int | None) -> None:
        if account_id != self.account_id:
            self.selected_id = None
        super().set_account(account_id)

    def load(self, session: Session, account_id: int, today: dt.date) -> StairwayScreen:
        return load_screen(session, account_id, today)

    def show_data(self, screen: StairwayScreen) -> None:
        data, c = screen.stairway, screen.choices
        if self.selected_id not in {r.id for r in data.rows}:
            self.selected_id = None
        progress = data.progress
        next_item = progress.next_item if progress else None
        context = CardContext(
            c.today, c.fy_start, c.currency, next_item.use_case_id if next_item else None
        )
        lines = template_lines(progress)
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
        m = roadmap_metrics(screen.stairway.rows)
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
        total = sum(r.annual_value for r in screen.stairway.rows)
        self.tiles["value"].show_value(
            fmt.compact_money(m.value_realized, currency),
            f"of {fmt.compact_money(total, currency)} on the roadmap, a year",
        )

    def _show_template(self, screen: StairwayScreen) -> None:
        data = screen.stairway
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
            self.next_label.setText(NO_TEMPLATE_NEXT)
            self.next_button.hide()
            return
        how = "Template" if data.template_chosen else "Suggested template"
        self.template_label.setText(f"{how}: <b>{esc(template.name, 80)}</b>")
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
            self.next_label.setText(ALL_STARTED)
            self.next_button.hide()
            return
        self.next_label.setText(next_text(progress))
        self.next_button.setText("Show it" if item.use_case_id else "Add to roadmap")
        self.next_button.setToolTip(
            "Select it on the stairway"
            if item.use_case_id
            else "Add it to the roadmap as an identified use case (Ctrl+Z undoes it)"
        )
        self.next_button.show()

    def row_of(self, use_case_id: int | None) -> UseCaseRow | None:
        if self.data is None or use_case_id is None:
            return None
        return next((r for r in self.data.stairway.rows if r.id == use_case_id), None)

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
        has_template = self.data is not None and self.data.stairway.template is not None
        self.checklist.setVisible(has_template and not selected)

    def _current_scene(self) -> QGraphicsScene:
        return self.staircase if self.modes.currentIndex() == 0 else self.timeline
