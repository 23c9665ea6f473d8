"""The first start: without a portfolio the app asks (demo, own portfolio, open a file);
afterwards ``cs-planner`` reopens the last portfolio used, remembered as an absolute path."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from cs_planner.domain.accounts.queries import get_settings, list_accounts, team
from cs_planner.domain.enums import TeamRole
from cs_planner.paths import data_dir, default_portfolio
from cs_planner.storage import open_portfolio
from cs_planner.ui.shell import recent, welcome
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.welcome import Start, WelcomeDialog, open_at_start


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


class Answers:
    """WelcomeDialog.ask patched: hands out the given answers, records the problems shown."""

    def __init__(self, monkeypatch, *answers: Start | None) -> None:
        self.answers = list(answers)
        self.problems: list[str] = []
        monkeypatch.setattr(WelcomeDialog, "ask", classmethod(self._ask))

    def _ask(self, _cls, parent=None, *, problem: str = "") -> Start | None:
        self.problems.append(problem)
        assert self.answers, "the welcome dialog was shown once too often"
        return self.answers.pop(0)


def _close(opened) -> None:
    portfolio, lock = opened
    portfolio.close()
    if lock is not None:
        lock.unlock()


def _use(qtbot, opened, settings: QSettings) -> None:
    """Show the window on what was opened and close it, as a session of work would."""
    portfolio, lock = opened
    window = MainWindow(AppContext(portfolio), lock, settings)
    qtbot.addWidget(window)
    window.close()


def test_first_start_demo_then_the_demo_reopens(qtbot, settings, monkeypatch) -> None:
    answers = Answers(monkeypatch, Start("demo", data_dir() / welcome.DEMO_NAME))
    opened = open_at_start(settings)
    assert answers.problems == [""]  # asked once, nothing wrong
    portfolio = opened[0]
    assert portfolio.path == data_dir() / "demo.csplan"
    with portfolio.session() as s:
        assert len(list_accounts(s)) == 12
    _use(qtbot, opened, settings)
    assert recent.recent_paths(settings) == [str(data_dir() / "demo.csplan")]
    again = open_at_start(settings)  # no answers left: asking again would fail
    assert again[0].path == portfolio.path
    _close(again)


def test_first_start_own_portfolio_makes_me_the_first_member(
    qtbot, settings, monkeypatch, tmp_path: Path
) -> None:
    path = tmp_path / "mine.csplan"
    Answers(monkeypatch, Start("new", path, owner="Lena Marsh", role=TeamRole.CSA))
    opened = open_at_start(settings)
    with opened[0].session() as s:
        assert list_accounts(s) == []
        assert [(name, role) for _id, name, role in team(s)] == [("Lena Marsh", TeamRole.CSA)]
        assert get_settings(s).owner_name == "Lena Marsh"
    _use(qtbot, opened, settings)
    reopened = open_at_start(settings)
    assert reopened[0].path == path
    _close(reopened)


def test_first_start_open_a_file(settings, monkeypatch, tmp_path: Path) -> None:
    existing = tmp_path / "colleague.csplan"
    open_portfolio(existing).close()
    Answers(monkeypatch, Start("open", existing))
    opened = open_at_start(settings)
    assert opened[0].path == existing
    _close(opened)


def test_closing_the_welcome_dialog_opens_nothing(settings, monkeypatch) -> None:
    Answers(monkeypatch, None)
    assert open_at_start(settings) is None
    assert not data_dir().exists() or not any(data_dir().iterdir())


def test_a_vanished_last_portfolio_asks_again_and_says_why(
    settings, monkeypatch, tmp_path: Path
) -> None:
    gone = tmp_path / "moved.csplan"
    settings.setValue("recent", [str(gone)])
    answers = Answers(monkeypatch, Start("demo", data_dir() / welcome.DEMO_NAME))
    _close(open_at_start(settings))
    assert str(gone) in answers.problems[0] and "no longer there" in answers.problems[0]


def test_a_failed_choice_is_explained_and_asked_again(
    settings, monkeypatch, tmp_path: Path
) -> None:
    bogus = tmp_path / "bogus.csplan"
    bogus.write_bytes(b"PK\x03\x04 not a portfolio")
    answers = Answers(monkeypatch, Start("open", bogus), None)
    assert open_at_start(settings) is None
    assert "not a cs_planner portfolio" in answers.problems[1]
    assert bogus.read_bytes() == b"PK\x03\x04 not a portfolio"


def test_an_older_versions_portfolio_in_the_data_folder_still_opens(settings, monkeypatch) -> None:
    legacy = default_portfolio()
    legacy.parent.mkdir(parents=True)
    open_portfolio(legacy).close()
    Answers(monkeypatch)  # must not ask
    opened = open_at_start(settings)
    assert opened[0].path == legacy
    _close(opened)


def test_recent_paths_are_absolute(qtbot, settings, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    portfolio = open_portfolio(Path("relative.csplan"))
    window = MainWindow(AppContext(portfolio), None, settings)
    qtbot.addWidget(window)
    window.close()
    assert recent.recent_paths(settings) == [str(tmp_path / "relative.csplan")]
    assert settings.value("last/portfolio") == str(tmp_path / "relative.csplan")
    # An entry an older version stored relative is dropped, not opened from the wrong folder.
    settings.setValue("recent", ["other.csplan", str(tmp_path / "relative.csplan")])
    assert recent.recent_paths(settings) == [str(tmp_path / "relative.csplan")]


# --- the dialog itself -----------------------------------------------------------------


@pytest.fixture
def dialog(qtbot) -> WelcomeDialog:
    widget = WelcomeDialog()
    qtbot.addWidget(widget)
    return widget


def test_demo_button_chooses_the_demo_in_the_data_folder(dialog: WelcomeDialog) -> None:
    dialog.demo_button.click()
    assert dialog.result() == WelcomeDialog.DialogCode.Accepted
    assert dialog.start == Start("demo", data_dir() / "demo.csplan")


def test_open_button_asks_for_a_file(dialog: WelcomeDialog, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    dialog.open_button.click()
    assert dialog.start is None  # cancelled: the dialog stays
    chosen = tmp_path / "x.csplan"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), ""))
    dialog.open_button.click()
    assert dialog.start == Start("open", chosen)


def test_own_portfolio_form_checks_name_and_file(
    dialog: WelcomeDialog, tmp_path: Path, monkeypatch
) -> None:
    dialog.own_button.click()
    assert dialog.pages.currentIndex() == 1
    assert dialog.file.text() == str(data_dir() / "portfolio.csplan")
    labels = [dialog.role.itemText(i) for i in range(dialog.role.count())]
    assert labels == [role.label for role in TeamRole]  # whatever roles the domain has
    assert dialog.role.value() == TeamRole.CSM

    dialog.create_button.click()
    assert dialog.start is None
    assert dialog.errors["name"].text() == "Your name cannot be empty."
    assert not dialog.errors["name"].isHidden()

    dialog.name.setText("  Lena Marsh ")
    taken = tmp_path / "taken.csplan"
    taken.write_bytes(b"")
    dialog.file.setText(str(taken))
    dialog.create_button.click()
    assert dialog.start is None and "exists already" in dialog.errors["file"].text()
    assert dialog.errors["name"].isHidden()

    dialog.file.setText(str(tmp_path / "missing" / "mine.csplan"))
    dialog.create_button.click()
    assert "does not exist" in dialog.errors["file"].text()

    dialog.role.set_value(TeamRole.CSA)
    monkeypatch.chdir(tmp_path)
    dialog.file.setText("mine")  # relative, no suffix: made absolute, suffix added
    dialog.create_button.click()
    assert dialog.start == Start("new", tmp_path / "mine.csplan", "Lena Marsh", TeamRole.CSA)


def test_the_default_file_never_overwrites(dialog: WelcomeDialog) -> None:
    data_dir().mkdir(parents=True)
    (data_dir() / "portfolio.csplan").write_bytes(b"")
    dialog.own_button.click()
    assert dialog.file.text() == str(data_dir() / "portfolio-2.csplan")


def test_problem_is_shown_above_the_choices(qtbot) -> None:
    dialog = WelcomeDialog("The portfolio you used last, /x.csplan, is no longer there.")
    qtbot.addWidget(dialog)
    assert not dialog.problem.isHidden()
    assert "no longer there" in dialog.problem.text()


def test_a_rejected_owner_leaves_no_file_behind(tmp_path: Path) -> None:
    """The domain refuses the name: nothing is created (one step, all or nothing)."""
    from cs_planner.domain.errors import ValidationError

    path = tmp_path / "mine.csplan"
    with pytest.raises(ValidationError, match="cannot be empty"):
        welcome.open_choice(Start("new", path, owner="   ", role=TeamRole.CSM))
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []
