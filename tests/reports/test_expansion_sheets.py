"""The "Expansion" and "Whitespace" sheets, read back with openpyxl. The formulas are
evaluated from the workbook by a tiny evaluator for the shapes the sheets emit, and must give
the app's totals, also after a manager changes a confidence."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from cs_planner.domain.enums import Dimension, OpportunityStatus, WhitespaceState
from cs_planner.domain.expansion import queries as eq
from cs_planner.domain.expansion import rules as ex
from cs_planner.domain.expansion.edits import CellKey, add_opportunity, set_cell_state
from cs_planner.domain.expansion.rows import OpportunityValues
from cs_planner.domain.model import ArrHistory, Division, Geography, Opportunity, Product
from cs_planner.domain.quarters import add_quarters
from cs_planner.palette import WHITESPACE
from cs_planner.reports.account_plan import write_account_plan
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)  # 2026 Q4
EXCEL_EPOCH = dt.datetime(1899, 12, 30)

# --- a tiny evaluator for the formulas the sheets write ------------------------------------

TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>\"[^\"]*\")"
    r"|(?P<range>\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)|(?P<cell>\$?[A-Z]+\$?\d+)"
    r"|(?P<func>[A-Z]+)\(|(?P<op><=|>=|<>|[-+*/&=<>(),]))"
)


class Evaluator:
    """SUM, SUMIFS, IF, COUNTIF, COUNTA, + - * / &, comparisons; dates as Excel serials."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws

    def value(self, ref: str) -> Any:
        raw = self.ws[ref.replace("$", "")].value
        if isinstance(raw, str) and raw.startswith("="):
            return Evaluator(self.ws).evaluate(raw[1:])  # a fresh parser per formula
        if isinstance(raw, dt.datetime):
            return (raw - EXCEL_EPOCH).days
        return raw

    def cells(self, ref: str) -> list[Any]:
        return [self.value(c.coordinate) for row in self.ws[ref.replace("$", "")] for c in row]

    def evaluate(self, text: str) -> Any:
        self.tokens = []
        position = 0
        while position < len(text):
            match = TOKEN.match(text, position)
            assert match, f"cannot read {text[position:]!r}"
            kind = match.lastgroup
            self.tokens.append((kind, match.group(kind)))
            position = match.end()
        self.at = 0
        result = self.comparison()
        assert self.at == len(self.tokens), text
        return result

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        self.at += 1
        return self.tokens[self.at - 1]

    def comparison(self) -> Any:
        left = self.concat()
        token = self.peek()
        if token and token[1] in ("=", "<>", "<=", ">=", "<", ">"):
            self.take()
            return compare(left, token[1], self.concat())
        return left

    def concat(self) -> Any:
        left = self.additive()
        while (token := self.peek()) and token[1] == "&":
            self.take()
            left = text_of(left) + text_of(self.additive())
        return left

    def additive(self) -> Any:
        left = self.term()
        while (token := self.peek()) and token[1] in "+-" and token[0] == "op":
            self.take()
            right = self.term()
            left = (left or 0) + (right or 0) if token[1] == "+" else (left or 0) - (right or 0)
        return left

    def term(self) -> Any:
        left = self.primary()
        while (token := self.peek()) and token[1] in "*/" and token[0] == "op":
            self.take()
            right = self.primary()
            left = (left or 0) * (right or 0) if token[1] == "*" else (left or 0) / right
        return left

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "str":
            return text[1:-1]
        if kind == "cell":
            return self.value(text)
        if kind == "range":
            return ("range", text)
        if kind == "func":
            args = []
            while self.peek()[1] != ")":
                args.append(self.comparison())
                if self.peek()[1] == ",":
                    self.take()
            self.take()
            return getattr(self, f"f_{text.lower()}")(*args)
        if text == "-":
            return -self.primary()
        assert text == "(", text
        inner = self.comparison()
        self.take()
        return inner

    def f_sum(self, *ranges) -> float:
        return sum(v for r in ranges for v in self.cells(r[1]) if isinstance(v, int | float))

    def f_if(self, condition, yes, no) -> Any:
        return yes if condition else no

    def f_sumifs(self, total, *pairs) -> float:
        values = self.cells(total[1])
        keep = [True] * len(values)
        for criteria_range, criterion in zip(pairs[::2], pairs[1::2], strict=True):
            for n, cell in enumerate(self.cells(criteria_range[1])):
                keep[n] = keep[n] and matches(cell, criterion)
        return sum(v for v, k in zip(values, keep, strict=True) if k and v)

    def f_countif(self, cells, criterion) -> int:
        return sum(matches(v, criterion) for v in self.cells(cells[1]))

    def f_counta(self, cells) -> int:
        return sum(v not in (None, "") for v in self.cells(cells[1]))


def text_of(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def compare(left: Any, op: str, right: Any) -> bool:
    if isinstance(left, str) and isinstance(right, str):
        left, right = left.lower(), right.lower()
    return {
        "=": left == right,
        "<>": left != right,
        "<=": left <= right,
        ">=": left >= right,
        "<": left < right,
        ">": left > right,
    }[op]


def matches(cell: Any, criterion: Any) -> bool:
    if isinstance(criterion, str):
        found = re.match(r"(<=|>=|<>|<|>|=)?(.*)", criterion)
        op, operand = found.group(1), found.group(2)
        try:
            number = float(operand)
        except ValueError:
            number = None
        if number is not None:
            return isinstance(cell, int | float) and compare(cell, op or "=", number)
        return isinstance(cell, str) and compare(cell, op or "=", operand)
    return cell == criterion


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def plan(portfolio: Portfolio, acme: int) -> dict[str, int]:
    """Acme (ARR 250,000 on X = 10,000) with open, won and lost opportunities."""
    q = lambda n: add_quarters(dt.date(2026, 10, 1), n)  # noqa: E731
    with portfolio.session() as s:
        forms, sign = Product(name="Forms"), Product(name="Sign")
        s.add_all([forms, sign])
        s.add(ArrHistory(account_id=acme, quarter=dt.date(2026, 7, 1), arr=200_000))
        s.add(ArrHistory(account_id=acme, quarter=dt.date(2023, 7, 1), arr=40_000))
        s.add(ArrHistory(account_id=acme, quarter=dt.date(2024, 1, 1), arr=60_000))
        s.flush()
        marketing = s.query(Division).filter_by(name="Marketing").one()
        germany = s.query(Geography).filter_by(country="Germany").one()
        for values in (
            OpportunityValues(Dimension.USERS, "Seats", 40_000, 50, target_quarter=q(2)),
            OpportunityValues(Dimension.USERS, "Sure thing", 10_000, 100, target_quarter=q(1)),
            OpportunityValues(Dimension.DIVISIONS, "Marketing", 30_000, 0, target_quarter=q(5),
                              division_id=marketing.id, product_id=sign.id),
            OpportunityValues(Dimension.GEOGRAPHIES, "Later", 90_000, 80, target_quarter=q(10)),
            OpportunityValues(Dimension.USAGE, "Undated", 5_000, 60),
            OpportunityValues(Dimension.USERS, "Lost one", 70_000, 40, OpportunityStatus.LOST,
                              target_quarter=q(-1)),
        ):  # fmt: skip
            add_opportunity(s, acme, values, TODAY)
        # Open, and its quarter has gone by since it was entered (an edit would refuse it).
        s.add(Opportunity(account_id=acme, dimension=Dimension.USAGE, title="Overdue",
                          acv_uplift=8_000, confidence=25, target_quarter=q(-1)))  # fmt: skip
        for product, state in ((forms, WhitespaceState.LIVE), (sign, WhitespaceState.OPPORTUNITY)):
            set_cell_state(s, CellKey(acme, marketing.id, product_id=product.id), state)
        set_cell_state(
            s, CellKey(acme, marketing.id, geography_id=germany.id), WhitespaceState.NOT_RELEVANT
        )
        return {"marketing": marketing.id, "sign": sign.id, "forms": forms.id}


@pytest.fixture
def workbook_path(portfolio: Portfolio, acme: int, plan, tmp_path: Path) -> Path:
    return write_account_plan(portfolio, acme, tmp_path / "plan.xlsx", today=TODAY)


def row_of(ws: Worksheet, text: str, column: str = "A") -> int:
    return next(c.row for c in ws[column] if c.value == text)


# --- the Expansion sheet ---------------------------------------------------------------------


def test_sheets_are_registered_after_the_summary(workbook_path: Path) -> None:
    names = load_workbook(workbook_path).sheetnames
    assert names.index("Summary") < names.index("Expansion") < names.index("Whitespace")


def test_exported_formulas_give_the_apps_totals(portfolio, acme, workbook_path) -> None:
    with portfolio.session() as s:
        data = eq.load_expansion(s, acme, TODAY)
    ws = load_workbook(workbook_path)["Expansion"]
    ev = Evaluator(ws)
    assert ws["B6"].value.startswith("=")  # the multiple is a formula, not a number
    assert ev.value("B6") == pytest.approx(data.projection.multiple_today) == 25
    header = row_of(ws, "Quarter")
    rows = {ws.cell(r, 1).value: r for r in range(header + 1, header + 30)}
    for quarter, weighted, best in zip(
        data.projection.quarters, data.projection.weighted, data.projection.best, strict=True
    ):
        r = rows[data.label(quarter)]
        assert ws.cell(r, 4).value.startswith("=")
        assert ev.value(f"D{r}") == pytest.approx(weighted), data.label(quarter)
        assert ev.value(f"E{r}") == pytest.approx(best), data.label(quarter)
    # Overdue 2,000 and Sure thing 10,000 from the first quarter; Seats 20,000 from the
    # second; Marketing (confidence 0) adds nothing weighted; Later and Undated are out.
    assert data.projection.weighted[:3] == (262_000, 282_000, 282_000)
    assert data.projection.best[-1] == 250_000 + 8_000 + 10_000 + 40_000 + 30_000
    # The milestones count from the first deal (2022 Q1), as in the app: quarter 6 is
    # 2023 Q3 and quarter 8 is 2024 Q1, both past, read from the ARR recorded then.
    kpi = {ws.cell(r, 1).value: r for r in range(3, 12)}
    r6 = kpi["Quarter 6 after the first deal (2023 Q3, actual)"]
    r8 = kpi["Quarter 8 after the first deal (2024 Q1, actual)"]
    assert ev.value(f"B{r6}") == pytest.approx(40_000 / 10_000)
    assert ev.value(f"B{r8}") == pytest.approx(60_000 / 10_000)
    assert [m.multiple for m in data.pace.milestones] == pytest.approx([4.0, 6.0])
    assert (
        ws.cell(kpi["Pace"], 2).value
        == data.pace.verdict()
        == ("Reached 5x by quarter 8 after the first deal (2024 Q1): 6.0x.")
    )
    open_rows = [o for o in data.opportunities if o.values.status == OpportunityStatus.OPEN]
    expected = sum(o.weighted for o in open_rows)
    assert ev.value(f"B{kpi['Open pipeline, expected']}") == pytest.approx(expected)
    totals = row_of(ws, "Open, total")
    assert ev.value(f"E{totals}") == pytest.approx(sum(o.values.acv_uplift for o in open_rows))
    dims = {ws.cell(r, 2).value: r for r in range(row_of(ws, "Pairing") + 1, totals)}
    for row in data.dimensions:
        r = dims[row.dimension.label]
        assert ev.value(f"K{r}") == pytest.approx(row.open_value), row.dimension
        assert ev.value(f"L{r}") == pytest.approx(row.weighted_value), row.dimension


def test_a_changed_confidence_moves_the_totals_like_the_app_would(workbook_path) -> None:
    ws = load_workbook(workbook_path)["Expansion"]
    seats = row_of(ws, "Seats", "B")
    assert ws[f"F{seats}"].value == 0.5
    ws[f"F{seats}"].value = 0.9  # what a manager types in Excel
    ev = Evaluator(ws)
    totals = row_of(ws, "Open, total")
    assert ev.value(f"H{totals}") == pytest.approx(36_000 + 10_000 + 0 + 72_000 + 3_000 + 2_000)
    last = row_of(ws, "Quarter") + 1 + 1 + 8  # history, today, then 8 quarters
    assert ev.value(f"D{last}") == pytest.approx(250_000 + 2_000 + 10_000 + 36_000)
    assert ev.value(f"F{last}") == pytest.approx(29.8)


def test_expansion_sheet_has_the_tables_and_a_native_log_line_chart(workbook_path) -> None:
    ws = load_workbook(workbook_path)["Expansion"]
    dims = row_of(ws, "Pairing")
    assert [ws.cell(r, 2).value for r in range(dims + 1, dims + 7)] == [
        d.label for _title, *pair in ex.PAIRINGS for d in pair
    ]
    lost = row_of(ws, "Lost one", "B")
    assert ws[f"G{lost}"].value == "Lost"
    assert ws[f"F{lost}"].number_format == "0%"
    assert ws[f"D{lost}"].value == dt.datetime(2026, 7, 1)
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert type(chart).__name__ == "LineChart"
    assert chart.y_axis.scaling.logBase == 10
    assert len(chart.series) == 6  # actual, weighted, best case, 5x, 20x, 50x


def test_an_account_without_opportunities_still_has_working_formulas(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    from cs_planner.domain.accounts.writes import create_account

    with portfolio.session() as s:
        account = create_account(s, "Quiet", 20_000, arr=60_000)
    path = write_account_plan(portfolio, account, tmp_path / "quiet.xlsx", today=TODAY)
    ws = load_workbook(path)["Expansion"]
    ev = Evaluator(ws)
    assert ws[f"B{row_of(ws, 'Open, total')}"].value == "No opportunities recorded yet."
    last = row_of(ws, "Quarter") + 1 + 8
    assert ev.value(f"D{last}") == 60_000
    assert ev.value(f"F{last}") == 3


def test_an_account_without_arr_shows_no_multiple_in_the_sheet(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    """As in the app: a dash, not 0.0x today nor a projected multiple from the pipeline."""
    from cs_planner.domain.accounts.rules import NO_MULTIPLE
    from cs_planner.domain.accounts.writes import create_account
    from cs_planner.domain.expansion.pace import PACE_QUARTERS

    with portfolio.session() as s:
        account = create_account(s, "Brand New", 20_000, initial_deal_date=TODAY)
        values = OpportunityValues(
            Dimension.USERS, "Seats", 40_000, 100, target_quarter=dt.date(2027, 1, 1)
        )
        add_opportunity(s, account, values, TODAY)
    path = write_account_plan(portfolio, account, tmp_path / "new.xlsx", today=TODAY)
    ws = load_workbook(path)["Expansion"]
    ev = Evaluator(ws)
    kpi = {str(ws.cell(r, 1).value).split(" (")[0]: r for r in range(3, 12)}
    assert ev.value(f"B{kpi['Multiple today']}") == NO_MULTIPLE
    for n in PACE_QUARTERS:  # projected from the first deal, still no multiple
        assert ev.value(f"B{kpi[f'Quarter {n} after the first deal']}") == NO_MULTIPLE
    last = row_of(ws, "Quarter") + 1 + 8
    assert ev.value(f"D{last}") == 40_000  # the pipeline is still there
    with portfolio.session() as s:  # once the ARR is entered, the multiple is a number
        from cs_planner.domain.accounts.writes import update_account

        update_account(s, account, "arr", 30_000)
    path = write_account_plan(portfolio, account, tmp_path / "new2.xlsx", today=TODAY)
    ev = Evaluator(load_workbook(path)["Expansion"])
    assert ev.value(f"B{kpi['Multiple today']}") == pytest.approx(1.5)


# --- the Whitespace sheet --------------------------------------------------------------------


def test_whitespace_sheet_colours_cells_and_explains_them(workbook_path, plan) -> None:
    ws = load_workbook(workbook_path)["Whitespace"]
    legend = row_of(ws, "Legend")
    for offset, state in enumerate(ex.CYCLE, start=1):
        cell = ws.cell(legend + offset, 1)
        assert cell.value == state.label
        assert cell.fill.fgColor.rgb.endswith(WHITESPACE[state].lstrip("#"))
    grid = row_of(ws, "Divisions × products")
    header = [c.value for c in ws[grid + 1]]
    marketing = row_of(ws, "Marketing")
    forms = ws.cell(marketing, header.index("Forms") + 1)
    sign = ws.cell(marketing, header.index("Sign") + 1)
    assert forms.value == "Live"
    assert forms.fill.fgColor.rgb.endswith(WHITESPACE[WhitespaceState.LIVE].lstrip("#"))
    assert sign.value == "Opportunity · 30,000 EUR"  # its open opportunity's ACV uplift
    ev = Evaluator(ws)
    live, relevant, uplift = (header.index(t) + 1 for t in ("Live", "Relevant", "Open ACV uplift"))
    assert ev.value(ws.cell(marketing, live).coordinate) == 1
    assert ev.value(ws.cell(marketing, relevant).coordinate) == 2
    assert ws.cell(marketing, uplift).value == 30_000
    column_live = row_of(ws, "Live (column)")
    assert ev.value(ws.cell(column_live, header.index("Forms") + 1).coordinate) == 1
    geographies = row_of(ws, "Divisions × geographies")
    geo_header = [c.value for c in ws[geographies + 1]]
    marketing_geo = next(
        r for r in range(geographies + 2, geographies + 8) if ws.cell(r, 1).value == "Marketing"
    )
    germany = ws.cell(marketing_geo, geo_header.index("EMEA / Germany") + 1)
    assert germany.value == "Not relevant"
    relevant_geo = geo_header.index("Relevant") + 1
    assert ev.value(ws.cell(marketing_geo, relevant_geo).coordinate) == 0
