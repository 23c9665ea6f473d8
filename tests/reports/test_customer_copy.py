"""The customer copy of a plan (workbook and PDF) holds none of the demo's private values
(every cell read, the PDF's text extracted); every label the plan exports is declared
shared or private in domain/workshop/privacy.py."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from cs_planner.demo import generate
from cs_planner.domain.accounts.queries import find_account
from cs_planner.domain.model import Division, Product
from cs_planner.domain.workshop.privacy import SHEETS
from cs_planner.domain.workshop.private_values import private_values
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.reports.customer_copy import label_layer
from cs_planner.storage import open_portfolio
from tests.ui.workshop.leaks import leaks

ACCOUNT = "Cedarline Medical Group"
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "demo.csplan"
    portfolio = open_portfolio(path)
    generate(portfolio, accounts=4, seed=7, today=TODAY)
    with portfolio.read() as session:
        account_id = find_account(session, ACCOUNT)
        secrets = private_values(session, account_id)
        names = {d.name for d in session.query(Division).filter_by(account_id=account_id)}
        names |= {p.name for p in session.query(Product)}
    yield portfolio, account_id, secrets, names
    portfolio.close()


def _cells(path: Path) -> tuple[list[str], list[float]]:
    texts, numbers = [], []
    for ws in openpyxl.load_workbook(path):
        texts.append(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                if ws.column_dimensions[get_column_letter(cell.column)].hidden:
                    continue  # a drop-down's list: the whole team's names, shared
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    numbers.append(float(cell.value))
                elif cell.value is not None:
                    texts.append(str(cell.value))
    return texts, numbers


def test_every_exported_label_is_declared(demo, tmp_path: Path) -> None:
    portfolio, account_id, _secrets, names = demo
    path = write_account_plan(portfolio, account_id, tmp_path / "plan.xlsx", today=TODAY)
    undeclared = set()
    for ws in openpyxl.load_workbook(path):
        assert ws.title in SHEETS, f"declare the sheet {ws.title!r} in privacy.SHEETS"
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if not (isinstance(value, str) and cell.font is not None and cell.font.b):
                    continue
                text = value.strip()
                dynamic = (
                    ACCOUNT in text
                    or text in names
                    or " / " in text  # a geography's region / country
                    or text.startswith(("=", "Level ", "Impact "))
                    or text.endswith(("subtotal", "adopted", "(draft)"))
                    or text.startswith(("Day one", "Target (by"))
                )
                if not dynamic and label_layer(text) is None:
                    undeclared.add(f"{ws.title}: {text}")
    assert undeclared == set(), "declare each in privacy.LABELS: " + "|".join(sorted(undeclared))


def test_the_workbook_shows_them_and_the_customer_copy_does_not(demo, tmp_path: Path) -> None:
    portfolio, account_id, secrets, _names = demo
    plan = write_account_plan(portfolio, account_id, tmp_path / "plan.xlsx", today=TODAY)
    texts, numbers = _cells(plan)
    assert leaks(texts, secrets) and set(numbers) & secrets.amounts  # the test sees them
    copy = write_account_plan(
        portfolio, account_id, tmp_path / "copy.xlsx", today=TODAY, customer_copy=True
    )
    texts, numbers = _cells(copy)
    assert leaks(texts, secrets) == []
    assert set(numbers) & secrets.amounts == set()
    assert "Risks" not in openpyxl.load_workbook(copy).sheetnames


def test_the_customer_pdf_does_not(demo, tmp_path: Path, qapp) -> None:
    from pypdf import PdfReader

    from cs_planner.ui.pdf.plan import write_plan_pdf

    portfolio, account_id, secrets, _names = demo
    full = write_plan_pdf(portfolio, account_id, tmp_path / "plan.pdf", today=TODAY)
    copy = write_plan_pdf(
        portfolio, account_id, tmp_path / "copy.pdf", today=TODAY, customer_copy=True
    )

    def text(path: Path) -> list[str]:
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        return [page.extract_text() for page in reader.pages]

    assert leaks(text(full), secrets)
    assert leaks(text(copy), secrets) == []


def test_a_contacts_phone_is_in_the_plan_and_never_in_the_customer_copy(
    tmp_path: Path, qapp
) -> None:
    from pypdf import PdfReader

    from cs_planner.domain.model import Stakeholder
    from cs_planner.ui.pdf.plan import write_plan_pdf

    portfolio = open_portfolio(tmp_path / "demo.csplan")
    try:
        generate(portfolio, accounts=2, seed=7, today=TODAY)
        phone = "+1 (415) 555-0199 x42"
        with portfolio.session() as session:
            person = session.query(Stakeholder).order_by(Stakeholder.id).first()
            assert person is not None
            person.phone, person.country = phone, "Canada"
            account_id = person.account_id
        plan = write_account_plan(portfolio, account_id, tmp_path / "plan.xlsx", today=TODAY)
        texts, _numbers = _cells(plan)
        assert phone in texts and "Canada" in texts
        copy = write_account_plan(
            portfolio, account_id, tmp_path / "copy.xlsx", today=TODAY, customer_copy=True
        )
        texts, _numbers = _cells(copy)
        assert not any(phone in text for text in texts)
        assert "Canada" in texts  # the country is shared
        pdf = write_plan_pdf(
            portfolio, account_id, tmp_path / "copy.pdf", today=TODAY, customer_copy=True
        )
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        assert not any("555-0199" in (page.extract_text() or "") for page in reader.pages)
    finally:
        portfolio.close()
