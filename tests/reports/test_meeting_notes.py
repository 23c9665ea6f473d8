"""Meeting notes written as a workbook and as text, read back; a folder that is not there
is refused in a sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cs_planner.domain.workshop.session import summarize
from cs_planner.domain.workshop.state import AccountState, ActionState, Person, UseCaseState
from cs_planner.reports import ReportError
from cs_planner.reports.meeting_notes import write_meeting_notes

DAY = dt.date(2026, 12, 2)
BEFORE = AccountState(
    1, "Meridian",
    people={1: Person(1, "Tom Berg"), 2: Person(2, "Bo Ng", manager_id=1)},
    use_cases={5: UseCaseState(5, "Invoice matching", "remediation", "planned",
                               dt.date(2027, 1, 1))},
)  # fmt: skip
AFTER = AccountState(
    1, "Meridian",
    people={1: Person(1, "Tom Berg"), 2: Person(2, "Bo Ng", status="left_company", manager_id=1),
            3: Person(3, "Rosa Lind", "CFO", manager_id=1)},
    use_cases={5: UseCaseState(5, "Invoice matching", "remediation", "planned",
                               dt.date(2027, 4, 1))},
    actions={9: ActionState(9, "Send the rollout plan", "Tom Berg", dt.date(2026, 12, 16))},
)  # fmt: skip
SUMMARY = summarize("Q3 review with Meridian, 2026-12-02", BEFORE, AFTER, DAY)


def test_the_workbook(tmp_path: Path) -> None:
    path = write_meeting_notes(SUMMARY, tmp_path / "notes.xlsx")
    ws = openpyxl.load_workbook(path)["Meeting notes"]
    rows = [[c.value for c in row if c.value is not None] for row in ws.iter_rows()]
    rows = [r for r in rows if r]
    assert rows[0] == ["Q3 review with Meridian, 2026-12-02"]
    assert rows[1] == ["Agreed actions"]
    assert rows[2] == ["Action", "Owner", "Due"]
    assert rows[3] == ["Send the rollout plan", "Tom Berg", dt.datetime(2026, 12, 16)]
    assert ["New people"] in rows and [
        "Rosa Lind (CFO) is new on the map, reporting to Tom Berg."
    ] in rows
    assert ["Bo Ng left the company."] in rows
    assert ["Invoice matching moved to 2027 Q2 (was 2027 Q1)."] in rows


def test_text_and_markdown(tmp_path: Path) -> None:
    text = write_meeting_notes(SUMMARY, tmp_path / "notes.txt").read_text()
    assert text.splitlines()[:3] == ["Q3 review with Meridian, 2026-12-02", "", "Agreed actions:"]
    assert "- Send the rollout plan (Tom Berg, by 2026-12-16)" in text
    plain = write_meeting_notes(SUMMARY, tmp_path / "notes")  # no suffix: Markdown
    assert plain.name == "notes.md" and "## Roadmap changes" in plain.read_text()
    with pytest.raises(ReportError, match="could not be written"):
        write_meeting_notes(SUMMARY, tmp_path / "missing" / "notes.md")
