"""The account plan's "Value" sheet on the demo portfolio, read back with openpyxl: the
sections, the app's figures in its cells, a native chart of the year, and (with
LibreOffice) the formulas recomputed to the app's score, also after a weight is changed."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from cs_planner.demo import generate
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import HealthIndicator, MetricDirection
from cs_planner.domain.model import (
    AccountMetric,
    MaturityChange,
    MetricDefinition,
    MetricTarget,
    MetricValue,
)
from cs_planner.domain.value import score as rules
from cs_planner.domain.value.health import AccountHealth, account_health
from cs_planner.domain.value.indicators import ON_PLAN, attainment
from cs_planner.domain.value.reads import read_facts, weights
from cs_planner.reports.account_plan import SHEETS, write_account_plan
from cs_planner.reports.value.cells import WIDTHS
from cs_planner.storage import Portfolio

TODAY = dt.date(2026, 11, 24)
ACCOUNT = 1  # the demo's first account: levels changed twice, three metrics, full usage
SECTIONS = (
    "Key figures",
    "Maturity position",
    "Level changes",
    "Metrics against plan",
    "Health score",
    "What moves the score",
    "Health over the last twelve months",
    "Metrics: targets and measurements",
)


@pytest.fixture
def demo(portfolio: Portfolio) -> Portfolio:
    generate(portfolio, accounts=12, seed=7, today=TODAY)
    return portfolio


@pytest.fixture
def empty_account(demo: Portfolio) -> int:
    """An account with no usage, no metrics, no map, no roadmap, no renewal date."""
    with demo.session() as s:
        return create_account(s, "Blank Slate Ltd", 5_000.0)


@pytest.fixture
def edge_account(demo: Portfolio) -> int:
    """Only metrics, at the edges: a zero step (target equal to the baseline, lower is
    better) met, one without a target and one without a baseline (neither judged), and a
    unit that reads like a formula."""
    with demo.session() as s:
        account = create_account(s, "Edge Cases Ltd", 5_000.0)
        lower = MetricDirection.LOWER_IS_BETTER
        plans = (
            ("Open tickets", lower, 10.0, ((dt.date(2026, 10, 1), 10.0),), 9.0),
            ("Orders placed", MetricDirection.HIGHER_IS_BETTER, 100.0, (), 120.0),
            ("Leads qualified", MetricDirection.HIGHER_IS_BETTER, None, ((TODAY, 50.0),), 40.0),
        )
        for name, direction, baseline, targets, value in plans:
            unit = "=1+1" if name == "Orders placed" else "count"
            definition = MetricDefinition(name=name, unit=unit, direction=direction)
            s.add(definition)
            s.flush()
            tracked = AccountMetric(
                account_id=account,
                metric_id=definition.id,
                baseline=baseline,
                baseline_date=dt.date(2026, 1, 5) if baseline is not None else None,
            )
            s.add(tracked)
            s.flush()
            for quarter, target in targets:
                quarter = dt.date(quarter.year, quarter.month - (quarter.month - 1) % 3, 1)
                s.add(MetricTarget(account_metric_id=tracked.id, quarter=quarter, target=target))
            s.add(MetricValue(account_metric_id=tracked.id, measured_on=TODAY, value=value))
        return account


def health_of(portfolio: Portfolio, account: int) -> AccountHealth:
    with portfolio.read() as s:
        return account_health(s, account, TODAY)


def value_sheet(path: Path, *, data_only: bool = False) -> Worksheet:
    return load_workbook(path, data_only=data_only)["Value"]


def row_of(ws: Worksheet, text: str, col: int = 1, after: int = 0) -> int:
    for row in range(after + 1, ws.max_row + 1):
        if ws.cell(row, col).value == text:
            return row
    raise AssertionError(f"{text!r} is not in column {col} of the sheet")


def indicator_rows(ws: Worksheet) -> dict[HealthIndicator, int]:
    return {i: row_of(ws, i.label) for i in HealthIndicator}


def score_row(ws: Worksheet) -> int:
    return row_of(ws, "Health score (these weights)")


def test_the_value_sheet_follows_the_others_with_its_sections(demo, tmp_path) -> None:
    titles = [spec.title for spec in SHEETS]
    assert titles.index("Value") == titles.index("CSA Allocation") + 1
    path = write_account_plan(demo, ACCOUNT, tmp_path / "plan.xlsx", today=TODAY)
    workbook = load_workbook(path)
    assert workbook.sheetnames == titles
    ws = workbook["Value"]
    row = 0
    for heading in SECTIONS:  # each below the one before
        row = row_of(ws, heading, after=row)
        assert ws.cell(row, 1).font.bold
    # The long table of targets and measurements repeats its header on every page.
    timeline = row_of(ws, "Metrics: targets and measurements") + 1
    assert ws.cell(timeline, 1).value == "Metric"
    assert ws.print_title_rows == f"${timeline}:${timeline}"
    # The grid stays as set: the metric's name in A is not narrowed to fit the paper.
    assert ws.column_dimensions["A"].width == WIDTHS[1]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    header = row_of(ws, "Indicator")
    assert ws.cell(header, 1).font.bold
    assert ws.cell(header, 1).fill.fgColor.rgb.endswith("DDEBF7")


def test_the_cells_hold_the_apps_figures(demo, tmp_path) -> None:
    health = health_of(demo, ACCOUNT)
    path = write_account_plan(demo, ACCOUNT, tmp_path / "plan.xlsx", today=TODAY)
    ws = value_sheet(path)
    rows = indicator_rows(ws)
    for part in health.now.parts:
        r = rows[part.indicator]
        assert ws[f"D{r}"].value == part.weight.weight
        assert ws[f"E{r}"].value == part.weight.red_below
        assert ws[f"F{r}"].value == part.weight.green_from
        sub = ws[f"C{r}"].value
        if part.indicator is HealthIndicator.VALUE_METRICS:
            assert sub.startswith("=IF(COUNT(")  # the average of the metrics' scores, live
        else:
            assert sub == pytest.approx(part.reading.score)
        assert ws[f"G{r}"].value.startswith("=IF(AND(ISNUMBER(")
        assert ws[f"H{r}"].value == f"=IF(ISNUMBER(C{r}),G{r}*C{r},0)"
    first, last = min(rows.values()), max(rows.values())
    assert ws[f"H{score_row(ws)}"].value.endswith(f'SUM(H{first}:H{last}),"no data")')
    scored = score_row(ws) + 1
    assert ws[f"H{scored}"].value == pytest.approx(health.now.score, abs=0.01)
    assert ws[f"I{scored}"].value == health.now.band.label
    # The year: the month ends as the app scored them, today's point the live score.
    top = row_of(ws, "Month") + 1
    months = [ws[f"C{r}"].value for r in range(top, top + len(health.history))]
    for shown, h in zip(months[:-1], health.history[:-1], strict=True):
        assert shown == pytest.approx(h.score)
    assert months[-1] == f"=$H${score_row(ws)}"
    assert ws[f"A{top + len(health.history) - 1}"].value == "Today"
    # The explanation, word for word.
    why = row_of(ws, "What moves the score")
    said = [ws.cell(why + 1 + i, 1).value for i in range(len(health.sentences))]
    assert said == list(health.sentences)


def test_the_maturity_position_and_its_history(demo, tmp_path) -> None:
    with demo.read() as s:
        changes = s.execute(
            select(MaturityChange.changed_on, MaturityChange.level)
            .where(MaturityChange.account_id == ACCOUNT)
            .order_by(MaturityChange.changed_on)
        ).all()
    path = write_account_plan(demo, ACCOUNT, tmp_path / "plan.xlsx", today=TODAY)
    ws = value_sheet(path)
    marks = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(1, ws.max_row + 1)}
    # Meridian Freight Group: level 2 on day one, 4 now, 5 by 2027-11-01.
    day_one, first_level = changes[0]
    assert marks[f"Level {first_level}"] == f"Day one ({day_one:%Y-%m-%d})"
    assert marks["Level 4"] == "Current"
    assert marks["Level 5"] == "Target (by 2027-11-01)"
    assert not marks["Level 1"]
    top = row_of(ws, "From") + 1
    shown = [(ws.cell(r, 1).value.date(), ws.cell(r, 2).value) for r in range(top, top + 3)]
    assert shown == [(on, f"Level {level}") for on, level in changes]
    key = row_of(ws, "Maturity level")
    assert ws.cell(key, 2).value == "4 of 5: Insight-driven"
    assert ws.cell(key + 1, 2).value == "5 of 5: Transformative, by 2027-11-01"


def test_the_metrics_show_their_plan_and_live_attainments(demo, tmp_path) -> None:
    with demo.read() as s:
        metrics = read_facts(s, TODAY, [ACCOUNT])[ACCOUNT].metrics
    path = write_account_plan(demo, ACCOUNT, tmp_path / "plan.xlsx", today=TODAY)
    ws = value_sheet(path)
    for m in metrics:
        r = row_of(ws, m.name)  # the summary comes before the targets and measurements
        assert (ws[f"B{r}"].value, ws[f"D{r}"].value) == (m.unit, m.baseline)
        assert ws[f"E{r}"].value.date() == m.baseline_date
        assert ws[f"J{r}"].value.startswith(f'=IF(OR(D{r}="",I{r}="",G{r}=""),""')
        assert ws[f"K{r}"].value == f'=IF(J{r}="","",IF(J{r}>={ON_PLAN:g},"Yes","No"))'
        latest = m.latest(TODAY)
        assert latest is not None
        assert ws[f"F{r}"].value.date() == latest[0]
        # The latest value and its target are references into the timeline below.
        line = int(ws[f"G{r}"].value.removeprefix("=E"))
        assert ws[f"E{line}"].value == latest[1]
        assert ws[f"B{line}"].value.date() == latest[0]
        target_line = int(ws[f"I{r}"].value.removeprefix("=D"))
        assert ws[f"D{target_line}"].value == m.target_for(latest[0])
    timeline = row_of(ws, "Date", 2) + 1
    lines = [ws.cell(r, 1).value for r in range(timeline, ws.max_row + 1)]
    assert len(lines) == sum(len(m.targets) + len(m.values) for m in metrics)


def test_a_native_line_chart_of_twelve_points(demo, tmp_path) -> None:
    path = write_account_plan(demo, ACCOUNT, tmp_path / "plan.xlsx", today=TODAY)
    ws = value_sheet(path)
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert type(chart).__name__ == "LineChart"
    assert len(chart.series) == 1
    top = row_of(ws, "Month") + 1
    values = chart.series[0].val.numRef.f
    assert values == f"'Value'!$C${top}:$C${top + 11}"
    categories = chart.series[0].cat.numRef or chart.series[0].cat.strRef
    assert categories.f == f"'Value'!$A${top}:$A${top + 11}"  # the month labels
    assert not ws._images  # a chart, not a picture


def test_an_account_without_metrics_or_usage_says_so(demo, empty_account, tmp_path) -> None:
    assert health_of(demo, empty_account).now.score is None
    path = write_account_plan(demo, empty_account, tmp_path / "blank.xlsx", today=TODAY)
    ws = value_sheet(path)
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert any(t.startswith("No metrics are tracked for this account yet") for t in texts)
    assert "No level changes recorded." in texts
    assert "No indicator has data yet: record usage, metrics or the relationship map." in texts
    for r in indicator_rows(ws).values():
        assert ws[f"C{r}"].value == "no data"
    assert ws[f"H{score_row(ws) + 1}"].value == "no data"
    key = row_of(ws, "Maturity level")
    assert ws.cell(key, 2).value == "not set"
    assert ws.cell(key + 2, 2).value == "none tracked"


def test_user_text_that_looks_like_a_formula_stays_text(demo, edge_account, tmp_path) -> None:
    path = write_account_plan(demo, edge_account, tmp_path / "edges.xlsx", today=TODAY)
    ws = value_sheet(path)
    unit = ws[f"B{row_of(ws, 'Orders placed')}"]
    assert (unit.value, unit.data_type) == ("=1+1", "s")
    assert unit.quotePrefix


def _recompute(files: list[Path], out: Path, profile: Path) -> list[Path]:
    office = shutil.which("soffice")
    assert office is not None
    argv = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    argv += ["--convert-to", "xlsx", "--outdir", str(out), *map(str, files)]
    subprocess.run(argv, check=True, capture_output=True, timeout=300)
    converted = [out / f.name for f in files]
    assert all(c.exists() for c in converted), f"LibreOffice converted nothing: {argv}"
    return converted


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: the formulas cannot be recomputed here.",
)
def test_libreoffice_recomputes_the_apps_figures(
    demo, empty_account, edge_account, tmp_path
) -> None:
    health = health_of(demo, ACCOUNT)
    with demo.read() as s:
        metrics = read_facts(s, TODAY, [ACCOUNT])[ACCOUNT].metrics
        table = weights(s)
    plan = write_account_plan(demo, ACCOUNT, tmp_path / "plan.xlsx", today=TODAY)
    blank = write_account_plan(demo, empty_account, tmp_path / "blank.xlsx", today=TODAY)
    edges = write_account_plan(demo, edge_account, tmp_path / "edges.xlsx", today=TODAY)
    # A manager doubles license utilization's weight: the score must follow.
    what_if = tmp_path / "what-if.xlsx"
    workbook = load_workbook(plan)
    ws = workbook["Value"]
    utilization = indicator_rows(ws)[HealthIndicator.LICENSE_UTILIZATION]
    ws[f"D{utilization}"] = 40
    workbook.save(what_if)
    files = _recompute(
        [plan, what_if, blank, edges], tmp_path / "recomputed", tmp_path / "lo-profile"
    )

    ws = value_sheet(files[0], data_only=True)
    score = score_row(ws)
    assert ws[f"H{score}"].value == pytest.approx(health.now.score, abs=0.01)
    assert ws[f"I{score}"].value == health.now.band.label
    assert ws["B4"].value == pytest.approx(health.now.score, abs=0.01)
    assert ws["B5"].value == health.now.band.label
    rows = indicator_rows(ws)
    for part in health.now.parts:
        r = rows[part.indicator]
        assert ws[f"C{r}"].value == pytest.approx(part.reading.score, abs=0.01)
        assert ws[f"G{r}"].value == pytest.approx(part.share, abs=1e-6)
        assert ws[f"H{r}"].value == pytest.approx(part.points, abs=0.01)
    for m in metrics:
        r = row_of(ws, m.name)
        latest = m.latest(TODAY)
        assert latest is not None
        target = m.target_for(latest[0])
        assert m.baseline is not None and target is not None
        expected = attainment(m.baseline, target, latest[1], m.lower_is_better)
        assert ws[f"J{r}"].value == pytest.approx(expected, abs=1e-6)
        assert ws[f"K{r}"].value == ("Yes" if expected >= ON_PLAN else "No")
    top = row_of(ws, "Month") + 1
    assert ws[f"C{top + 11}"].value == pytest.approx(health.now.score, abs=0.01)
    assert not _errors(ws)

    ws = value_sheet(files[1], data_only=True)
    doubled = dict(table)
    key = HealthIndicator.LICENSE_UTILIZATION
    doubled[key] = replace(table[key], weight=40)
    readings = [p.reading for p in health.now.parts]
    expected_score = rules.compose(ACCOUNT, TODAY, readings, doubled).score
    assert expected_score is not None
    assert abs(expected_score - health.now.score) > 0.1  # the change shows
    assert ws[f"H{score_row(ws)}"].value == pytest.approx(expected_score, abs=0.01)

    ws = value_sheet(files[2], data_only=True)
    assert ws[f"H{score_row(ws)}"].value == "no data"
    assert ws["B4"].value == "no data"
    assert not _errors(ws)

    edge = health_of(demo, edge_account)
    ws = value_sheet(files[3], data_only=True)
    assert edge.now.score == pytest.approx(100.0)  # the zero step met, nothing else judged
    assert ws[f"H{score_row(ws)}"].value == pytest.approx(edge.now.score)
    part = edge.now.part(HealthIndicator.VALUE_METRICS)
    r = indicator_rows(ws)[HealthIndicator.VALUE_METRICS]
    assert (ws[f"C{r}"].value, ws[f"G{r}"].value) == (pytest.approx(100.0), pytest.approx(1.0))
    assert ws[f"B{r}"].value == part.reading.value_text == "1 of 1"
    judged = {
        name: ws[f"J{row_of(ws, name)}"].value
        for name in ("Open tickets", "Orders placed", "Leads qualified")
    }
    assert judged["Open tickets"] == 1
    assert judged["Orders placed"] is None  # no target: not judged, no error
    assert judged["Leads qualified"] is None  # no baseline
    assert not _errors(ws)


def _errors(ws: Worksheet) -> list[str]:
    """Cells showing an error (#DIV/0!, #VALUE!, #REF! ...) after the recomputation."""
    shown = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    return [
        f"{c.coordinate}: {c.value}"
        for c in shown
        if c.value.startswith("#") and c.value.endswith(("!", "?", "/A"))
    ]
