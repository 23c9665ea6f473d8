"""``cs-planner [PORTFOLIO] --smoke-test``: does this install work, window included?

Opens the real window (on the real screen, or Xvfb in CI) on the portfolio, or on a fresh
demo in a temporary folder, reads the list, shows every tab and page, writes an account
plan to a temporary folder and exits 0. One line per step on standard output; on any
failure one line on standard error and a non-zero status. It never shows a dialog, never
touches the user's settings and gives up after ``TIMEOUT_S`` instead of hanging: the
packaged app runs it in CI."""

from __future__ import annotations

import io
import os
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from cs_planner import APP_NAME

if TYPE_CHECKING:  # Qt is imported when the smoke test runs, not when the CLI loads
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cs_planner.ui.shell.main_window import MainWindow

TIMEOUT_S = 180


class SmokeFailure(Exception):
    pass


def _watchdog(seconds: float) -> threading.Timer:
    def give_up() -> None:
        sys.stderr.write(f"{APP_NAME}: error: smoke test timed out after {seconds:.0f} s\n")
        sys.stderr.flush()
        os._exit(3)

    timer = threading.Timer(seconds, give_up)
    timer.daemon = True
    timer.start()
    return timer


def run(target: str | None, *, timeout: float = TIMEOUT_S) -> int:
    timer = _watchdog(timeout)
    errors: list[str] = []
    previous_hook = sys.excepthook

    def record(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:  # an exception inside a Qt slot or event
        errors.append("".join(traceback.format_exception_only(kind, value)).strip())

    sys.excepthook = record
    # What libraries write to standard error meanwhile (PySide's "Error calling Python
    # override...") is shown on standard output: standard error is for the failure line.
    real_stderr, sys.stderr = sys.stderr, io.StringIO()
    try:
        with tempfile.TemporaryDirectory(prefix="cs-planner-smoke-") as folder:
            _steps(target, Path(folder), errors)
    except SmokeFailure as exc:
        return _fail(str(exc), real_stderr)
    except Exception as exc:  # any other failure is the smoke test's finding
        return _fail(f"{type(exc).__name__}: {exc}", real_stderr)
    finally:
        captured, sys.stderr = sys.stderr.getvalue(), real_stderr
        for line in captured.splitlines():
            print(f"stderr: {line}", flush=True)
        sys.excepthook = previous_hook
        timer.cancel()
    print("Smoke test passed.", flush=True)
    return 0


def _fail(text: str, stderr: TextIO) -> int:
    line = " ".join(text.split())
    print(f"{APP_NAME}: error: smoke test failed: {line}", file=stderr, flush=True)
    return 1


def _step(errors: list[str], what: str, action: Callable[[], Any]) -> Any:
    try:
        result = action()
    except SmokeFailure:
        raise
    except Exception as exc:
        raise SmokeFailure(f"{what}: {type(exc).__name__}: {exc}") from exc
    if errors:
        raise SmokeFailure(f"{what}: {errors[0]}")
    return result


def _steps(target: str | None, folder: Path, errors: list[str]) -> None:
    from cs_planner.app import setup_application, use_throwaway_settings

    use_throwaway_settings()
    if target is None:
        target = str(_step(errors, "making a demo portfolio", lambda: _make_demo(folder)))
        print(f"Made a demo portfolio in {target}", flush=True)

    from PySide6.QtCore import QSettings, qInstallMessageHandler

    # Qt's own warnings go to standard output: standard error is for the one failure line.
    qInstallMessageHandler(lambda _kind, _context, text: print(f"Qt: {text}", flush=True))
    app = setup_application()
    window = _step(errors, "opening the window", lambda: _open_window(target, QSettings()))
    try:
        for _ in range(3):
            app.processEvents()
        print(
            f"Opened {window.ctx.portfolio.name} in a window "
            f"({app.platformName()}, {window.width()}x{window.height()})",
            flush=True,
        )
        model = window.portfolio_view.model
        if model.total == 0:
            raise SmokeFailure("the portfolio has no accounts to show and export")
        first = model.row_at(0)
        print(f"Read {model.total} accounts; the first is {first.name}", flush=True)
        names = _step(errors, "showing the tabs", lambda: _show_every_tab(app, window, first.id))
        print(f"Showed {len(names)} tabs and pages: {', '.join(names)}", flush=True)
        out = folder / "plan.xlsx"
        sheets = _step(errors, "exporting the plan", lambda: _export(window, first.id, out))
        print(f"Wrote the account plan of {first.name}: {len(sheets)} sheets", flush=True)
    finally:
        window.close()
        app.processEvents()


def _make_demo(folder: Path) -> Path:
    from cs_planner.demo import generate
    from cs_planner.storage import open_portfolio

    path = folder / "demo.csplan"
    portfolio = open_portfolio(path, create=True)
    try:
        generate(portfolio, accounts=4)
    finally:
        portfolio.close()
    return path


def _open_window(target: str, settings: QSettings) -> MainWindow:
    from cs_planner.storage import PortfolioError
    from cs_planner.ui.shell.context import AppContext
    from cs_planner.ui.shell.main_window import MainWindow
    from cs_planner.ui.shell.opening import open_for_ui

    try:
        portfolio, lock = open_for_ui(target, create=False)
    except PortfolioError as exc:
        raise SmokeFailure(str(exc)) from exc
    window = MainWindow(AppContext(portfolio), lock, settings)
    window.show()
    return window


def _show_every_tab(app: QApplication, window: MainWindow, account_id: int) -> list[str]:
    window.portfolio_view.select_account(account_id)
    names: list[str] = window.main_area.tab_names()
    for name in names:
        if not window.main_area.set_tab(name):
            raise SmokeFailure(f"the tab {name} cannot be shown")
        for _ in range(2):
            app.processEvents()
    window.main_area.set_tab(names[0])
    return names


def _export(window: MainWindow, account_id: int, out: Path) -> list[str]:
    from openpyxl import load_workbook

    from cs_planner.reports.account_plan import write_account_plan

    written = write_account_plan(window.ctx.portfolio, account_id, out)
    workbook = load_workbook(written, read_only=True)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()
