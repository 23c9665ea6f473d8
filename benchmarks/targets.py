"""Every name of the app's internals the benchmarks use, in one place.

The benchmarks drive the app through its stable entry points (the CLI, the main window and
its main area's ``tab_names``/``set_tab``, the portfolio list). Whatever else they reach is
looked up here by "module:attribute", so a module that moves is fixed in this file only.
``python benchmarks/targets.py`` imports every entry and says which ones are missing."""

from __future__ import annotations

import importlib
from typing import Any

TARGETS: dict[str, str] = {
    # start-up, as cs_planner.app.run does it
    "setup_application": "cs_planner.app:setup_application",
    "open_for_ui": "cs_planner.ui.shell.opening:open_for_ui",
    "AppContext": "cs_planner.ui.shell.context:AppContext",
    "MainWindow": "cs_planner.ui.shell.main_window:MainWindow",
    "start_window": "cs_planner.ui.shell.startup:start",  # app.run's window, painted first
    "settled": "cs_planner.ui.common.settle:is_settled",  # the window's first idle moment
    # storage and reads (no Qt)
    "open_portfolio": "cs_planner.storage:open_portfolio",
    "checks": "cs_planner.storage.checks",  # its _known(): the files that passed before
    "generate_demo": "cs_planner.demo:generate",
    "list_accounts": "cs_planner.domain.accounts.queries:list_accounts",
    "create_account": "cs_planner.domain.accounts.writes:create_account",
    "read_rollup": "cs_planner.domain.rollup.queries:read_rollup",
    "write_rollup_workbook": "cs_planner.reports.rollup.workbook:write_rollup_workbook",
    # the relationship map: its tab (built on its own, as the workspace builds it) and rows
    "RelationshipsTab": "cs_planner.ui.relationships.tab:RelationshipsTab",
    "Stakeholder": "cs_planner.domain.model:Stakeholder",
    "InfluenceLink": "cs_planner.domain.model:InfluenceLink",
    "Level": "cs_planner.domain.enums:Level",
    "Stance": "cs_planner.domain.enums:Stance",
}

# Tab and page titles, as the main area shows them (MainArea.set_tab takes them).
OVERVIEW_TAB = "Overview"
EXPANSION_TAB = "Expansion"
CSA_PAGE = "CSAs"


def get(name: str) -> Any:
    module, _, attribute = TARGETS[name].partition(":")
    loaded = importlib.import_module(module)
    return getattr(loaded, attribute) if attribute else loaded


# --- the few attributes of the main window the benchmarks touch ------------------------


def account_list(window: Any) -> Any:
    """The portfolio list (``select_account``, ``reload``, ``search``, ``model``)."""
    return window.portfolio_view


def is_open(window: Any) -> bool:
    """Whether a window painted first has opened its portfolio in full."""
    return bool(window.is_open)


def list_settled(window: Any) -> bool:
    """Whether the list's background work (its health scores) is done."""
    health = window.portfolio_view.health
    return health is None or bool(health.settled)


def list_table(window: Any) -> Any:
    return window.portfolio_view.table


def search_box(window: Any) -> Any:
    return window.portfolio_view.search


def main_area(window: Any) -> Any:
    """``tab_names()``, ``set_tab(name)``, ``current_page()``."""
    return window.main_area


def map_scene(tab: Any) -> Any:
    """The QGraphicsScene of a RelationshipsTab."""
    return tab.scene


if __name__ == "__main__":
    missing = []
    for name in TARGETS:
        try:
            get(name)
        except (ImportError, AttributeError) as exc:
            missing.append(f"{name}: {TARGETS[name]} ({exc})")
    print("\n".join(missing) or f"all {len(TARGETS)} targets found")
    raise SystemExit(1 if missing else 0)
