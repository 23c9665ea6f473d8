"""The first start: which portfolio ``cs-planner`` opens when no file is named.

The last portfolio used (the first of Portfolio > Open recent, an absolute path) opens
again. Without one, or when it is gone, the welcome dialog asks: look around the demo,
start an empty portfolio of one's own (name and role make the first team member), or open
a file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCommandLinkButton,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cs_planner import PORTFOLIO_SUFFIX
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.paths import data_dir
from cs_planner.storage import PortfolioError
from cs_planner.ui.common import theme
from cs_planner.ui.common.editors import ChoiceBox, ErrorLabel
from cs_planner.ui.shell.opening import PortfolioLock, open_for_ui
from cs_planner.ui.shell.recent import last_portfolio

if TYPE_CHECKING:
    from cs_planner.storage import Portfolio

FILE_FILTER = f"Portfolios (*{PORTFOLIO_SUFFIX})"
DEMO_NAME = f"demo{PORTFOLIO_SUFFIX}"
INTRO = (
    "Your account plans live in one portfolio file on this computer, saved at every edit. "
    "How would you like to start?"
)
OWN_INTRO = "Your own portfolio, empty for your accounts. Who are you, and where should it go?"


@dataclass(frozen=True)
class Start:
    """What the user chose: ``path`` is absolute; ``owner`` and ``role`` for "new"."""

    kind: Literal["demo", "new", "open"]
    path: Path
    owner: str = ""
    role: TeamRole = TeamRole.CSM


# --- acting on the choice --------------------------------------------------------------

Opened: TypeAlias = "tuple[Portfolio, PortfolioLock | None]"


def open_choice(start: Start, today: dt.date | None = None) -> Opened:
    """Open (and for "demo" and "new" create) the chosen portfolio. Raises PortfolioError
    or ValidationError; a file created here is removed again on failure."""
    if start.kind == "open" or (start.kind == "demo" and start.path.exists()):
        return open_for_ui(start.path, create=False)
    if start.path.exists():
        raise PortfolioError(f"{start.path} exists already; open it instead.")
    start.path.parent.mkdir(parents=True, exist_ok=True)
    portfolio, lock = open_for_ui(start.path, create=True)
    try:
        if start.kind == "demo":
            from cs_planner.demo import generate

            generate(portfolio, today=today)
        else:
            from cs_planner.domain.accounts.writes import make_owner

            with portfolio.session() as session:
                make_owner(session, start.owner, start.role)
    except BaseException:
        portfolio.close()
        if lock is not None:
            lock.unlock()
        start.path.unlink(missing_ok=True)
        raise
    return portfolio, lock


def open_at_start(settings: QSettings) -> Opened | None:
    """The last portfolio used, else what the user picks in the welcome dialog; None if
    they close it."""
    problem = ""
    last = last_portfolio(settings)
    if last is not None:
        if last.exists():
            try:
                return open_for_ui(last, create=False)
            except PortfolioError as exc:
                problem = last_failed(exc)
        else:
            problem = f"The portfolio you used last, {last}, is no longer there."
    return ask_until_opened(problem)


def last_failed(exc: PortfolioError) -> str:
    return f"The portfolio you used last could not be opened: {exc}"


def ask_until_opened(problem: str) -> Opened | None:
    """The welcome dialog until what the user picks opens; None if they close it."""
    while True:
        start = WelcomeDialog.ask(problem=problem)
        if start is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return open_choice(start)
        except (PortfolioError, OSError) as exc:
            problem = str(exc)
        except ValidationError as exc:
            problem = exc.message
        finally:
            QApplication.restoreOverrideCursor()


def free_path(folder: Path, stem: str) -> Path:
    """``folder/stem.csplan``, or ``stem-2.csplan``... if that is taken."""
    candidate = folder / f"{stem}{PORTFOLIO_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{PORTFOLIO_SUFFIX}"
        number += 1
    return candidate


# --- the dialog ------------------------------------------------------------------------


class WelcomeDialog(QDialog):
    """Three ways to start; "Start my own" turns the dialog to a short form."""

    def __init__(self, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to cs_planner")
        self.setWindowIcon(QIcon(str(theme.icon_path())))
        self.setMinimumWidth(560)
        self.start: Start | None = None
        title = QLabel("Welcome to cs_planner")
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        self.problem = ErrorLabel()
        self.problem.show_message(problem)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choices())
        self.pages.addWidget(self._own_form())
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for widget in (title, self.intro, self.problem, self.pages):
            layout.addWidget(widget)

    def _choices(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.demo_button = QCommandLinkButton(
            "&Look around the demo",
            "Twelve fictional accounts with relationship maps, roadmaps, expansion plans and "
            "CSAs, to try everything. It is a file of its own; your portfolio stays clean.",
        )
        self.own_button = QCommandLinkButton(
            "&Start my own portfolio",
            "An empty portfolio for your accounts. Your name and role make you its first "
            "team member.",
        )
        self.open_button = QCommandLinkButton(
            "&Open a portfolio file…",
            f"A {PORTFOLIO_SUFFIX} file you made before or a colleague sent you.",
        )
        self.demo_button.clicked.connect(self._choose_demo)
        self.own_button.clicked.connect(lambda: self._show_form())
        self.open_button.clicked.connect(self._choose_file)
        quit_button = QPushButton("Quit")
        quit_button.clicked.connect(self.reject)
        for button in (self.demo_button, self.own_button, self.open_button):
            column.addWidget(button)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(quit_button)
        column.addLayout(row)
        self.demo_button.setFocus()
        return page

    def _own_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText("First and last name")
        self.role = ChoiceBox()
        self.role.set_items([(role.label, role) for role in TeamRole])
        self.role.setToolTip("Your role in the team: you become its first member")
        self.file = QLineEdit()
        self.file.setToolTip("Where the portfolio is kept; back it up like any document")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.errors = {field: ErrorLabel() for field in ("name", "file")}
        form.addRow("Your &name", self._with_error(self.name, "name"))
        form.addRow("Your &role", self.role)
        form.addRow("&File", self._with_error(file_row, "file"))
        back = QPushButton("Back")
        back.clicked.connect(self._show_choices)
        self.create_button = QPushButton("Create portfolio")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        for edit in (self.name, self.file):  # Enter in a field creates, as OK would
            edit.returnPressed.connect(self._create)
        note = QLabel(
            "Every edit is saved in this file at once; add your first account with "
            "Portfolio > Add account (Ctrl+Shift+N)."
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addWidget(note)
        column.addStretch(1)
        column.addLayout(buttons)
        return page

    def _with_error(self, item: QWidget | QHBoxLayout, field: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if isinstance(item, QWidget):
            column.addWidget(item)
        else:
            column.addLayout(item)
        column.addWidget(self.errors[field])
        return box

    # --- choices -------------------------------------------------------------------------
    def _finish(self, start: Start) -> None:
        self.start = start
        self.accept()

    def _choose_demo(self) -> None:
        self._finish(Start("demo", data_dir() / DEMO_NAME))

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Open portfolio",
            str(data_dir() if data_dir().is_dir() else Path.home()),
            FILE_FILTER,
        )
        if path:
            self._finish(Start("open", Path(path).absolute()))

    def _show_form(self) -> None:
        if not self.file.text():
            self.file.setText(str(free_path(data_dir(), "portfolio")))
        self.pages.setCurrentIndex(1)
        self.intro.setText(OWN_INTRO)
        self.create_button.setDefault(True)
        self.name.setFocus()

    def _show_choices(self) -> None:
        self.pages.setCurrentIndex(0)
        self.intro.setText(INTRO)
        self.own_button.setFocus()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New portfolio", self.file.text(), FILE_FILTER)
        if path:
            self.file.setText(path)

    def _create(self) -> None:
        for label in self.errors.values():
            label.clear_message()
        role = self.role.value()
        try:
            from cs_planner.domain.model import TeamMember

            name = TeamMember(name=self.name.text(), role=role).name  # the domain's rule
        except ValidationError as exc:
            self.errors["name"].show_message(exc.message.replace("A team member's", "Your"))
            self.name.setFocus()
            return
        path, problem = self._new_path(self.file.text())
        if problem:
            self.errors["file"].show_message(problem)
            self.file.setFocus()
            return
        self._finish(Start("new", path, owner=name, role=role))

    @staticmethod
    def _new_path(text: str) -> tuple[Path, str]:
        """The new file as an absolute path, or why it cannot be created."""
        if not text.strip():
            return Path(), "Choose where to keep the portfolio."
        path = Path(text.strip()).expanduser().absolute()
        if path.suffix != PORTFOLIO_SUFFIX:
            path = path.with_name(path.name + PORTFOLIO_SUFFIX)
        if path.exists():
            return path, f"{path.name} exists already: choose another name, or go Back and open it."
        if path.parent != data_dir() and not path.parent.is_dir():
            return path, f"The folder {path.parent} does not exist."
        return path, ""

    @classmethod
    def ask(cls, parent: QWidget | None = None, *, problem: str = "") -> Start | None:
        dialog = cls(problem, parent)
        return dialog.start if dialog.exec() == QDialog.DialogCode.Accepted else None
