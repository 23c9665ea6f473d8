"""Day-first or month-first dates, decided per column from all its values, else by the
mapping's date_order; said in the preview's notes. Through the domain, the mapping's TOML
and the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.existing import Existing
from cs_planner.domain.imports.mapping import Mapping, recognise
from cs_planner.domain.imports.preview import Source, build_preview
from cs_planner.domain.imports.reading import read_table
from cs_planner.domain.imports.rows import Status
from cs_planner.domain.imports.values import DateOrder
from cs_planner.domain.model import Account
from cs_planner.storage import open_portfolio
from tests.cli.test_cli import cli
from tests.imports.helpers import write

UNDECIDED = "Account Name,Renewal Date\nAcme,03/04/2027\nGlobex,05/06/2027\n"
MIXED = "Account Name,Renewal Date\nAcme,31/03/2027\nGlobex,30/04/2027\nInitech,03/31/2027\n"


def _preview(path: Path, order: DateOrder | None = None):  # type: ignore[no-untyped-def]
    table = read_table(path)
    mapping = recognise(table.headers)
    if order is not None:
        mapping.date_order = order
    return build_preview(Existing(), accounts=Source(table, mapping))


def _renewals(preview) -> dict[str, dt.date | None]:  # type: ignore[no-untyped-def]
    return {f["name"]: f.get("renewal_date") for f in preview.writes.new_accounts.values()}


@pytest.mark.parametrize(
    ("order", "acme", "note"),
    [
        (None, dt.date(2027, 4, 3), "read as 3 April 2026 (day first)"),
        (DateOrder.DAY_FIRST, dt.date(2027, 4, 3), "read as 3 April 2026 (day first)"),
        (DateOrder.MONTH_FIRST, dt.date(2027, 3, 4), "read as 4 March 2026 (month first)"),
    ],
)
def test_a_column_no_value_decides_reads_in_the_mappings_order_and_says_so(
    tmp_path: Path, order: DateOrder | None, acme: dt.date, note: str
) -> None:
    preview = _preview(write(tmp_path, "a.csv", UNDECIDED), order)
    assert _renewals(preview)["Acme"] == acme
    assert [n for n in preview.notes if "03/04/2026" in n] == [
        f"Dates such as 03/04/2026 {note}; change it in the mapping."
    ]


@pytest.mark.parametrize("order", list(DateOrder))
def test_a_value_that_decides_wins_over_the_mapping(tmp_path: Path, order: DateOrder) -> None:
    day = _preview(write(tmp_path, "d.csv", UNDECIDED + "Initech,31/12/2027\n"), order)
    assert _renewals(day)["Acme"] == dt.date(2027, 4, 3)
    month = _preview(write(tmp_path, "m.csv", UNDECIDED + "Initech,12/31/2027\n"), order)
    assert _renewals(month)["Acme"] == dt.date(2027, 3, 4)
    assert not any("03/04/2026" in n for n in (*day.notes, *month.notes))


def test_a_mixed_column_follows_the_majority_and_the_others_get_a_reason(
    tmp_path: Path,
) -> None:
    preview = _preview(write(tmp_path, "mixed.csv", MIXED), DateOrder.MONTH_FIRST)
    assert _renewals(preview) == {
        "Acme": dt.date(2027, 3, 31),
        "Globex": dt.date(2027, 4, 30),
        "Initech": None,  # imported, its date left out
    }
    initech = next(r for r in preview.accounts if r.name == "Initech")
    assert initech.status is Status.CREATE
    assert initech.reasons == [
        "the renewal date '03/31/2027' can only be read month first, but this column's dates "
        "read day first; it is left out (fix it here)"
    ]
    assert any("written both day first and month first" in n for n in preview.notes)
    # Fixed in the preview, the reason and the note go.
    preview.fix(initech, "renewal_date", "2027-03-31")
    assert initech.reasons == []
    assert _renewals(preview)["Initech"] == dt.date(2027, 3, 31)
    assert not any("both day first" in n for n in preview.notes)


def test_the_mapping_keeps_its_date_order_in_toml() -> None:
    mapping = recognise(("Account Name", "Renewal Date"))
    assert mapping.date_order is DateOrder.DAY_FIRST
    mapping.date_order = DateOrder.MONTH_FIRST
    text = mapping.to_toml()
    assert 'date_order = "month first"' in text
    assert Mapping.from_toml(text).date_order is DateOrder.MONTH_FIRST
    old = 'kind = "accounts"\n[fields]\nname = { column = "Account Name" }\n'
    assert Mapping.from_toml(old).date_order is DateOrder.DAY_FIRST  # remembered before
    with pytest.raises(ValidationError, match='write "day first" or "month first"'):
        Mapping.from_toml('kind = "accounts"\ndate_order = "yank"\n[fields]\n', "m.toml")


def test_the_command_line_reads_date_order_from_mapping_toml(tmp_path: Path) -> None:
    path = tmp_path / "p.csplan"
    assert cli("demo", str(path), "--accounts", "1").returncode == 0
    accounts = write(tmp_path, "a.csv", "Name,Renewal\nUS Corp,03/04/2027\n")
    mapping = write(
        tmp_path,
        "m.toml",
        'kind = "accounts"\ndate_order = "month first"\n[fields]\n'
        'name = { column = "Name" }\nrenewal_date = { column = "Renewal" }\n',
    )
    result = cli("import", str(path), str(accounts), "--mapping", str(mapping))
    assert result.returncode == 0, result.stderr
    assert "read as 4 March 2026 (month first)" in result.stdout
    portfolio = open_portfolio(path, create=False, mode="read")
    try:
        with portfolio.read() as session:
            renewal = session.scalar(select(Account.renewal_date).where(Account.name == "US Corp"))
    finally:
        portfolio.close()
    assert renewal == dt.date(2027, 3, 4)
