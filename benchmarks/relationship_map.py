"""Relationship map speed on a large account: 300 stakeholders, a random org chart with
influence lines.

    python benchmarks/relationship_map.py [--people 300] [--runs 5]

Prints the median of each step: the pure layout, reading the map from the file, building
the scene, the first paint of the tab, and the reload after an edit (what a drag costs)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def fill(portfolio, people: int, seed: int = 3) -> int:
    from cs_planner.domain.accounts.writes import create_account
    from cs_planner.domain.enums import Level, Stance
    from cs_planner.domain.model import InfluenceLink, Stakeholder

    rng = random.Random(seed)
    with portfolio.session() as s:
        account = create_account(s, "Big Org", 100_000)
        ids: list[int] = []
        for n in range(people):
            boss = None if n < 2 else rng.choice(ids[max(0, n - 40) :])
            person = Stakeholder(
                account_id=account,
                name=f"Person {n:03d}",
                title="Director of Something Important",
                level=list(Level)[min(3, n // 8 if n < 24 else 3 - (n % 2))],
                stance=rng.choice(list(Stance)),
                influence=rng.randint(1, 5),
                reports_to_id=boss,
                last_contact=dt.date(2026, 11, 1) - dt.timedelta(days=rng.randint(0, 300)),
            )
            s.add(person)
            s.flush()
            ids.append(person.id)
        for _ in range(people // 10):
            a, b = rng.sample(ids, 2)
            if not s.query(InfluenceLink).filter_by(source_id=a, target_id=b).count():
                s.add(InfluenceLink(account_id=account, source_id=a, target_id=b))
    return account


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from cs_planner.domain.org_layout import layout
    from cs_planner.domain.relationships import load_map
    from cs_planner.storage import open_portfolio
    from cs_planner.ui.relationship_map import RelationshipsTab
    from cs_planner.ui.shell.context import AppContext

    app = QApplication([])
    today = dt.date(2026, 11, 24)
    with tempfile.TemporaryDirectory() as folder:
        portfolio = open_portfolio(Path(folder) / "big.csplan")
        account = fill(portfolio, args.people)
        timings: dict[str, list[float]] = {}

        def timed(name: str, step) -> object:
            start = time.perf_counter()
            result = step()
            timings.setdefault(name, []).append(time.perf_counter() - start)
            return result

        ctx = AppContext(portfolio)
        ctx.today = lambda: today
        for _ in range(args.runs):
            data = timed("read the map", lambda: ctx.read(lambda s: load_map(s, account, today)))
            nodes = [(p.id, p.reports_to_id) for p in data.stakeholders]
            timed("layout (pure)", lambda nodes=nodes: layout(nodes))
            tab = RelationshipsTab(ctx)
            tab.resize(1400, 900)

            def first_paint(tab=tab) -> None:
                tab.set_account(account)
                tab.show()
                app.processEvents()
                tab.view.viewport().repaint()

            timed("set account to first paint", first_paint)
            timed("reload after an edit", tab.reload)
            timed("scene build only", lambda tab=tab, data=data: tab.scene.build(data, False))
            tab.close()
            tab.deleteLater()
            app.processEvents()
        portfolio.close()
    print(f"relationship map, {args.people} stakeholders, median of {args.runs} runs")
    for name, values in timings.items():
        print(f"  {name:<28}{statistics.median(values) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
