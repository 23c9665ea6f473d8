"""Every benchmark in one run and one table: ``make bench`` (``make bench RECORD=1`` records).

    python benchmarks/harness.py [--record] [--rounds N] [--cache DIR] [--only WORDS]

Measured as a new user meets the app: bytecode compiled first (as an installed app has
it), every app figure in a fresh process unless it is a step inside the window, and the
app and its floor interleaved in the same run (app, floor, app, floor...), the minimum of
the rounds kept. The demo portfolios (12, 500, 5,000 and 20,000 accounts, and one account
of 300 people) are written once per run into a temporary folder (or ``--cache``, kept).

Prints the table (what | app | floor | ratio | goal | ok) and the scaling table (growth
from 500 to 5,000 and from 5,000 to 20,000 accounts), then every ratio (or, without a
floor, every figure) more than 25% worse than in benchmarks/results.md. ``--record``
rewrites results.md with this run, the machine, the date and the versions."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROBE = HERE / "probe.py"
RESULTS = HERE / "results.md"
WORSE = 1.25  # a ratio this much above the recorded one is reported
SIZES = (500, 5000, 20000)
MAP_PEOPLE = 300
DASH = "–"


# --- figures and the table ----------------------------------------------------------------


@dataclass
class Row:
    what: str
    app: float | None
    floor: float | None = None
    unit: str = "s"  # "s" (shown as ms below one second) or "MB"
    goal: str = ""
    check: Callable[[Row], bool] | None = None

    @property
    def ratio(self) -> float | None:
        if self.app is None or not self.floor:
            return None
        return self.app / self.floor

    @property
    def ok(self) -> bool | None:
        if self.check is None or self.app is None:
            return None
        return self.check(self)

    def cells(self) -> list[str]:
        ratio = self.ratio
        ok = {True: "yes", False: "no", None: DASH}[self.ok]
        return [
            self.what,
            fmt(self.app, self.unit),
            fmt(self.floor, self.unit),
            DASH if ratio is None else f"{ratio:.1f}×",
            self.goal or DASH,
            ok,
        ]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return DASH
    if unit == "MB":
        return f"{value:.0f} MB"
    if value < 0.01:
        return f"{value * 1000:.1f} ms"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def parse_figure(text: str) -> float | None:
    """The number in a cell ("1.09 s", "162 ms", "263 MB", "5.2×"), in seconds for times."""
    found = re.match(r"\s*([0-9.]+)\s*(ms|s|MB|×)?", text)
    if not found:
        return None
    value = float(found.group(1))
    return value / 1000 if found.group(2) == "ms" else value


def ratio_at_most(limit: float) -> Callable[[Row], bool]:
    return lambda row: row.ratio is not None and row.ratio <= limit


def app_at_most(limit: float) -> Callable[[Row], bool]:
    return lambda row: row.app is not None and row.app <= limit


def both(*checks: Callable[[Row], bool]) -> Callable[[Row], bool]:
    return lambda row: all(check(row) for check in checks)


def markdown_table(header: list[str], lines: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cells) + " |" for cells in lines]
    return "\n".join(out)


HEADER = ["what", "app", "floor", "ratio", "goal", "ok"]
SCALING_HEADER = ["what", "500", "5,000", "20,000", "500→5,000", "5,000→20,000", "goal", "ok"]
GROWTH_GOAL = 4.5


@dataclass
class Scaling:
    what: str
    figures: dict[int, float] = field(default_factory=dict)

    def growth(self, a: int, b: int) -> float | None:
        if a in self.figures and b in self.figures and self.figures[a] > 0:
            return self.figures[b] / self.figures[a]
        return None

    def cells(self) -> list[str]:
        late = self.growth(5000, 20000)
        ok = DASH if late is None else ("yes" if late <= GROWTH_GOAL else "no")
        growths = [self.growth(500, 5000), late]
        return [
            self.what,
            *(fmt(self.figures.get(n), "s") for n in SIZES),
            *(DASH if g is None else f"{g:.1f}×" for g in growths),
            f"5,000→20,000 ≤ {GROWTH_GOAL}×",
            ok,
        ]


# --- running things -----------------------------------------------------------------------


class Runner:
    def __init__(self, folder: Path, rounds: int) -> None:
        self.folder = folder
        self.rounds = rounds
        # This process too (it reads the portfolios): nothing reaches the user's own data
        # folder (locks, the record of checked files), settings or cache (the pictures of
        # an export, drawn in the first round and taken from the cache in later ones).
        os.environ["XDG_DATA_HOME"] = str(folder / "data")
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        # matplotlib's font list stays in its usual place, as an installed app finds it.
        os.environ.setdefault("MPLCONFIGDIR", matplotlib_cache())
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
        self.env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode is cached, as installed
        self.out = folder / "out"
        self.out.mkdir(parents=True, exist_ok=True)

    def probe(self, kind: str, *args: object, timeout: float = 900) -> dict:
        done = subprocess.run(
            [sys.executable, str(PROBE), kind, *map(str, args)],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.folder,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"probe {kind} failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def wall(self, argv: list[str], timeout: float = 900) -> float:
        start = time.perf_counter()
        done = subprocess.run(
            argv, capture_output=True, text=True, env=self.env, cwd=self.folder, timeout=timeout
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr[-3000:]}")
        return time.perf_counter() - start

    def cli(self, *args: object) -> list[str]:
        return [sys.executable, "-m", "cs_planner", *map(str, args)]

    def settings_file(self, path: Path, account: int | None) -> Path:
        """A fresh QSettings file: the last portfolio and account, as a returning user."""
        ini = self.folder / "settings.ini"
        lines = ["[last]"]
        if account is not None:
            lines += [f"portfolio={path.resolve()}", f"account={account}", "tab=Overview"]
        ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return ini


def matplotlib_cache() -> str:
    """Where matplotlib keeps its font list for this user (as it finds it: MPLCONFIGDIR,
    else the XDG cache folder)."""
    return os.environ.get("MPLCONFIGDIR") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "matplotlib"
    )


def compile_bytecode() -> None:
    """As an installed app has it: the first start does not pay for compiling."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "cs_planner"), str(HERE)],
        check=True,
        capture_output=True,
    )


def make_portfolios(runner: Runner, sizes: dict[int, int], people: int, cache: Path):
    """The demo portfolios (written in parallel), and the one of a 300-person account;
    ``sizes``: the size each nominal size stands for (itself, or less in a --smoke run)."""
    paths: dict[object, Path] = {n: cache / f"demo-{real}.csplan" for n, real in sizes.items()}
    paths["map"] = cache / f"map-{people}.csplan"
    jobs = []
    for n, real in sizes.items():
        if not paths[n].exists():
            argv = runner.cli("demo", paths[n], "--accounts", real, "--seed", 7)
            jobs.append(subprocess.Popen(argv, env=runner.env, stdout=subprocess.DEVNULL))
    if not paths["map"].exists():
        runner.probe("map-fill", paths["map"], people)
    for job in jobs:
        if job.wait() != 0:
            raise RuntimeError(f"{' '.join(map(str, job.args))} failed")
    return paths


def account_rows(path: Path) -> list:
    """The portfolio list's rows of ``path``, read as the app reads them."""
    sys.path.insert(0, str(ROOT))
    from benchmarks import targets

    portfolio = targets.get("open_portfolio")(path, create=False, mode="read")
    try:
        with portfolio.read() as session:
            return targets.get("list_accounts")(session)
    finally:
        portfolio.close()


def write_account_list(path: Path, workbook: Path) -> None:
    """The portfolio list's columns, one row an account, as a plain workbook."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Accounts")
    sheet.append(["Account", "ARR", "Multiple", "Renewal", "Tier", "Stage", "CSM", "CSA"])
    for r in account_rows(path):
        sheet.append(
            [r.name, r.arr, r.multiple, r.renewal_date, r.tier.label, r.stage.label, r.csm, r.csas]
        )
    book.save(workbook)


def first_account(path: Path) -> tuple[int, str]:
    rows = account_rows(path)
    first = min(rows, key=lambda row: row.name)
    return first.id, first.name


# --- the cases ------------------------------------------------------------------------------


class Bench:
    def __init__(self, runner: Runner, paths: dict[object, Path], only: list[str]) -> None:
        self.runner = runner
        self.paths = paths
        self.only = only
        self.rows: list[Row] = []
        self.scaling = {
            name: Scaling(name)
            for name in (
                "CSAs page, first show",
                "roll-up export",
                "list query",
                "Overview account switch",
            )
        }
        self.floor_peak_mb: list[float] = []

    def wanted(self, name: str) -> bool:
        return not self.only or any(word in name for word in self.only)

    def say(self, text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)

    def startup_floor(self) -> float:
        spawned = time.time()
        figures = self.runner.probe("startup-floor")
        self.floor_peak_mb.append(figures["peak_mb"])
        return figures["painted"] - spawned

    def startup(self, size: int, restore: bool, what: str) -> None:
        path = self.paths[size]
        account = first_account(path)[0] if restore else None
        apps, floors, ready = [], [], []
        for _ in range(self.runner.rounds):
            ini = self.runner.settings_file(path, account)
            spawned = time.time()
            figures = self.runner.probe("startup-app", path, ini)
            apps.append(figures["painted"] - spawned)
            ready.append(figures["ready"] - spawned)
            floors.append(self.startup_floor())
        self.rows.append(Row(what, min(apps), min(floors), goal="≤ 1.5×", check=ratio_at_most(1.5)))
        # After the paint: the portfolio open in full (checks, the workspace, the account).
        self.rows.append(Row(f"{what}: then open, account shown", min(ready)))
        if size == 5000:
            self.spreadsheet_peer(path, min(apps))

    def spreadsheet_peer(self, path: Path, app: float) -> None:
        """The peer a manager would otherwise use: LibreOffice Calc, headless, opening the
        same account list as a workbook (its profile made beforehand, as a user has it).
        Without LibreOffice on the machine the row says so and is not judged."""
        what = "same vs LibreOffice Calc headless opening the 5,000-account list as xlsx"
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office is None:
            self.rows.append(Row(f"{what} (LibreOffice not installed)", app, goal="≤ 0.5×"))
            return
        workbook = self.runner.out / "account-list.xlsx"
        write_account_list(path, workbook)
        profile = (self.runner.folder / "libreoffice-profile").as_uri()
        argv = [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "csv"]
        argv += ["--outdir", str(self.runner.out / "calc"), str(workbook)]
        self.runner.wall(argv)  # the first start makes the profile
        peers = [self.runner.wall(argv) for _ in range(self.runner.rounds)]
        self.rows.append(Row(what, app, min(peers), goal="≤ 0.5×", check=ratio_at_most(0.5)))

    def export(self, what: str, size: int, args: list[str], rounds: int, goal, check) -> None:
        path = self.paths[size]
        out = self.runner.out / f"{what.split()[1].strip('-`')}.xlsx"
        cells = self.runner.out / "cells.pickle"
        argv = self.runner.cli("export", path, *args, "-o", out)
        # As a file the app has opened before: its first-open check (the "open ... unchanged"
        # row's floor) is remembered, not counted in every export.
        self.runner.probe("open", path, "remembered")
        apps, floors = [], []
        for n in range(rounds):
            apps.append(self.runner.wall(argv))
            if n == 0:  # the workbook whose cells the floor writes
                self.runner.probe("dump-cells", out, cells)
            start = time.perf_counter()
            loaded = self.runner.probe("export-floor", cells, self.runner.out / "floor.xlsx")
            floors.append(time.perf_counter() - start - loaded["load"])
        self.rows.append(Row(what, min(apps), min(floors), goal=goal, check=check))

    def relationship_map(self) -> None:
        path = self.paths["map"]
        account = first_account(path)[0]
        figures = self.runner.probe("map", path, account, max(5, self.runner.rounds * 2))
        self.rows.append(
            Row(
                f"relationship map, {MAP_PEOPLE} people: read, lay out, build, draw all",
                figures["app"],
                figures["floor"],
                goal="≤ 100 ms and ≤ 2×",
                check=both(app_at_most(0.1), ratio_at_most(2)),
            )
        )

    def session(self, size: int, what: list[str], rounds: int) -> dict[str, float]:
        """The minimum of each figure over ``rounds`` fresh windows (last account restored)."""
        path = self.paths[size]
        account = first_account(path)[0]
        best: dict[str, float] = {}
        for _ in range(rounds):
            ini = self.runner.settings_file(path, account)
            figures = self.runner.probe("session", path, ini, *what)
            for key, value in figures.items():
                best[key] = min(value, best.get(key, value))
        return best

    def reads(self, size: int, rounds: int) -> None:
        out = self.runner.out / f"rollup-{size}.xlsx"
        # The list query is cheap: twice the rounds, for a steadier minimum.
        list_rounds = 2 * self.runner.rounds
        figures = self.runner.probe("reads", self.paths[size], list_rounds, rounds, out)
        self.scaling["roll-up export"].figures[size] = figures["rollup"]
        self.scaling["list query"].figures[size] = figures["list_query"]

    def open_check(self, size: int) -> None:
        path = self.paths[size]
        remembered, full = [], []
        for _ in range(self.runner.rounds):
            remembered.append(self.runner.probe("open", path, "remembered")["open"])
            full.append(self.runner.probe("open", path, "full")["open"])
        self.rows.append(
            Row(
                f"open {size:,} accounts unchanged (floor: the full check every open did)",
                min(remembered),
                min(full),
                goal="≤ 50 ms",
                check=app_at_most(0.05),
            )
        )

    def run(self) -> None:
        rounds = self.runner.rounds
        if self.wanted("startup"):
            self.say("start-up, 12 accounts")
            self.startup(12, False, "start-up to the painted window with the list, 12 accounts")
            self.say("start-up, 5,000 accounts")
            self.startup(5000, True, "same, 5,000 accounts, last account restored")
        if self.wanted("open"):
            self.say("opening a checked file")
            self.open_check(5000)
        if self.wanted("export"):
            self.say("export --account")
            name = first_account(self.paths[12])[1]
            self.export(
                "`export --account`",
                12,
                ["--account", name],
                rounds,
                "≤ 1.2× and < 1 s",
                both(ratio_at_most(1.2), lambda row: row.app < 1),
            )
            self.say("export --portfolio, 5,000 accounts")
            self.export(
                "`export --portfolio`, 5,000 accounts",
                5000,
                ["--portfolio"],
                max(1, rounds // 2),
                "≤ 1.2×",
                ratio_at_most(1.2),
            )
            self.say("export --csa, 5,000 accounts")
            self.export(
                "`export --csa`, 5,000 accounts",
                5000,
                ["--csa"],
                rounds,
                "≤ 1.2×",
                ratio_at_most(1.2),
            )
        if self.wanted("map"):
            self.say("relationship map")
            self.relationship_map()
        if self.wanted("window") or self.wanted("scaling"):
            self.window_and_scaling()

    def window_and_scaling(self) -> None:
        rounds = self.runner.rounds
        figures: dict[int, dict[str, float]] = {}
        for size, what, count in (
            (500, ["csa", "switch"], max(1, rounds // 2)),
            (5000, ["csa", "switch", "expansion", "memory"], max(1, rounds // 2)),
            (20000, ["csa-first", "switch", "filter"], 1),
        ):
            self.say(f"the window at {size:,} accounts: {', '.join(what)}")
            figures[size] = self.session(size, what, count)
            self.scaling["CSAs page, first show"].figures[size] = figures[size]["csa_first"]
            self.scaling["Overview account switch"].figures[size] = figures[size]["switch_mean"]
            self.say(f"list query and roll-up export at {size:,} accounts")
            self.reads(size, 1 if size >= 5000 else max(1, rounds // 2))
        at5k, at20k = figures[5000], figures[20000]
        if not self.floor_peak_mb:
            self.startup_floor()
        self.rows += [
            Row(
                "CSAs page at 5,000: first show",
                at5k["csa_first"],
                goal="≤ 300 ms",
                check=app_at_most(0.3),
            ),
            Row(
                "CSAs page at 5,000: each later show",
                at5k["csa_later"],
                goal="≤ 50 ms when nothing changed",
                check=app_at_most(0.05),
            ),
            Row(
                "Expansion tab, first open",
                at5k["expansion_first"],
                goal="≤ 300 ms",
                check=app_at_most(0.3),
            ),
            Row(
                "filter keystroke, 20,000 accounts",
                at20k["filter_mean"],
                goal="≤ 20 ms",
                check=app_at_most(0.02),
            ),
            Row(
                "peak memory, 5,000 accounts, every tab and page visited "
                "(floor: the bare window's process)",
                at5k["peak_mb"],
                min(self.floor_peak_mb),
                unit="MB",
                goal="≤ 200 MB",
                check=app_at_most(200),
            ),
        ]


# --- results.md -------------------------------------------------------------------------------


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    try:
        import PySide6
        from PySide6 import QtCore

        found["PySide6"] = PySide6.__version__
        found["Qt"] = QtCore.qVersion()
    except ImportError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    for package in ("SQLAlchemy", "openpyxl", "matplotlib"):
        with contextlib.suppress(PackageNotFoundError):
            found[package] = version(package)
    return found


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores, {platform.system()} {platform.machine()}" + (
        f", {model}" if model else ""
    )


def render(bench: Bench, rounds: int, took: float) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        "Recorded by `make bench RECORD=1` (`python benchmarks/harness.py --record`). "
        "`make bench` prints every ratio (a figure where there is no floor) more than 25% "
        "worse than here. App and floor interleaved in one run, minimum of the rounds; "
        "bytecode compiled first.",
        "",
        f"- date: {stamp}",
        f"- machine: {machine()}",
        "- versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()),
        f"- rounds: {rounds}, half that for the exports and window sessions at 5,000, one "
        f"for a roll-up at 5,000 and everything at 20,000; the run took {took / 60:.1f} min",
        "",
        markdown_table(HEADER, [row.cells() for row in bench.rows]),
        "",
        "## Scaling",
        "",
        markdown_table(SCALING_HEADER, [s.cells() for s in bench.scaling.values()]),
        "",
    ]
    return "\n".join(lines)


def read_recorded(text: str) -> dict[str, float]:
    """what -> the recorded ratio (or the app figure without a floor; for a scaling row,
    its growth from 5,000 to 20,000)."""
    recorded: dict[str, float] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or cells[0] in ("what", "") or set(cells[0]) <= {"-"}:
            continue
        if len(cells) == len(HEADER):
            value = parse_figure(cells[3]) if cells[3] != DASH else parse_figure(cells[1])
        elif len(cells) == len(SCALING_HEADER):
            value = parse_figure(cells[5])
        else:
            continue
        if value is not None:
            recorded[cells[0]] = value
    return recorded


def current(bench: Bench) -> dict[str, float]:
    now: dict[str, float] = {}
    for row in bench.rows:
        value = row.ratio if row.ratio is not None else row.app
        if value is not None:
            now[row.what] = value
    for scaling in bench.scaling.values():
        growth = scaling.growth(5000, 20000)
        if growth is not None:
            now[scaling.what] = growth
    return now


def regressions(recorded: dict[str, float], now: dict[str, float]) -> list[str]:
    worse = []
    for what, value in now.items():
        before = recorded.get(what)
        if before and value > before * WORSE:
            worse.append(f"{what}: {before:.3g} → {value:.3g} ({(value / before - 1) * 100:+.0f}%)")
    return worse


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="rewrite benchmarks/results.md")
    parser.add_argument(
        "--rounds",
        type=int,
        default=4,
        help="rounds of the quick cases (default 4; half that, or one, for the slow ones)",
    )
    parser.add_argument("--cache", type=Path, help="keep the demo portfolios in this folder")
    parser.add_argument("--results", type=Path, default=RESULTS, help=argparse.SUPPRESS)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny portfolios standing in for the big ones: does the harness work?",
    )
    parser.add_argument(
        "--only", nargs="*", default=[], help="cases: startup open export map window scaling"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="cs-planner-bench-"))
    try:
        cache = args.cache or folder / "portfolios"
        cache.mkdir(parents=True, exist_ok=True)
        runner = Runner(folder, max(1, args.rounds))
        bench = Bench(runner, {}, args.only)
        bench.say("compiling bytecode")
        compile_bytecode()
        bench.say("writing the demo portfolios (once per run; --cache keeps them)")
        sizes = {n: (n if not args.smoke or n < 100 else n // 250) for n in (12, *SIZES)}
        people = 20 if args.smoke else MAP_PEOPLE
        bench.paths = make_portfolios(runner, sizes, people, cache)
        bench.run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    took = time.perf_counter() - started
    text = render(bench, runner.rounds, took)
    print()
    print(text)
    if args.results.exists():
        worse = regressions(read_recorded(args.results.read_text(encoding="utf-8")), current(bench))
        print(f"Compared with {args.results.name}: ", end="")
        print("nothing more than 25% worse." if not worse else "worse by more than 25%:")
        for line in worse:
            print(f"  {line}")
    if args.record:
        args.results.write_text(text, encoding="utf-8")
        print(f"Recorded in {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
