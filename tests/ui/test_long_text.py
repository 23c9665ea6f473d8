"""Text far beyond the limits (written by an older version, or by raw SQL): 40,000-character
names and a megabyte of notes without a space. The domain now refuses them, but a file may
still hold them, and every view must still show the account: cut, elided or wrapped, never
as a window half a million pixels wide, and finishing (the Overview used to lay out the
megabyte for ever, the Expansion tab took 36 s and 1.8 GB)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from cs_planner.demo import generate
from cs_planner.storage import Portfolio, open_portfolio
from cs_planner.ui.accounts.overview_tab import OverviewTab
from cs_planner.ui.common.editors import NotesEdit
from cs_planner.ui.expansion.tab import ExpansionTab
from cs_planner.ui.relationships.tab import RelationshipsTab
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.stairway.tab import StairwayTab

EXE = Path(sys.executable).with_name("cs-planner")
LONG = "W" * 40_000  # the widest letter, no space to wrap at
MEGABYTE = "x" * 1_000_000
NAME = "Longname " + LONG
# Every text column the four tabs show, of the first account and the rows under it.
COLUMNS = {
    "stakeholder": ("name", "title", "notes"),
    "division": ("name",),
    "geography": ("region", "country"),
    "use_case": ("title", "problem", "notes", "usage_metric"),
    "opportunity": ("title", "notes"),
    "activity": ("note",),
    "action_item": ("title", "notes"),
    "risk": ("description", "mitigation"),
    "dimension_plan": ("unit", "notes"),
    "csa_allocation": ("notes",),
}
FREE_TEXT = {"notes", "note", "problem", "description", "mitigation"}


def _fill_with_long_text(portfolio: Portfolio) -> int:
    """Raw SQL, as an older file would hold it; returns the account's id."""
    with portfolio.session() as s:
        account_id = s.execute(text("SELECT min(id) FROM account")).scalar_one()
        s.execute(
            text(
                "UPDATE account SET name = :name, notes = :mb, industry = :long, "
                "main_challenge = :long WHERE id = :id"
            ),
            {"name": NAME, "mb": MEGABYTE, "long": LONG, "id": account_id},
        )
        for table, columns in COLUMNS.items():
            rows = s.execute(
                text(f"SELECT id FROM {table} WHERE account_id = :id ORDER BY id LIMIT 3"),
                {"id": account_id},
            ).scalars()
            for number, row_id in enumerate(list(rows)):
                values = {c: f"{number}" + (MEGABYTE if c in FREE_TEXT else LONG) for c in columns}
                sets = ", ".join(f"{c} = :{c}" for c in columns)
                update = text(f"UPDATE {table} SET {sets} WHERE id = :row")
                s.execute(update, {**values, "row": row_id})
        for table, prefix in (("team_member", "Person"), ("product", "Product")):
            s.execute(
                text(f"UPDATE {table} SET name = :name WHERE id = (SELECT min(id) FROM {table})"),
                {"name": f"{prefix} {LONG}"},
            )
        s.execute(
            text("UPDATE stairway_template SET name = id || :name"),
            {"name": " Template " + LONG},
        )
    return account_id


@pytest.fixture(scope="module")
def long_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.csplan"
    portfolio = open_portfolio(path)
    generate(portfolio, accounts=3, seed=7)
    _fill_with_long_text(portfolio)
    portfolio.close()
    return path


@pytest.mark.parametrize("tab", [OverviewTab, RelationshipsTab, StairwayTab, ExpansionTab])
def test_every_tab_shows_long_text_within_a_laptop_window(qtbot, long_file: Path, tab) -> None:
    portfolio = open_portfolio(long_file)
    try:
        ctx = AppContext(portfolio)
        account_id = ctx.read(lambda s: s.execute(text("SELECT min(id) FROM account")).scalar())
        widget = tab(ctx)
        qtbot.addWidget(widget)
        widget.resize(1000, 700)
        widget.set_account(account_id)
        widget.show()
        qtbot.waitExposed(widget)
        picture = widget.grab()
        assert not picture.isNull()
        # Nothing asks for more than a few screens of width (a 40,000-character name
        # laid out on one line asked for 480,000 pixels).
        widest = max(
            (w.minimumSizeHint().width() for w in widget.findChildren(QWidget) if w.isVisible()),
            default=0,
        )
        assert widest < 4000, widest
        assert widget.minimumSizeHint().width() < 1366
    finally:
        portfolio.close()


def test_a_megabyte_without_a_space_wraps_anywhere_in_the_notes_editor(qtbot) -> None:
    editor = NotesEdit()
    qtbot.addWidget(editor)
    editor.resize(400, 200)
    editor.set_value(MEGABYTE)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.toPlainText() == MEGABYTE  # the whole text is there to shorten
    assert editor.wordWrapMode().name == "WrapAnywhere"
    editor.set_value("Plain prose wraps at word boundaries.")
    assert editor.wordWrapMode().name == "WrapAtWordBoundaryOrAnywhere"
    pasted = QMimeData()
    pasted.setText(MEGABYTE)
    editor.insertFromMimeData(pasted)  # a paste is laid out once, wrapping anywhere
    assert editor.wordWrapMode().name == "WrapAnywhere"
    assert len(editor.toPlainText()) > len(MEGABYTE)


@pytest.mark.parametrize("tab", ["Overview", "Expansion"])
def test_a_screenshot_of_long_text_finishes_at_laptop_size(
    long_file: Path, tmp_path: Path, tab: str
) -> None:
    out = tmp_path / f"{tab}.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [str(EXE), str(long_file), "--screenshot", str(out), "--account", NAME]
    result = subprocess.run(
        [*command, "--tab", tab, "--size", "1366x768"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,  # it never finished before
    )
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
