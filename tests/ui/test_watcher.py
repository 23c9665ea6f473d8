"""Two windows on one portfolio: an edit in one shows up in the other by itself, naming its
author, and never in the window that made it; a portfolio that cannot be read is said once
and the window carries on when it can be read again."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from cs_planner.domain.accounts.edits import SetAccountField
from cs_planner.domain.changes import Changes
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.model import Account, Settings, TeamMember
from cs_planner.storage import Portfolio, open_portfolio
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import perform
from cs_planner.ui.shell.watcher import ChangeWatcher
from tests.conftest import url_of


def _seed(portfolio: Portfolio) -> int:
    with portfolio.session() as s:
        s.add(TeamMember(name="Dario Kowalczyk", role=TeamRole.CSM))
        s.get(Settings, 1).owner_name = "Dario Kowalczyk"
        account = Account(name="Meridian Freight Group", initial_deal_value=80_000)
        s.add(account)
        s.flush()
        return account.id


def _two_windows(portfolio: Portfolio) -> tuple[AppContext, AppContext, Portfolio]:
    other = open_portfolio(url_of(portfolio))  # the second window: its own connections
    return AppContext(portfolio), AppContext(other), other


def test_an_edit_in_one_window_appears_in_the_other(qtbot, portfolio: Portfolio) -> None:
    account = _seed(portfolio)
    mine, theirs, other = _two_windows(portfolio)
    try:
        watchers = [ChangeWatcher(ctx, interval_ms=50) for ctx in (mine, theirs)]
        for watcher in watchers:
            watcher.start()
        heard: dict[str, list[Changes]] = {"mine": [], "theirs": []}
        mine.changed.connect(heard["mine"].append)
        theirs.changed.connect(heard["theirs"].append)
        said: list[str] = []
        watchers[1].seen.connect(said.append)

        perform(mine, SetAccountField(account, "arr", 250_000, "Change ARR to 250,000"))
        assert heard["mine"] == [Changes.account(account, listed=True)]  # its own notify
        qtbot.waitUntil(lambda: bool(heard["theirs"]), timeout=5000)
        assert heard["theirs"] == [Changes.account(account, listed=True)]
        assert said == ["Dario Kowalczyk: Change ARR to 250,000 (Meridian Freight Group), just now"]
        mine.undo_stack.undo()
        qtbot.waitUntil(lambda: len(heard["theirs"]) == 2, timeout=5000)
        assert said[-1].startswith("Dario Kowalczyk: Undo Change ARR to 250,000")
        qtbot.wait(200)  # the window that edited never hears its own edits as news
        assert len(heard["mine"]) == 2
        for watcher in watchers:
            watcher.stop()
    finally:
        other.close()


def test_a_server_out_of_reach_is_said_once_and_the_window_carries_on(
    qtbot, postgres_url: str
) -> None:
    portfolio = open_portfolio(postgres_url)
    admin = create_engine(
        postgres_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT"
    )
    name = postgres_url.rsplit("/", 1)[1]
    try:
        ctx = AppContext(portfolio)
        watcher = ChangeWatcher(ctx, interval_ms=50)
        down: list[str] = []
        up: list[bool] = []
        watcher.unreachable.connect(down.append)
        watcher.reachable.connect(lambda: up.append(True))
        watcher.start()
        with admin.connect() as conn:  # as if the server went away
            conn.execute(text(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false"))
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
        qtbot.waitUntil(lambda: bool(down), timeout=5000)
        qtbot.wait(300)
        assert len(down) == 1 and down[0].startswith("Cannot read the portfolio (")
        with admin.connect() as conn:
            conn.execute(text(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
        qtbot.waitUntil(lambda: bool(up), timeout=5000)
        watcher.stop()
    finally:
        portfolio.close()
        admin.dispose()
