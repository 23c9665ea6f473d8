"""The corpus of bad files (tests/storage/corpus/build.py): every read command answers each
with its expected one line (or succeeds on the good ones), never a traceback or a hang,
and leaves the file and its folder byte for byte as they were.

Commands run in child processes (corpus/run.py forks them from one warmed-up parent), in
parallel, each under a timeout; a few run through the real ``cs-planner`` script too."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "corpus"
EXE = Path(sys.executable).with_name("cs-planner")
TIMEOUT = 30  # per command; the locked case waits out SQLite's 5 s busy timeout
PREFIX = "cs-planner: error: "


def _load_build():
    spec = importlib.util.spec_from_file_location("corpus_build", HERE / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


build = _load_build()
CASES = {case.name: case for case in build.all_cases()}


def _argv(command: str, target: str, out: Path) -> list[str]:
    if command == "accounts":
        return ["accounts", target]
    if command == "export":
        return ["export", target, "--portfolio", "-o", str(out / "rollup.xlsx")]
    return [target, "--screenshot", str(out / "shot.png"), "--size", "800x600"]


def _nobody() -> tuple[int, int] | None:
    """Root reads and writes anything: permission cases run as 'nobody' instead."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        return 65534, 65534
    return entry.pw_uid, entry.pw_gid


def _others_can_read(*folders: Path) -> bool:
    """Whether another user can reach these folders (the checkout, Qt's plugins): the
    children run as 'nobody' load Qt's platform plugin after they drop root."""
    for folder in folders:
        for step in [folder, *folder.parents]:
            if not step.stat().st_mode & stat.S_IXOTH:
                return False
    return True


def _demoted() -> tuple[int, int] | None:
    import PySide6

    import cs_planner

    ids = _nobody()
    # The standard library too: a child imports what the warm runner had not (a codec).
    folders = (Path(PySide6.__file__).parent, Path(cs_planner.__file__).parent)
    if ids and not _others_can_read(*folders, Path(os.__file__).parent):
        return None  # such cases then run as root: see test_command_answers_the_case
    return ids


def _chown_tree(folder: Path, ids: tuple[int, int]) -> None:
    for entry in [folder, *folder.rglob("*")]:
        os.lchown(entry, *ids)


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder`` without following links or opening anything but
    regular files; -shm is SQLite's shared-memory index (rebuilt by readers), not data."""
    found: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(folder, onerror=lambda _e: None):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = os.lstat(path)
            key = str(path.relative_to(folder))
            if stat.S_ISREG(info.st_mode) and not name.endswith("-shm"):
                try:
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                except OSError:
                    digest = "unreadable"
                found[key] = ("file", info.st_mode, digest)
            elif stat.S_ISLNK(info.st_mode):
                found[key] = ("link", os.readlink(path))
            else:
                found[key] = (stat.S_IFMT(info.st_mode), info.st_mode)
    return found


@contextlib.contextmanager
def _lock_holders(cases: list) -> Iterator[None]:
    """Another program writing: an exclusive lock held on the file while commands run."""
    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "print('ready', flush=True)\n"
        "sys.stdin.read()\n"
    )
    holders = []
    try:
        for case in cases:
            if case.hold_lock:
                holder = subprocess.Popen(
                    [sys.executable, "-c", code, case.target],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                holders.append(holder)
                assert holder.stdout.readline().strip() == "ready"
        yield
    finally:
        for holder in holders:
            holder.communicate(timeout=10)


@pytest.fixture(scope="module")
def corpus() -> Iterator[dict]:
    root = Path(tempfile.mkdtemp(prefix="cs-planner-corpus-"))
    os.chmod(root, 0o755)  # 'nobody' must reach the permission cases
    try:
        yield _run_corpus(root)
    finally:
        for entry in [root, *root.rglob("*")]:
            if not entry.is_symlink():
                with contextlib.suppress(OSError):
                    os.chmod(entry, 0o700)
        shutil.rmtree(root, ignore_errors=True)


def _run_corpus(root: Path) -> dict:
    (root / "cases").mkdir(mode=0o755)
    cases = build.build_all(root / "cases")
    nobody = _demoted()
    before = {case.name: snapshot(root / "cases" / case.name) for case in cases}
    jobs = []
    for case in cases:
        as_user = nobody if case.as_user else None
        if as_user:
            _chown_tree(root / "cases" / case.name, as_user)
        for command in build.COMMANDS:
            job_dir = root / "jobs" / f"{case.name}-{command}"
            (job_dir / "out").mkdir(parents=True)
            (job_dir / "home").mkdir(mode=0o700)
            if as_user:
                _chown_tree(job_dir, as_user)
            home = job_dir / "home"
            env = {
                "HOME": str(home),
                "XDG_DATA_HOME": str(home / "data"),
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_RUNTIME_DIR": str(home),
                "QT_QPA_PLATFORM": "offscreen",
            }
            jobs.append(
                {
                    "id": f"{case.name}/{command}",
                    "argv": _argv(command, case.target, job_dir / "out"),
                    "cwd": str(root),
                    "env": env,
                    "stdout": str(job_dir / "stdout"),
                    "stderr": str(job_dir / "stderr"),
                    "timeout": TIMEOUT,
                    "uid": as_user[0] if as_user else None,
                    "gid": as_user[1] if as_user else None,
                    "out": str(job_dir / "out"),
                }
            )
    with _lock_holders(cases):
        done = subprocess.run(
            [sys.executable, str(HERE / "run.py")],
            input=json.dumps(jobs),
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    if os.environ.get("CORPUS_TIMES"):  # which commands take the time
        slow = sorted(results.items(), key=lambda item: -item[1].get("seconds", 0))[:15]
        print("\n".join(f"{r.get('seconds')}s {job}" for job, r in slow), file=sys.stderr)
        for command in build.COMMANDS:
            total = sum(r.get("seconds", 0) for job, r in results.items() if job.endswith(command))
            print(f"{command}: {total:.1f}s in all", file=sys.stderr)
    for job in jobs:
        result = results[job["id"]]
        result["stdout"] = Path(job["stdout"]).read_text(errors="replace")
        result["stderr"] = Path(job["stderr"]).read_text(errors="replace")
        result["out"] = Path(job["out"])
    after = {case.name: snapshot(root / "cases" / case.name) for case in cases}
    named = {case.name: case for case in cases}
    demoted = nobody is not None or os.geteuid() != 0
    return {
        "cases": named,
        "results": results,
        "before": before,
        "after": after,
        "demoted": demoted,
    }


def test_the_corpus_is_large_enough() -> None:
    bad = [case for case in CASES.values() if case.expect is not None]
    assert len(bad) >= 65, len(bad)


@pytest.mark.parametrize("command", build.COMMANDS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_command_answers_the_case(corpus: dict, name: str, command: str) -> None:
    case = corpus["cases"][name]
    if case.as_user and not corpus["demoted"]:
        pytest.skip("root reads anything and no other user can run this checkout")
    result = corpus["results"][f"{name}/{command}"]
    assert not result["timeout"], f"{command} hung on {name}"
    assert "Traceback" not in result["stderr"], result["stderr"]
    expected = case.expected(command)
    if expected is None:
        assert result["code"] == 0, result["stderr"]
        if command == "accounts":
            assert len(result["stdout"].splitlines()) == 3, result["stdout"]  # header + 2
        else:
            written = "rollup.xlsx" if command == "export" else "shot.png"
            assert (result["out"] / written).stat().st_size > 0
        return
    lines = [line for line in result["stderr"].splitlines() if line.strip()]
    assert result["code"] == 1, result["stderr"]
    assert len(lines) == 1, result["stderr"]
    assert lines[0].startswith(PREFIX), lines[0]
    assert re.search(expected, lines[0]), lines[0]
    assert not any(result["out"].iterdir()), "a failed command wrote output"


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_command_changes_the_case(corpus: dict, name: str) -> None:
    assert corpus["after"][name] == corpus["before"][name]


@pytest.mark.parametrize("name", ["fifo", "page-at-75-percent", "name-300-chars"])
def test_the_real_script_answers_the_same(name: str, tmp_path: Path) -> None:
    """The console script itself (not a fork of the test's runner), under a timeout."""
    case = CASES[name]
    folder = tmp_path / name
    folder.mkdir()
    base = build.make_base(tmp_path)
    target = str(folder / case.build(folder, base))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for command in build.COMMANDS:
        result = subprocess.run(
            [str(EXE), *_argv(command, target, tmp_path)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env=env,
        )
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("\n") == 1 and re.search(case.expect, result.stderr)
