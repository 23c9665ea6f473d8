"""Reading a PDF back: its pages' text (pypdf) and, where pdftoppm is installed, its pages
as pictures."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """Each page's text with runs of white space made one space (Qt's PDF places words
    one by one, which pypdf reads back with tabs between them)."""
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(path).pages]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(path).pages]


def render_pages(path: Path, folder: Path, dpi: int = 30) -> list[Path]:
    """Every page as a PNG (pdftoppm, which must find nothing wrong); skips the test when
    pdftoppm is missing."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: pages not rendered")
    done = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(path), str(folder / "page")],
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    assert "Error" not in done.stderr, done.stderr  # poppler read every page cleanly
    return sorted(folder.glob("page-*.png"))
