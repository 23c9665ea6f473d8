"""What every sheet of the roll-up workbook shares: its title, the multiples' names and the
title block."""

from __future__ import annotations

from cs_planner.domain.relationships.coverage import LEVELS_GOAL
from cs_planner.domain.rollup.rows import Rollup
from cs_planner.reports.excel import Entry, Kind
from cs_planner.reports.rollup.sheet import Sheet

TITLE = "Portfolio roll-up"
LEVELS_HEADER = f"Levels covered (of {LEVELS_GOAL})"
# The two portfolio multiples, each labelled where it is shown: they answer different
# questions and differ whenever large accounts grew faster or slower than small ones.
TOTAL_MULTIPLE = "Total ARR ÷ total initial deals"
MEAN_MULTIPLE = "Mean of the accounts' multiples"
FTE_FORMAT = "0.00"


def title(sheet: Sheet, text: str, data: Rollup) -> int:
    """Title and the generated date; returns the first free row."""
    sheet.write(1, 1, text, bold=True, size=14)
    entries = [Entry("Generated", data.today), Entry("Accounts", len(data.accounts), Kind.INT)]
    if data.owner:
        entries.append(Entry("Portfolio of", data.owner))
    return sheet.entries(2, entries)


def yes(flag: bool) -> str:
    return "Yes" if flag else ""
