"""The PDF account plan: the cover with the executive summary, the relationship map, the
stairway, the expansion and value pictures, the objectives, the action plan and the risk
register, written by Qt (``QPdfWriter``) and saved all at once.

Needs a QApplication (the scenes are widgets' graphics): the app has one, the command line
makes one (``cli.py``)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPdfWriter

from cs_planner.private_files import write_private
from cs_planner.reports import ReportError
from cs_planner.reports.account_plan import account_plan_path_default
from cs_planner.storage import Portfolio
from cs_planner.ui.pdf.charts import expansion_and_value_pages
from cs_planner.ui.pdf.cover import cover_pages
from cs_planner.ui.pdf.data import PlanData, read_plan
from cs_planner.ui.pdf.document import Document, Measure, body_rect, page_size, pdf_bytes
from cs_planner.ui.pdf.pictures import map_pages, stairway_pages
from cs_planner.ui.pdf.plan_tables import plan_table_pages
from cs_planner.ui.value.health_charts import HealthLine

Progress = Callable[[str], None]


def plan_pdf_path_default(name: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """ "Account plan - <name>.pdf", safe on every desktop system."""
    return account_plan_path_default(name, folder).with_suffix(".pdf")


def write_plan_pdf(
    portfolio: Portfolio,
    account_id: int,
    path: str | os.PathLike[str],
    *,
    paper: str = "a4",
    today: dt.date | None = None,
    progress: Progress | None = None,
    customer_copy: bool = False,
) -> Path:
    """Write the PDF plan of ``account_id`` to ``path`` (".pdf" added if missing) on
    ``paper`` ("a4" or "letter"). Raises ValidationError for an unknown account, ValueError
    for an unknown paper and ReportError when the file cannot be written; an existing file
    is then unchanged (the PDF is made in memory and renamed into place).
    ``customer_copy``: without the private layer, read from a scrubbed copy."""
    page_size(paper)  # an unknown paper fails before any work
    target = Path(path).expanduser()
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    _check_destination(target)
    say = progress or (lambda _text: None)
    say("Reading the account…")
    if customer_copy:
        from cs_planner.reports.customer_copy import scrubbed_copy

        with scrubbed_copy(portfolio) as copy, copy.read() as session:
            data = read_plan(session, account_id, today or dt.date.today(), customer=True)
    else:
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
        document.pages += map_pages(data.map, landscape, presentation=data.customer)
        say("Drawing the stairway…")
        document.pages += stairway_pages(data.stairway, landscape)
        say("Drawing the charts…")
        document.pages += expansion_and_value_pages(
            measure, portrait, data.expansion, data.health, health_line, data.customer
        )
        document.pages += plan_table_pages(measure, portrait, landscape, data)
        say("Writing the pages…")
        return document

    return pdf_bytes(paper, f"Account plan - {data.account_name}", build)
