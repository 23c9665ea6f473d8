"""Small dialogs: the portfolio settings (a new account's is in ``ui.account_new``). Each
has ``ask(...) -> value | None`` so tests patch ``ask`` instead of driving a modal dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cs_planner.domain.enums import PaperSize
from cs_planner.domain.errors import ValidationError

if TYPE_CHECKING:  # the rows' dataclasses cost ~10 ms to make: not before the first paint
    from cs_planner.domain.accounts.rows import SettingsData
    from cs_planner.ui.shell.context import AppContext

W = TypeVar("W", bound=QWidget)  # the editor a form row holds


def _month_name() -> list[str]:
    """calendar.month_name ("" then January..December), calendar (and locale) imported
    when a month is shown: the window's first paint does without them."""
    import calendar

    return list(calendar.month_name)


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


class FormDialog(QDialog):
    """A form whose OK runs ``validate``; a ValidationError is shown under its field and
    the dialog stays open."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)  # room for names and the error lines under the fields

    def add_row(self, field: str, label: str, widget: W, tip: str = "") -> W:
        if tip:
            widget.setToolTip(tip)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        self.errors[field] = error_label()
        column.addWidget(self.errors[field])
        self.form.addRow(label, box)
        return widget

    def values(self) -> Any:
        raise TypeError("subclasses return their values")

    def validate(self, values: Any) -> None:
        """Raise ValidationError for bad values."""

    def _accept(self) -> None:
        for label in self.errors.values():
            label.hide()
        try:
            self.validate(self.values())
        except ValidationError as exc:
            label = self.errors.get(exc.field or "") or next(iter(self.errors.values()))
            label.setText(exc.message)
            label.show()
            return
        self.accept()


def _money_box(maximum: float = 1e12) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, maximum)
    box.setDecimals(0)
    box.setGroupSeparatorShown(True)
    box.setSingleStep(1000)
    return box


class SettingsDialog(FormDialog):
    def __init__(self, current: SettingsData, parent: QWidget | None = None) -> None:
        super().__init__("Portfolio settings", parent)
        self.owner = self.add_row("owner_name", "Owner", QLineEdit(current.owner_name))
        self.currency = self.add_row(
            "currency", "Currency", QLineEdit(current.currency), "ISO code: USD, EUR, GBP..."
        )
        self.fy = self.add_row(
            "fiscal_year_start_month",
            "Fiscal year starts in month",
            MonthBox(current.fiscal_year_start_month),
            "1 = January. Quarters in plans are counted from this month.",
        )
        self.rate = self.add_row(
            "default_csa_rate",
            "Default CSA rate (per hour)",
            _money_box(10_000),
            "Used for a CSA without a bill rate of their own (market rate: about 250 to 300)",
        )
        self.rate.setValue(current.default_csa_rate)
        self.chargeability = self.add_row(
            "chargeability_target",
            "Chargeability target",
            _int_box(0, 100, round(current.chargeability_target * 100), " %"),
            "Share of a CSA's time spent on customer-funded work (typically 70%)",
        )
        self.presales = self.add_row(
            "presales_share_limit",
            "Pre-sales warning above",
            _int_box(0, 100, round(current.presales_share_limit * 100), " %"),
            "Warn when Sales pulls a CSA into pre-sales beyond this share of time",
        )
        self.goal = self.add_row(
            "relationships_per_month_goal",
            "New relationships a month",
            _int_box(0, 100, current.relationships_per_month_goal),
            "The habit to keep: three a month, one at each level (an end user, a manager, and "
            "a director/VP or above)",
        )
        self.stale = self.add_row(
            "stale_contact_days",
            "Stale after",
            _int_box(1, 3650, current.stale_contact_days, " days"),
            "A stakeholder not contacted for longer is marked stale on the relationship map",
        )
        self.stories = self.add_row(
            "stories_per_quarter_goal",
            "New stories a quarter",
            _int_box(0, 100, current.stories_per_quarter_goal),
            "Evangelism: champions telling their success story (a blog post, a webinar, a "
            "talk, a reference call), counted on each account's Plan tab",
        )
        self.paper = self.add_row(
            "paper_size", "PDF paper", QComboBox(), "The paper the PDF account plan is laid out on"
        )
        for size in PaperSize:
            self.paper.addItem(size.label, size)
        self.paper.setCurrentIndex(list(PaperSize).index(current.paper_size))

    def values(self) -> dict[str, Any]:
        return {
            "owner_name": self.owner.text(),
            "currency": self.currency.text(),
            "fiscal_year_start_month": self.fy.value(),
            "default_csa_rate": self.rate.value(),
            "chargeability_target": self.chargeability.value() / 100,
            "presales_share_limit": self.presales.value() / 100,
            "relationships_per_month_goal": self.goal.value(),
            "stale_contact_days": self.stale.value(),
            "stories_per_quarter_goal": self.stories.value(),
            "paper_size": self.paper.currentData(),
        }

    def validate(self, values: dict[str, Any]) -> None:
        from cs_planner.domain.model import Settings  # SQLAlchemy: after the first paint

        Settings(**values)

    @classmethod
    def ask(cls, current: SettingsData, parent: QWidget | None = None) -> dict[str, Any] | None:
        dialog = cls(current, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _int_box(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class MonthBox(QSpinBox):
    """A month as a number (what the model stores) that reads as its name."""

    def __init__(self, month: int) -> None:
        super().__init__()
        self.setRange(1, 12)
        self.setWrapping(True)
        self.setValue(month)

    def textFromValue(self, value: int) -> str:
        return _month_name()[value]

    def valueFromText(self, text: str) -> int:
        wanted = text.strip().lower()
        names = _month_name()
        return next((m for m in range(1, 13) if names[m].lower() == wanted), 1)

    def validate(self, text: str, pos: int) -> QValidator.State:  # type: ignore[override]
        typed = text.strip().lower()
        names = [name.lower() for name in _month_name()[1:]]
        if typed in names:
            return QValidator.State.Acceptable
        if any(name.startswith(typed) for name in names):
            return QValidator.State.Intermediate
        return QValidator.State.Invalid


def edit_settings(ctx: AppContext, parent: QWidget) -> None:
    """Portfolio > Settings: the dialog, and one undo step for what changed."""
    from cs_planner.domain.accounts.edits import UpdateSettings
    from cs_planner.domain.accounts.queries import get_settings
    from cs_planner.ui.shell import undo

    current = ctx.read(get_settings)
    values = SettingsDialog.ask(current, parent)
    if values is None:
        return
    old = {key: getattr(current, key) for key in values}
    changed = {k: v for k, v in values.items() if v != old[k]}
    if changed:
        undo.perform(ctx, UpdateSettings(changed))
