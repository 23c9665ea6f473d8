"""A team's server under the things that happen: a portfolio written by the first release
migrated to the head, a client killed in the middle of an edit, the server restarted under
a running client."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time

from sqlalchemy import create_engine, func, select, text

from cs_planner.domain.model import Account, ActionItem, Base, Stakeholder
from cs_planner.storage import migrate, open_portfolio, sequences
from cs_planner.storage.inspection import HEAD_REVISION


def test_a_first_release_portfolio_migrates_to_the_head_with_every_row(
    empty_postgres_url: str,
) -> None:
    engine = create_engine(empty_postgres_url)
    with engine.begin() as conn:
        migrate.command.upgrade(migrate.config(conn), "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO settings (id, owner_name, currency, fiscal_year_start_month, "
                "default_csa_rate, chargeability_target, relationships_per_month_goal, "
                "stale_contact_days, presales_share_limit) "
                "VALUES (1, 'Me', 'USD', 1, 250, 0.7, 3, 90, 0.3)"
            )
        )
        for n in range(1, 41):
            conn.execute(
                text(
                    "INSERT INTO account (id, name, industry, size_band, hq_geography, "
                    "growth_rate, main_challenge, strategic, lifecycle_stage, "
                    "initial_deal_value, arr, licensed_seats, active_users, renewal_owner, "
                    "expansion_owner, reference_status, notes) VALUES (:id, :name, '', '', "
                    "'', '', '', false, 'land', 1000, 1000, 0, 0, 'csm', 'csm', 'none', '')"
                ),
                {"id": n, "name": f"Account {n:02}"},
            )
            conn.execute(
                text(
                    "INSERT INTO stakeholder (id, account_id, name, title, level, stance, "
                    "influence, email, status, notes) VALUES (:id, :id, :name, '', "
                    "'manager', 'neutral', 3, '', 'active', '')"
                ),
                {"id": n, "name": f"Person {n:02}"},
            )
        conn.execute(
            text(
                "INSERT INTO activity (id, account_id, date, kind, note) "
                "VALUES (1, 1, '2025-07-15', 'call', '')"
            )
        )
        conn.execute(
            text("INSERT INTO activity_stakeholder (activity_id, stakeholder_id) VALUES (1, 1)")
        )
        # Where the first release's own inserts would have left the id sequences.
        tables = Base.metadata.tables
        sequences.catch_up(conn, [tables[n] for n in ("account", "stakeholder", "activity")])
    engine.dispose()

    portfolio = open_portfolio(empty_postgres_url)  # migrates to the head
    try:
        with portfolio.session() as s:
            assert s.scalar(select(func.count()).select_from(Account)) == 40
            assert s.scalar(select(func.count()).select_from(Stakeholder)) == 40
            first = s.get(Stakeholder, 1)
            assert first is not None and first.since == dt.date(2025, 7, 15)
            s.add(Account(name="Added after", initial_deal_value=1))  # ids follow on
        with portfolio.read() as s:
            version = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == HEAD_REVISION
    finally:
        portfolio.close()


HOLDER = textwrap.dedent(
    """
    import sys, time
    from cs_planner.domain.model import ActionItem
    from cs_planner.storage import open_portfolio

    portfolio = open_portfolio(sys.argv[1])
    with portfolio.session() as s:
        s.add_all(ActionItem(account_id=int(sys.argv[2]), title=f"Half {n}") for n in range(50))
        s.flush()
        print("inside", flush=True)
        time.sleep(60)  # killed here, in the middle of the edit
    """
)


def test_a_client_killed_mid_edit_leaves_nothing_and_the_others_carry_on(
    postgres_url: str, tmp_path
) -> None:
    portfolio = open_portfolio(postgres_url)
    try:
        with portfolio.session() as s:
            account = Account(name="Meridian", initial_deal_value=1000)
            s.add(account)
            s.flush()
            account_id = account.id
        script = tmp_path / "holder.py"
        script.write_text(HOLDER)
        holder = subprocess.Popen(
            [sys.executable, str(script), postgres_url, str(account_id)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert holder.stdout is not None and holder.stdout.readline().strip() == "inside"
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
        started = time.monotonic()
        with portfolio.session() as s:  # waits for the dead client's lock, then writes
            s.add(ActionItem(account_id=account_id, title="Send the renewal quote"))
        assert time.monotonic() - started < 30
        with portfolio.read() as s:
            titles = s.scalars(select(ActionItem.title)).all()
        assert titles == ["Send the renewal quote"]  # nothing of the killed edit
    finally:
        portfolio.close()


def test_a_server_restart_under_a_client_loses_no_acknowledged_edit(
    postgres, postgres_url: str
) -> None:
    portfolio = open_portfolio(postgres_url)
    acknowledged = 0
    try:
        with portfolio.session() as s:
            account = Account(name="Meridian", initial_deal_value=1000, licensed_seats=0)
            s.add(account)
            s.flush()
            account_id = account.id

        def edit() -> None:
            nonlocal acknowledged
            with portfolio.session() as s:
                s.get(Account, account_id).licensed_seats += 1
            acknowledged += 1

        for _ in range(5):
            edit()
        postgres.restart()
        for _ in range(5):  # the pool notices the dead connections and opens new ones
            edit()
        with portfolio.read() as s:
            seats = s.scalar(select(Account.licensed_seats).where(Account.id == account_id))
        assert seats == acknowledged == 10
    finally:
        portfolio.close()
