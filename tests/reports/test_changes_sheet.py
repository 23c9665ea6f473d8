"""The account plan's "Changes" sheet: what changed since the latest snapshot (or the one
named), area, sentence and date, read back with openpyxl; the customer copy lists no
private change; no snapshot, no sheet; `export --since NAME` on the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.edits import run
from cs_planner.domain.enums import StakeholderStatus, Stance
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import ActionItem, Stakeholder
from cs_planner.domain.workshop import snapshots
from cs_planner.domain.workshop.privacy import Layer
from cs_planner.domain.workshop.private_values import private_values
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.reports.customer_copy import label_layer
from cs_planner.storage import Portfolio, open_portfolio
from tests.ui.workshop.leaks import leaks, workbook_texts

ACCOUNT = "Cedarline Medical Group"
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    """Q3 review (Sept 20), then a new person, a departure and a stance change, then a
    snapshot before the workshop (Nov 20), then an agreed action."""
    path = tmp_path_factory.mktemp("demo") / "demo.csplan"
    portfolio = open_portfolio(path)
    generate(portfolio, accounts=3, seed=7, today=TODAY)
    with portfolio.session() as s:
        account_id = find_account(s, ACCOUNT)
        run(s, snapshots.take_snapshot(account_id, "Q3 review", at=dt.datetime(2026, 9, 20, 10)))
    with portfolio.session() as s:
        people = s.query(Stakeholder).filter_by(account_id=account_id).order_by(Stakeholder.id)
        boss, *rest = people.all()
        s.add(Stakeholder(account_id=account_id, name="Kim Park", title="CFO", reports_to=boss))
        rest[2].status = StakeholderStatus.LEFT_COMPANY
        rest[3].stance = Stance.DETRACTOR if rest[3].stance != Stance.DETRACTOR else Stance.CHAMPION
        left, turned = rest[2].name, rest[3].name
    with portfolio.session() as s:
        at = dt.datetime(2026, 11, 20, 10)
        run(s, snapshots.take_snapshot(account_id, "Before the workshop", at=at))
    with portfolio.session() as s:
        s.add(ActionItem(account_id=account_id, title="Send the pilot plan", due_date=TODAY))
    with portfolio.read() as s:
        secrets = private_values(s, account_id)
    yield portfolio, account_id, path, {"left": left, "turned": turned}, secrets
    portfolio.close()


def rows(path: Path) -> tuple[list[str], list[tuple]]:
    ws = openpyxl.load_workbook(path)["Changes"]
    head = [str(ws.cell(r, 1).value or "") for r in (1, 2)]
    table = [tuple(c.value for c in row[:3]) for row in ws.iter_rows(min_row=5) if row[0].value]
    return head, table


def test_changes_since_the_latest_snapshot_by_default(demo, tmp_path: Path) -> None:
    portfolio, account_id, *_ = demo
    plan = write_account_plan(portfolio, account_id, tmp_path / "plan.xlsx", today=TODAY)
    head, table = rows(plan)
    assert head[0] == f"Changes since Before the workshop - {ACCOUNT}"
    assert head[1].startswith("1 change since the snapshot Before the workshop of 2026-11-20")
    ws = openpyxl.load_workbook(plan)["Changes"]
    assert ws.cell(4, 2).value == "What changed"
    bold = [c.value for row in ws.iter_rows() for c in row if c.value and c.font.b]
    assert [b for b in bold if ACCOUNT not in b and label_layer(b) is not Layer.SHARED] == []
    assert table == [
        (
            "Action plan",
            "Action agreed: Send the pilot plan, due 2026-11-24.",
            dt.datetime(2026, 11, 24),
        )
    ]


def test_changes_since_a_named_snapshot_are_dated_when_first_seen(demo, tmp_path: Path) -> None:
    portfolio, account_id, _path, names, _ = demo
    plan = write_account_plan(
        portfolio, account_id, tmp_path / "plan.xlsx", today=TODAY, since="q3 REVIEW"
    )
    head, table = rows(plan)
    assert head[0] == f"Changes since Q3 review - {ACCOUNT}"
    nov20, nov24 = dt.datetime(2026, 11, 20), dt.datetime(2026, 11, 24)
    by_text = {text: (area, day) for area, text, day in table}
    assert by_text[f"{names['left']} left the company."] == ("Relationships", nov20)
    assert by_text[next(t for t in by_text if t.startswith("Kim Park (CFO) is new"))][1] == nov20
    assert any(t.startswith(f"{names['turned']}'s stance is now") for t in by_text)
    assert by_text["Action agreed: Send the pilot plan, due 2026-11-24."] == ("Action plan", nov24)
    with pytest.raises(ValidationError, match="no snapshot called 'Q4'"):
        write_account_plan(portfolio, account_id, tmp_path / "x.xlsx", today=TODAY, since="Q4")


def test_the_customer_copy_lists_no_private_change(demo, tmp_path: Path) -> None:
    portfolio, account_id, _path, names, secrets = demo
    copy = write_account_plan(
        portfolio, account_id, tmp_path / "copy.xlsx", today=TODAY, customer_copy=True,
        since="Q3 review",
    )  # fmt: skip
    _head, table = rows(copy)
    texts = [text for _area, text, _day in table]
    assert f"{names['left']} left the company." in texts
    assert not any("stance" in t or "influences" in t for t in texts)
    assert leaks(workbook_texts(copy), secrets) == []


def test_no_snapshot_no_sheet(demo, tmp_path: Path) -> None:
    portfolio: Portfolio = demo[0]
    with portfolio.read() as s:
        other = next(
            i for i in (find_account(s, n) for n in _names(s)) if not snapshots.snapshots_of(s, i)
        )
    plan = write_account_plan(portfolio, other, tmp_path / "plan.xlsx", today=TODAY)
    assert "Changes" not in openpyxl.load_workbook(plan).sheetnames


def _names(session) -> list[str]:
    from cs_planner.domain.model import Account

    return [a.name for a in session.query(Account)]


def test_export_since_on_the_command_line(demo, tmp_path: Path) -> None:
    from tests.cli.test_cli_pdf import cli

    path = demo[2]
    out = tmp_path / "plan.xlsx"
    result = cli("export", str(path), "--account", ACCOUNT, "--since", "Q3 review", "-o", str(out))
    assert result.returncode == 0, result.stderr
    head, _table = rows(out)
    assert head[0] == f"Changes since Q3 review - {ACCOUNT}"
    result = cli("export", str(path), "--csa", "--since", "Q3 review", "-o", str(out))
    assert result.returncode == 1 and "--since goes with an account plan" in result.stderr
    result = cli("export", str(path), "--account", ACCOUNT, "--since", "Q4", "-o", str(out))
    assert result.returncode == 1 and "no snapshot called 'Q4'" in result.stderr
