"""PySide6's post-import hook answers from the namespace, without reading source files."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

from cs_planner.ui.common import import_scan


@pytest.fixture
def modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "scan_with_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "scan_without_qt.py").write_text("import json\nVALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in ("scan_with_qt", "scan_without_qt"):
        sys.modules.pop(name, None)


def test_modules_are_told_apart_without_reading_their_source(modules: Path) -> None:
    import PySide6.QtCore  # noqa: F401  (installs the hook)

    feature = sys.modules["shibokensupport.feature"]
    import_scan.skip_source_scan()
    assert feature._mod_uses_pyside is import_scan.uses_pyside
    linecache.clearcache()
    # The hook sits in builtins.__import__ (an import statement), not in importlib.
    with_qt = __import__("scan_with_qt")
    without_qt = __import__("scan_without_qt")
    assert import_scan.uses_pyside(with_qt)
    assert not import_scan.uses_pyside(without_qt)
    # PySide's own record: 0 for a module using it, -1 ("ignore") for the other.
    assert feature.pyside_feature_dict["scan_with_qt"] == 0
    assert feature.pyside_feature_dict["scan_without_qt"] == -1
    read = {str(Path(name).resolve()) for name in linecache.cache}
    assert str(modules / "scan_without_qt.py") not in read
    assert str(modules / "scan_with_qt.py") not in read
