"""Run many cs_planner commands fast, each in a process of its own.

A parent imports what the commands need once, then forks one child per command: the
child runs ``cs_planner.cli.main(argv)`` exactly as the ``cs-planner`` script does, with
its stdout and stderr in files, and exits with its status; an exception that escapes is
printed as Python would (a traceback) with status 1. A child that outlives its timeout is
killed and reported. Saves the ~0.5 s of imports per command that 300 commands would cost.

stdin: a JSON list of jobs {id, argv, cwd, env, stdout, stderr, timeout, uid, gid};
stdout: a JSON object {id: {"code": int | None, "timeout": bool, "seconds": float}}."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback


def _warm_up() -> None:
    # What accounts, export --portfolio and --screenshot import, so children need not.
    import openpyxl  # noqa: F401
    import PySide6.QtGui
    import PySide6.QtWidgets  # noqa: F401
    from sqlalchemy.orm import configure_mappers

    import cs_planner.app
    import cs_planner.cli
    import cs_planner.domain.accounts.queries
    import cs_planner.reports.account_plan
    import cs_planner.reports.rollup.workbook
    import cs_planner.storage
    import cs_planner.storage.migrate
    import cs_planner.ui.shell.main_window  # noqa: F401

    configure_mappers()  # the first query's set-up, paid once here instead of per child


def _child(job: dict) -> int:
    out = os.open(job["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.environ.update(job["env"])
    if job.get("uid") is not None:
        os.setgroups([])
        os.setgid(job["gid"])
        os.setuid(job["uid"])
    os.chdir(job["cwd"])
    from cs_planner.cli import main

    sys.argv = ["cs-planner", *job["argv"]]
    try:
        code = main(job["argv"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return int(code or 0)


def _start(job: dict) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        code = _child(job)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    return 0  # not reached


def main() -> None:
    jobs = json.load(sys.stdin)
    _warm_up()
    width = int(os.environ.get("CORPUS_JOBS") or max(2, os.cpu_count() or 2))
    queue = list(jobs)
    running: dict[int, tuple[dict, float]] = {}
    results: dict[str, dict] = {}
    started: dict[str, float] = {}
    while queue or running:
        while queue and len(running) < width:
            job = queue.pop(0)
            started[job["id"]] = time.monotonic()
            running[_start(job)] = (job, time.monotonic() + job["timeout"])
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid:
            job, _ = running.pop(pid)
            timed_out = results.get(job["id"], {}).get("timeout", False)
            code = None if timed_out else os.waitstatus_to_exitcode(status)
            seconds = round(time.monotonic() - started[job["id"]], 2)
            results[job["id"]] = {"code": code, "timeout": timed_out, "seconds": seconds}
            continue
        now = time.monotonic()
        for child, (job, deadline) in running.items():
            if now > deadline and job["id"] not in results:
                results[job["id"]] = {"code": None, "timeout": True}
                os.kill(child, signal.SIGKILL)
        time.sleep(0.005)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
