"""The stairway's rules, pure (no session): what is overdue, the figures per step and per
roadmap, progress against a template and the next use case to recommend, the template
that fits a persona, and where use cases sit after one is moved.

Progress against a template matches the account's use cases to the template's by title.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from cs_planner.domain.enums import StairStep, UseCaseStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.quarters import add_quarters
from cs_planner.domain.stairway.rows import (
    DONE,
    LIVE_OR_BETTER,
    STARTED,
    STEPS,
    Progress,
    RoadmapMetrics,
    StepSummary,
    TemplateData,
    TemplateItem,
    TemplateProgress,
    TemplateUseCaseData,
    UseCaseRow,
)


def title_key(title: str) -> str:
    """How use-case titles are matched: case and spacing do not matter."""
    return " ".join(title.split()).casefold()


def is_overdue(target_quarter: dt.date | None, status: UseCaseStatus, today: dt.date) -> bool:
    """The target quarter has ended and the use case is not live yet."""
    if target_quarter is None or status in LIVE_OR_BETTER:
        return False
    return add_quarters(target_quarter, 1) <= today


def step_summaries(rows: Iterable[UseCaseRow]) -> list[StepSummary]:
    """Count, adopted and value per step, every step present."""
    counts = {step: [0, 0] for step in STEPS}
    values = {step: [0.0, 0.0] for step in STEPS}
    for row in rows:
        counts[row.step][0] += 1
        values[row.step][0] += row.annual_value
        if row.status == DONE:
            counts[row.step][1] += 1
            values[row.step][1] += row.annual_value
    return [StepSummary(step, *counts[step], *values[step]) for step in STEPS]


def roadmap_metrics(rows: Iterable[UseCaseRow]) -> RoadmapMetrics:
    rows = list(rows)
    adopted = [r for r in rows if r.status == DONE]
    return RoadmapMetrics(
        use_cases=len(rows),
        live=sum(1 for r in rows if r.status == UseCaseStatus.LIVE),
        adopted=len(adopted),
        users_reached=sum(r.users_reached for r in adopted),
        value_realized=sum(r.annual_value for r in adopted),
    )


def progress_state(status: UseCaseStatus | None) -> str:
    if status == DONE:
        return Progress.DONE
    if status in STARTED or status == UseCaseStatus.LIVE:
        return Progress.IN_PROGRESS
    return Progress.NOT_STARTED  # not on the roadmap, or only identified


def template_progress(
    template_cases: Sequence[TemplateUseCaseData], rows: Iterable[UseCaseRow]
) -> TemplateProgress:
    """Which template use cases are done, in progress or not started, and the next one to
    recommend: the first not-started use case on the lowest step that still has one.
    A step whose remaining use cases are all under way is being climbed already, so the
    recommendation looks further up rather than pointing at work in hand."""
    by_title = {title_key(r.title): r for r in rows}
    items = []
    for case in template_cases:
        match = by_title.get(title_key(case.title))
        state = progress_state(match.status if match else None)
        items.append(TemplateItem(case, state, match.id if match else None))
    ordered = sorted(enumerate(items), key=lambda pair: (STEPS.index(pair[1].case.step), pair[0]))
    next_item = next((i for _, i in ordered if i.state == Progress.NOT_STARTED), None)
    return TemplateProgress(items, next_item)


def suggest_template(
    templates: Sequence[TemplateData], industry: str, size_band: str, geography: str = ""
) -> TemplateData | None:
    """The template whose persona fits the account best: the industry must match; then the
    same size band beats a template for any size, which beats another size; then geography."""

    def same(a: str, b: str) -> bool:
        return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()

    def misfit(template: TemplateData) -> tuple[float, str]:
        v = template.values
        size = 2.0 if same(v.size_band, size_band) else (1.0 if not v.size_band else 0.0)
        near = bool(geography.strip()) and geography.strip().casefold() in v.geography.casefold()
        return (-(size + (0.5 if near else 0.0)), template.name.casefold())

    candidates = [t for t in templates if same(t.values.industry, industry)]
    return min(candidates, key=misfit, default=None)


def missing_use_cases(
    template: TemplateData, rows: Iterable[UseCaseRow]
) -> list[TemplateUseCaseData]:
    """The template's use cases the account does not have yet (matched by title)."""
    have = {title_key(r.title) for r in rows}
    return [c for c in template.use_cases if title_key(c.title) not in have]


def check_template_use_cases(use_cases: Sequence[TemplateUseCaseData]) -> None:
    """A template needs use cases, each with a title, no title twice."""
    if not use_cases:
        raise ValidationError("A template needs at least one use case.", "use_cases")
    seen: set[str] = set()
    for case in use_cases:
        if not case.title.strip():
            raise ValidationError("Every use case of a template needs a title.", "use_cases")
        if title_key(case.title) in seen:
            raise ValidationError(
                f"The use case '{case.title.strip()}' appears twice in the template.", "use_cases"
            )
        seen.add(title_key(case.title))


# --- order on the stairway ------------------------------------------------------------------

Layout = dict[int, tuple[StairStep, int]]


def reorder(
    rows: Sequence[tuple[int, StairStep, int]], moved: int, step: StairStep, index: int
) -> Layout:
    """Where every use case sits after ``moved`` goes to ``step`` at ``index`` (0 = first;
    past the end = last). Positions are renumbered 0, 1, 2... on every step; only the
    entries that change are returned."""
    columns: dict[StairStep, list[int]] = {s: [] for s in STEPS}
    for row_id, row_step, _position in sorted(rows, key=lambda r: (STEPS.index(r[1]), r[2], r[0])):
        if row_id != moved:
            columns[row_step].append(row_id)
    if moved not in {r[0] for r in rows}:
        raise ValidationError("That use case is not on this stairway any more.")
    target = columns[step]
    target.insert(max(0, min(index, len(target))), moved)
    before = {r[0]: (r[1], r[2]) for r in rows}
    after = {i: (s, n) for s, ids in columns.items() for n, i in enumerate(ids)}
    return {i: place for i, place in after.items() if before[i] != place}
