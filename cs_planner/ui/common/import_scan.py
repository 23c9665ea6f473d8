"""Stop PySide6 reading the source of every module imported after it.

Importing PySide6 installs a hook that runs after every later import to learn whether the
new module opts into PySide's ``from __feature__ import ...`` (snake_case, true_property).
It decides by reading the module's whole source file (``inspect.getsource``) and keeps the
lines in ``linecache``: SQLAlchemy, matplotlib and our own modules imported after Qt cost
~35 MB of memory and a good part of their import time for nothing, since this app uses no
``__feature__``. The replacement answers the same question from the module's namespace
(does it hold anything of PySide6?), which needs no file read."""

from __future__ import annotations

import sys
from types import ModuleType

QT_PACKAGES = ("PySide6", "shiboken6")


def uses_pyside(module: ModuleType) -> bool:
    """True when the module's namespace holds a PySide6 module, class or function."""
    for value in list(vars(module).values()):
        origin = (
            value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", "")
        )
        if isinstance(origin, str) and origin.startswith(QT_PACKAGES):
            return True
    return False


def skip_source_scan() -> None:
    """Install ``uses_pyside`` in PySide6's hook; a PySide6 without the hook is left alone."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010  (a private name)
