"""The PDF account plan of a demo account: its pages, their text, their paper, and that a
failed export leaves the file that was there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import find_account
from cs_planner.reports import ReportError
from cs_planner.storage import Portfolio
from cs_planner.ui.pdf import plan as pdf_plan
from cs_planner.ui.pdf.data import read_plan
from cs_planner.ui.pdf.document import Page
from cs_planner.ui.pdf.plan import write_plan_pdf
from tests.ui.pdf.conftest import page_sizes, page_texts, render_pages

ACCOUNT = "Meridian Freight Group"  # actions, risks and a map wider than a page
A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)


@pytest.fixture
def demo(qapp, portfolio: Portfolio, today: dt.date) -> tuple[Portfolio, int]:
    generate(portfolio, accounts=12, seed=7, today=today)
    with portfolio.read() as session:
        return portfolio, find_account(session, ACCOUNT)


def sections(texts: list[str]) -> list[str]:
    """The section each page's header names (after the account name)."""
    names = (
        "Executive summary",
        "Relationship map",
        "Stairway",
        "Expansion and value",
        "Objectives and actions",
        "Risk register",
    )
    found = []
    for text in texts:
        head = text[: len(ACCOUNT) + 30]
        found.append(next(n for n in names if n in head))
    return found


def test_the_demo_plan_has_a_page_for_each_part_with_header_and_footer(
    demo: tuple[Portfolio, int], tmp_path: Path, today: dt.date
) -> None:
    portfolio, account_id = demo
    out = write_plan_pdf(portfolio, account_id, tmp_path / "plan", today=today)
    assert out == tmp_path / "plan.pdf"
    texts = page_texts(out)
    count = len(texts)
    for number, text in enumerate(texts, start=1):
        assert text.startswith(ACCOUNT), number  # the header
        assert f"Page {number} of {count}" in text and "24 Nov 2026" in text  # the footer
    pages = sections(texts)
    # The order of the plan, each part from a page of its own.
    order = [
        "Executive summary",
        "Relationship map",
        "Stairway",
        "Expansion and value",
        "Objectives and actions",
        "Risk register",
    ]
    assert [s for n, s in enumerate(pages) if n == 0 or pages[n - 1] != s] == order
    # The count follows from the content: a one-page summary, the map's overview and its
    # parts, the staircase, one page of pictures, then the tables (4 objectives and 8
    # actions share a page; 2 risks take one).
    counted = {name: pages.count(name) for name in order}
    assert counted["Executive summary"] == 1 and counted["Expansion and value"] == 1
    assert counted["Objectives and actions"] == 1 and counted["Risk register"] == 1
    stair_pages = [t for t, s in zip(texts, pages, strict=True) if s == "Stairway"]
    if len(stair_pages) > 1:
        assert all(f"part {n} of {len(stair_pages)}" in t for n, t in enumerate(stair_pages, 1))
    assert count == 4 + counted["Relationship map"] + len(stair_pages)
    # The map is wider than a readable page: an overview, then its parts, all numbered.
    map_pages = [t for t, s in zip(texts, pages, strict=True) if s == "Relationship map"]
    assert "Relationship map: overview" in map_pages[0]
    parts = len(map_pages) - 1
    assert parts > 1
    for n, text in enumerate(map_pages[1:], start=1):
        assert f"part {n} of {parts}" in text
    # What a manager looks for is there.
    with portfolio.read() as session:
        data = read_plan(session, account_id, today)
    everything = " ".join(texts)
    cover = texts[0]
    assert "Health" in cover and "What to pursue next in expansion" in cover
    assert f"{data.health.now.score:.0f} of 100" in cover
    person = data.map.stakeholders[0].name
    assert person in " ".join(map_pages[1:])
    assert data.objectives and all(o.title in everything for o in data.objectives)
    assert data.actions and all(a.title in everything for a in data.actions)
    assert data.risks and all(r.values.description[:40] in everything for r in data.risks)
    plan = " ".join(t for t, s in zip(texts, pages, strict=True) if s == "Objectives and actions")
    assert "Objectives" in plan and "Action plan" in plan and "Priority" in plan
    risks = " ".join(t for t, s in zip(texts, pages, strict=True) if s == "Risk register")
    assert "Impact" in risks and "Category" in risks


def test_every_page_renders_and_is_not_blank(
    demo: tuple[Portfolio, int], tmp_path: Path, today: dt.date
) -> None:
    portfolio, account_id = demo
    out = write_plan_pdf(portfolio, account_id, tmp_path / "plan.pdf", today=today)
    pictures = render_pages(out, tmp_path)
    assert len(pictures) == len(page_texts(out))
    for picture in pictures:
        image = QImage(str(picture))
        assert not image.isNull()
        dark = sum(
            1
            for y in range(0, image.height(), 2)
            for x in range(0, image.width(), 2)
            if image.pixelColor(x, y).lightness() < 200
        )
        assert dark > 200, picture.name  # more than the header and footer


@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("letter", LETTER)])
def test_the_paper_is_a4_or_letter_portrait_and_landscape(
    demo: tuple[Portfolio, int], tmp_path: Path, today: dt.date, paper: str, size: tuple
) -> None:
    portfolio, account_id = demo
    out = write_plan_pdf(portfolio, account_id, tmp_path / "p.pdf", paper=paper, today=today)
    sizes = page_sizes(out)
    pages = sections(page_texts(out))
    for (width, height), section in zip(sizes, pages, strict=True):
        landscape = section in ("Relationship map", "Stairway", "Risk register")
        want = (size[1], size[0]) if landscape else size
        assert (round(width), round(height)) == want, section


def test_an_unknown_paper_is_refused_before_anything_is_written(
    demo: tuple[Portfolio, int], tmp_path: Path
) -> None:
    portfolio, account_id = demo
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ValueError, match="a4"):
        write_plan_pdf(portfolio, account_id, folder / "p.pdf", paper="a3")
    assert list(folder.iterdir()) == []


def test_a_failed_export_keeps_the_file_that_was_there(
    demo: tuple[Portfolio, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portfolio, account_id = demo
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "plan.pdf"
    out.write_bytes(b"the plan of last week")

    def broken(*_args: object) -> list:
        raise RuntimeError("the stairway could not be drawn")

    monkeypatch.setattr(pdf_plan, "stairway_pages", broken)
    with pytest.raises(RuntimeError):
        write_plan_pdf(portfolio, account_id, out)
    assert out.read_bytes() == b"the plan of last week"
    assert [p.name for p in out.parent.iterdir()] == ["plan.pdf"]  # no temporary file left

    # A page that fails while it is painted, half-way through the PDF.
    def fails(painter: object, rect: object) -> None:
        raise RuntimeError("the stairway could not be painted")

    monkeypatch.setattr(pdf_plan, "stairway_pages", lambda *a: [Page("Stairway", fails)])
    with pytest.raises(RuntimeError, match="painted"):
        write_plan_pdf(portfolio, account_id, out)
    assert out.read_bytes() == b"the plan of last week"
    assert [p.name for p in out.parent.iterdir()] == ["plan.pdf"]


def test_a_folder_in_the_way_is_a_report_error(demo: tuple[Portfolio, int], tmp_path: Path) -> None:
    portfolio, account_id = demo
    (tmp_path / "plan.pdf").mkdir()
    with pytest.raises(ReportError, match="is a folder"):
        write_plan_pdf(portfolio, account_id, tmp_path / "plan.pdf")
    with pytest.raises(ReportError, match="does not exist"):
        write_plan_pdf(portfolio, account_id, tmp_path / "nowhere" / "plan.pdf")


def test_long_text_wraps_inside_its_table_cell(
    demo: tuple[Portfolio, int], tmp_path: Path, today: dt.date
) -> None:
    from cs_planner.domain.model import Risk

    portfolio, account_id = demo
    words = " ".join(f"word{n}" for n in range(200))
    with portfolio.session() as session:
        session.add(Risk(account_id=account_id, description=words, mitigation=words))
    out = write_plan_pdf(portfolio, account_id, tmp_path / "p.pdf", today=today)
    texts = page_texts(out)
    risk_text = " ".join(t for t in texts if "Risk register" in t[:80])
    # Every word is printed, twice (wrapped, not cut at the cell's edge).
    assert all(risk_text.count(f"word{n} ") == 2 for n in (0, 100, 198))
    assert risk_text.count("word199") == 2


def test_an_account_with_nothing_yet_says_so_on_each_page(
    qapp, portfolio: Portfolio, tmp_path: Path, today: dt.date
) -> None:
    from cs_planner.domain.accounts.writes import create_account

    with portfolio.session() as session:
        account_id = create_account(session, "Zephyr & Sons", 1000)
    out = write_plan_pdf(portfolio, account_id, tmp_path / "new.pdf", today=today)
    texts = page_texts(out)
    assert len(texts) == 6  # each part fits one page
    assert "No score yet" in texts[0] and "no ARR yet" in texts[0]
    assert "No stakeholders on the map yet." in texts[1]
    assert "No use cases on the stairway yet." in texts[2]
    assert "No objectives recorded yet." in texts[4] and "No actions recorded yet." in texts[4]
    assert "No risks recorded yet." in texts[5]
    render_pages(out, tmp_path)  # a chart with no ARR line draws no broken path
