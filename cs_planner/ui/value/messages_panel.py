"""The Messages section: a value statement for each audience, drafted from the account's live
and adopted use cases and its metric gains. Editing and saving (Ctrl+S in the text) stores
the CSM's words; "Reset to draft" forgets them. Both are undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.enums import Audience
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.value.messages import MessageRow, SaveMessage
from cs_planner.ui.common.editors import ErrorLabel, NotesEdit
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform
from cs_planner.ui.value.data import ValueData

WHO = {
    Audience.DEPARTMENT_HEAD: "Outcomes and their value, division by division",
    Audience.END_USER: "How the daily work got easier, and who uses it",
    Audience.TECHNICAL_BUYER: "Adoption, reach and what the product's own data shows",
}


class MessageCard(QFrame):
    def __init__(self, ctx: AppContext, audience: Audience) -> None:
        super().__init__()
        self.ctx, self.audience = ctx, audience
        self.account_id: int | None = None
        self.row: MessageRow | None = None
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(audience.label)
        title.setObjectName("sectionTitle")
        self.state = QLabel()
        self.state.setObjectName("muted")
        who = QLabel(WHO[audience])
        who.setObjectName("muted")
        who.setWordWrap(True)
        self.text = NotesEdit()
        self.text.setToolTip("Edit the statement, then Save (Ctrl+S)")
        self.text.setMinimumHeight(6 * self.text.fontMetrics().height())
        self.text.textChanged.connect(self._update_buttons)
        # Only while the text has focus: three cards, each its own Ctrl+S.
        save = QShortcut(QKeySequence.StandardKey.Save, self.text, self.save)
        save.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Keep this text instead of the draft (Ctrl+S); Ctrl+Z undoes")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton("Reset to draft")
        self.reset_button.setToolTip(
            "Forget the edited text and show the draft from use cases and metrics again"
        )
        self.reset_button.clicked.connect(self.reset)
        self.error = ErrorLabel()
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.state)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.addLayout(head)
        layout.addWidget(who)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def show_row(self, account_id: int, row: MessageRow) -> None:
        self.account_id, self.row = account_id, row
        self.text.set_value(row.text)
        self.state.setText("Draft" if row.saved is None else "Edited")
        self.state.setToolTip(
            "Derived from the live and adopted use cases and the metric gains; it follows them"
            if row.saved is None
            else "Your words, saved: they no longer follow the use cases and metrics"
        )
        self.error.clear_message()
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.row
        changed = row is not None and self.text.value() != row.text.strip()
        self.save_button.setEnabled(changed)
        self.reset_button.setEnabled(row is not None and (row.saved is not None or changed))

    def save(self) -> None:
        if self.account_id is None or not self.save_button.isEnabled():
            return
        self._perform(self.text.value())

    def reset(self) -> None:
        if self.account_id is None or self.row is None:
            return
        if self.row.saved is None:  # only typed, never saved: back to the draft as shown
            self.show_row(self.account_id, self.row)
            return
        self._perform(None)

    def _perform(self, text: str | None) -> None:
        assert self.account_id is not None
        try:
            perform(self.ctx, SaveMessage(self.account_id, self.audience, text))
        except ValidationError as exc:
            self.error.show_message(exc.message)


class MessagesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = {a: MessageCard(ctx, a) for a in Audience}
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, n)
            grid.setColumnStretch(n, 1)
        hint = QLabel(
            "Drafted from the live and adopted use cases (division, users reached of users "
            "targeted, annual value) and the metric gains (baseline → latest). Edit and "
            "save to keep your own words."
        )
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)

    def show_data(self, data: ValueData) -> None:
        for row in data.messages:
            self.cards[row.audience].show_row(data.account_id, row)
