"""An account's stairway (use-case roadmap): read models, the rules of progress, and edits.

Steps climb from remediation to disruption; within a step use cases keep their ``position``
(0, 1, 2...). A use case counts as a success only when it is *adopted*: live is a milestone.
Progress against a template matches the account's use cases to the template's by title.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from cs_planner.domain.accounts.rules import geography_label
from cs_planner.domain.csa_review import read_scorecard
from cs_planner.domain.enums import StairStep, TeamRole, UseCaseStatus
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    Account,
    Division,
    Geography,
    Stakeholder,
    TeamMember,
    UseCase,
)
from cs_planner.domain.quarters import add_quarters
from cs_planner.domain.stairway_templates import (
    Library,
    TemplateData,
    TemplateUseCaseData,
    TemplateValues,
    install,
    title_key,
)

STEPS = tuple(StairStep)
STATUSES = tuple(UseCaseStatus)
DONE = UseCaseStatus.ADOPTED
LIVE_OR_BETTER = frozenset({UseCaseStatus.LIVE, UseCaseStatus.ADOPTED})
# "Started": someone qualified it at least; an identified use case is still only an idea.
STARTED = frozenset(STATUSES[1:-1])
# How each status is shown in the app and in workbooks: grey while an idea, warming up as
# work starts, green once adopted (the one status that counts as success).
STATUS_COLOURS = {
    UseCaseStatus.IDENTIFIED: "#8d8d8d",
    UseCaseStatus.QUALIFIED: "#5c6bc0",
    UseCaseStatus.PLANNED: "#1e88e5",
    UseCaseStatus.IMPLEMENTING: "#f9a825",
    UseCaseStatus.LIVE: "#00897b",
    UseCaseStatus.ADOPTED: "#2e7d32",
}


@dataclass(frozen=True)
class UseCaseValues:
    """What a user edits on a use case (step and position move with ``move_use_case``)."""

    title: str
    problem: str = ""
    status: UseCaseStatus = UseCaseStatus.IDENTIFIED
    division_id: int | None = None
    geography_id: int | None = None
    target_quarter: dt.date | None = None
    users_targeted: int = 0
    users_reached: int = 0
    usage_metric: str = ""
    annual_value: float = 0.0
    acv_uplift: float = 0.0
    champion_id: int | None = None
    csa_id: int | None = None
    notes: str = ""


EDIT_FIELDS = tuple(f.name for f in fields(UseCaseValues))


@dataclass(frozen=True)
class UseCaseRow:
    id: int
    step: StairStep
    position: int
    values: UseCaseValues
    division: str = ""
    geography: str = ""
    champion: str = ""
    csa: str = ""

    def __getattr__(self, name: str):  # row.title, row.status...: read through to values
        if name in EDIT_FIELDS:
            return getattr(self.values, name)
        raise AttributeError(name)


def list_use_cases(session: Session, account_id: int) -> list[UseCaseRow]:
    """The account's use cases in stairway order, with the names they point at (one query)."""
    champion, csa = aliased(Stakeholder), aliased(TeamMember)
    rows = session.execute(
        select(
            *(getattr(UseCase, name) for name in ("id", "step", "position", *EDIT_FIELDS)),
            Division.name.label("division"),
            Geography.region,
            Geography.country,
            champion.name.label("champion"),
            csa.name.label("csa"),
        )
        .outerjoin(Division, Division.id == UseCase.division_id)
        .outerjoin(Geography, Geography.id == UseCase.geography_id)
        .outerjoin(champion, champion.id == UseCase.champion_id)
        .outerjoin(csa, csa.id == UseCase.csa_id)
        .where(UseCase.account_id == account_id)
    ).all()
    result = [
        UseCaseRow(
            id=r.id,
            step=r.step,
            position=r.position,
            values=UseCaseValues(**{name: getattr(r, name) for name in EDIT_FIELDS}),
            division=r.division or "",
            geography=geography_label(r.region, r.country) if r.region else "",
            champion=r.champion or "",
            csa=r.csa or "",
        )
        for r in rows
    ]
    return sorted(result, key=lambda u: (STEPS.index(u.step), u.position, u.id))


# --- rules --------------------------------------------------------------------------------


def is_overdue(target_quarter: dt.date | None, status: UseCaseStatus, today: dt.date) -> bool:
    """The target quarter has ended and the use case is not live yet."""
    if target_quarter is None or status in LIVE_OR_BETTER:
        return False
    return add_quarters(target_quarter, 1) <= today


@dataclass(frozen=True)
class StepSummary:
    step: StairStep
    count: int = 0
    adopted: int = 0
    value: float = 0.0  # annual value of all the step's use cases
    value_adopted: float = 0.0  # of the adopted ones: value realised


def step_summaries(rows: Iterable[UseCaseRow]) -> list[StepSummary]:
    """Count, adopted and value per step, every step present."""
    totals = {step: [0, 0, 0.0, 0.0] for step in STEPS}
    for row in rows:
        t = totals[row.step]
        t[0] += 1
        t[2] += row.annual_value
        if row.status == DONE:
            t[1] += 1
            t[3] += row.annual_value
    return [StepSummary(step, *totals[step]) for step in STEPS]


@dataclass(frozen=True)
class RoadmapMetrics:
    """The CSA metrics read off a roadmap: successes, their reach and their value."""

    use_cases: int = 0
    live: int = 0  # live, not yet adopted
    adopted: int = 0
    users_reached: int = 0  # by adopted use cases
    value_realized: float = 0.0

    @property
    def users_per_use_case(self) -> float | None:
        return self.users_reached / self.adopted if self.adopted else None


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


class Progress:
    DONE = "done"
    IN_PROGRESS = "in progress"
    NOT_STARTED = "not started"


@dataclass(frozen=True)
class TemplateItem:
    case: TemplateUseCaseData
    state: str  # a Progress value
    use_case_id: int | None  # the account's matching use case


@dataclass(frozen=True)
class TemplateProgress:
    items: list[TemplateItem] = field(default_factory=list)
    next_item: TemplateItem | None = None

    def count(self, state: str) -> int:
        return sum(1 for i in self.items if i.state == state)

    def state_of(self, use_case_id: int) -> str | None:
        return next((i.state for i in self.items if i.use_case_id == use_case_id), None)


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


def _layout(session: Session, account_id: int) -> list[tuple[int, StairStep, int]]:
    query = select(UseCase.id, UseCase.step, UseCase.position).where(
        UseCase.account_id == account_id
    )
    return [(r.id, r.step, r.position) for r in session.execute(query)]


def set_layout(session: Session, layout: Layout) -> Layout:
    """Put use cases at the given (step, position); returns where they were (for undo)."""
    rows = {u.id: u for u in session.scalars(select(UseCase).where(UseCase.id.in_(layout)))}
    if len(rows) != len(layout):
        raise ValidationError("A use case on this stairway no longer exists.")
    before = {i: (rows[i].step, rows[i].position) for i in layout}
    for row_id, (step, position) in layout.items():
        rows[row_id].step, rows[row_id].position = step, position
    session.flush()
    return before


def move_use_case(
    session: Session, account_id: int, use_case_id: int, step: StairStep, index: int
) -> Layout:
    """Move a use case to ``step`` at ``index``; returns the old places for undo."""
    return set_layout(session, reorder(_layout(session, account_id), use_case_id, step, index))


# --- edits ----------------------------------------------------------------------------------


def _assign(session: Session, use_case: UseCase, values: UseCaseValues) -> None:
    if values.csa_id is not None:
        person = session.get(TeamMember, values.csa_id)
        if person is None:
            raise ValidationError("That team member no longer exists.", "csa_id")
        if person.role != TeamRole.CSA:
            raise ValidationError(f"{person.name} is not a CSA.", "csa_id")
    for name in EDIT_FIELDS:
        value = getattr(values, name)
        setattr(use_case, name, value.strip() if isinstance(value, str) else value)


def next_position(session: Session, account_id: int, step: StairStep) -> int:
    last = session.scalar(
        select(func.max(UseCase.position)).where(
            UseCase.account_id == account_id, UseCase.step == step
        )
    )
    return 0 if last is None else last + 1


def new_use_case(
    session: Session, account_id: int, step: StairStep, values: UseCaseValues
) -> UseCase:
    """A use case at the end of ``step`` (added to the session; the caller flushes)."""
    if session.get(Account, account_id) is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    use_case = UseCase(
        account_id=account_id, step=step, position=next_position(session, account_id, step)
    )
    _assign(session, use_case, values)
    session.add(use_case)
    return use_case


def update_use_case(session: Session, use_case_id: int, values: UseCaseValues) -> UseCaseValues:
    """Change a use case; returns its values as they were (for undo)."""
    use_case = session.get(UseCase, use_case_id)
    if use_case is None:
        raise ValidationError("That use case no longer exists (it may have been deleted).")
    before = UseCaseValues(**{name: getattr(use_case, name) for name in EDIT_FIELDS})
    _assign(session, use_case, values)
    session.flush()
    return before


@dataclass(frozen=True)
class Applied:
    """What applying a template did, so that undo can take it back."""

    template_id: int
    installed: bool  # the template's row was created from its file by this apply
    previous_template_id: int | None
    added: tuple[int, ...]


def missing_use_cases(
    template: TemplateData, rows: Iterable[UseCaseRow]
) -> list[TemplateUseCaseData]:
    """The template's use cases the account does not have yet (matched by title)."""
    have = {title_key(r.title) for r in rows}
    return [c for c in template.use_cases if title_key(c.title) not in have]


def apply_template(session: Session, account_id: int, template: TemplateData) -> Applied:
    """Add the template's use cases the account lacks, as identified ideas at the end of
    their steps, and make it the account's template. Applying again adds nothing."""
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    previous = account.stairway_template_id
    template_id = install(session, template)
    added = []
    for case in missing_use_cases(template, list_use_cases(session, account_id)):
        use_case = new_use_case(
            session,
            account_id,
            case.step,
            UseCaseValues(
                title=case.title,
                problem=case.problem,
                usage_metric=case.usage_metric,
                annual_value=case.typical_value,
            ),
        )
        session.flush()
        added.append(use_case.id)
    account.stairway_template_id = template_id
    session.flush()
    return Applied(template_id, template.template_id is None, previous, tuple(added))


def template_from_roadmap(
    session: Session, account_id: int, name: str, description: str = ""
) -> TemplateValues:
    """A template of the account's roadmap, with the account's persona (not yet stored)."""
    account = session.get(Account, account_id)
    if account is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    cases = tuple(
        TemplateUseCaseData(r.step, r.title, r.problem, r.usage_metric, r.annual_value)
        for r in list_use_cases(session, account_id)
    )
    if not cases:
        raise ValidationError(
            f"{account.name} has no use cases yet: add some before saving its roadmap as a "
            "template.",
            "use_cases",
        )
    return TemplateValues(
        name=name,
        industry=account.industry,
        size_band=account.size_band,
        geography=account.hq_geography,
        growth_rate=account.growth_rate,
        main_challenge=account.main_challenge,
        description=description,
        use_cases=cases,
    )


# --- what the Stairway tab shows ----------------------------------------------------------


@dataclass(frozen=True)
class StairwayData:
    account_id: int
    account_name: str
    rows: list[UseCaseRow]
    library: Library
    template: TemplateData | None  # the account's own, or the suggested one
    template_chosen: bool  # False: suggested from the persona
    persona: tuple[str, str, str]  # industry, size band, HQ geography

    @property
    def progress(self) -> TemplateProgress | None:
        if self.template is None:
            return None
        return template_progress(self.template.use_cases, self.rows)


def account_template(
    session: Session, account_id: int, lib: Library
) -> tuple[TemplateData | None, bool, tuple[str, str, str]]:
    row = session.execute(
        select(
            Account.stairway_template_id, Account.industry, Account.size_band, Account.hq_geography
        ).where(Account.id == account_id)
    ).one_or_none()
    if row is None:
        raise ValidationError("That account no longer exists (it may have been deleted).")
    persona = (row.industry or "", row.size_band or "", row.hq_geography or "")
    chosen = lib.by_id(row.stairway_template_id)
    if chosen is not None:
        return chosen, True, persona
    return suggest_template(lib.templates, *persona), False, persona


def load_stairway(session: Session, account_id: int, lib: Library) -> StairwayData:
    template, chosen, persona = account_template(session, account_id, lib)
    name = session.scalar(select(Account.name).where(Account.id == account_id)) or ""
    return StairwayData(
        account_id=account_id,
        account_name=name,
        rows=list_use_cases(session, account_id),
        library=lib,
        template=template,
        template_chosen=chosen,
        persona=persona,
    )


# --- CSA metrics across the portfolio -----------------------------------------------------


@dataclass(frozen=True)
class CsaMetrics:
    csa_id: int
    name: str
    accounts: int  # accounts served, by ``csa_review.SERVED_RULE`` (as on the scorecard)
    metrics: RoadmapMetrics


def csa_metrics(session: Session) -> list[CsaMetrics]:
    """Per CSA, over every account: use cases owned, adopted ones, their users and value;
    read off the CSAs page's scorecard, so both count the same accounts and use cases."""
    return [
        CsaMetrics(
            row.csa_id,
            row.csa,
            row.accounts_served,
            RoadmapMetrics(
                use_cases=row.use_cases,
                live=row.live,
                adopted=row.use_cases_adopted,
                users_reached=row.users_reached,
                value_realized=row.value_realized,
            ),
        )
        for row in read_scorecard(session)
    ]
