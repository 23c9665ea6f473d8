"""The account plan prints readably: every sheet of the demo's plans, read back with openpyxl,
has a print area, titles, header and footer, and prints no text below 8 pt; pictures start
a page and fit on it; the Summary is one portrait page. The page arithmetic here is the
test's own, from the file's settings (column widths, fit-to, scale)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select

from cs_planner.demo import generate
from cs_planner.domain.model import Account, Stakeholder
from cs_planner.reports.account_plan import SHEETS, write_account_plan
from cs_planner.reports.printing import PrintAs, make_print_ready
from cs_planner.storage import open_portfolio

TODAY = dt.date(2026, 11, 24)
MIN_PT = 8.0
# The papers a sheet is set up for, by the file's paper code (A4 9, Letter 1), in points;
# half-inch sides and three-quarter-inch top and bottom.
PAPERS = {9: (595.3, 841.9), 1: (612.0, 792.0)}
SIDE, TOP = 36.0, 54.0
EMU_PER_PT = 12_700


def printable(orientation: str, paper: int | str | None) -> tuple[float, float]:
    page = PAPERS[int(paper or 0)]
    width, height = page if orientation != "landscape" else page[::-1]
    return width - 2 * SIDE, height - 2 * TOP


def widths(ws: Worksheet) -> dict[int, float]:
    found: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        if dim.width and dim.min and dim.max:
            for col in range(dim.min, dim.max + 1):
                found[col] = dim.width
    return found


def area(ws: Worksheet) -> tuple[int, int, int, int]:
    ref = ws.print_area
    assert ref, f"{ws.title} has no print area"
    text = ref if isinstance(ref, str) else ref[0]
    min_col, min_row, max_col, max_row = range_boundaries(text.split("!")[-1].replace("$", ""))
    return min_col, min_row, max_col, max_row


def content_points(ws: Worksheet) -> float:
    """The print area's columns in points (Calibri 11: 7 pixels a character, 5 of padding)."""
    first, _, last, _ = area(ws)
    known = widths(ws)
    return sum((known.get(c, 8.43) * 7 + 5) * 0.75 for c in range(first, last + 1))


def scale(ws: Worksheet) -> float:
    setup = ws.page_setup
    if ws.sheet_properties.pageSetUpPr.fitToPage:
        assert setup.fitToWidth == 1, ws.title
        page_w, page_h = printable(setup.orientation, setup.paperSize)
        found = min(1.0, page_w / content_points(ws))
        if setup.fitToHeight == 1:
            _, top, _, bottom = area(ws)
            found = min(found, page_h / rows_points(ws, top, bottom + 1))
        return found
    assert setup.scale, ws.title
    return setup.scale / 100


def rows_points(ws: Worksheet, first: int, stop: int) -> float:
    heights = ws.row_dimensions
    return sum((heights[r].height if r in heights else None) or 15.0 for r in range(first, stop))


def smallest_font(ws: Worksheet) -> float:
    return min(
        (c.font.sz or 11.0 for row in ws.iter_rows() for c in row if c.value is not None),
        default=11.0,
    )


def pictures(ws: Worksheet) -> list[tuple[int, float, float]]:
    """Each picture and chart: its anchor row and its size in points as the file says."""
    found = []
    for item in [*ws._images, *ws._charts]:
        anchor = item.anchor
        if isinstance(anchor, str):
            row = int(re.sub(r"[A-Z]", "", anchor))
            found.append((row, item.width / 2.54 * 72, item.height / 2.54 * 72))
        else:
            ext = anchor.ext
            found.append((anchor._from.row + 1, ext.width / EMU_PER_PT, ext.height / EMU_PER_PT))
    return found


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The plans of the demo's account with the most stakeholders and of one with none."""
    folder = tmp_path_factory.mktemp("print")
    portfolio = open_portfolio(folder / "demo.csplan")
    try:
        generate(portfolio, accounts=12, seed=7, today=TODAY)
        with portfolio.read() as s:
            biggest = s.execute(
                select(Stakeholder.account_id)
                .group_by(Stakeholder.account_id)
                .order_by(func.count().desc())
                .limit(1)
            ).scalar_one()
            emptiest = s.execute(
                select(Account.id).where(~Account.id.in_(select(Stakeholder.account_id)))
            ).scalar()
        ids = [biggest] + ([emptiest] if emptiest is not None else [])
        return [
            write_account_plan(portfolio, aid, folder / f"plan-{aid}.xlsx", today=TODAY)
            for aid in ids
        ]
    finally:
        portfolio.close()


def sheets(plans: list[Path]) -> list[Worksheet]:
    return [ws for path in plans for ws in load_workbook(path).worksheets]


def test_every_sheet_has_a_print_setup(plans: list[Path]) -> None:
    for ws in sheets(plans):
        assert ws.page_setup.orientation in ("portrait", "landscape"), ws.title
        area(ws)
        footer = ws.oddFooter.right.text or ""
        assert "&P" in footer and "&N" in footer, ws.title
        assert ws.oddHeader.right.text == "&A", ws.title
        assert "Exported 2026-11-24" in (ws.oddFooter.left.text or "")
        assert ws.oddHeader.left.text
        assert ws.page_margins.left == 0.5 and ws.page_margins.top == 0.75
        if ws.title != "Summary":  # one page: nothing to repeat
            assert ws.print_title_rows, ws.title


def test_no_text_prints_below_8_points(plans: list[Path]) -> None:
    for ws in sheets(plans):
        assert scale(ws) * smallest_font(ws) >= MIN_PT, (ws.title, scale(ws))


def test_the_wide_sheets_print_one_page_wide(plans: list[Path]) -> None:
    for ws in sheets(plans):
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth == 1, ws.title


def test_pictures_start_a_page_and_fit_on_it(plans: list[Path]) -> None:
    seen = 0
    for ws in sheets(plans):
        at = scale(ws)
        page_w, page_h = printable(ws.page_setup.orientation, ws.page_setup.paperSize)
        breaks = {b.id for b in ws.row_breaks.brk}
        titles = ws.print_title_rows
        repeated = 0.0
        if titles:
            first, last = (int(p.strip("$")) for p in titles.split(":"))
            repeated = rows_points(ws, first, last + 1)
        for row, width, height in pictures(ws):
            seen += 1
            # The page it is on starts at the top of the sheet or at a break above it,
            # and holds what comes before it on that page and the picture, whole.
            start = max((b for b in breaks if b < row), default=0)
            above = rows_points(ws, start + 1, row) + (repeated if start else 0.0)
            assert (above + height) * at <= page_h, (ws.title, row, start)
            assert (height + repeated) * at <= page_h, (ws.title, height)
            assert width * at <= page_w, (ws.title, width)
            # The print area reaches below the picture: nothing of it is left off.
            _, _, _, bottom = area(ws)
            assert rows_points(ws, row, bottom + 1) >= height, ws.title
    assert seen >= 3  # the map, the stairway and the projection chart


def test_the_summary_is_one_portrait_page(plans: list[Path]) -> None:
    for path in plans:
        ws = load_workbook(path)["Summary"]
        assert ws.page_setup.orientation == "portrait"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 1
        assert scale(ws) * smallest_font(ws) >= MIN_PT
        labels = {c.value for c in ws["A"] if isinstance(c.value, str)}
        for heading in ("Key figures", "Health", "What to pursue next", "Objectives",
                        "Next steps", "Top risks", "Relationship coverage"):  # fmt: skip
            assert heading in labels, heading


def test_long_text_wraps_rather_than_being_cut(plans: list[Path]) -> None:
    """A text longer than its column either spills into empty cells inside the print area
    or wraps, with its row made taller."""
    for ws in sheets(plans):
        _, _, last, _ = area(ws)
        known = widths(ws)
        merged = {
            (r.min_row, r.min_col): sum(known.get(c, 8.43) for c in range(r.min_col, r.max_col + 1))
            for r in ws.merged_cells.ranges
        }
        for row in ws.iter_rows(max_col=last):
            for cell in row:
                if not isinstance(cell.value, str) or cell.data_type != "s":
                    continue
                room = merged.get((cell.row, cell.column), known.get(cell.column, 8.43))
                if len(cell.value) <= room or (cell.alignment and cell.alignment.wrap_text):
                    continue
                spill = cell.column
                while spill < last and ws.cell(cell.row, spill + 1).value is None:
                    spill += 1
                    room += known.get(spill, 8.43)
                assert len(cell.value) <= room * 1.15, (ws.title, cell.coordinate, cell.value)


def test_a_sheet_too_wide_to_read_at_one_page_prints_at_a_readable_scale(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from cs_planner.reports.excel import write_cell

    ws = Workbook().active
    for col in range(1, 80):  # 80 columns of numbers: no narrowing brings them to a page
        write_cell(ws, 1, col, 123_456_789.25)
    fit = make_print_ready(ws, "A & B", TODAY, PrintAs())
    assert not fit.fit_width
    assert ws.page_setup.scale == 73  # 8 pt over 11 pt, rounded up
    assert ws.print_title_cols == "$A:$A"
    assert ws.oddHeader.left.text == "A && B"  # a lone & would start a code


def test_the_map_and_the_stairway_start_a_page(plans: list[Path]) -> None:
    workbook = load_workbook(plans[0])
    for title in ("Relationships", "Stairway"):
        ws = workbook[title]
        (row, _, _), *_ = pictures(ws)
        breaks = {b.id for b in ws.row_breaks.brk}
        if title == "Relationships":  # its heading goes over with it
            assert ws.cell(row - 1, 1).value == "Relationship map"
            assert row - 2 in breaks
        else:
            assert row - 1 in breaks, title


def test_every_registered_sheet_is_print_ready(plans: list[Path]) -> None:
    titles = load_workbook(plans[0]).sheetnames
    assert titles == [spec.title for spec in SHEETS]


def pdf_pictures(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Each page's pictures as LibreOffice draws them: the image's name, its height and how
    much of it shows inside the clipping rectangle drawn before it (points). LibreOffice
    writes page objects plainly and each page's content as one deflated stream."""
    objects = {int(m[1]): m[2] for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}
    number = r"(-?[\d.]+)"
    drawn = re.compile(
        rf"{number} {number} {number} {number} re\s*W\*? n\s*q {number} 0 0 {number} "
        rf"{number} {number} cm\s*/(\w+) Do".encode()
    )
    pages = []
    for body in objects.values():
        if not re.search(rb"/Type\s*/Page[^s]", body):
            continue
        contents = int(re.search(rb"/Contents (\d+) 0 R", body)[1])  # type: ignore[index]
        stream = re.search(rb"stream\r?\n(.*?)\r?\nendstream", objects[contents], re.S)
        assert stream is not None
        data = zlib.decompress(stream[1])
        found = []
        for m in drawn.finditer(data):
            clip_y, clip_h = float(m[2]), float(m[4])
            y, height = float(m[8]), float(m[6])
            shown = min(y + height, clip_y + clip_h) - max(y, clip_y)
            found.append((m[9].decode(), height, max(shown, 0.0)))
        pages.append(found)
    return pages


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: the workbook cannot be printed here.",
)
def test_libreoffice_prints_the_plan_with_every_picture_whole(
    plans: list[Path], tmp_path: Path
) -> None:
    office = shutil.which("soffice")
    assert office is not None
    profile = tmp_path / "lo-profile"
    argv = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    argv += ["--convert-to", "pdf", "--outdir", str(tmp_path), str(plans[0])]
    subprocess.run(argv, check=True, capture_output=True, timeout=300)
    pdf = (tmp_path / plans[0].with_suffix(".pdf").name).read_bytes()
    pages = pdf_pictures(pdf)
    # One page for the Summary, a few for each other sheet: not one a column or a picture.
    assert len(SHEETS) <= len(pages) <= 4 * len(SHEETS)
    whole: set[str] = set()
    for number, found in enumerate(pages, start=1):
        for name, height, shown in found:
            # A picture touching a page's edge is drawn there with nothing of it showing.
            assert shown < 1 or shown > height - 1, f"page {number} shows part of {name}"
            if shown > height - 1:
                whole.add(name)
    assert len(whole) >= 2  # the map and the stairway (the charts are drawn, not pictures)
    assert whole == {name for found in pages for name, _, _ in found}


def test_wrapped_lines_break_at_words() -> None:
    from cs_planner.reports.print_cells import wrapped_lines

    assert wrapped_lines("Workflows completed per month", 18) == 3
    assert wrapped_lines("Workflows completed", 19) == 1
    assert wrapped_lines("", 5) == 1
    assert wrapped_lines("a" * 25, 10) == 3  # a word longer than a line is broken


def test_a_short_table_that_would_straddle_a_page_end_starts_a_page(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from cs_planner.reports.excel import write_cell

    ws = Workbook().active
    write_cell(ws, 1, 1, "Title")
    for row in range(3, 43):  # a block of entries: 40 rows, most of a portrait A4 page
        write_cell(ws, row, 1, f"Field {row}")
        write_cell(ws, row, 2, "value")
    write_cell(ws, 44, 1, "Divisions")  # a heading and a short table under it
    for row in range(45, 57):
        write_cell(ws, row, 1, f"Division {row}")
    fit = make_print_ready(ws, "Account", TODAY, PrintAs(portrait=True))
    assert fit.scale == 1.0
    breaks = [b.id for b in ws.row_breaks.brk]
    assert breaks == [43], breaks  # the page ends above the heading, not inside the table
    # Both blocks on one page with room to spare: no break at all.
    small = Workbook().active
    for row in range(1, 30):
        write_cell(small, row, 1, f"Row {row}" if row != 15 else None)
    make_print_ready(small, "Account", TODAY, PrintAs(portrait=True))
    assert not small.row_breaks.brk
