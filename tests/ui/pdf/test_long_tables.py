"""A PDF table longer than a page: every page it runs onto begins with its header row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.model import ActionItem, Risk
from cs_planner.storage import Portfolio
from cs_planner.ui.common import format as fmt
from cs_planner.ui.pdf.document import Measure, body_rect, font, new_writer
from cs_planner.ui.pdf.plan import write_plan_pdf
from cs_planner.ui.pdf.plan_tables import ACTION_COLUMNS, OBJECTIVE_COLUMNS, RISK_COLUMNS
from cs_planner.ui.pdf.tables import CELL_POINTS, PAD, _edges
from tests.ui.pdf.conftest import page_texts

ACTIONS, RISKS = 80, 40
ACTION_HEADER = ("Action", "Priority", "Owner", "Due", "Status", "What it serves")
RISK_HEADER = ("Risk", "Category", "Likelihood", "Impact", "Mitigation", "Review")


def long_plan(portfolio: Portfolio, today: dt.date) -> int:
    with portfolio.session() as s:
        account_id = create_account(s, "Longhaul Ltd", 10_000.0)
        s.add_all(
            ActionItem(
                account_id=account_id,
                title=f"Action {n:02d}: run the adoption workshop with the next business unit",
                due_date=today + dt.timedelta(days=n),
            )
            for n in range(ACTIONS)
        )
        s.add_all(
            Risk(
                account_id=account_id,
                description=f"Risk {n:02d}: the sponsor may move on before the renewal",
                likelihood=1 + n % 5,
                impact=1 + n % 4,
                mitigation="Meet the sponsor's successor and agree the next steps in writing",
                raised_on=today,
            )
            for n in range(RISKS)
        )
    return account_id


def test_continued_pages_repeat_the_tables_header(
    qapp, portfolio: Portfolio, tmp_path: Path, today: dt.date
) -> None:
    account_id = long_plan(portfolio, today)
    out = write_plan_pdf(portfolio, account_id, tmp_path / "long.pdf", today=today)
    texts = page_texts(out)
    # Each page's header names its section after the account's name.
    actions = [t for t in texts if "Objectives and actions" in t[:60] and "Action " in t]
    risks = [t for t in texts if "Risk register" in t[:60]]
    assert len(actions) >= 3 and len(risks) >= 2  # each table runs over several pages
    for text in actions:
        assert "Action plan" in text, text[:200]
        assert all(word in text for word in ACTION_HEADER), text[:200]
    for text in risks:
        assert all(word in text for word in RISK_HEADER), text[:200]
    continued = [t for t in actions if "Action plan (continued)" in t]
    assert len(continued) == len(actions) - 1  # every page after the table's first
    # Every action is on one page of the table (the cover lists the next few too).
    for n in range(ACTIONS):
        assert sum(f"Action {n:02d}:" in t for t in actions) == 1, n


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_date_fits_its_column_even_in_bold(qapp, paper: str) -> None:
    """An overdue due date is bold: it still fits its column whole (it is right-aligned, so
    a cut would take its year's first digits)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    measure = Measure(new_writer(buffer, paper, "fit"))
    date = fmt.date(dt.date(2026, 12, 31))
    for columns, header, landscape in (
        (ACTION_COLUMNS, "Due", False),
        (OBJECTIVE_COLUMNS, "Target date", False),
        (RISK_COLUMNS, "Review", True),
    ):
        edges = _edges(columns, body_rect(paper, landscape).width())
        _, width = edges[[c.header for c in columns].index(header)]
        assert measure.width(font(CELL_POINTS, bold=True), date) <= width - 2 * PAD, header
    buffer.close()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_header_word_fits_its_column(qapp, paper: str) -> None:
    """A header wraps between words, never inside one (a right-aligned word too long for
    its column loses its first letters)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    measure = Measure(new_writer(buffer, paper, "fit"))
    bold = font(CELL_POINTS, bold=True)
    for columns, landscape in (
        (ACTION_COLUMNS, False),
        (OBJECTIVE_COLUMNS, False),
        (RISK_COLUMNS, True),
    ):
        edges = _edges(columns, body_rect(paper, landscape).width())
        for column, (_, width) in zip(columns, edges, strict=True):
            for word in column.header.split():
                assert measure.width(bold, word) <= width - 2 * PAD, column.header
    buffer.close()
