"""The PDF account plan: the cover with the executive summary, the relationship map, the
stairway, the expansion and value pictures, the action plan and the risk register,
written by Qt (``QPdfWriter``) and saved all at once.

Needs a QApplication (the scenes are widgets' graphics): the app has one, the command line
makes one (``cli.py``)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QColor, QPdfWriter

from cs_planner import palette
from cs_planner.domain.accounts.rows import SettingsData
from cs_planner.domain.enums import ActionStatus
from cs_planner.private_files import write_private
from cs_planner.reports import ReportError
from cs_planner.reports.account_plan import account_plan_path_default
from cs_planner.storage import Portfolio
from cs_planner.ui.common import format as fmt
from cs_planner.ui.pdf.charts import expansion_and_value_pages
from cs_planner.ui.pdf.cover import cover_pages
from cs_planner.ui.pdf.data import ActionRow, PlanData, RiskRow, read_plan
from cs_planner.ui.pdf.document import (
    INK,
    PAPERS,
    Document,
    Measure,
    body_rect,
    page_size,
    pdf_bytes,
)
from cs_planner.ui.pdf.pictures import map_pages, stairway_pages
from cs_planner.ui.pdf.tables import Cell, Column, table_pages
from cs_planner.ui.value.health_charts import HealthLine

Progress = Callable[[str], None]

ACTION_COLUMNS = (
    Column("Action", 3.2),
    Column("Owner", 1.3),
    Column("Due", 1.1, right=True),
    Column("Status", 1.0),
    Column("What it serves", 2.2),
)
RISK_COLUMNS = (
    Column("Risk", 3.0),
    Column("Severity", 0.9),
    Column("Likelihood", 0.9, right=True),
    Column("Owner", 1.2),
    Column("Mitigation", 3.0),
    Column("Status", 0.9),
)
SEVERITY_COLOUR = {"critical": palette.BAD, "high": palette.BAD, "medium": palette.WARN}


def plan_pdf_path_default(name: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """ "Account plan - <name>.pdf", safe on every desktop system."""
    return account_plan_path_default(name, folder).with_suffix(".pdf")


def settings_paper(settings: SettingsData) -> str:
    """The portfolio's paper when its settings have one (a later schema adds it), else A4."""
    paper = str(getattr(settings, "paper_size", "") or "a4").lower()
    return paper if paper in PAPERS else "a4"


def write_plan_pdf(
    portfolio: Portfolio,
    account_id: int,
    path: str | os.PathLike[str],
    *,
    paper: str = "a4",
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the PDF plan of ``account_id`` to ``path`` (".pdf" added if missing) on
    ``paper`` ("a4" or "letter"). Raises ValidationError for an unknown account, ValueError
    for an unknown paper and ReportError when the file cannot be written; an existing file
    is then unchanged (the PDF is made in memory and renamed into place)."""
    page_size(paper)  # an unknown paper fails before any work
    target = Path(path).expanduser()
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    _check_destination(target)
    say = progress or (lambda _text: None)
    say("Reading the account…")
    with portfolio.read() as session:
        data = read_plan(session, account_id, today or dt.date.today())
    try:
        pdf = render_plan(data, paper, say)
    except OSError as exc:  # Qt could not paint the PDF (the message says what)
        raise ReportError(f"Cannot write the PDF: {exc}") from exc
    say("Saving…")
    try:
        write_private(target, pdf)
    except OSError as exc:
        raise ReportError(
            f"Cannot save {target.name} in {target.parent}: {exc.strerror or exc}. "
            "If the file is open in a PDF viewer that locks it, close it there and try again."
        ) from exc
    return target


def _check_destination(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise ReportError(f"The folder {folder} does not exist. Choose an existing folder.")
    if path.is_dir():
        raise ReportError(f"{path} is a folder. Choose a file name for the PDF.")


def render_plan(data: PlanData, paper: str = "a4", progress: Progress | None = None) -> bytes:
    """The plan as PDF bytes."""
    say = progress or (lambda _text: None)
    health_line = HealthLine()  # kept until the pages are painted

    def build(writer: QPdfWriter) -> Document:
        measure = Measure(writer)
        portrait, landscape = body_rect(paper, False), body_rect(paper, True)
        document = Document(data.account_name, data.today, paper)
        say("Laying out the summary…")
        document.pages += cover_pages(measure, portrait, data)
        say("Drawing the relationship map…")
        document.pages += map_pages(data.map, landscape)
        say("Drawing the stairway…")
        document.pages += stairway_pages(data.stairway, landscape)
        say("Drawing the charts…")
        document.pages += expansion_and_value_pages(
            measure, portrait, data.expansion, data.health, health_line
        )
        document.pages += table_pages(
            measure,
            portrait,
            title="Action plan",
            intro="Who does what by when: open work first, by due date; overdue in red.",
            columns=ACTION_COLUMNS,
            rows=[_action_cells(a, data.today) for a in data.actions],
            empty="No actions recorded yet.",
        )
        document.pages += table_pages(
            measure,
            portrait,
            title="Risk register",
            intro="What could go wrong and what we do about it: open and most severe first.",
            columns=RISK_COLUMNS,
            rows=[_risk_cells(r) for r in data.risks],
            empty="No risks recorded yet.",
        )
        say("Writing the pages…")
        return document

    return pdf_bytes(paper, f"Account plan - {data.account_name}", build)


def _action_cells(action: ActionRow, today: dt.date) -> list[Cell]:
    open_ = action.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    overdue = open_ and action.due is not None and action.due < today
    red = QColor(palette.BAD)
    text = action.title + (f"\n{action.notes}" if action.notes else "")
    return [
        Cell(text),
        Cell(action.owner or "—"),
        Cell(fmt.date(action.due) if action.due else "—", red if overdue else INK, bold=overdue),
        Cell(action.status.label + (" (overdue)" if overdue else ""), red if overdue else INK),
        Cell(action.serves),
    ]


def _risk_cells(risk: RiskRow) -> list[Cell]:
    colour = QColor(SEVERITY_COLOUR.get(risk.severity.value, "#212121"))
    return [
        Cell(risk.description),
        Cell(risk.severity.label, colour, bold=risk.severity.value in ("critical", "high")),
        Cell(f"{risk.likelihood} of 5"),
        Cell(risk.owner or "—"),
        Cell(risk.mitigation or "—"),
        Cell(risk.status.label),
    ]
