"""The wizard's first page: one file (accounts or contacts) or two (accounts, then their
contacts), and the account for contacts whose file names none (an HR system's org chart).
The files are read when the user goes on; a file that cannot be read says why here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from cs_planner.domain.accounts.queries import list_accounts
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.mapping import mappings_for
from cs_planner.domain.imports.reading import read_table
from cs_planner.ui.common.editors import ErrorLabel
from cs_planner.ui.imports.job import FileChoice, ImportJob
from cs_planner.ui.shell.context import AppContext

FILE_FILTER = "Spreadsheets and CSV (*.csv *.tsv *.txt *.xlsx *.xlsm);;All files (*)"


def _local_files(data: QMimeData) -> list[str]:
    return [url.toLocalFile() for url in data.urls() if url.isLocalFile()][:2]


class FileField(QWidget):
    """A path typed or chosen with Browse…"""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.browse = QPushButton("Browse…")
        self.browse.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)

    def choose(self) -> None:
        start = str(Path(self.path()).parent) if self.path() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.title, start, FILE_FILTER)
        if path:
            self.edit.setText(path)

    def path(self) -> str:
        text = self.edit.text().strip()
        # A file dropped onto the box itself arrives as its URL.
        return QUrl(text).toLocalFile() if text.startswith("file:") else text


class FilesPage(QWizardPage):
    def __init__(self, ctx: AppContext, job: ImportJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.job = ctx, job
        self.setTitle("Choose the files")
        self.setSubTitle(
            "A CSV, TSV or Excel (.xlsx) export from Salesforce, HubSpot, an HR system or any "
            "spreadsheet. Nothing is written to the portfolio until the last step."
        )
        self.main = FileField("Accounts or contacts file")
        self.main.edit.setPlaceholderText("accounts.csv, contacts.xlsx, org-chart.csv…")
        self.main.edit.setToolTip(
            "A file of accounts (one row per customer) or of contacts (one row per person); "
            "the columns tell which. You can also drop files here from your file manager."
        )
        self.contacts = FileField("Contacts file")
        self.contacts.edit.setPlaceholderText("optional")
        self.contacts.edit.setToolTip(
            "With an accounts file above: the people of those accounts, for example "
            "Salesforce's Contacts beside its Accounts"
        )
        self.put_all = QCheckBox("Put every contact into the account")
        self.put_all.setToolTip(
            "For a contacts file without an account column (an org chart from an HR system): "
            "every person goes into this account, created if it is new"
        )
        self.account = QComboBox()
        self.account.setEditable(True)
        self.account.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.account.setMinimumContentsLength(24)
        self.account.setPlaceholderText("an account's name, new or existing")
        self.account.setEnabled(False)
        self.put_all.toggled.connect(self.account.setEnabled)
        self.put_all.toggled.connect(self.completeChanged)
        self.account.currentTextChanged.connect(self.completeChanged)
        self.main.edit.textChanged.connect(self.completeChanged)
        self.error = ErrorLabel()

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        main_label = QLabel("&File:")
        main_label.setBuddy(self.main.edit)
        contacts_label = QLabel("&Contacts file:")
        contacts_label.setBuddy(self.contacts.edit)
        grid.addWidget(main_label, 0, 0)
        grid.addWidget(self.main, 0, 1)
        grid.addWidget(contacts_label, 1, 0)
        grid.addWidget(self.contacts, 1, 1)
        account_row = QHBoxLayout()
        account_row.addWidget(self.put_all)
        account_row.addWidget(self.account, 1)
        grid.addLayout(account_row, 2, 1)
        hint = QLabel(
            "Importing the same export again updates what the first import made instead of "
            "adding it twice: the CRM's record ids are kept with each account and person."
        )
        hint.setWordWrap(True)
        hint.setObjectName("emptyHint")
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(hint)

    # --- files dropped from a file manager: the first fills File, a second Contacts ----------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_files(event.mimeData())
        if not paths:
            return
        event.acceptProposedAction()
        if len(paths) == 1 and self.main.path():
            self.contacts.edit.setText(paths[0])
            return
        self.main.edit.setText(paths[0])
        if len(paths) > 1:
            self.contacts.edit.setText(paths[1])

    def initializePage(self) -> None:
        names = self.ctx.read(lambda s: [a.name for a in list_accounts(s)])
        current = self.account.currentText()
        self.account.clear()
        self.account.addItems(sorted(names, key=str.casefold))
        self.account.setCurrentText(current)
        self.main.edit.setFocus()

    def isComplete(self) -> bool:
        if self.put_all.isChecked() and not self.account.currentText().strip():
            return False
        return bool(self.main.path())

    def validatePage(self) -> bool:
        """Read the files (a clear sentence for one that cannot be), then their mappings."""
        self.error.clear_message()
        paths = [Path(p).expanduser() for p in (self.main.path(), self.contacts.path()) if p]
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # 100,000 rows: a second
        try:
            tables = [read_table(path) for path in paths]
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        if len(tables) == 2 and paths[0].resolve() == paths[1].resolve():
            self.error.show_message("Choose two different files, or leave the second empty.")
            return False
        headers = [t.headers for t in tables]
        found = self.ctx.read(lambda s: mappings_for(s, *headers))
        self.job.files = [
            FileChoice(table, mapping, remembered)
            for table, (mapping, remembered) in zip(tables, found, strict=True)
        ]
        account = self.account.currentText().strip()
        self.job.default_account = account if self.put_all.isChecked() and account else None
        return True
