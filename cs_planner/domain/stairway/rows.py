"""What the stairway reads: an account's use cases, the figures read off them, and the
template library, as frozen rows (never ORM objects).

Steps climb from remediation to disruption; within a step use cases keep their ``position``
(0, 1, 2...). A use case counts as a success only when it is *adopted*: live is a milestone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from cs_planner.domain.enums import StairStep, UseCaseStatus

STEPS = tuple(StairStep)
STATUSES = tuple(UseCaseStatus)
DONE = UseCaseStatus.ADOPTED
LIVE_OR_BETTER = frozenset({UseCaseStatus.LIVE, UseCaseStatus.ADOPTED})
# "Started": someone qualified it at least; an identified use case is still only an idea.
STARTED = frozenset(STATUSES[1:-1])


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

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]  # row.title...: values
        if name in EDIT_FIELDS:
            return getattr(self.values, name)
        raise AttributeError(name)


@dataclass(frozen=True)
class StepSummary:
    step: StairStep
    count: int = 0
    adopted: int = 0
    value: float = 0.0  # annual value of all the step's use cases
    value_adopted: float = 0.0  # of the adopted ones: value realised


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


@dataclass(frozen=True)
class CsaMetrics:
    csa_id: int
    name: str
    accounts: int  # accounts served, by ``csa_review.SERVED_RULE`` (as on the scorecard)
    metrics: RoadmapMetrics


# --- templates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateUseCaseData:
    step: StairStep
    title: str
    problem: str = ""
    usage_metric: str = ""
    typical_value: float = 0.0


@dataclass(frozen=True)
class TemplateValues:
    """What a user edits on a template (and what a file holds)."""

    name: str
    industry: str = ""
    size_band: str = ""
    geography: str = ""
    growth_rate: str = ""
    main_challenge: str = ""
    description: str = ""
    use_cases: tuple[TemplateUseCaseData, ...] = ()


PERSONA_FIELDS = ("industry", "size_band", "geography", "growth_rate", "main_challenge")


@dataclass(frozen=True)
class TemplateData:
    """One template of the library, from a file or from the portfolio."""

    key: str  # "db:<id>" or "file:<file name>": stable while the library is shown
    template_id: int | None  # the portfolio's row, None for a file not used yet
    source: str  # the shipped file it came from, "" for one made by a user
    values: TemplateValues

    @property
    def name(self) -> str:
        return self.values.name

    @property
    def use_cases(self) -> tuple[TemplateUseCaseData, ...]:
        return self.values.use_cases

    @property
    def persona(self) -> str:
        """'Logistics · Enterprise · North America': how the template is told apart."""
        v = self.values
        return " · ".join(p for p in (v.industry, v.size_band, v.geography) if p)

    @property
    def origin(self) -> str:
        if self.template_id is None:
            return "Shipped"
        return "Shipped, adapted in this portfolio" if self.source else "Made in this portfolio"


@dataclass(frozen=True)
class TemplateProblem:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass(frozen=True)
class Library:
    templates: list[TemplateData] = field(default_factory=list)
    problems: list[TemplateProblem] = field(default_factory=list)

    def get(self, key: str | None) -> TemplateData | None:
        return next((t for t in self.templates if t.key == key), None)

    def by_id(self, template_id: int | None) -> TemplateData | None:
        if template_id is None:
            return None
        return next((t for t in self.templates if t.template_id == template_id), None)


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
    progress: TemplateProgress | None = None  # against ``template``
