"""The roll-up's health: each account's score and band beside its figures (coloured by
band), and the Health sheet's distribution, retention and tiers, recomputed by LibreOffice
where they are formulas."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cs_planner.demo import generate
from cs_planner.domain.enums import HealthBand, Tier
from cs_planner.domain.model import Account
from cs_planner.domain.value.portfolio import portfolio_health
from cs_planner.reports.rollup.workbook import write_rollup_workbook
from cs_planner.storage import Portfolio, open_portfolio

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    portfolio = open_portfolio(tmp_path_factory.mktemp("demo") / "demo.csplan")
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    with portfolio.session() as session:  # one account has left: out of the health figures
        gone = session.query(Account).filter_by(name="Moorgate Home Goods").one()
        gone.churned_on = dt.date(2026, 8, 15)
    yield portfolio
    portfolio.close()


def _header_row(ws, first: str) -> int:
    return next(c.row for c in ws["A"] if c.value == first)


def _rows_under(ws, header_row: int) -> list[dict]:
    headers = [c.value for c in ws[header_row]]
    out = []
    for r in range(header_row + 1, ws.max_row + 1):
        values = [ws.cell(r, n + 1).value for n in range(len(headers))]
        if values[0] in (None, "Total"):
            break
        out.append(dict(zip(headers, values, strict=True)))
    return out


def test_each_account_has_its_health_and_band(demo: Portfolio, tmp_path: Path) -> None:
    with demo.read() as s:
        health = portfolio_health(s, TODAY)
    wb = load_workbook(write_rollup_workbook(demo, tmp_path / "r.xlsx", today=TODAY))
    ws = wb["Accounts"]
    top = _header_row(ws, "Account")
    rows = {r["Account"]: r for r in _rows_under(ws, top)}
    for a in health.scores:
        assert rows[a.name]["Health"] == round(a.score)
        assert rows[a.name]["Health band"] == a.band.label
    assert rows["Moorgate Home Goods"]["Health"] is None  # churned
    assert rows["Valemont Markets"]["Health band"] == "Red"
    band = {'"Red"', '"Amber"', '"Green"'}
    colours = {
        rule.formula[0]: rule.dxf.fill.fgColor.rgb[-6:]
        for rng in ws.conditional_formatting
        for rule in rng.rules
        if rule.formula and rule.formula[0] in band
    }
    assert colours.keys() == band and len(set(colours.values())) == 3


def test_health_sheet_holds_the_pages_figures(demo: Portfolio, tmp_path: Path) -> None:
    with demo.read() as s:
        health = portfolio_health(s, TODAY)
    wb = load_workbook(write_rollup_workbook(demo, tmp_path / "r.xlsx", today=TODAY))
    ws = wb["Health"]
    bands = {r["Band"]: r["Accounts"] for r in _rows_under(ws, _header_row(ws, "Band"))}
    counts = health.distribution.counts
    assert bands == {
        "Red": counts[HealthBand.RED],
        "Amber": counts[HealthBand.AMBER],
        "Green": counts[HealthBand.GREEN],
        "No data yet": 0,
    }
    assert sum(bands.values()) == 11  # twelve accounts, one churned
    retention = _rows_under(ws, _header_row(ws, "Four quarters"))
    assert [r["Starting ARR"] for r in retention] == [
        pytest.approx(r.starting_arr) for r in health.retention
    ]
    assert retention[-1]["Customers churned"] == health.retention[-1].churned
    tiers = {r["Tier"]: r for r in _rows_under(ws, _header_row(ws, "Tier"))}
    assert tiers["Top"]["Accounts"] == health.tiers.share(Tier.TOP).accounts
    at_risk = _rows_under(ws, _header_row(ws, "Account"))
    assert [r["Account"] for r in at_risk] == [a.name for a in health.at_risk]


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: the formulas cannot be recomputed here.",
)
def test_libreoffice_recomputes_retention_and_shares(demo: Portfolio, tmp_path: Path) -> None:
    with demo.read() as s:
        health = portfolio_health(s, TODAY)
    path = write_rollup_workbook(demo, tmp_path / "r.xlsx", today=TODAY)
    out, profile = tmp_path / "out", tmp_path / "profile"
    argv = [str(shutil.which("soffice")), f"-env:UserInstallation={profile.as_uri()}"]
    argv += ["--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)]
    subprocess.run(argv, check=True, capture_output=True, timeout=300)
    ws = load_workbook(out / path.name, data_only=True)["Health"]
    lines = _rows_under(ws, _header_row(ws, "Four quarters"))
    for row, r in zip(lines, health.retention, strict=True):
        assert row["NRR"] == pytest.approx(r.nrr)
        assert row["GRR"] == pytest.approx(r.grr)
        assert row["Logo churn"] == pytest.approx(r.churn_rate)
    bands = _rows_under(ws, _header_row(ws, "Band"))
    red = next(b for b in bands if b["Band"] == "Red")
    assert red["Share of accounts"] == pytest.approx(
        health.distribution.counts[HealthBand.RED] / len(health.scores)
    )
