"""Portfolio roll-up speed on a large demo portfolio (5,000 accounts by default).

    python benchmarks/rollup.py [--accounts 5000] [--runs 3] [--portfolio PATH]

Writes the demo once (about 10 s for 5,000 accounts) unless --portfolio names one, then
prints the median of: the bulk read and the rules (``domain.rollup.read_rollup``), and the
whole export to a workbook (``cs-planner export PORTFOLIO --portfolio``)."""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--portfolio", type=Path, help="an existing portfolio to export")
    args = parser.parse_args()

    from cs_planner.domain.rollup.queries import read_rollup
    from cs_planner.reports.rollup.workbook import write_rollup_workbook
    from cs_planner.storage import open_portfolio

    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder:
        path = args.portfolio
        if path is None:
            from cs_planner.demo import generate

            path = Path(folder) / "big.csplan"
            started = time.perf_counter()
            portfolio = open_portfolio(path)
            generate(portfolio, accounts=args.accounts, seed=7)
            portfolio.close()
            print(
                f"demo of {args.accounts} accounts written in {time.perf_counter() - started:.1f} s"
            )
        portfolio = open_portfolio(path, create=False)
        try:
            reads, exports = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                with portfolio.session() as session:
                    data = read_rollup(session, today)
                reads.append(time.perf_counter() - started)
                started = time.perf_counter()
                write_rollup_workbook(portfolio, Path(folder) / "rollup.xlsx", today=today)
                exports.append(time.perf_counter() - started)
        finally:
            portfolio.close()
        size = (Path(folder) / "rollup.xlsx").stat().st_size
    print(f"accounts:                 {len(data.accounts)}")
    print(f"read + rules (median):    {statistics.median(reads):.2f} s")
    print(f"whole export (median):    {statistics.median(exports):.2f} s  ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
