"""`cs-planner export ... --customer-copy` (.xlsx and .pdf) and `--screenshot ...
--workshop`, run as a user would."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.workshop.private_values import private_values
from cs_planner.storage import open_portfolio
from tests.cli.test_cli_pdf import cli
from tests.ui.workshop.leaks import leaks, workbook_texts


def test_customer_copies_and_a_workshop_picture(tmp_path: Path) -> None:
    demo = tmp_path / "demo.csplan"
    assert cli("demo", str(demo), "--accounts", "3").returncode == 0
    name = cli("accounts", str(demo)).stdout.splitlines()[1].split("\t")[0]
    portfolio = open_portfolio(demo, mode="read")
    with portfolio.read() as session:
        secrets = private_values(session, find_account(session, name))
    portfolio.close()
    xlsx, pdf = tmp_path / "copy.xlsx", tmp_path / "copy.pdf"
    for out in (xlsx, pdf):
        result = cli("export", str(demo), "--account", name, "--customer-copy", "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"Wrote {out}"
    cells = workbook_texts(xlsx)
    assert cells and leaks(cells, secrets) == []
    assert leaks([p.extract_text() for p in PdfReader(pdf).pages], secrets) == []
    picture = tmp_path / "workshop.png"
    result = cli(
        str(demo), "--screenshot", str(picture), "--account", name, "--tab", "Relationships",
        "--size", "1366x768", "--workshop",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert picture.read_bytes()[:4] == b"\x89PNG"


def test_customer_copy_goes_with_an_account(tmp_path: Path) -> None:
    demo = tmp_path / "demo.csplan"
    assert cli("demo", str(demo), "--accounts", "2").returncode == 0
    result = cli("export", str(demo), "--csa", "--customer-copy", "-o", str(tmp_path / "x.xlsx"))
    assert result.returncode == 1
    assert "--customer-copy goes with an account plan" in result.stderr
    result = cli(str(demo), "--workshop")
    assert result.returncode == 1
    assert "go with --screenshot" in result.stderr
    result = cli(str(demo), "--screenshot", str(tmp_path / "x.png"), "--workshop")
    assert result.returncode == 1
    assert "--workshop shows one account" in result.stderr
