"""``cs-planner import`` run in a subprocess as a user would: the preview and report, a
dry run that leaves the folder byte for byte as it was, a backup before writing, --account,
--mapping, and one line for a failure."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cs_planner.storage import open_portfolio
from tests.cli.test_cli import assert_user_error, cli
from tests.imports.helpers import org, write

HR = """Employee ID,First Name,Last Name,Job Title,Manager ID
1,Ann,Top,CEO,
2,Bob,Mid,VP Sales,1
3,Cat,Low,Engineer,7
"""


def _folder(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in path.iterdir()}


@pytest.fixture
def portfolio_file(tmp_path: Path) -> Path:
    path = tmp_path / "book" / "p.csplan"
    path.parent.mkdir()
    result = cli("demo", str(path), "--accounts", "2")
    assert result.returncode == 0, result.stderr
    return path


def test_dry_run_prints_the_preview_and_changes_nothing(
    portfolio_file: Path, tmp_path: Path
) -> None:
    hr = write(tmp_path, "hr.csv", HR)
    before = _folder(portfolio_file.parent)
    result = cli("import", str(portfolio_file), str(hr), "--account", "Umbrella", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Accounts: 1 to create" in result.stdout
    assert "People: 3 to create, 0 to update, 0 unchanged, 0 skipped" in result.stdout
    assert "hr.csv row 4, Cat Low: create: reports-to '7' not found" in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    assert _folder(portfolio_file.parent) == before


def test_import_backs_up_writes_and_a_second_run_changes_nothing(
    portfolio_file: Path, tmp_path: Path
) -> None:
    hr = write(tmp_path, "hr.csv", HR)
    result = cli("import", str(portfolio_file), str(hr), "--account", "Umbrella")
    assert result.returncode == 0, result.stderr
    assert "Imported." in result.stdout
    assert list(portfolio_file.parent.glob("p.csplan.*.import.bak"))
    portfolio = open_portfolio(portfolio_file, create=False, mode="read")
    try:
        assert org(portfolio, "Umbrella") == {
            "Ann Top": None,
            "Bob Mid": "Ann Top",
            "Cat Low": None,
        }
    finally:
        portfolio.close()
    again = cli("import", str(portfolio_file), str(hr), "--account", "Umbrella")
    assert again.returncode == 0, again.stderr
    assert "People: 0 to create, 0 to update, 3 unchanged" in again.stdout
    assert "Nothing to change" in again.stdout


def test_a_mapping_file_maps_odd_headers_and_is_remembered(
    portfolio_file: Path, tmp_path: Path
) -> None:
    odd = write(tmp_path, "odd.csv", "Naam,Functie,Klant\nAda Brennan,CEO,Nieuw BV\n")
    assert_user_error(cli("import", str(portfolio_file), str(odd)), "no column was recognised")
    mapping = write(
        tmp_path,
        "m.toml",
        'kind = "contacts"\n[fields]\nfull_name = { column = "Naam" }\n'
        'title = { column = "Functie" }\naccount = { column = "Klant" }\n',
    )
    result = cli("import", str(portfolio_file), str(odd), "--mapping", str(mapping))
    assert result.returncode == 0, result.stderr
    assert "People: 1 to create" in result.stdout
    # Remembered for these headers: the next file like it needs no --mapping.
    again = cli("import", str(portfolio_file), str(odd), "--dry-run")
    assert again.returncode == 0, again.stderr
    assert "People: 0 to create, 0 to update, 1 unchanged" in again.stdout
    saved = tmp_path / "saved.toml"
    cli("import", str(portfolio_file), str(odd), "--dry-run", "--save-mapping", str(saved))
    assert 'full_name = { column = "Naam" }' in saved.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "hr.csv: the file is empty."),
        ("Name,Title\n", "hr.csv: the file has a header row but no data rows."),
        ("Name,Name\nA,B\n", "hr.csv, row 1: the column 'Name' appears twice"),
    ],
)
def test_a_failure_is_one_line_and_changes_nothing(
    portfolio_file: Path, tmp_path: Path, content: str, message: str
) -> None:
    bad = write(tmp_path, "hr.csv", content)
    before = _folder(portfolio_file.parent)
    assert_user_error(cli("import", str(portfolio_file), str(bad)), message)
    assert _folder(portfolio_file.parent) == before


def test_a_missing_portfolio_or_mapping_is_one_line(portfolio_file: Path, tmp_path: Path) -> None:
    hr = write(tmp_path, "hr.csv", HR)
    assert_user_error(cli("import", str(tmp_path / "none.csplan"), str(hr)), "none.csplan")
    assert not (tmp_path / "none.csplan").exists()
    assert_user_error(
        cli("import", str(portfolio_file), str(hr), "--mapping", str(tmp_path / "no.toml")),
        "no.toml could not be read",
    )


def test_accounts_with_a_contacts_file(portfolio_file: Path, tmp_path: Path) -> None:
    from tests.imports.test_reimport import SF_ACCOUNTS, SF_CONTACTS

    accounts = write(tmp_path, "accounts.csv", SF_ACCOUNTS)
    contacts = write(tmp_path, "contacts.csv", SF_CONTACTS)
    result = cli("import", str(portfolio_file), str(accounts), "--contacts", str(contacts))
    assert result.returncode == 0, result.stderr
    assert "Accounts: 2 to create" in result.stdout
    assert "People: 4 to create" in result.stdout
    assert "Reporting lines to set: 2" in result.stdout
    assert "Zoe Adams: create: manager '003A' is in another account" in result.stdout


def test_a_reader_that_goes_away_is_no_error(portfolio_file: Path, tmp_path: Path) -> None:
    """``cs-planner import ... | head``: the pipe closes before the preview is printed."""
    import os
    import subprocess

    from tests.cli.test_cli import EXE

    hr = write(tmp_path, "hr.csv", HR)
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE, as after head has quit
    try:
        result = subprocess.run(
            [str(EXE), "import", str(portfolio_file), str(hr), "--account", "Umbrella"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    finally:
        os.close(write_end)
    assert result.returncode == 0
    assert result.stderr == ""
    # The import did not depend on its output being read.
    portfolio = open_portfolio(portfolio_file, create=False, mode="read")
    try:
        assert set(org(portfolio, "Umbrella")) == {"Ann Top", "Bob Mid", "Cat Low"}
    finally:
        portfolio.close()
