"""The account plan's Stairway sheet, written and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.enums import StairStep, TeamRole, UseCaseStatus
from cs_planner.domain.model import Division, Geography, Stakeholder, TeamMember, UseCase
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.reports.figures import render_png
from cs_planner.reports.stairway import COLUMNS, draw_stairway
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)
HEADERS = [c.header for c in COLUMNS]


def add_roadmap(portfolio: Portfolio, account_id: int) -> None:
    with portfolio.session() as s:
        finance = s.query(Division).filter_by(account_id=account_id, name="Finance").one()
        emea = s.query(Geography).filter_by(account_id=account_id, region="EMEA").one()
        champion = Stakeholder(account_id=account_id, name="Rita Champ")
        csa = TeamMember(name="Cara Arch", role=TeamRole.CSA)
        s.add_all([champion, csa])
        s.flush()
        for step, position, title, status, quarter, targeted, reached, value in (
            (StairStep.REMEDIATION, 1, "Invoice capture", UseCaseStatus.ADOPTED,
             dt.date(2025, 4, 1), 40, 38, 200_000.0),
            (StairStep.REMEDIATION, 0, "=Paper approvals", UseCaseStatus.IMPLEMENTING,
             dt.date(2026, 4, 1), 100, 10, 50_000.0),
            (StairStep.INNOVATION, 0, "Supplier portal", UseCaseStatus.PLANNED,
             dt.date(2027, 1, 1), 300, 0, 400_000.0),
        ):  # fmt: skip
            s.add(
                UseCase(
                    account_id=account_id,
                    step=step,
                    position=position,
                    title=title,
                    problem=f"Why {title}",
                    status=status,
                    target_quarter=quarter,
                    users_targeted=targeted,
                    users_reached=reached,
                    annual_value=value,
                    division_id=finance.id,
                    geography_id=emea.id,
                    champion_id=champion.id,
                    csa_id=csa.id,
                )
            )


def sheet(portfolio: Portfolio, account_id: int, tmp_path: Path) -> Worksheet:
    path = write_account_plan(portfolio, account_id, tmp_path / "plan.xlsx", today=TODAY)
    return load_workbook(path)["Stairway"]


def header_row(ws: Worksheet) -> int:
    return next(c.row for c in ws["A"] if c.value == "Step")


def test_use_cases_grouped_by_step_with_subtotals(
    portfolio: Portfolio, acme: int, tmp_path: Path
) -> None:
    add_roadmap(portfolio, acme)
    ws = sheet(portfolio, acme, tmp_path)
    top = header_row(ws)
    assert [c.value for c in ws[top]][: len(HEADERS)] == HEADERS
    body = [[c.value for c in row][: len(HEADERS)] for row in ws.iter_rows(min_row=top + 1)]
    first, second = body[0], body[1]
    assert first == [
        "Remediation",
        1,
        "=Paper approvals",
        "Why =Paper approvals",
        "Implementing",
        "Finance",
        "EMEA / Germany",
        "2026 Q2 (overdue)",
        100,
        10,
        50_000,
        "Rita Champ",
        "Cara Arch",
    ]
    assert ws.cell(top + 1, 3).data_type == "s"  # user text never becomes a formula
    assert second[:3] == ["Remediation", 2, "Invoice capture"] and second[7] == "2025 Q2"
    subtotal = body[2]
    assert subtotal[0] == "Remediation subtotal" and subtotal[2] == "2 use cases, 1 adopted"
    assert subtotal[8:11] == [140, 48, 250_000]
    assert ws.cell(top + 3, 1).font.bold
    assert ws.cell(top + 3, 11).number_format == '"€"#,##0'
    assert body[3][0] == "Enhancement subtotal" and body[3][8:11] == [0, 0, 0]
    assert body[4][:3] == ["Innovation", 1, "Supplier portal"]
    assert body[5][0] == "Innovation subtotal"
    assert body[5][8:11] == [300, 0, 400_000]
    assert body[6][0] == "Disruption subtotal"
    total = body[7]
    assert total[0] == "All steps" and total[2] == "3 use cases, 1 adopted"
    assert total[8:11] == [440, 48, 650_000]
    assert ws.cell(top + 8, 11).number_format == '"€"#,##0'
    assert ws.cell(top + 8, 1).font.bold
    # A step's rows fold under its subtotal; subtotals stay visible.
    assert ws.row_dimensions[top + 1].outline_level == 1
    assert ws.row_dimensions[top + 5].outline_level == 1
    assert ws.row_dimensions[top + 3].outline_level == 0
    assert len(ws._images) == 1


def test_metrics_above_the_table(portfolio: Portfolio, acme: int, tmp_path: Path) -> None:
    add_roadmap(portfolio, acme)
    ws = sheet(portfolio, acme, tmp_path)
    values = {r[0].value: r[1].value for r in ws.iter_rows(max_col=2) if r[0].value}
    assert ws["A1"].value == "Stairway - Acme Corp"
    assert values["Adopted use cases"] == "1 of 3 (0 live, not adopted)"
    assert values["Business users per adopted use case"] == 38
    assert values["Value realised (a year)"] == 200_000
    assert values["Stairway template"].startswith("Manufacturers: quality")
    assert "suggested" in values["Stairway template"]


def test_an_empty_roadmap_still_has_the_steps(
    portfolio: Portfolio, acme: int, tmp_path: Path
) -> None:
    ws = sheet(portfolio, acme, tmp_path)
    top = header_row(ws)
    labels = [ws.cell(top + n, 1).value for n in range(1, 6)]
    assert labels == [f"{s.label} subtotal" for s in StairStep] + ["All steps"]
    assert ws._images == []


def test_the_picture_draws_without_a_screen() -> None:
    from cs_planner.domain.stairway.rows import UseCaseRow, UseCaseValues

    rows = [
        UseCaseRow(1, StairStep.REMEDIATION, 0, UseCaseValues("A very long use case title " * 3)),
        UseCaseRow(2, StairStep.DISRUPTION, 0, UseCaseValues("B", status=UseCaseStatus.LIVE)),
    ]
    png = render_png(lambda f: draw_stairway(f, rows, "Acme"))
    assert png.startswith(b"\x89PNG")
