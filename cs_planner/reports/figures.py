"""Pictures for workbooks, drawn with matplotlib's Agg backend: no display and no Qt, so
``cs-planner export`` works on a server. Never pyplot: a Figure per picture.

A picture is drawn once per data version: the PNG is kept in the user's cache folder under
a digest of what it shows (the data, the size, the drawing code), so exporting an
unchanged account again neither imports matplotlib nor draws (about 1 s of a 1.3 s
export). The folder is private (0700): the pictures show customer names."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import importlib.util
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cs_planner import APP_NAME, __version__
from cs_planner.private_files import make_private_folder, write_private

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PACKAGE = Path(__file__).resolve().parent.parent
KEEP_PICTURES = 200  # the newest pictures kept; older ones are removed when one is added


def render_png(
    draw: Callable[[Figure], None],
    *,
    width: float = 10.0,
    height: float = 6.0,
    dpi: int = 110,
    shows: object = None,
) -> bytes:
    """Call ``draw(figure)`` on a fresh figure (inches) and return it as PNG bytes.

    ``shows``: everything the picture is drawn from (rows, dataclasses, plain values). When
    given, a picture drawn before from equal data is taken from the cache instead."""
    path = _cached_path(draw, shows, (width, height, dpi)) if shows is not None else None
    if path is not None:
        try:
            return path.read_bytes()
        except OSError:
            pass  # not drawn yet, or unreadable: draw it
    png = _draw_png(draw, width, height, dpi)
    if path is not None:
        _keep(path, png)
    return png


def _draw_png(draw: Callable[[Figure], None], width: float, height: float, dpi: int) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    draw(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


# --- the cache -------------------------------------------------------------------------------


def cache_folder() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "pictures"


def _cached_path(draw: Callable[[Figure], None], shows: object, size: tuple[float, ...]) -> Path:
    digest = hashlib.sha256()
    for part in (_code_stamp(), draw.__code__.co_filename, draw.__qualname__, size):
        digest.update(repr(part).encode("utf-8"))
    digest.update(canonical(shows).encode("utf-8"))
    return cache_folder() / f"{digest.hexdigest()[:40]}.png"


@functools.cache
def _code_stamp() -> str:
    """What the drawing code is: the app's version and every module's size and time (a
    changed drawing function, palette or layout draws again), and matplotlib's."""
    parts = [__version__]
    modules = []
    for folder, folders, files in os.walk(PACKAGE):  # quicker than Path.rglob
        folders[:] = [f for f in folders if f != "__pycache__"]
        for name in files:
            if name.endswith(".py"):
                stat = os.stat(os.path.join(folder, name))
                shown = os.path.relpath(os.path.join(folder, name), PACKAGE)
                modules.append(f"{Path(shown).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    parts += sorted(modules)
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        try:
            stat = os.stat(spec.origin)
        except OSError:  # a bundle keeps no sources: its version above says what it is
            parts.append(f"matplotlib:{spec.origin}")
        else:
            parts.append(f"matplotlib:{spec.origin}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def canonical(value: object) -> str:
    """A text equal for equal data in every process: dataclasses field by field, sets
    sorted (a set's order follows string hashing, which differs between processes)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (canonical(getattr(value, f.name)) for f in dataclasses.fields(value))
        return f"{type(value).__name__}({','.join(fields)})"
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(canonical(v) for v in value)) + "}"
    if isinstance(value, dict):
        items = sorted(f"{canonical(k)}:{canonical(v)}" for k, v in value.items())
        return "{" + ",".join(items) + "}"
    if value is None or isinstance(value, str | int | float | dt.date):
        return repr(value)
    raise TypeError(f"No canonical text for {type(value).__name__}: pass plain data.")


def _keep(path: Path, png: bytes) -> None:
    """Store the picture (best effort: a read-only or full disk only costs a redraw)."""
    try:
        make_private_folder(path.parent)
        write_private(path, png)
        _prune(path.parent)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    pictures = sorted(folder.glob("*.png"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in pictures[KEEP_PICTURES:]:
        old.unlink(missing_ok=True)
