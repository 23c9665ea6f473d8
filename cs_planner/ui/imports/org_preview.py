"""The org chart of one account as the import will leave it, drawn by the relationship
map's own scene and layout: the account's people now, with the new people, changes and
reporting lines laid over them. New and changed people are selected, so they stand out."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cs_planner.domain.enums import Tier
from cs_planner.domain.imports.planned_map import ChartAccount, chart_accounts, planned_people
from cs_planner.domain.imports.preview import Preview
from cs_planner.domain.relationships.queries import list_stakeholders
from cs_planner.domain.relationships.rows import MapData
from cs_planner.ui.common.empty_state import EmptyState
from cs_planner.ui.relationships.cards import CARD_FLAGS
from cs_planner.ui.relationships.map_view import MapView
from cs_planner.ui.relationships.scene import MapScene
from cs_planner.ui.shell.context import AppContext

MAX_DRAWN = 2000  # people: a larger chart takes seconds to build, and is read on its tab
NOBODY = "No one to draw: the import brings in no people (or all of them are skipped)."


class OrgPreview(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview: Preview | None = None
        self.accounts: list[ChartAccount] = []
        self.account = QComboBox()
        self.account.setToolTip("The account whose org chart is drawn")
        self.account.setMinimumContentsLength(28)
        self.account.currentIndexChanged.connect(self.draw)
        label = QLabel("&Account:")
        label.setBuddy(self.account)
        self.counts = QLabel("")
        self.counts.setObjectName("emptyHint")
        self.scene = MapScene(self)
        self.view = MapView(self.scene)
        self.view.setToolTip("Ctrl+wheel or + and - to zoom, 0 to fit, drag to pan")
        self.body = EmptyState(self.view, NOBODY)
        self.stale = False
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.account)
        top.addWidget(self.counts, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)

    def show_preview(self, preview: Preview) -> None:
        """The accounts with people in the import (most people first); keeps the one shown."""
        shown = self.current()
        self.preview = preview
        self.accounts = chart_accounts(preview)
        self.account.blockSignals(True)
        self.account.clear()
        for account in self.accounts:
            self.account.addItem(f"{account.name} ({account.people:,} people)")
        keys = [a.key for a in self.accounts]
        self.account.setCurrentIndex(keys.index(shown.key) if shown and shown.key in keys else 0)
        self.account.blockSignals(False)
        self.stale = True
        if self.isVisible():
            self.draw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:  # drawn when first looked at, not after every fix in the table
            self.draw()

    def current(self) -> ChartAccount | None:
        at = self.account.currentIndex()
        return self.accounts[at] if 0 <= at < len(self.accounts) else None

    def draw(self) -> None:
        account, preview = self.current(), self.preview
        self.body.message.setText(NOBODY)
        self.body.set_empty(account is None or preview is None)
        if account is None or preview is None:
            self.scene.clear()
            self.counts.setText("")
            return
        now = []
        if (account_id := account.account_id) is not None:
            now = self.ctx.read(lambda s: list_stakeholders(s, account_id))
        people, touched = planned_people(preview, account, now)
        self.stale = False
        if len(people) > MAX_DRAWN:
            self.scene.clear()
            self.body.message.setText(
                f"{account.name} will have {len(people):,} people: too many to draw here. "
                "The Relationships tab shows them after the import."
            )
            self.body.set_empty(True)
            self.counts.setText("")
            return
        data = MapData(
            account_id=account_id or 0,
            account_name=account.name,
            tier=Tier.LEVERAGED,
            stakeholders=people,
            links=[],
            stale_days=10_000,  # nobody is stale in a preview
            monthly_goal=0,
            today=self.ctx.today(),
        )
        self.scene.build(data, presentation=False)
        # Highlighting everyone (a new account) would say nothing.
        highlight = touched if len(touched) < len(people) else set()
        for person_id, card in self.scene.cards.items():
            # A picture of the result: no dragging cards onto managers here.
            card.setFlags(CARD_FLAGS & ~card.GraphicsItemFlag.ItemIsMovable)
            card.setSelected(person_id in highlight)
        self.counts.setText(
            f"{len(people):,} people after the import, all of them new."
            if not highlight
            else f"{len(people):,} people after the import; the {len(touched):,} it adds or "
            "changes are highlighted."
        )
        # The first look: the top of the first chart, where its head is.
        roots = [p.id for p in people if p.reports_to_id is None]
        top = self.scene.cards.get(roots[0]) if roots else None
        self.view.overview(top.centre() if top is not None else None)
