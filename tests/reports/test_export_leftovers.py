"""What exports leave behind and what they cut: stale temporary files from killed exports
are cleaned up, and a text longer than a cell holds is cut visibly, never silently."""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet import _writer as openpyxl_writer
from sqlalchemy import text

from cs_planner.reports import tempfiles
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.reports.excel import CELL_MAX, write_cell
from cs_planner.reports.workbooks import add_sheet, new_workbook, save_atomically
from cs_planner.storage import Portfolio


def _leftover(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_bytes(b"PK half a workbook")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_an_export_removes_what_killed_exports_left_in_its_folder(
    portfolio: Portfolio, acme: int, tmp_path: Path
) -> None:
    stale = _leftover(tmp_path, ".cs_planner-abc123.xlsx.tmp", age=3600)
    fresh = _leftover(tmp_path, ".cs_planner-def456.xlsx.tmp", age=0)  # may be writing now
    held = _leftover(tmp_path, ".cs_planner-ghi789.xlsx.tmp", age=3600)
    other = _leftover(tmp_path, "notes.xlsx.tmp", age=3600)  # not ours
    with held.open("rb") as handle:  # a running export holds its file locked
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        write_account_plan(portfolio, acme, tmp_path / "plan.xlsx")
        assert held.exists()
    assert not stale.exists()
    assert fresh.exists() and other.exists()
    leftovers = sorted(p.name for p in tmp_path.glob(".cs_planner-*"))
    assert leftovers == [fresh.name, held.name]  # and the export's own temporary file is gone


def test_openpyxl_writes_its_sheet_files_to_our_folder_and_they_are_cleaned(
    portfolio: Portfolio, acme: int, tmp_path: Path, monkeypatch
) -> None:
    folder = tempfiles.private_tempdir()
    assert folder is not None and folder.stat().st_mode & 0o777 == 0o700
    stale = _leftover(folder, "openpyxl.k1ll3d", age=3600)
    fresh = _leftover(folder, "openpyxl.wr1t1ng", age=0)
    used: list[str] = []
    real = tempfile.NamedTemporaryFile

    def spy(*args, **kwargs):  # watch where openpyxl puts its per-sheet files
        handle = real(*args, **kwargs)
        used.append(handle.name)
        return handle

    monkeypatch.setattr(openpyxl_writer, "NamedTemporaryFile", spy)
    write_account_plan(portfolio, acme, tmp_path / "plan.xlsx")
    sheet_files = [Path(name) for name in used if Path(name).name.startswith("openpyxl.")]
    assert sheet_files and all(p.parent == folder for p in sheet_files)
    assert tempfile.gettempdir() != str(folder)  # the default is back
    assert not stale.exists() and fresh.exists()
    fresh.unlink()


def test_the_app_cleans_openpyxl_leftovers_at_start(qtbot, portfolio: Portfolio) -> None:
    from PySide6.QtCore import QSettings

    from cs_planner.ui.shell.context import AppContext
    from cs_planner.ui.shell.main_window import MainWindow

    folder = tempfiles.private_tempdir()
    assert folder is not None
    stale = _leftover(folder, "openpyxl.fr0mb3f0r3", age=3600)
    window = MainWindow(AppContext(portfolio), None, QSettings())
    qtbot.addWidget(window)
    assert not stale.exists()


def test_a_text_longer_than_a_cell_is_cut_visibly(tmp_path: Path) -> None:
    workbook = new_workbook("Long")
    ws = add_sheet(workbook, "Notes")
    write_cell(ws, 1, 1, "a" * 40_000)
    write_cell(ws, 2, 1, "😀" * 20_000)  # 40,000 UTF-16 units: Excel counts those
    write_cell(ws, 3, 1, "b" * CELL_MAX)  # exactly fits
    notes: list[str] = []
    path = save_atomically(workbook, tmp_path / "long.xlsx", notes)
    ws = load_workbook(path)["Notes"]
    first, second, third = ws["A1"], ws["A2"], ws["A3"]
    assert len(first.value) == CELL_MAX and first.value.endswith("a…")
    assert "40,000 characters" in first.comment.text
    assert second.value.endswith("…") and len(second.value.encode("utf-16-le")) // 2 <= CELL_MAX
    assert second.value[:-1] == "😀" * (len(second.value) - 1)  # no half character
    assert third.value == "b" * CELL_MAX and third.comment is None
    assert len(notes) == 2
    assert notes[0].startswith("Notes!A1: a text of 40,000 characters was cut to 32,767")


def test_an_account_plan_reports_what_it_cut(
    portfolio: Portfolio, acme: int, tmp_path: Path
) -> None:
    with portfolio.session() as s:  # an older file: the domain now refuses such notes
        s.execute(
            text("UPDATE account SET notes = :n WHERE id = :id"), {"n": "x" * 50_000, "id": acme}
        )
    notes: list[str] = []
    path = write_account_plan(portfolio, acme, tmp_path / "plan.xlsx", notes=notes)
    cut = [c for row in load_workbook(path)["Account"].iter_rows() for c in row if c.comment]
    assert len(cut) == 1 and cut[0].value.endswith("…")
    assert len(notes) == 1 and "50,000 characters" in notes[0]
