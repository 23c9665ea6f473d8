"""The writing rules of cs_planner.reports.excel, checked by reading the saved file back."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.enums import LifecycleStage, MotionOwner
from cs_planner.reports import ReportError
from cs_planner.reports.excel import (
    MAX_WIDTH,
    Align,
    Column,
    Entry,
    Formula,
    Kind,
    money_format,
    write_cell,
)
from cs_planner.reports.layout import table, write_entries
from cs_planner.reports.workbooks import add_sheet, new_workbook, save_atomically

# Text that a spreadsheet would run as a formula (or turn into one on edit or CSV export).
INJECTIONS = [
    '=HYPERLINK("http://x","y")',
    "=1+1",
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\tx",
    "\nx",
    " =1+1",
]


def roundtrip(tmp_path: Path, fill: Any) -> Worksheet:
    """Build a one-sheet workbook with ``fill(ws)``, save it and load it again."""
    workbook = new_workbook("Test")
    fill(add_sheet(workbook, "Data"))
    path = save_atomically(workbook, tmp_path / "out.xlsx")
    return load_workbook(path)["Data"]


def one_cell(tmp_path: Path, value: Any, **options: Any) -> Any:
    return roundtrip(tmp_path, lambda ws: write_cell(ws, 1, 1, value, **options))["A1"]


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


# --- text and formulas --------------------------------------------------------------------


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_like_text_stays_exactly_that_text(tmp_path: Path, text: str) -> None:
    cell = one_cell(tmp_path, text)
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix  # Excel keeps it text even when the cell is edited
    assert "<f>" not in sheet_xml(tmp_path / "out.xlsx")


def test_carriage_return_becomes_a_line_feed_and_stays_text(tmp_path: Path) -> None:
    # XML cannot carry a raw CR (parsers turn it into LF), so it is normalised on writing.
    cell = one_cell(tmp_path, "\rx\r\ny")
    assert cell.value == "\nx\ny"
    assert cell.data_type == "s"


@pytest.mark.parametrize("text", ["#N/A", "#DIV/0!", "TRUE", "1e5", "0012"])
def test_text_that_looks_like_another_type_stays_text(tmp_path: Path, text: str) -> None:
    cell = one_cell(tmp_path, text)
    assert (cell.value, cell.data_type) == (text, "s")


def test_ordinary_text_gets_no_quote_prefix(tmp_path: Path) -> None:
    cell = one_cell(tmp_path, "Acme Corp")
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("Acme Corp", "s", False)


def test_cells_sharing_a_style_share_nothing_else(tmp_path: Path) -> None:
    """A style is made once and copied, so a formula-like text's quote prefix (or a
    cell styled before) must not travel to the next cell of the same style."""

    def fill(ws: Worksheet) -> None:
        write_cell(ws, 1, 1, "=1+1", bold=True, align=Align("center"))
        write_cell(ws, 2, 1, "Acme Corp", bold=True, align=Align("center"))
        ws.cell(3, 1).font = Font(italic=True, color="FF0000")
        write_cell(ws, 3, 1, "Red", bold=True, align=Align("center"))
        write_cell(ws, 4, 1, "Plain", bold=True, align=Align("center"))

    ws = roundtrip(tmp_path, fill)
    first, plain, styled, last = (ws.cell(r, 1) for r in range(1, 5))
    assert first.quotePrefix and not plain.quotePrefix and not last.quotePrefix
    assert all(c.font.b and c.alignment.horizontal == "center" for c in (first, plain, last))
    assert not last.font.i and styled.font.b  # the write set bold over the earlier font
    assert not plain.font.i


def test_control_characters_illegal_in_xml_are_removed(tmp_path: Path) -> None:
    cell = one_cell(tmp_path, "a\x00b\x07c\x0bd\x1fe\ufffff\tg")
    assert cell.value == "abcdef\tg"


def test_only_the_explicit_formula_path_writes_formulas(tmp_path: Path) -> None:
    def fill(ws: Worksheet) -> None:
        write_cell(ws, 1, 1, 2)
        write_cell(ws, 2, 1, 3)
        write_cell(ws, 3, 1, Formula("SUM(A1:A2)"), kind=Kind.MONEY, currency="USD")
        write_cell(ws, 4, 1, Formula("=A1*2"))
        write_cell(ws, 5, 1, "=A1*2")

    ws = roundtrip(tmp_path, fill)
    assert (ws["A3"].value, ws["A3"].data_type) == ("=SUM(A1:A2)", "f")
    assert ws["A3"].number_format == '"$"#,##0'
    assert (ws["A4"].value, ws["A4"].data_type) == ("=A1*2", "f")
    assert (ws["A5"].value, ws["A5"].data_type) == ("=A1*2", "s")
    assert sheet_xml(tmp_path / "out.xlsx").count("<f>") == 2


def test_a_formula_refuses_control_characters() -> None:
    with pytest.raises(ValueError, match="control characters"):
        Formula("SUM(A1)\x00")


# --- values and number formats ------------------------------------------------------------


def test_a_date_is_a_real_date(tmp_path: Path) -> None:
    cell = one_cell(tmp_path, dt.date(2026, 12, 31))
    assert cell.is_date
    assert cell.value == dt.datetime(2026, 12, 31)
    assert cell.number_format == "yyyy-mm-dd"


def test_a_datetime_keeps_its_time(tmp_path: Path) -> None:
    cell = one_cell(tmp_path, dt.datetime(2026, 12, 31, 9, 30))
    assert cell.value == dt.datetime(2026, 12, 31, 9, 30)
    assert cell.number_format == "yyyy-mm-dd hh:mm"


def test_an_aware_datetime_is_written_in_local_time(tmp_path: Path) -> None:
    moment = dt.datetime(2026, 12, 31, 9, 30, tzinfo=dt.UTC)
    cell = one_cell(tmp_path, moment)
    assert cell.value == moment.astimezone().replace(tzinfo=None)


@pytest.mark.parametrize(
    ("value", "kind", "expected", "number_format"),
    [
        (1234.5, Kind.MONEY, 1234.5, '"€"#,##0'),
        (0.853, Kind.PERCENT, 0.853, "0%"),
        (0.853, Kind.PERCENT_1, 0.853, "0.0%"),
        (25.0, Kind.MULTIPLE, 25, '0.0"x"'),
        (1200, Kind.INT, 1200, "#,##0"),
        (Decimal("12.5"), Kind.NUMBER, 12.5, "#,##0.00"),
        (1200.0, Kind.NUMBER, 1200, "#,##0"),  # a whole number shows no decimals
        (4.3, Kind.YEARS, 4.3, "0.0"),
        (7, None, 7, "General"),
    ],
)
def test_numbers_get_the_format_of_their_kind(
    tmp_path: Path, value: Any, kind: Kind | None, expected: Any, number_format: str
) -> None:
    cell = one_cell(tmp_path, value, kind=kind, currency="EUR")
    assert cell.value == expected
    assert cell.data_type == "n"
    assert cell.number_format == number_format


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        (True, "Yes"),
        (False, "No"),
        (LifecycleStage.EXPAND, "Expand"),
        (MotionOwner.SELF_SERVICE, "Self-service"),
        (float("nan"), None),
        (float("inf"), None),
    ],
)
def test_other_values_are_written_readably(tmp_path: Path, value: Any, expected: Any) -> None:
    assert one_cell(tmp_path, value).value == expected


@pytest.mark.parametrize(
    ("currency", "expected"),
    [
        ("USD", '"$"#,##0'),
        ("EUR", '"€"#,##0'),
        ("GBP", '"£"#,##0'),
        ("JPY", '"¥"#,##0'),
        ("CHF", '"CHF "#,##0'),
        ("CAD", '"CA$"#,##0'),
        ("AUD", '"A$"#,##0'),
        ("SEK", '#,##0 "SEK"'),
        ("sek", '#,##0 "SEK"'),
        ('"X', '#,##0 "X"'),
    ],
)
def test_money_format_follows_the_currency(currency: str, expected: str) -> None:
    assert money_format(currency) == expected


def test_money_without_a_currency_is_a_programming_error() -> None:
    ws = Workbook().active
    with pytest.raises(ValueError, match="currency"):
        write_cell(ws, 1, 1, 100.0, kind=Kind.MONEY)


# --- tables -------------------------------------------------------------------------------

COLUMNS = [
    Column("Name"),
    Column("Since", Kind.DATE),
    Column("ARR", Kind.MONEY),
    Column("Utilization", Kind.PERCENT),
]


def test_table_has_a_bold_frozen_filtered_header(tmp_path: Path) -> None:
    rows = [
        ("Acme", dt.date(2022, 1, 1), 250_000.0, 0.85),
        ("=evil()", None, 0.0, None),
        ("x" * 200, dt.date(2023, 6, 1), 1.0, 1.2),
    ]

    def fill(ws: Worksheet) -> None:
        write_cell(ws, 1, 1, "Accounts", bold=True)
        assert table(ws, 3, COLUMNS, rows, currency="USD") == 7

    ws = roundtrip(tmp_path, fill)
    headers = ws[3]
    assert [c.value for c in headers] == ["Name", "Since", "ARR", "Utilization"]
    assert all(c.font.bold for c in headers)
    assert all(c.fill.fgColor.rgb.endswith("DDEBF7") for c in headers)
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:D6"
    assert ws["A5"].value == "=evil()" and ws["A5"].data_type == "s"
    assert ws["B4"].is_date
    assert ws["C4"].number_format == '"$"#,##0'
    assert ws["D6"].number_format == "0%"
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABCD"}
    assert widths["A"] == MAX_WIDTH  # capped, not 200 wide
    assert all(8 <= w <= MAX_WIDTH for w in widths.values())
    assert widths["D"] >= len("Utilization")


def test_small_table_can_skip_freeze_and_filter() -> None:
    ws = Workbook().active
    table(ws, 5, [Column("Region")], [("EMEA",)], freeze=False, autofilter=False)
    assert ws.freeze_panes is None
    assert not ws.auto_filter.ref
    assert ws["A5"].font.bold


def test_an_empty_table_is_just_its_header() -> None:
    ws = Workbook().active
    assert table(ws, 1, COLUMNS, [], currency="USD") == 2
    assert ws.auto_filter.ref == "A1:D1"


def test_a_sheet_has_one_autofilter() -> None:
    ws = Workbook().active
    table(ws, 1, [Column("A")], [("x",)])
    with pytest.raises(ValueError, match="already has an autofilter"):
        table(ws, 5, [Column("B")], [("y",)])


def test_a_row_must_match_the_columns() -> None:
    ws = Workbook().active
    with pytest.raises(ValueError, match="Row 1 has 1 values, not 2"):
        table(ws, 1, [Column("A"), Column("B")], [("only one",)])


def test_a_fixed_column_width_wins() -> None:
    ws = Workbook().active
    table(ws, 1, [Column("Notes", width=40, wrap=True)], [("a long note " * 20,)])
    assert ws.column_dimensions["A"].width == 40
    assert ws["A2"].alignment.wrap_text


# --- workbooks and saving -----------------------------------------------------------------


def test_new_workbook_has_properties_and_no_default_sheet(tmp_path: Path) -> None:
    workbook = new_workbook("Account plan - \x00Acme")
    assert workbook.worksheets == []
    add_sheet(workbook, "Summary")
    path = save_atomically(workbook, tmp_path / "out.xlsx")
    loaded = load_workbook(path)
    assert loaded.sheetnames == ["Summary"]
    assert loaded.properties.creator == "cs_planner"
    assert loaded.properties.title == "Account plan - Acme"
    assert loaded["Summary"].page_setup.orientation == "landscape"


def test_a_workbook_without_sheets_is_not_saved(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one sheet"):
        save_atomically(new_workbook("Empty"), tmp_path / "out.xlsx")
    assert list(tmp_path.iterdir()) == []


def _workbook_saying(text: str) -> Workbook:
    workbook = new_workbook("Test")
    write_cell(add_sheet(workbook, "Data"), 1, 1, text)
    return workbook


def test_saving_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    save_atomically(_workbook_saying("old"), path)
    save_atomically(_workbook_saying("new"), path)
    assert load_workbook(path)["Data"]["A1"].value == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), RuntimeError("bug")])
def test_a_failed_save_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    path = tmp_path / "plan.xlsx"
    save_atomically(_workbook_saying("old"), path)
    before = path.read_bytes()
    workbook = _workbook_saying("new")

    def half_written(target: Any) -> None:
        target.write(b"PK\x03\x04 half a zip")
        raise error

    monkeypatch.setattr(workbook, "save", half_written)
    expected = ReportError if isinstance(error, OSError) else RuntimeError
    with pytest.raises(expected) as caught:
        save_atomically(workbook, path)
    if expected is ReportError:
        assert "No space left on device" in str(caught.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


def test_a_failed_rename_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ReportError, match="close it there"):
        save_atomically(_workbook_saying("x"), tmp_path / "plan.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder"
    with pytest.raises(ReportError, match="does not exist"):
        save_atomically(_workbook_saying("x"), missing / "plan.xlsx")
    assert not missing.exists()


def test_a_file_where_the_folder_should_be_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(ReportError, match="is not a folder"):
        save_atomically(_workbook_saying("x"), tmp_path / "file" / "plan.xlsx")


def test_a_folder_at_the_destination_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "plan.xlsx").mkdir()
    with pytest.raises(ReportError, match="is a folder"):
        save_atomically(_workbook_saying("x"), tmp_path / "plan.xlsx")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_replacing_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    save_atomically(_workbook_saying("old"), path)
    assert path.stat().st_mode & 0o777 == 0o600  # a new report is private, like the portfolio
    path.chmod(0o644)
    save_atomically(_workbook_saying("new"), path)
    assert path.stat().st_mode & 0o777 == 0o644


def test_importing_the_reports_package_stays_light() -> None:
    code = (
        "import sys, cs_planner.reports; "
        "print('openpyxl' in sys.modules, any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_picture_drawn_without_a_display_lands_on_the_sheet(tmp_path) -> None:
    import io

    from openpyxl import load_workbook

    from cs_planner.reports.figures import render_png
    from cs_planner.reports.workbooks import add_picture, add_sheet, new_workbook, save_atomically

    def draw(figure) -> None:
        figure.add_subplot().plot([1, 2, 3], [1, 4, 9])

    png = render_png(draw, width=4, height=3, dpi=50)
    assert png.startswith(b"\x89PNG")
    workbook = new_workbook("Pictures")
    ws = add_sheet(workbook, "Chart")
    add_picture(ws, png, "B2", width=100)
    path = save_atomically(workbook, tmp_path / "p.xlsx")
    images = load_workbook(path)["Chart"]._images
    assert len(images) == 1
    assert (images[0].anchor._from.col, images[0].anchor._from.row) == (1, 1)  # B2
    assert io.BytesIO(images[0]._data()).read(4) == b"\x89PNG"


def test_wrapped_text_gets_rows_tall_enough_to_show_it(tmp_path: Path) -> None:
    long = "Manual proof of delivery and customs paperwork slow cross-border shipments " * 3

    def fill(ws: Worksheet) -> None:
        write_entries(
            ws, 1, [Entry("Short", "one line", wrap=True), Entry("Long", long, wrap=True)]
        )
        table(ws, 5, [Column("Note", width=20, wrap=True)], [["a few words"], [long]])

    ws = roundtrip(tmp_path, fill)
    assert ws.row_dimensions[1].height is None  # one line: left to the default
    assert ws.row_dimensions[2].height >= 30
    assert ws.row_dimensions[6].height is None
    assert ws.row_dimensions[7].height >= 15 * (len(long) // 22)
