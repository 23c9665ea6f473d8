"""Colours that mean something, as hex strings: one palette for the screens (``ui``) and
the workbooks (``reports``), so a detractor is the same red on the map and on paper.
No Qt here; the ui turns these into QColors (and lightens text on a dark palette)."""

from __future__ import annotations

from dataclasses import dataclass

from cs_planner.domain.enums import Severity, StairStep, Stance, UseCaseStatus, WhitespaceState

GOOD = "#2e7d32"
WARN = "#ef6c00"
BAD = "#c62828"
MUTED = "#757575"
INFO = "#1565c0"

SEVERITY: dict[Severity, str] = {
    Severity.GOOD: GOOD,
    Severity.INFO: INFO,
    Severity.WARN: WARN,
    Severity.BAD: BAD,
}
SEVERITY_WORDS: dict[Severity, str] = {
    Severity.BAD: "Risk",
    Severity.WARN: "Watch",
    Severity.GOOD: "Healthy",
    Severity.INFO: "Message",
}

STANCE: dict[Stance, str] = {
    Stance.CHAMPION: "#2e7d32",
    Stance.SUPPORTER: "#7cb342",
    Stance.NEUTRAL: "#9e9e9e",
    Stance.SKEPTIC: "#f9a825",
    Stance.DETRACTOR: "#c62828",
    Stance.FAVOURS_COMPETITOR: "#6a1b9a",
}
DEPARTED = "#bdbdbd"  # a person who left or moved

# Expansion. Whitespace cells: green is live, blue work in progress, amber an opportunity to
# pursue, grey not relevant (the app's grid and the workbook's read alike).
WHITESPACE: dict[WhitespaceState, str] = {
    WhitespaceState.LIVE: "#C8E6C9",
    WhitespaceState.IN_PROGRESS: "#BBDEFB",
    WhitespaceState.OPPORTUNITY: "#FFE0B2",
    WhitespaceState.NOT_RELEVANT: "#E0E0E0",
}
ARR_LINE = "#1f5f99"  # ARR: actual, projected and best case
MULTIPLE_LINES: dict[int, str] = {5: GOOD, 20: WARN, 50: "#6a1b9a"}  # 5x, 20x, 50x of X


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white (``amount`` 0: as is, 1: white), as a hex string."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * amount) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


# The stairway: each use case by its status (grey while an idea, warming up as work
# starts, green once adopted: the one status that counts as success), each step its hue.
USE_CASE_STATUS: dict[UseCaseStatus, str] = {
    UseCaseStatus.IDENTIFIED: "#8d8d8d",
    UseCaseStatus.QUALIFIED: "#5c6bc0",
    UseCaseStatus.PLANNED: "#1e88e5",
    UseCaseStatus.IMPLEMENTING: "#f9a825",
    UseCaseStatus.LIVE: "#00897b",
    UseCaseStatus.ADOPTED: "#2e7d32",
}
STAIR_STEP: dict[StairStep, str] = {
    StairStep.REMEDIATION: "#90a4ae",
    StairStep.ENHANCEMENT: "#7986cb",
    StairStep.INNOVATION: "#9575cd",
    StairStep.DISRUPTION: "#ba68c8",
}
# --- CSA load: one scale for the heatmap, its legend and the CSA workbook's load grid ----------


@dataclass(frozen=True)
class LoadBand:
    label: str  # as the legend reads
    background: str
    text: str


# Idle is neutral, under-use a gentle blue, a healthy load green (darker near full) and only
# over-allocation red: the colours say something, and nothing idle looks like a warning.
LOAD_IDLE = LoadBand("idle (0%)", "#f5f5f5", MUTED)
LOAD_UNDER = LoadBand("under 50%", "#e3f2fd", "#0d47a1")
LOAD_PART = LoadBand("50–89%", "#dcedc8", "#1b3a00")
LOAD_FULL = LoadBand("90–100%", "#9ccc65", "#1b3a00")
LOAD_OVER = LoadBand("over 100%", BAD, "#ffffff")
LOAD_BANDS = (LOAD_IDLE, LOAD_UNDER, LOAD_PART, LOAD_FULL, LOAD_OVER)


def load_band(value: float) -> LoadBand:
    """The band of a load (1.0 = fully booked); bounds as in the labels."""
    from cs_planner.domain.csa.load import EPSILON, FULL_FROM, UNDER_LIMIT, is_over  # not at start

    if is_over(value):
        return LOAD_OVER
    if value <= EPSILON:
        return LOAD_IDLE
    if value < UNDER_LIMIT - EPSILON:
        return LOAD_UNDER
    return LOAD_FULL if value >= FULL_FROM - EPSILON else LOAD_PART


# --- sheets: highlights on a white page -----------------------------------------------------

SHEET_RED_FILL = "#f4c7c3"  # booked beyond capacity, at risk (the CSA and roll-up workbooks)
SHEET_RED_TEXT = "#9c0006"
SHEET_AMBER_FILL = "#ffe0b2"  # worth attention
SHEET_AMBER_TEXT = "#6d4c00"
SHEET_GREEN_FILL = "#c8e6c9"  # healthy
SHEET_GREEN_TEXT = "#1b5e20"
