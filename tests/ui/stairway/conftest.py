"""The Stairway tab's fixtures: a shipped-template folder of one file, an account with
three use cases and a CSA, and the tab showing it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import StairStep, TeamRole, UseCaseStatus
from cs_planner.domain.model import Division, TeamMember, UseCase
from cs_planner.domain.stairway import templates as stairway_templates
from cs_planner.ui.stairway.tab import StairwayTab

R, E, INN, D = StairStep
TEMPLATE = """
name = "Retail climb"
industry = "Retail"
size_band = "SMB"

[[use_case]]
step = "remediation"
title = "Store audits"

[[use_case]]
step = "remediation"
title = "Shelf labels"
problem = "Labels are printed by hand."
typical_value = 5000

[[use_case]]
step = "innovation"
title = "Local promotions"
"""


@pytest.fixture
def templates(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "stairways"
    folder.mkdir()
    (folder / "retail.toml").write_text(TEMPLATE, encoding="utf-8")
    monkeypatch.setattr(stairway_templates, "TEMPLATE_FOLDER", folder)
    return folder


@pytest.fixture
def ids(portfolio, templates) -> dict[str, int]:
    with portfolio.session() as s:
        cara = TeamMember(name="Cara Arch", role=TeamRole.CSA)
        s.add(cara)
        s.flush()
        account = create_account(s, "Kestrel", 10_000, industry="Retail", size_band="SMB")
        stores = Division(account_id=account, name="Stores")
        s.add(stores)
        s.flush()
        rows = {}
        for step, position, title, status, quarter in (
            (R, 0, "Store audits", UseCaseStatus.ADOPTED, dt.date(2026, 1, 1)),
            (R, 1, "Invoice capture", UseCaseStatus.IMPLEMENTING, dt.date(2026, 4, 1)),
            (E, 0, "Dashboards", UseCaseStatus.PLANNED, dt.date(2027, 1, 1)),
        ):
            use_case = UseCase(
                account_id=account,
                step=step,
                position=position,
                title=title,
                status=status,
                target_quarter=quarter,
                users_targeted=100,
                users_reached=80 if status == UseCaseStatus.ADOPTED else 0,
                annual_value=1000.0,
                division_id=stores.id,
                csa_id=cara.id,
            )
            s.add(use_case)
            s.flush()
            rows[title] = use_case.id
        return {"account": account, "cara": cara.id, **rows}


@pytest.fixture
def view(qtbot, ctx, ids) -> StairwayTab:
    w = StairwayTab(ctx)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.set_account(ids["account"])
    return w
