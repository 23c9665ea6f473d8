"""The account's fields as editors (committed one at a time through undo commands) and the
KPI strip above them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.accounts.edits import SetAccountField
from cs_planner.domain.accounts.rows import AccountCard, Person
from cs_planner.domain.accounts.rules import choices
from cs_planner.domain.enums import (
    TeamRole,
    Tier,
)
from cs_planner.domain.errors import ValidationError
from cs_planner.ui.accounts.account_fields import (
    COLUMNS,
    GROUPS,
    MONEY_FIELDS,
    SPECS,
    TIPS,
    AccountChoiceBox,
)
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.editors import (
    ErrorLabel,
)
from cs_planner.ui.common.save_errors import SAVE_ERRORS, save_failure, say
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform


class AccountForm(QWidget):
    """Every editable account field, in four groups over two columns (or one). A field commits when
    its editing finishes; a ValidationError shows under the field and keeps the text. A save
    that fails for another reason (the file locked by another program, a full disk) shows
    under the field too, with a Retry link; the field stays unsaved (Enter retries too)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._card: AccountCard | None = None
        self._names: dict[int, str] = {}
        self._accounts: dict[int, str] = {}
        self._account_list: list[tuple[int, str]] | None = None
        # Per people list (the Overview keeps one per data version): the drop-downs' items
        # and the items each drop-down shows now, so a switch rebuilds neither.
        self._team: list[Person] | None = None
        self._offered: dict[TeamRole, tuple[list[tuple[str, int | None]], set[int]]] = {}
        self._shown_items: dict[str, list[tuple[str, Any]]] = {}
        self.editors: dict[str, Any] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._units: list[QLabel] = []
        self._boxes = [self._group(title) for groups in COLUMNS for title in groups]
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.columns = 0
        self.set_columns(len(COLUMNS))

    def set_columns(self, count: int) -> None:
        """Lay the groups out over ``count`` columns (1 or 2): one column leaves a narrow
        window's width to the lists beside the form."""
        count = max(1, min(count, len(COLUMNS)))
        if count == self.columns:
            return
        self.columns = count
        for box in self._boxes:
            self._grid.removeWidget(box)
        per_column = -(-len(self._boxes) // count)
        for number, box in enumerate(self._boxes):
            self._grid.addWidget(box, number % per_column, number // per_column)
        for row in range(len(self._boxes) + 1):
            self._grid.setRowStretch(row, 1 if row == per_column else 0)
        for column in range(len(COLUMNS)):
            self._grid.setColumnStretch(column, 1 if column < count else 0)
        self.updateGeometry()

    def _group(self, title: str) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in GROUPS[title]:
            editor = spec.make()
            tip = TIPS.get(spec.name, "")
            editor.setToolTip(tip)
            editor.committed.connect(lambda name=spec.name: self.commit(name))
            self.editors[spec.name] = editor
            self.errors[spec.name] = error = ErrorLabel()
            error.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            error.linkActivated.connect(lambda _link, name=spec.name: self.retry(name))
            cell = QWidget()
            rows = QVBoxLayout(cell)
            rows.setContentsMargins(0, 0, 0, 0)
            rows.setSpacing(2)
            if spec.name in MONEY_FIELDS:  # the currency beside the amount
                line = QHBoxLayout()
                line.addWidget(editor, 1)
                unit = QLabel()
                self._units.append(unit)
                line.addWidget(unit)
                rows.addLayout(line)
            else:
                rows.addWidget(editor)
            rows.addWidget(self.errors[spec.name])
            label = QLabel(spec.label)
            label.setToolTip(tip)
            label.setBuddy(editor)
            form.addRow(label, cell)
        return box

    # --- showing ---------------------------------------------------------------------

    def show_card(
        self,
        card: AccountCard,
        currency: str,
        team: list[Person],
        accounts: list[tuple[int, str]] | None = None,
    ) -> None:
        """Show an account; editors still holding a rejected value or an uncommitted edit
        keep it (unless this is another account). ``accounts``: every account (id, name),
        the parent account's choices (none by default)."""
        switched = self._card is None or self._card.id != card.id
        self._card = card
        if team is not self._team:
            self._team = team
            self._names = {p.id: p.name for p in team}
            self._offered = {}
        for unit in self._units:
            unit.setText(currency)
        self._show_parents(card, accounts)
        self._set_items(
            "tier_override",
            [(f"Suggested ({card.suggested_tier.label})", None), *[(m.label, m) for m in Tier]],
        )
        # Active people of the role, and whoever holds the field now (marked if retired).
        self._set_items("csm_id", self._people_items(TeamRole.CSM, card.csm_id))
        self._set_items(
            "executive_sponsor_id",
            self._people_items(TeamRole.EXECUTIVE_SPONSOR, card.executive_sponsor_id),
        )
        for name, editor in self.editors.items():
            if switched:
                self.errors[name].clear_message()
            elif self.errors[name].has_message() or _dirty(editor):
                continue
            editor.set_value(getattr(card, name))
            _clean(editor)

    def _show_parents(self, card: AccountCard, accounts: list[tuple[int, str]] | None) -> None:
        """"(none)" and the current parent; every other account once the field is used."""
        if accounts is None:
            accounts = [(card.parent_id, card.parent)] if card.parent_id else []
        if accounts is not self._account_list:
            self._account_list, self._accounts = accounts, dict(accounts)
        current = [(card.parent, card.parent_id)] if card.parent_id else []
        box = cast(AccountChoiceBox, self.editors["parent_id"])
        box.offer(
            [("(none)", None), *current],
            lambda: [("(none)", None), *((n, i) for i, n in accounts if i != card.id)],
        )

    def _people_items(self, role: TeamRole, current: int | None) -> list[tuple[str, int | None]]:
        """``choices`` of the people list: worked out once per list, and again only for an
        account whose choice it leaves out (retired, or of another role)."""
        team = self._team or []
        offered = self._offered.get(role)
        if offered is None:
            items = choices(team, {role})
            offered = self._offered[role] = (items, {i for _label, i in items if i is not None})
        items, ids = offered
        return items if current is None or current in ids else choices(team, {role}, current)

    def _set_items(self, name: str, items: list[tuple[str, Any]]) -> None:
        if self._shown_items.get(name) != items:  # the same items: the drop-down is as it is
            self.editors[name].set_items(items)
            self._shown_items[name] = items

    # --- committing -------------------------------------------------------------------

    def commit(self, name: str) -> bool:
        """Save one field if its value changed; returns False when the value was rejected."""
        if self._card is None:
            return True
        editor, error = self.editors[name], self.errors[name]
        old = getattr(self._card, name)
        try:
            new = editor.value()
            if new == old:
                error.clear_message()
                _clean(editor)
                return True
            error.clear_message()  # before perform: the reload it triggers skips errors
            _clean(editor)
            show = self._display(name) or _shown
            text = f"Change {SPECS[name].undo} of {self._card.name} from {show(old)} to {show(new)}"
            perform(self._ctx, SetAccountField(self._card.id, name, new, text))
        except ValidationError as exc:
            say(error, exc.message)
            return False
        except SAVE_ERRORS as exc:
            # Rolled back, nothing pushed: the value stays in the editor, unsaved, to retry.
            _mark_dirty(editor)
            say(error, save_failure(exc), retry=True, detail=str(exc))
            return False
        return True

    def retry(self, name: str) -> bool:
        """Save a field again after a failed save (the Retry link beside its message)."""
        return self.commit(name)

    def _display(self, name: str) -> Callable[[Any], str] | None:
        """How the undo text shows a value (None: ``_shown``)."""
        if name in ("csm_id", "executive_sponsor_id"):
            return lambda v: self._names.get(v, "nobody") if v is not None else "nobody"
        if name == "parent_id":
            return lambda v: self._accounts.get(v, "none") if v is not None else "none"
        if name == "tier_override":
            return lambda v: v.label if v else "suggested"
        if name in MONEY_FIELDS:  # SQLite hands back a whole amount as an int
            return fmt.amount
        if name in ("licensed_seats", "active_users", "employees"):
            return lambda v: fmt.count(v) or "(empty)"
        return None


def _dirty(editor: Any) -> bool:
    """Edited by the user but not committed yet (only text editors can be)."""
    return bool(getattr(editor, "is_dirty", lambda: False)())


def _clean(editor: Any) -> None:
    getattr(editor, "mark_clean", lambda: None)()


def _mark_dirty(editor: Any) -> None:
    getattr(editor, "mark_dirty", lambda: None)()


def _shown(value: Any) -> str:
    """A value in an undo text: amounts grouped, enums by label, long text cut."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt.amount(value)
    if value is None or value == "":
        return "(empty)"
    if hasattr(value, "label"):
        return str(value.label)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and len(value) > 40:
        return value[:37] + "..."
    return str(value)
