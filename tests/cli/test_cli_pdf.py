"""`cs-planner export PORTFOLIO --account NAME -o plan.pdf`, run as a user would on a
machine without a screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

EXE = Path(sys.executable).with_name("cs-planner")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    # No display and no platform chosen: the export must still work (offscreen).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, timeout=300)


def test_export_a_plan_as_pdf_without_a_screen(tmp_path: Path) -> None:
    demo = tmp_path / "demo.csplan"
    assert cli("demo", str(demo), "--accounts", "3").returncode == 0
    name = cli("accounts", str(demo)).stdout.splitlines()[1].split("\t")[0]
    out = tmp_path / "plan.pdf"
    result = cli("export", str(demo), "--account", name, "-o", str(out), "--paper", "a4")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out}"
    reader = PdfReader(out)
    assert len(reader.pages) >= 6
    first = reader.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)
    assert name.split()[0] in first.extract_text()
    # Without --paper the portfolio's setting chooses.
    from cs_planner.domain.enums import PaperSize
    from cs_planner.domain.model import Settings
    from cs_planner.storage import open_portfolio

    portfolio = open_portfolio(demo)
    with portfolio.session() as session:
        session.get(Settings, 1).paper_size = PaperSize.LETTER
    portfolio.close()
    letter = tmp_path / "letter.pdf"
    assert cli("export", str(demo), "--account", name, "-o", str(letter)).returncode == 0
    size = PdfReader(letter).pages[0].mediabox
    assert (round(float(size.width)), round(float(size.height))) == (612, 792)
    # The workbook is still what .xlsx gives.
    xlsx = tmp_path / "plan.xlsx"
    assert cli("export", str(demo), "--account", name, "-o", str(xlsx)).returncode == 0
    assert xlsx.read_bytes()[:2] == b"PK"


def test_pdf_mistakes_are_one_line(tmp_path: Path) -> None:
    demo = tmp_path / "demo.csplan"
    assert cli("demo", str(demo), "--accounts", "2").returncode == 0
    name = cli("accounts", str(demo)).stdout.splitlines()[1].split("\t")[0]
    cases = [
        (["--csa", "-o", str(tmp_path / "c.pdf")], "Only an account plan"),
        (["--account", name, "-o", str(tmp_path / "p.xlsx"), "--paper", "a4"], "--paper"),
        (["--account", name, "-o", str(tmp_path / "no" / "p.pdf")], "does not exist"),
        (["--account", "Nobody", "-o", str(tmp_path / "p.pdf")], "Nobody"),
    ]
    for args, said in cases:
        result = cli("export", str(demo), *args)
        assert result.returncode == 1, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and said in lines[0], lines
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.csplan"]
