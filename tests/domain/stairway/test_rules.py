"""The stairway's rules on hand-built cases: pure functions, no portfolio."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.enums import StairStep, UseCaseStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.stairway.rows import (
    Progress,
    TemplateData,
    TemplateUseCaseData,
    TemplateValues,
    UseCaseRow,
    UseCaseValues,
)
from cs_planner.domain.stairway.rules import (
    is_overdue,
    reorder,
    roadmap_metrics,
    step_summaries,
    suggest_template,
    template_progress,
)

R, E, INN, D = StairStep
S = UseCaseStatus


def row(n: int, title: str, step: StairStep, status: S, **values) -> UseCaseRow:
    return UseCaseRow(n, step, n, UseCaseValues(title=title, status=status, **values))


def case(step: StairStep, title: str) -> TemplateUseCaseData:
    return TemplateUseCaseData(step, title)


TEMPLATE = [
    case(R, "Fix A"),
    case(R, "Fix B"),
    case(E, "Improve C"),
    case(E, "Improve D"),
    case(INN, "Invent E"),
    case(D, "Disrupt F"),
]


# --- rules -------------------------------------------------------------------------------


def test_overdue_means_the_target_quarter_ended_and_it_is_not_live() -> None:
    q3 = dt.date(2026, 7, 1)
    assert is_overdue(q3, S.IMPLEMENTING, dt.date(2026, 10, 1))
    assert not is_overdue(q3, S.IMPLEMENTING, dt.date(2026, 9, 30))  # last day of Q3
    assert not is_overdue(q3, S.LIVE, dt.date(2027, 1, 1))
    assert not is_overdue(q3, S.ADOPTED, dt.date(2027, 1, 1))
    assert is_overdue(q3, S.IDENTIFIED, dt.date(2027, 1, 1))
    assert not is_overdue(None, S.PLANNED, dt.date(2030, 1, 1))


def test_step_summaries_count_adopted_and_value() -> None:
    rows = [
        row(1, "a", R, S.ADOPTED, annual_value=100.0),
        row(2, "b", R, S.LIVE, annual_value=50.0),
        row(3, "c", INN, S.ADOPTED, annual_value=10.0),
    ]
    summaries = {s.step: s for s in step_summaries(rows)}
    assert (summaries[R].count, summaries[R].adopted) == (2, 1)
    assert (summaries[R].value, summaries[R].value_adopted) == (150.0, 100.0)
    assert summaries[E].count == 0 and summaries[D].value == 0
    assert summaries[INN].value_adopted == 10.0


def test_roadmap_metrics_count_only_adopted_as_success() -> None:
    rows = [
        row(1, "a", R, S.ADOPTED, users_reached=300, annual_value=100.0),
        row(2, "b", R, S.ADOPTED, users_reached=100, annual_value=20.0),
        row(3, "c", E, S.LIVE, users_reached=900, annual_value=500.0),
    ]
    metrics = roadmap_metrics(rows)
    assert (metrics.adopted, metrics.live, metrics.use_cases) == (2, 1, 3)
    assert metrics.users_per_use_case == 200
    assert metrics.value_realized == 120.0
    assert roadmap_metrics([]).users_per_use_case is None


def test_progress_states_and_next_on_the_lowest_unfinished_step() -> None:
    rows = [
        row(1, "fix a", R, S.ADOPTED),  # titles match whatever the case
        row(2, "Fix  B", R, S.LIVE),  # live is in progress, not done
        row(3, "Improve D", E, S.IDENTIFIED),  # an idea only: not started
    ]
    progress = template_progress(TEMPLATE, rows)
    states = [i.state for i in progress.items]
    assert states == [
        Progress.DONE,
        Progress.IN_PROGRESS,
        Progress.NOT_STARTED,
        Progress.NOT_STARTED,
        Progress.NOT_STARTED,
        Progress.NOT_STARTED,
    ]
    assert progress.items[3].use_case_id == 3 and progress.items[2].use_case_id is None
    # Remediation is under way (nothing left to start), so the first not-started on E.
    assert progress.next_item is not None and progress.next_item.case.title == "Improve C"
    assert progress.count(Progress.DONE) == 1


def test_next_is_the_first_not_started_on_the_lowest_step() -> None:
    progress = template_progress(TEMPLATE, [row(1, "Fix B", R, S.ADOPTED)])
    assert progress.next_item.case.title == "Fix A"
    progress = template_progress(TEMPLATE, [])
    assert progress.next_item.case.title == "Fix A"


def test_next_ignores_template_order_across_steps() -> None:
    mixed = [case(D, "Disrupt"), case(E, "Improve"), case(R, "Fix")]
    done = [row(1, "Fix", R, S.ADOPTED)]
    assert template_progress(mixed, done).next_item.case.title == "Improve"


def test_no_next_when_everything_is_started() -> None:
    rows = [row(n, c.title, c.step, S.IMPLEMENTING) for n, c in enumerate(TEMPLATE)]
    progress = template_progress(TEMPLATE, rows)
    assert progress.next_item is None
    assert progress.count(Progress.IN_PROGRESS) == len(TEMPLATE)


def _template(name: str, industry: str, size: str, geography: str = "") -> TemplateData:
    values = TemplateValues(name, industry=industry, size_band=size, geography=geography)
    return TemplateData(f"file:{name}", None, name, values)


def test_suggest_by_industry_then_size() -> None:
    templates = [
        _template("Retail any size", "Retail", ""),
        _template("Retail SMB", "Retail", "SMB"),
        _template("Retail enterprise", "Retail", "Enterprise"),
        _template("Banks", "Financial services", "SMB"),
    ]
    assert suggest_template(templates, "retail", "SMB").name == "Retail SMB"
    assert suggest_template(templates, "Retail", "Mid-market").name == "Retail any size"
    assert suggest_template(templates[2:], "Retail", "Mid-market").name == "Retail enterprise"
    assert suggest_template(templates, "Healthcare", "SMB") is None
    assert suggest_template(templates, "", "SMB") is None


def test_suggest_prefers_the_geography_on_a_tie() -> None:
    templates = [
        _template("B Europe", "Retail", "SMB", "Europe"),
        _template("A Americas", "Retail", "SMB", "North America"),
    ]
    assert suggest_template(templates, "Retail", "SMB", "Europe").name == "B Europe"
    assert suggest_template(templates, "Retail", "SMB").name == "A Americas"


def test_reorder_within_a_step_and_between_steps() -> None:
    layout = [(1, R, 0), (2, R, 1), (3, R, 2), (4, E, 0)]
    assert reorder(layout, 3, R, 0) == {3: (R, 0), 1: (R, 1), 2: (R, 2)}
    assert reorder(layout, 1, E, 1) == {1: (E, 1), 2: (R, 0), 3: (R, 1)}
    assert reorder(layout, 4, D, 99) == {4: (D, 0)}
    assert reorder(layout, 2, R, 1) == {}
    with pytest.raises(ValidationError):
        reorder(layout, 9, R, 0)
