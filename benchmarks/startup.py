"""Start-up and list speed, measured against a bare PySide6 window in the same run.

    python benchmarks/startup.py [--runs N]

Prints: process start to the first painted main window on the demo portfolio and on 5,000
accounts; opening an account; filtering the list; each against the floor, a bare PySide6
process that shows an empty QTableView."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = Path(__file__).with_name("_probe.py")


def run_probe(*args: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.time()
    out = subprocess.run(
        [sys.executable, str(PROBE), *args], capture_output=True, text=True, env=env, check=True
    ).stdout
    figures = {k: float(v) for k, v in (line.split() for line in out.splitlines() if line)}
    figures["start_to_paint"] = figures.pop("painted") - start
    return figures


def median(samples: list[dict[str, float]], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        demo, big = Path(folder, "demo.csplan"), Path(folder, "big.csplan")
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "cs_planner", "demo", str(demo)], check=True, capture_output=True
        )
        subprocess.run(
            [sys.executable, "-m", "cs_planner", "demo", str(big), "--accounts", "5000"],
            check=True,
            capture_output=True,
        )
        print(f"made the demo portfolios in {time.perf_counter() - start:.1f} s")
        floor = [run_probe("bare") for _ in range(args.runs)]
        small = [run_probe("planner", str(demo)) for _ in range(args.runs)]
        large = [run_probe("planner", str(big)) for _ in range(args.runs)]
    base = median(floor, "start_to_paint")
    print(f"\nmedian of {args.runs} runs              seconds   x floor")
    print(f"floor: bare PySide6 QTableView     {base:8.3f}      1.00")
    for label, samples in (("demo portfolio (12 accounts)", small), ("5,000 accounts", large)):
        paint = median(samples, "start_to_paint")
        print(f"start to first paint, {label:<13}{paint:8.3f}  {paint / base:8.2f}")
    for label, samples in (("demo", small), ("5,000", large)):
        print(f"open an account ({label}){'':<14}{median(samples, 'open_account'):8.3f}")
        print(f"filter the list ({label}){'':<14}{median(samples, 'filter'):8.3f}")
    loaded = any(s["matplotlib_loaded"] or s["openpyxl_loaded"] for s in small + large)
    print(f"\nmatplotlib or openpyxl loaded at start-up: {'yes' if loaded else 'no'}")


if __name__ == "__main__":
    main()
