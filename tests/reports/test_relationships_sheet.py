"""The Relationships sheet: rows read back match the database, the coverage block, the map
picture, and an account without stakeholders."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance, Tier
from cs_planner.domain.model import InfluenceLink, Stakeholder, TeamMember
from cs_planner.palette import tint as tint_colour
from cs_planner.reports.account_plan import write_account_plan

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def people(portfolio, acme) -> int:
    with portfolio.session() as s:
        ann = s.query(TeamMember).filter_by(name="Ann Lee").one()
        boss = Stakeholder(
            account_id=acme,
            name="Rui Santos",
            title="CFO",
            phone="+351 21 000 0000",
            country="Portugal",
            level=Level.EXECUTIVE,
            stance=Stance.SUPPORTER,
            influence=5,
            last_contact=dt.date(2026, 11, 1),
            owner=ann,
        )
        boss.roles = {BuyingRole.ECONOMIC_BUYER}
        s.add(boss)
        s.flush()
        ada = Stakeholder(
            account_id=acme,
            name="=Ada Brennan",  # a formula-looking name stays text
            title="Head of AP",
            level=Level.DIRECTOR_VP,
            stance=Stance.CHAMPION,
            reports_to=boss,
            last_contact=dt.date(2026, 6, 1),
            status=StakeholderStatus.CHANGED_ROLE,
        )
        ada.roles = {BuyingRole.CHAMPION, BuyingRole.USER}
        s.add(ada)
        s.flush()
        s.add(InfluenceLink(account_id=acme, source=ada, target=boss, strength=4))
    return acme


def read_sheet(portfolio, account_id, tmp_path):
    path = write_account_plan(portfolio, account_id, tmp_path / "plan.xlsx", today=TODAY)
    return load_workbook(path)["Relationships"], path


def table_rows(ws) -> tuple[list, list[list]]:
    header_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Name")
    header = [ws.cell(header_row, c).value for c in range(1, 15)]
    rows = []
    for r in range(header_row + 1, ws.max_row + 1):
        if ws.cell(r, 1).value is None:
            break
        rows.append([ws.cell(r, c).value for c in range(1, 15)])
    return header, rows


def test_rows_read_back_match_the_database(portfolio, people, tmp_path) -> None:
    ws, _ = read_sheet(portfolio, people, tmp_path)
    header, rows = table_rows(ws)
    assert header == [
        "Name",
        "Title",
        "Division",
        "Country",
        "Level",
        "Buying roles",
        "Stance",
        "Influence",
        "Reports to",
        "Owner (ours)",
        "Phone",
        "Last contact",
        "Days since contact",
        "Status",
    ]
    with portfolio.session() as s:
        stored = {p.name: p for p in s.query(Stakeholder).filter_by(account_id=people)}
        expected = {
            name: [
                p.name,
                p.title,
                None,
                p.country or None,
                p.level.label,
                ", ".join(r.label for r in BuyingRole if r in p.roles),
                p.stance.label,
                p.influence,
                p.reports_to.name if p.reports_to else None,
                p.owner.name if p.owner else None,
                p.phone or None,
                dt.datetime.combine(p.last_contact, dt.time()),
                (TODAY - p.last_contact).days,
                p.status.label,
            ]
            for name, p in stored.items()
        }
    assert len(rows) == len(expected) == 2
    for row in rows:
        assert row == expected[row[0]]
    assert rows[0][0] == "Rui Santos"  # executives first


def test_coverage_block_and_picture(portfolio, people, tmp_path) -> None:
    ws, _ = read_sheet(portfolio, people, tmp_path)
    labels = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, 30)}
    assert labels["People on the map"] == 2
    assert labels["Levels covered"] == "1 of 3 levels (missing: manager and end user)"
    assert labels["Single-threaded"] == "Yes"
    assert labels["Safe switches needed"] == 1
    assert labels["Economic buyer supports us"] == "Yes"
    assert labels["Mirrored commitment"] == "No"  # Acme is top tier, nobody named
    sentences = [ws.cell(r, 2).value for r in range(1, 40) if ws.cell(r, 1).value == "Risk"]
    assert any("=Ada Brennan changed role" in str(s) for s in sentences)
    assert len(ws._images) == 1
    assert ws._images[0].width > 100


def test_an_account_without_stakeholders(portfolio, acme, tmp_path) -> None:
    ws, _ = read_sheet(portfolio, acme, tmp_path)
    values = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert "No stakeholders recorded yet." in values
    assert not ws._images


def test_tint_mixes_with_white() -> None:
    assert tint_colour("#000000", 0.5) == "#808080"
    assert tint_colour("#2e7d32", 0.0) == "#2e7d32"
    assert Tier.TOP  # the acme fixture's tier drives the mirrored-commitment line


def test_the_map_picture_draws_stacked_reports_off_a_spine(portfolio, acme) -> None:
    from matplotlib.figure import Figure

    from cs_planner.domain.relationships.layout import Spacing, chart
    from cs_planner.domain.relationships.queries import load_map
    from cs_planner.reports.relationships import draw_map

    with portfolio.session() as s:
        boss = Stakeholder(account_id=acme, name="Rui Santos", level=Level.EXECUTIVE)
        s.add(boss)
        s.flush()
        s.add_all(Stakeholder(account_id=acme, name=f"Lee {n}", reports_to=boss) for n in range(8))
    with portfolio.session() as s:
        data = load_map(s, acme, TODAY)
    figure = Figure(figsize=(8, 4))
    draw_map(figure, data)
    drawn = chart([(p.id, p.reports_to_id) for p in data.stakeholders])
    assert len(drawn.stacked) == 8
    spacing = Spacing()
    ends = {tuple(line.get_xydata()[-1]) for line in figure.axes[0].get_lines()}
    for person in drawn.stacked:
        x, y = drawn.positions[person]
        assert (x, y + spacing.card_height / 2) in ends  # into the card's left edge
