"""A workshop's meeting notes: agreed actions with owners and dates, new and departed
people, roadmap changes and the rest captured (``domain.workshop.session``), as a workbook
(.xlsx) or as text (.md, .txt) to paste in an email."""

from __future__ import annotations

import os
from pathlib import Path

from cs_planner.domain.workshop.session import SessionSummary
from cs_planner.private_files import write_private
from cs_planner.reports import ReportError
from cs_planner.reports.excel import Column, Kind, write_cell
from cs_planner.reports.layout import table, write_heading
from cs_planner.reports.workbooks import add_sheet, new_workbook, save_atomically

SUFFIXES = (".xlsx", ".md", ".txt")
ACTIONS = (
    Column("Action", width=50, wrap=True),
    Column("Owner", width=24),
    Column("Due", Kind.DATE, width=12),
)


def write_meeting_notes(summary: SessionSummary, path: str | os.PathLike[str]) -> Path:
    """Write the notes by the file's suffix (.xlsx, .md or .txt; none: .md). Raises
    ReportError when the file cannot be written (an existing one is then unchanged)."""
    target = Path(path).expanduser()
    if target.suffix.lower() not in SUFFIXES:
        target = target.with_name(target.name + ".md")
    if target.suffix.lower() == ".xlsx":
        return _workbook(summary, target)
    text = summary.markdown() if target.suffix.lower() == ".md" else summary.text()
    try:
        return write_private(target, (text + "\n").encode("utf-8"))
    except OSError as error:
        raise ReportError(f"The notes could not be written to {target} ({error}).") from error


def _workbook(summary: SessionSummary, target: Path) -> Path:
    workbook = new_workbook(f"Meeting notes - {summary.name}")
    ws = add_sheet(workbook, "Meeting notes")
    write_heading(ws, 1, 1, summary.name, size=14)
    row = 3
    if summary.agreed:
        write_heading(ws, row, 1, "Agreed actions")
        rows = [(a.title, a.owner, a.due) for a in summary.agreed]
        row = table(ws, row + 1, ACTIONS, rows, freeze=False, autofilter=False) + 1
    for title, lines in summary.sections():
        if title == "Agreed actions":
            continue
        write_heading(ws, row, 1, title)
        for line in lines:
            row += 1
            write_cell(ws, row, 1, line, wrap=True)
        row += 2
    if not summary.sections():
        write_cell(ws, row, 1, "Nothing was captured in this session.")
    sentences = ws.column_dimensions["A"]
    sentences.width = max(sentences.width or 0, 60)  # the sentences wrap within it
    return save_atomically(workbook, target)
