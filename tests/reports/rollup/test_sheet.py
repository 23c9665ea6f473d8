"""A streamed sheet (``reports.rollup.sheet``) reads back exactly as the same content written
cell by cell with ``write_cell`` and ``layout``: values, types, number formats, fonts, fills,
alignment, quote prefixes, widths, heights, freeze panes, filters; texts cut with a comment;
conditional formats and print settings kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, PatternFill

from cs_planner.domain.enums import Tier
from cs_planner.reports.excel import CELL_MAX, Align, Column, Entry, Formula, Kind, write_cell
from cs_planner.reports.layout import table, write_entries, write_heading
from cs_planner.reports.rollup.sheet import Sheet
from cs_planner.reports.workbooks import add_sheet, new_workbook, save_atomically

COLUMNS = (
    Column("Name"),
    Column("Tier", width=11),
    Column("ARR", Kind.MONEY, width=14),
    Column("FTE", Kind.NUMBER, centre=True),
    Column("Share", Kind.PERCENT),
    Column("Renewal", Kind.DATE),
    Column("Why", width=30, wrap=True),
)
ROWS = [
    ["Acme", Tier.TOP, 1_200.5, 1.0, 0.25, dt.date(2026, 12, 1), "Short."],
    ['=HYPERLINK("x")', Tier.LEVERAGED, 0, 0.5, None, None, "A long reason " * 8],
    ["  padded  ", None, float("nan"), 2, 1.5, dt.datetime(2026, 1, 2, 3, 4), "two\nlines"],
    ["<b> & co\r\nnext", Tier.TOP, Decimal("3.25"), True, 0.0, dt.date(1900, 1, 15), None],
    ["bell\x07 gone", "", -5, 7.25, -0.5, dt.date(2030, 6, 30), "@sum"],
]
ENTRIES = [
    Entry("Generated", dt.date(2026, 11, 24)),
    Entry("Accounts", 5, Kind.INT),
    Entry("Notes", "A note that wraps " * 6, wrap=True),
]


def _by_cells(path: Path) -> Path:
    workbook = new_workbook("t")
    ws = add_sheet(workbook, "S")
    write_cell(ws, 1, 1, "Title", bold=True, size=14)
    row = write_entries(ws, 2, ENTRIES, currency="EUR")
    write_heading(ws, row, 1, "Heading")
    end = table(ws, row + 1, COLUMNS, ROWS, currency="EUR")
    for col in range(1, len(COLUMNS) + 1):  # headers over three lines
        ws.cell(row + 1, col).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[row + 1].height = 45
    for r in range(row + 2, end):
        ws.cell(r, 4).number_format = "0.00"
    write_cell(ws, end, 1, "Total", bold=True)
    write_cell(ws, end, 3, Formula(f"SUM(C{row + 2}:C{end - 1})"), kind=Kind.MONEY, currency="EUR")
    cell = write_cell(ws, end, 4, Formula("1/3"), kind=Kind.NUMBER, bold=True)
    cell.number_format = "0.00"
    write_cell(ws, end + 1, 2, "centred", align=Align("center"), fill="DDEBF7", italic=True)
    ws.freeze_panes = f"B{row + 2}"
    return save_atomically(workbook, path)


def _streamed(path: Path) -> Path:
    workbook = new_workbook("t", write_only=True)
    sheet = Sheet(workbook, "S")
    sheet.write(1, 1, "Title", bold=True, size=14)
    row = sheet.entries(2, ENTRIES, currency="EUR")
    sheet.heading(row, 1, "Heading")
    end = sheet.table(row + 1, COLUMNS, ROWS, currency="EUR", header_lines=3, formats={4: "0.00"})
    sheet.write(end, 1, "Total", bold=True)
    sheet.write(end, 3, Formula(f"SUM(C{row + 2}:C{end - 1})"), kind=Kind.MONEY, currency="EUR")
    sheet.write(end, 4, Formula("1/3"), kind=Kind.NUMBER, bold=True, number_format="0.00")
    sheet.write(end + 1, 2, "centred", align=Align("center"), fill="DDEBF7", italic=True)
    sheet.ws.freeze_panes = f"B{row + 2}"
    return save_atomically(workbook, path)


def test_a_streamed_sheet_reads_back_as_the_same_cells_written_one_by_one(tmp_path) -> None:
    a = load_workbook(_by_cells(tmp_path / "cells.xlsx"))["S"]
    b = load_workbook(_streamed(tmp_path / "streamed.xlsx"))["S"]
    assert (a.max_row, a.max_column, a.dimensions) == (b.max_row, b.max_column, b.dimensions)
    for row_a, row_b in zip(a.iter_rows(), b.iter_rows(), strict=True):
        for x, y in zip(row_a, row_b, strict=True):
            where = x.coordinate
            assert (x.value, x.data_type, x.number_format) == (
                y.value,
                y.data_type,
                y.number_format,
            ), where
            assert (x.font.b, x.font.i, x.font.sz) == (y.font.b, y.font.i, y.font.sz), where
            assert (x.fill.fill_type, x.fill.fgColor.rgb) == (
                y.fill.fill_type,
                y.fill.fgColor.rgb,
            ), where
            align = ("horizontal", "vertical", "wrap_text", "indent")
            assert [getattr(x.alignment, n) for n in align] == [
                getattr(y.alignment, n) for n in align
            ], where
            assert x.quotePrefix == y.quotePrefix, where
    for letter in "ABCDEFG":
        assert a.column_dimensions[letter].width == b.column_dimensions[letter].width, letter
    for r in range(1, a.max_row + 1):
        assert a.row_dimensions[r].height == b.row_dimensions[r].height, r
    assert (a.freeze_panes, a.auto_filter.ref) == (b.freeze_panes, b.auto_filter.ref)
    assert b["A8"].value == '=HYPERLINK("x")' and b["A8"].quotePrefix  # text, not a formula
    assert b["A10"].value == "<b> & co\nnext" and b["A9"].value == "  padded  "


def test_conditional_formats_and_print_settings_survive(tmp_path) -> None:
    workbook = new_workbook("t", write_only=True)
    sheet = Sheet(workbook, "S")
    sheet.table(1, COLUMNS[:3], [r[:3] for r in ROWS], currency="USD")
    red = PatternFill("solid", fgColor="F4C7C3", bgColor="F4C7C3")
    sheet.ws.conditional_formatting.add(
        "C2:C6", CellIsRule(operator="lessThan", formula=["0"], fill=red)
    )
    ws = load_workbook(save_atomically(workbook, tmp_path / "cf.xlsx"))["S"]
    (rule,) = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert (rule.operator, rule.formula) == ("lessThan", ["0"])
    assert rule.dxf.fill.fgColor.rgb.endswith("F4C7C3")
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth) == ("landscape", 1)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.auto_filter.ref == "A1:C6" and ws.freeze_panes == "A2"


def test_a_text_too_long_for_a_cell_is_cut_with_a_comment_and_a_note(tmp_path) -> None:
    workbook = new_workbook("t", write_only=True)
    sheet = Sheet(workbook, "S")
    sheet.write(1, 1, "x" * (CELL_MAX + 10))
    sheet.table(3, COLUMNS[:1], [["y" * (CELL_MAX + 1)], ["z" * (CELL_MAX + 1)]])
    notes: list[str] = []
    ws = load_workbook(save_atomically(workbook, tmp_path / "cut.xlsx", notes))["S"]
    for ref in ("A1", "A4", "A5"):
        assert ws[ref].value.endswith("…") and len(ws[ref].value) == CELL_MAX
        assert "Cut: this text has" in ws[ref].comment.text
    assert [n.split(":")[0] for n in notes] == ["S!A1", "S!A4", "S!A5"]


def test_a_streamed_sheet_takes_no_openpyxl_rows() -> None:
    workbook = new_workbook("t", write_only=True)
    sheet = Sheet(workbook, "S")
    with pytest.raises(TypeError):
        sheet.ws.append(["x"])
