"""Storage fixtures: a folder another (unprivileged) user can reach, and a way to run code
as that user, so that permission tests mean something when the tests run as root (CI)."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cs_planner.storage import Portfolio
from tests.conftest import ENGINES, open_on_engine


def _nobody() -> tuple[int, int] | None:
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        return 65534, 65534
    return entry.pw_uid, entry.pw_gid


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder outside pytest's private tmp tree (0700 under root), reachable by all."""
    folder = Path(tempfile.mkdtemp(prefix="cs-planner-perm-"))
    os.chmod(folder, 0o755)
    try:
        yield folder
    finally:
        for entry in [folder, *folder.rglob("*")]:
            if not entry.is_symlink():
                with contextlib.suppress(OSError):
                    os.chmod(entry, 0o700)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def as_user() -> Callable[..., str]:
    """run(function, *args, owned=paths) -> the str it returns, computed in a forked child
    that cannot write what it does not own: 'nobody' when the tests run as root (the
    ``owned`` paths are given to that user first). Forked, not started: the interpreter
    may live where that user cannot read."""
    ids = _nobody()

    def run(function: Callable[..., str], *args: object, owned: tuple[Path, ...] = ()) -> str:
        if ids is not None:
            for path in owned:
                for entry in [path, *(path.rglob("*") if path.is_dir() else [])]:
                    os.lchown(entry, *ids)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: demote, run, report, and leave without cleanup
            os.close(read_end)
            try:
                if ids is not None:
                    os.setgroups([])
                    os.setgid(ids[1])
                    os.setuid(ids[0])
                answer = str(function(*args))
            except BaseException:
                answer = traceback.format_exc()
            os.write(write_end, answer.encode())
            os._exit(0)
        os.close(write_end)
        chunks = []
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
        os.close(read_end)
        os.waitpid(pid, 0)
        return b"".join(chunks).decode()

    return run


@pytest.fixture(params=ENGINES)
def portfolio(request: pytest.FixtureRequest, portfolio_path: Path) -> Iterator[Portfolio]:
    """The storage suite runs on both engines: a SQLite file and a PostgreSQL database."""
    opened = open_on_engine(request, portfolio_path)
    yield opened
    opened.close()
