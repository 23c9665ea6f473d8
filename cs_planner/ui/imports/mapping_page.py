"""The wizard's mapping page: for each file, what its rows are (accounts or contacts) and,
for each target field, the column it comes from, a fixed value, or nothing. Pre-filled
with the mapping remembered for the file's header set, else the one its headers suggest;
going on plans the import (the preview), with a progress bar and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.existing import load_existing
from cs_planner.domain.imports.fields import FIELDS, Kind
from cs_planner.domain.imports.mapping import Mapping, Source, recognise
from cs_planner.domain.imports.owners import team_index, team_names, unknown_owners
from cs_planner.domain.imports.preview import build_preview
from cs_planner.domain.imports.reading import Table
from cs_planner.domain.imports.values import DateOrder
from cs_planner.ui.common.editors import ErrorLabel
from cs_planner.ui.common.labels import ElidedLabel
from cs_planner.ui.imports.job import FileChoice, ImportJob
from cs_planner.ui.imports.owners import OwnersTable
from cs_planner.ui.imports.work import WorkStrip, wizard_buttons
from cs_planner.ui.shell.context import AppContext

NOTHING, FIXED = "(nothing)", "A fixed value:"
DATE_EXAMPLES = {DateOrder.DAY_FIRST: "3 April 2026", DateOrder.MONTH_FIRST: "4 March 2026"}
SOURCES = {
    "salesforce": "a Salesforce export",
    "hubspot": "a HubSpot export",
    "hr": "an HR system's export",
    "file": "a spreadsheet",
}
TIPS = {
    "record_id": "The CRM's id of the row: importing the same export again updates instead "
    "of adding twice",
    "reports_to": "The manager: their record id, e-mail or name. Builds the org chart",
    "account": "The account each person belongs to: its record id or name (a new name "
    "creates the account)",
    "department": "Becomes a division of the account",
    "owner": "One of your team (name or e-mail) who becomes the account's CSM",
    "full_name": "Used when the file has no first and last name columns",
}


class FieldRow:
    """One target field: a choice of column (or a fixed value, or nothing) and an example
    of what the file's first row gives it."""

    def __init__(self, target: str, label: str, table: Table) -> None:
        self.target, self.table = target, table
        self.label = QLabel(label)
        self.choice = QComboBox()
        self.choice.addItem(NOTHING)
        self.choice.addItem(FIXED)
        for header in table.headers:
            self.choice.addItem(f"Column “{header}”", header)
        self.choice.setToolTip(TIPS.get(target, f"Where {label.lower()} comes from"))
        self.value = QLineEdit()
        self.value.setPlaceholderText("the same for every row")
        self.example = ElidedLabel("", min_chars=8)
        self.example.setObjectName("emptyHint")
        self.choice.currentIndexChanged.connect(self._changed)
        self._changed()

    def set_source(self, source: Source | None) -> None:
        if source is None:
            self.choice.setCurrentIndex(0)
        elif source.value is not None:
            self.choice.setCurrentIndex(1)
            self.value.setText(source.value)
        else:
            self.choice.setCurrentIndex(max(self.choice.findData(source.column), 0))
        self._changed()

    def source(self) -> Source | None:
        at = self.choice.currentIndex()
        if at == 0:
            return None
        if at == 1:
            text = self.value.text().strip()
            return Source(value=text) if text else None
        return Source(column=self.choice.currentData())

    def _changed(self) -> None:
        fixed = self.choice.currentIndex() == 1
        self.value.setVisible(fixed)
        header = self.choice.currentData()
        example = ""
        if header is not None:
            at = self.table.headers.index(header)
            # The first of the first rows that has one: a manager column is empty at the top.
            example = next(
                (cells[at] for _, cells in self.table.rows[:50] if at < len(cells) and cells[at]),
                "",
            )
        self.example.setText(f"e.g. {example}" if example else "")
        self.example.setToolTip(example)


class FileMapping(QWidget):
    """The mapping of one file. ``team``: our active people's names and the casefolded
    names and e-mails an owner cell may name (for the owner translation)."""

    def __init__(
        self,
        choice: FileChoice,
        team: tuple[list[str], dict[str, int]] = ([], {}),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.choice = choice
        self.team_names, self.team = team
        self.owners = OwnersTable()
        table = choice.table
        self.origin = QLabel()
        self.origin.setWordWrap(True)
        self.kinds = QButtonGroup(self)
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel("Each row is"))
        for kind, text in ((Kind.ACCOUNTS, "an &account"), (Kind.CONTACTS, "a &person")):
            button = QRadioButton(text)
            button.setToolTip(f"Import the rows of {table.source} as {kind.value}")
            self.kinds.addButton(button, 0 if kind is Kind.ACCOUNTS else 1)
            kind_row.addWidget(button)
        kind_row.addStretch(1)
        self.kinds.idToggled.connect(self._kind_toggled)
        # Only used when no date of a column decides (a part above 12 does).
        self.date_order = QComboBox()
        for order in DateOrder:
            self.date_order.addItem(f"{order} ({DATE_EXAMPLES[order]})", order.value)
        self.date_order.setToolTip(
            "A column's dates read the way its values show (31/03/2026 is day first); when "
            "none shows it, this decides"
        )
        self.date_label = QLabel("&Dates such as 03/04/2026 are")
        self.date_label.setBuddy(self.date_order)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_label)
        date_row.addWidget(self.date_order)
        date_row.addStretch(1)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(3, 1)
        self.rows: list[FieldRow] = []
        inside = QWidget()
        inside_layout = QVBoxLayout(inside)
        inside_layout.setContentsMargins(0, 0, 0, 0)
        inside_layout.addWidget(self.grid_host)
        inside_layout.addWidget(self.owners)
        inside_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inside)
        layout = QVBoxLayout(self)
        layout.addWidget(self.origin)
        layout.addLayout(kind_row)
        layout.addLayout(date_row)
        layout.addWidget(scroll, 1)
        self._show(choice.mapping)

    def _kind_toggled(self, button: int, checked: bool) -> None:
        kind = Kind.ACCOUNTS if button == 0 else Kind.CONTACTS
        if checked and kind is not self.choice.mapping.kind:
            self.choice.mapping = recognise(self.choice.table.headers, kind)
            self.choice.remembered = False
            self._show(self.choice.mapping)

    def _show(self, mapping: Mapping) -> None:
        table = self.choice.table
        how = (
            "the columns you chose the last time you imported a file with these columns"
            if self.choice.remembered
            else f"recognised as {SOURCES.get(mapping.source, 'a spreadsheet')}"
        )
        self.origin.setText(
            f"<b>{table.source}</b>: {len(table.rows):,} rows, {len(table.headers)} columns; {how}."
        )
        button = self.kinds.button(0 if mapping.kind is Kind.ACCOUNTS else 1)
        button.blockSignals(True)
        button.setChecked(True)
        button.blockSignals(False)
        self.date_order.setCurrentIndex(max(self.date_order.findData(mapping.date_order.value), 0))
        for date_widget in (self.date_label, self.date_order):  # contacts have no dates
            date_widget.setVisible(mapping.kind is Kind.ACCOUNTS)
        while (item := self.grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        for column, title in enumerate(("Field", "Comes from", "", "In the file")):
            heading = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(heading, 0, column)
        self.rows = []
        for number, (target, label) in enumerate(FIELDS[mapping.kind].items(), start=1):
            row = FieldRow(target, label, table)
            row.set_source(mapping.fields.get(target))
            row.label.setBuddy(row.choice)
            self.grid.addWidget(row.label, number, 0)
            self.grid.addWidget(row.choice, number, 1)
            self.grid.addWidget(row.value, number, 2)
            self.grid.addWidget(row.example, number, 3)
            self.rows.append(row)
            if target == "owner":
                row.choice.currentIndexChanged.connect(self._show_owners)
        self._show_owners()

    def _show_owners(self) -> None:
        """The owner column's values that name nobody of ours, each with a drop-down."""
        owner = next((r for r in self.rows if r.target == "owner"), None)
        source = owner.source() if owner is not None else None
        column = source.column if source is not None else None
        chosen = {**self.choice.mapping.owners, **self.owners.owners()}
        values = unknown_owners(self.choice.table, column, self.team, chosen)
        self.owners.show_owners(values, self.team_names, chosen)

    def mapping(self) -> Mapping:
        fields = {r.target: s for r in self.rows if (s := r.source()) is not None}
        order = DateOrder(self.date_order.currentData() or DateOrder.DAY_FIRST.value)
        # Translations of values this file does not have stay; those shown are as chosen.
        owners = {
            value: member
            for value, member in self.choice.mapping.owners.items()
            if value not in self.owners.choices
        }
        owners.update(self.owners.owners())
        kind, source = self.choice.mapping.kind, self.choice.mapping.source
        return Mapping(kind, source, fields, order, owners)


class MappingPage(QWizardPage):
    def __init__(self, ctx: AppContext, job: ImportJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.job = ctx, job
        self.work = WorkStrip()
        self.setTitle("Match the columns")
        self.setSubTitle(
            "For each field: the column it comes from, one value for every row, or nothing. "
            "What you choose is remembered for files with the same columns."
        )
        self.tabs = QTabWidget()
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.work)
        self.editors: list[FileMapping] = []

    def initializePage(self) -> None:
        self.tabs.clear()
        self.error.clear_message()
        team = self.ctx.read(lambda s: (team_names(s), team_index(s)))
        self.editors = [FileMapping(choice, team) for choice in self.job.files]
        for editor in self.editors:
            self.tabs.addTab(editor, editor.choice.table.source)
        self.tabs.tabBar().setVisible(len(self.editors) > 1)

    def validatePage(self) -> bool:
        """Plan the import; stay here with the reason when it cannot be planned."""
        self.error.clear_message()
        for editor in self.editors:
            editor.choice.mapping = editor.mapping()
        kinds = [e.choice.mapping.kind for e in self.editors]
        if len(kinds) == 2 and kinds[0] is kinds[1]:
            self.error.show_message(
                f"Both files hold {kinds[0].value}: make one of them the accounts and the "
                "other the people."
            )
            return False
        accounts, contacts = self.job.sources()
        try:
            existing = self.ctx.read(load_existing)
            blocked = [self.tabs, *wizard_buttons(self.wizard())]
            with self.work.running("Planning the import…", blocked) as progress:
                preview = build_preview(
                    existing,
                    accounts,
                    contacts,
                    default_account=self.job.default_account,
                    progress=progress,
                )
        except ValidationError as exc:  # ImportCancelled and ImportProblem are ones
            self.error.show_message(exc.message)
            return False
        self.job.preview = preview
        return True
