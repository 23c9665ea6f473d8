"""Files too big to commit, made at test time: 100,000 rows (read and planned; a limit
below that refuses them) and a zip bomb refused before anything is unpacked."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cs_planner.domain.imports.existing import Existing
from cs_planner.domain.imports.mapping import recognise
from cs_planner.domain.imports.preview import Source, build_preview
from cs_planner.domain.imports.reading import ImportProblem, decode, read_table, sniff_separator
from cs_planner.domain.imports.values import DateOrder, column_order, parse_date, parse_number

ROWS = 100_000


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "org.csv"
    lines = ["Employee ID,Name,Email,Manager ID,Department"]
    lines += [
        f"{i},Person {i},p{i}@big.example,{(i // 8 or 1) if i > 1 else ''},Dept {i % 40}"
        for i in range(1, ROWS + 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_hundred_thousand_rows_are_read_and_planned(big_file: Path) -> None:
    table = read_table(big_file)
    assert len(table.rows) == ROWS and table.rows[-1][0] == ROWS + 1
    plan = build_preview(
        Existing(), contacts=Source(table, recognise(table.headers)), default_account="Big"
    )
    assert len(plan.writes.new_people) == ROWS
    assert sum(1 for m in plan.writes.managers.values() if m) == ROWS - 1
    assert len(plan.writes.new_divisions) == 40


def test_a_row_limit_refuses_a_longer_file(big_file: Path) -> None:
    with pytest.raises(ImportProblem, match="more than 99,999 rows"):
        read_table(big_file, max_rows=99_999)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (40 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ImportProblem, match="zip bomb"):
        read_table(path)


def test_encodings_are_told_apart() -> None:
    assert decode("é".encode())[1] == "utf-8"
    assert decode("\ufeffé".encode())[1] == "utf-8-sig"
    assert decode("\ufeffé".encode("utf-16-le"))[1] == "utf-16"
    assert decode("é".encode("cp1252")) == ("é", "cp1252")


def test_separators_are_sniffed_outside_quotes() -> None:
    assert sniff_separator("a;b;c") == ";"
    assert sniff_separator("a\tb") == "\t"
    assert sniff_separator('"a;b;c",d') == ","
    assert sniff_separator("name") == ","


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1200000", 1_200_000),
        ("1,200,000.50", 1_200_000.5),
        ("1.200.000,50", 1_200_000.5),
        ("$1 200 000", 1_200_000),
        ("€ 950,5", 950.5),
        ("", None),
    ],
)
def test_numbers_as_crms_write_them(text: str, value: float | None) -> None:
    assert parse_number(text, "ARR") == value


@pytest.mark.parametrize("text", ["5k", "about 5000", "1.2.3,4,5", "n/a"])
def test_a_number_with_text_in_it_says_so(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text, "ARR")


@pytest.mark.parametrize(
    ("text", "order", "iso"),
    [
        ("2027-03-31", DateOrder.MONTH_FIRST, "2027-03-31"),
        ("2027-03-31T00:00:00", DateOrder.DAY_FIRST, "2027-03-31"),
        ("31.03.2027", DateOrder.DAY_FIRST, "2027-03-31"),
        ("31/03/2027", DateOrder.DAY_FIRST, "2027-03-31"),
        ("03/31/2027", DateOrder.MONTH_FIRST, "2027-03-31"),
        ("03/04/2027", DateOrder.DAY_FIRST, "2027-04-03"),
        ("03/04/2027", DateOrder.MONTH_FIRST, "2027-03-04"),
    ],
)
def test_dates_as_spreadsheets_write_them(text: str, order: DateOrder, iso: str) -> None:
    date = parse_date(text, "Renewal", order)
    assert date is not None and date.isoformat() == iso


def test_the_order_is_the_columns_not_guessed_per_cell() -> None:
    """03/31/2027 in a day-first column is not quietly read month first."""
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("03/31/2027", "Renewal", DateOrder.DAY_FIRST)


@pytest.mark.parametrize(
    ("texts", "default", "order", "decided", "ambiguous"),
    [
        (["31/03/2027", "03/04/2027", ""], DateOrder.MONTH_FIRST, DateOrder.DAY_FIRST, 1, 0),
        (["03/31/2027", "03/04/2027"], DateOrder.DAY_FIRST, DateOrder.MONTH_FIRST, 1, 0),
        (["03/04/2027", "05.06.2027"], DateOrder.MONTH_FIRST, DateOrder.MONTH_FIRST, 0, 0),
        (
            ["31/03/2027", "30/03/2027", "03/31/2027"],
            DateOrder.MONTH_FIRST,
            DateOrder.DAY_FIRST,
            1,
            1,
        ),
        (["31/03/2027", "03/31/2027"], DateOrder.MONTH_FIRST, DateOrder.MONTH_FIRST, 1, 1),
        (["2027-03-31", "2027-04-03"], DateOrder.DAY_FIRST, DateOrder.DAY_FIRST, 0, 0),
    ],
)
def test_a_columns_order_is_decided_from_all_its_values(
    texts: list[str], default: DateOrder, order: DateOrder, decided: int, ambiguous: int
) -> None:
    found = column_order(texts, default)
    assert (found.order, found.decided, found.ambiguous) == (order, bool(decided), bool(ambiguous))
    assert found.slashed is any("/" in t or "." in t for t in texts)


@pytest.mark.parametrize("text", ["next spring", "2027-02-30", "31.13.2027"])
def test_a_date_that_is_not_a_date_says_so(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text, "Renewal")
