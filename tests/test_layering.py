"""The floors, read from the source of every module (statically, so a module no test
imports is checked too): the core never loads Qt, loads matplotlib only inside the
function that draws, and never imports a floor above its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cs_planner"

# Lower floors never import higher ones. `palette` sits with the domain (its colours are
# keyed by domain enums); reports and the demo both build on storage; the top floor is the
# window and the command line.
FLOORS = {
    "": 0,  # cs_planner/__init__.py: the app's name and suffix
    "paths": 0,
    "private_files": 0,
    "domain": 1,
    "palette": 1,
    "storage": 2,
    "reports": 3,
    "demo": 3,
    "cli": 4,
    "cli_import": 4,
    "cli_copy": 4,
    "app": 4,
    "smoke": 4,
    "ui": 4,
    "__main__": 4,
}
CORE_FLOOR = 3  # everything at or below runs without a display
NEVER_IN_CORE = ("PySide6", "shiboken6")
NOT_AT_IMPORT = ("matplotlib", "alembic", "PIL")
# Alembic is the migration machinery itself there.
ALEMBIC_HOMES = ("cs_planner.storage.migrate", "cs_planner.storage.migrations")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor_of(module: str) -> int:
    parts = module.split(".")
    room = parts[1] if len(parts) > 1 else ""
    assert room in FLOORS, f"{module}: a new top-level module needs a floor in FLOORS"
    return FLOORS[room]


def imports(tree: ast.Module) -> Iterator[tuple[str, int, bool]]:
    """(imported module, line, runs at import time) for every import statement."""

    def walk(node: ast.AST, at_import: bool) -> Iterator[tuple[str, int, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, child.lineno, at_import
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                yield child.module, child.lineno, at_import
                for alias in child.names:  # `from cs_planner import ui` names a floor too
                    if child.module == "cs_planner" and _is_module(alias.name):
                        yield f"cs_planner.{alias.name}", child.lineno, at_import
            elif isinstance(child, ast.If) and _type_checking(child.test):
                yield from walk(ast.Module(body=child.orelse, type_ignores=[]), at_import)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                yield from walk(child, False)
            else:
                yield from walk(child, at_import)

    yield from walk(tree, True)


def _is_module(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def problems() -> Iterator[str]:
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        floor = floor_of(module)
        for imported, line, at_import in imports(ast.parse(path.read_text(), str(path))):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            top = imported.split(".")[0]
            if floor <= CORE_FLOOR and top in NEVER_IN_CORE:
                yield f"{where}: the core imports {imported}"
            if (
                floor <= CORE_FLOOR
                and at_import
                and top in NOT_AT_IMPORT
                and not module.startswith(ALEMBIC_HOMES)
            ):
                yield f"{where}: {imported} at import time (import it inside the function)"
            if top == "cs_planner" and imported != "cs_planner" and floor_of(imported) > floor:
                yield f"{where}: {module} (floor {floor}) imports {imported} from above"


def test_every_module_keeps_to_its_floor() -> None:
    found = list(problems())
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from PySide6.QtCore import Qt\n", "the core imports PySide6.QtCore"),
        ("import matplotlib.pyplot\n", "matplotlib.pyplot at import time"),
        ("from cs_planner.ui.common import theme\n", "imports cs_planner.ui.common from above"),
        ("from cs_planner import ui\n", "imports cs_planner.ui from above"),
    ],
)
def test_the_scan_catches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, expected: str
) -> None:
    """The scan itself: a bad import planted in a copy of the domain is reported."""
    fake = tmp_path / "cs_planner"
    (fake / "domain").mkdir(parents=True)
    (fake / "ui").mkdir()
    (fake / "ui" / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "domain" / "__init__.py").write_text("")
    (fake / "domain" / "planted.py").write_text(source)
    (fake / "domain" / "lazy.py").write_text("def draw():\n    import matplotlib\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    found = list(problems())
    assert len(found) == 1 and expected in found[0], found


def test_core_loads_without_qt_or_matplotlib() -> None:
    """And at run time: importing every core package pulls in neither."""
    code = (
        "import sys, pkgutil, importlib, cs_planner\n"
        "for room in ('domain', 'storage', 'reports', 'demo'):\n"
        "    package = importlib.import_module('cs_planner.' + room)\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        if not info.name.startswith('cs_planner.storage.migrat'):\n"
        "            importlib.import_module(info.name)\n"
        "import cs_planner.cli\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "assert not loaded, loaded\n"
        "heavy = sorted(m for m in ('matplotlib', 'alembic') if m in sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
